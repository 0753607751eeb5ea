"""The project schema as named, append-only migrations (sqlite-utils Migrations).

Never edit or reorder a migration that has shipped: add a new one. Opening an
older project applies the ones it lacks; a project that records a migration we
do not know comes from a newer annotator and is refused (see project.py).
"""
from __future__ import annotations

from .light_import import import_sqlite_utils

import_sqlite_utils()  # before the imports below: see light_import.py

from sqlite_utils import Database  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

from .schema import APPLICATION_ID, MIGRATION_SET  # noqa: E402

# Each step's name is also listed in schema.STEPS, which opening a project reads
# without importing sqlite-utils.
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _INITIAL_SCHEMA:
        db.execute(statement)
    db["documents"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)


_INITIAL_SCHEMA = [
    """CREATE TABLE labels (
        name TEXT PRIMARY KEY,
        colour TEXT NOT NULL,
        key TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}',
        sha256 TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'in-progress', 'done', 'skipped')),
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
    "CREATE INDEX documents_status ON documents(status)",
    "CREATE INDEX documents_source ON documents(source)",
    """CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL CHECK (start >= 0),
        "end" INTEGER NOT NULL CHECK ("end" > start),
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
        text TEXT NOT NULL,
        speaker TEXT NOT NULL DEFAULT '',
        target TEXT NOT NULL DEFAULT '',
        cue TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        annotator TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
    "CREATE INDEX spans_document ON spans(document_id, start)",
    "CREATE INDEX spans_label ON spans(label)",
    "CREATE INDEX spans_speaker ON spans(speaker)",
    "CREATE INDEX spans_annotator ON spans(annotator)",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]




@migrations(name="0002_document_sort_indexes")
def document_sort_indexes(db: Database) -> None:
    # the document list sorts and filters by date and title
    db.execute("CREATE INDEX IF NOT EXISTS documents_published ON documents(published)")
    db.execute("CREATE INDEX IF NOT EXISTS documents_title ON documents(title)")


@migrations(name="0003_span_browser_indexes")
def span_browser_indexes(db: Database) -> None:
    # The annotation browser filters spans by label, speaker or annotator and lists
    # them in document order; each index gives both, so a page is read in index order
    # instead of sorting every match. They replace the one-column indexes, which they
    # cover (same first column).
    for column in ("label", "speaker", "annotator"):
        db.execute(f"CREATE INDEX IF NOT EXISTS spans_{column}_position "
                   f"ON spans({column}, document_id, start)")
        db.execute(f"DROP INDEX IF EXISTS spans_{column}")
    # sorting by span text (the concordance's keyword order), letter case ignored
    db.execute("CREATE INDEX IF NOT EXISTS spans_text_position "
               "ON spans(text COLLATE NOCASE, document_id, start)")


@migrations(name="0004_document_order_index")
def document_order_index(db: Database) -> None:
    # The document list in project order (by id) skips to row 90,000 or counts the
    # rows before a document. On the table itself that walks every row, texts and
    # all; this index holds only the ids, about a hundred times fewer pages.
    db.execute("CREATE INDEX IF NOT EXISTS documents_order ON documents(id)")


@migrations(name="0005_adjudication_decisions")
def adjudication_decisions(db: Database) -> None:
    # The lead's decisions that leave no gold span behind ("nothing here goes to gold");
    # accepted versions need no row: the gold spans are the record (core/decisions.py).
    # AUTOINCREMENT: an undone rejection comes back with its id, which no other row took
    db.execute("""CREATE TABLE IF NOT EXISTS decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('rejected')),
        annotator TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX IF NOT EXISTS decisions_document ON decisions(document_id)")


@migrations(name="0006_span_ids_never_reused")
def span_ids_never_reused(db: Database) -> None:
    # Undo puts a deleted span back under its own id, so that later commands in the
    # history still find it. Without AUTOINCREMENT SQLite hands a freed id to the next
    # span added (by an import, another window), and that undo had to be refused; the
    # crash harness met it in 4 of 200 scripted sessions. The table is rebuilt with the
    # same columns and rows; sqlite_sequence starts above the highest id in use.
    create = _span_table_statement().replace("CREATE TABLE spans (", "CREATE TABLE spans_new (")
    create = create.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,")
    db.execute(create)
    db.execute("INSERT INTO spans_new SELECT * FROM spans")
    db.execute("DROP TABLE spans")
    db.execute("ALTER TABLE spans_new RENAME TO spans")
    for statement in SPAN_INDEXES:
        db.execute(statement)


@migrations(name="0007_emptied_layers")
def emptied_layers(db: Database) -> None:
    # A merge takes a colleague's spans into a document only where this project has no
    # layer of theirs (importing/layers.py). A layer whose last span was deleted here
    # (by its annotator in a shared project, by the lead, by a replace from their
    # newer file) has no spans left, yet it is there: empty. Without this record an
    # old copy of it in a third person's file counted as new and brought the deleted
    # spans back. A trigger notes it, so every way of deleting (an edit, an undo,
    # removing a label, a replace) is covered, and adding spans costs nothing more.
    db.execute("""CREATE TABLE IF NOT EXISTS emptied_layers (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator TEXT NOT NULL,
        emptied TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator)
    )""")
    for event, old_layer_left in (
            ("DELETE", "1"),
            ("UPDATE OF annotator, document_id",
             "(OLD.annotator IS NOT NEW.annotator OR OLD.document_id IS NOT NEW.document_id)")):
        name = "spans_layer_emptied_by_" + event.split()[0].lower()
        db.execute(f"""CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON spans
            WHEN {old_layer_left}
              AND NOT EXISTS (SELECT 1 FROM spans
                              WHERE annotator = OLD.annotator AND document_id = OLD.document_id)
              AND EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id)
            BEGIN
              INSERT OR IGNORE INTO emptied_layers (document_id, annotator, emptied)
              VALUES (OLD.document_id, OLD.annotator, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
            END""")


SPAN_INDEXES = [
    "CREATE INDEX IF NOT EXISTS spans_document ON spans(document_id, start)",
    *(f"CREATE INDEX IF NOT EXISTS spans_{column}_position ON spans({column}, document_id, start)"
      for column in ("label", "speaker", "annotator")),
    "CREATE INDEX IF NOT EXISTS spans_text_position ON spans(text COLLATE NOCASE, document_id, start)",
]


def _span_table_statement() -> str:
    return next(s for s in _INITIAL_SCHEMA if s.startswith("CREATE TABLE spans ("))


def known_names() -> list[str]:
    """The names of the migrations defined here, in order (see schema.STEPS)."""
    return [m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))]
