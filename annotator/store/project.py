"""The project file: one SQLite database, written with sqlite-utils.

Every public method that changes something runs in one transaction that is
committed before it returns (nested calls become savepoints), so a crash loses
nothing that a caller was told is saved.

Reads go straight to the sqlite3 connection (``conn``); writes go through
sqlite-utils (``db``), which is imported when first needed: opening a project
whose schema is current and showing it needs none of it, and importing it is
about a sixth of the window's start-up.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from itertools import groupby
from operator import itemgetter
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..core.model import (DEFAULT_LABELS, ContractError, Document, Label, Span,
                          check_span_against, check_status, now_iso, trusted,
                          trusted_rows)
from ..core.layers import GOLD
from .adjudication import AdjudicationDecisions
from .errors import project_error, translated
from .open_here import note_closed, note_opened
from .schema import enable_recursive_triggers, schema_is_current
from .opening import (ProjectError, inspect_existing, require_undamaged, require_writable,
                      refuse_what_is_no_database, require_writable_folder)

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000
# Taking the write lock waits BUSY_TIMEOUT_MS each time; after this many tries the
# edit is refused with a message instead of freezing the program for ever.
BUSY_ATTEMPTS = 3
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
DOCUMENT_FIELDS = ("title", "text", "source", "url", "author", "published",
                   "metadata", "sha256", "status", "created", "updated")
SPAN_ATTRIBUTES = ("speaker", "target", "cue", "note", "annotator")
SPAN_FIELDS = tuple(f.name for f in fields(Span))
SPAN_COLUMNS = ", ".join(f'"{name}"' for name in SPAN_FIELDS)
_DOCUMENT_ID = SPAN_FIELDS.index("document_id")
_DOCUMENT_KEYS = ("id", *DOCUMENT_FIELDS)


class Project(AdjudicationDecisions):  # decisions: store/adjudication.py
    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path
        self.closed = False
        # so that nothing in this program reads the file with open() meanwhile
        self._open_key = note_opened(path) if path is not None else None
        self._db: Database | None = None  # sqlite-utils over conn, made on first write
        # sqlite-utils sets this on every connection it wraps: set from the start, so
        # that the connection behaves the same before it is wrapped and after
        enable_recursive_triggers(conn)
        self._seen_version = self._data_version()  # see changed_elsewhere()

    @property
    def db(self) -> "Database":
        """sqlite-utils over this project's connection, for writing and migrating.

        Made (and sqlite-utils imported) on first use. The window asks for it once it
        has painted (ui/main_window.py), so that a first edit does not wait either.
        """
        if self._db is None:
            from .light_import import import_sqlite_utils
            import_sqlite_utils()
            from sqlite_utils import Database
            # no sqlite-utils plugins: they are not ours to run on a project, and
            # looking for them reads every installed package's metadata
            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def prepare_writer(self) -> None:
        """Import sqlite-utils now rather than at the first write (see db)."""
        _ = self.db

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> "Project":
        path = Path(path)
        refuse_what_is_no_database(path)  # an article in a read-only folder: not its mode
        require_writable_folder(path)
        state = inspect_existing(path)
        if state == "new" and not create:
            raise ProjectError(f"{path}: no such project")
        require_writable(path)
        if state == "project":
            require_undamaged(path)
        created = not path.exists()
        connection = project = None
        try:
            if state == "new":
                path.parent.mkdir(parents=True, exist_ok=True)
            connection = _connect(path)
            project = cls(connection, path)
            project._prepare(new=state == "new")
        except (sqlite3.Error, OSError, ProjectError) as error:
            if project is not None:
                project.close()
            elif connection is not None:
                connection.close()
            if created:  # a project that could not be set up is not left half-made
                _remove_with_journals(path)
            raise _opening_error(path, error) from None
        return project

    @classmethod
    def in_memory(cls) -> "Project":
        project = cls(sqlite3.connect(":memory:"), None)
        project._prepare(new=True)
        return project

    def _prepare(self, new: bool) -> None:
        # (sqlite3 opens no transaction for a PRAGMA, and these cannot run in one)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self.path is not None:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
        if not schema_is_current(self.conn):
            from .migrations import migrations
            migrations.apply(self.db)
        if new:
            with self.transaction():
                self._insert_default_labels()
        self._seen_version = self._data_version()  # switching to WAL changed it

    def close(self) -> None:
        if not self.closed:
            note_closed(self._open_key)
        self.closed = True
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator["Project"]:
        """One write transaction (see _write_transaction). A failure of the disk or the
        file (full, read-only, damaged) becomes a ProjectError saying so, after the
        rollback: nothing of the transaction is kept."""
        with translated(self.path), self._write_transaction():
            yield self

    @contextmanager
    def _write_transaction(self) -> Iterator["Project"]:
        """One write transaction, committed on leaving; nested calls are savepoints.

        It starts with BEGIN IMMEDIATE, not sqlite-utils' plain (deferred) BEGIN: a
        deferred transaction that reads and then writes after another program committed
        fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT), whatever the
        busy timeout. Taking the write lock first makes every read inside see the
        latest commit, and makes a writer wait its turn instead of failing.
        """
        if self.conn.in_transaction:
            with self.db.atomic():  # a savepoint inside the caller's transaction
                yield self
            return
        self._begin_writing()
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            if not _is_busy(error):
                raise
            raise self._busy_error(error) from None

    def _begin_writing(self) -> None:
        for _attempt in range(BUSY_ATTEMPTS):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                last_error = error
        raise self._busy_error(last_error)

    def _busy_error(self, error: sqlite3.OperationalError) -> ProjectError:
        where = self.path if self.path is not None else "the project"
        return ProjectError(f"{where}: the project is busy in another program: {error}; "
                            "nothing was changed. Try again once the other program "
                            "(an import, another window) has finished.")

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another program, window or import thread) has
        committed since the last call (or since opening); this project's own commits
        do not count. One small query (PRAGMA data_version), cheap enough to poll."""
        version = self._data_version()
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _query(self, sql: str, params: list | tuple = ()) -> Iterator[dict]:
        """Rows as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row)) for row in cursor)

    def _data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    # -- labels ------------------------------------------------------------
    def labels(self) -> list[Label]:
        rows = self._query("SELECT * FROM labels ORDER BY position, name")
        return [Label(**row) for row in rows]

    def label_names(self) -> list[str]:
        return [label.name for label in self.labels()]

    def add_label(self, label: Label) -> None:
        with self.transaction():
            self.db["labels"].insert(_label_row(label))

    def _insert_default_labels(self) -> None:
        if not self.conn.execute("SELECT count(*) FROM labels").fetchone()[0]:
            self.db["labels"].insert_all(_label_row(label) for label in DEFAULT_LABELS)

    # -- documents ---------------------------------------------------------
    def add_document(self, document: Document, spans: Iterable[Span] = ()) -> Document:
        """Store a new document with its spans, all or nothing."""
        spans = list(spans)
        for span in spans:
            check_span_against(document.text, span)
        stamp = now_iso()
        row = _document_row(document, created=stamp, updated=stamp)
        if spans and document.status == "new":
            row["status"] = "in-progress"
        with self.transaction():
            doc_id = self.db["documents"].insert(row).last_pk
            for span in spans:
                self._insert_span(doc_id, span, stamp)
        return self.document(doc_id)

    def document(self, doc_id: int) -> Document:
        rows = list(self._query("SELECT * FROM documents WHERE id = ?", [doc_id]))
        if not rows:
            raise KeyError(f"no document {doc_id}")
        return _document_from_row(rows[0])

    def document_by_sha(self, sha256: str) -> Document | None:
        rows = list(self._query("SELECT * FROM documents WHERE sha256 = ?", [sha256]))
        return _document_from_row(rows[0]) if rows else None

    def documents(self, statuses: Iterable[str] | None = None) -> Iterator[Document]:
        where, params = _status_filter(statuses)
        for row in self._query(f"SELECT * FROM documents {where} ORDER BY id", params):
            yield _document_from_row(row)

    def documents_with_spans(self, statuses: Iterable[str] | None = None
                             ) -> Iterator[tuple[Document, list[Span]]]:
        """Every document (of these statuses) with its spans in text order, in two
        queries walked side by side, not one query per document."""
        where, params = _status_filter(statuses)
        documents = self.conn.execute(
            f"SELECT id, {', '.join(DOCUMENT_FIELDS)} FROM documents {where} ORDER BY id", params)
        spans = self.conn.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE document_id IN "
            f"(SELECT id FROM documents {where}) ORDER BY document_id, start, \"end\", id", params)
        by_document = groupby(spans, key=itemgetter(_DOCUMENT_ID))
        group = next(by_document, None)
        for values in documents:
            row_values = dict(zip(_DOCUMENT_KEYS, values))
            row_values["metadata"] = json.loads(row_values["metadata"])
            document = trusted(Document, row_values)
            if group is not None and group[0] == document.id:
                yield document, trusted_rows(Span, SPAN_FIELDS, group[1])
                group = next(by_document, None)
            else:
                yield document, []

    def document_count(self, statuses: Iterable[str] | None = None) -> int:
        where, params = _status_filter(statuses)
        return self.conn.execute(f"SELECT count(*) FROM documents {where}", params).fetchone()[0]

    def count_documents_with_spans(self) -> int:
        return self.conn.execute("SELECT count(DISTINCT document_id) FROM spans").fetchone()[0]

    def adjacent_document_id(self, doc_id: int, step: int) -> int | None:
        """The next (step > 0) or previous document in the project's order."""
        if step > 0:
            sql = "SELECT min(id) FROM documents WHERE id > ?"
        else:
            sql = "SELECT max(id) FROM documents WHERE id < ?"
        return self.conn.execute(sql, [doc_id]).fetchone()[0]

    def first_document_id(self) -> int | None:
        row = self.conn.execute("SELECT min(id) FROM documents").fetchone()
        return row[0]

    def document_status(self, doc_id: int) -> str:
        """A document's status, without reading its text."""
        row = self.conn.execute("SELECT status FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return row[0]

    def set_status(self, doc_id: int, status: str) -> None:
        check_status(status)
        with self.transaction():
            self.db.execute("UPDATE documents SET status = ?, updated = ? WHERE id = ?",
                            [status, now_iso(), doc_id])

    # -- spans (the SpanRepository the edit commands use) -------------------
    def spans(self, doc_id: int) -> list[Span]:
        cursor = self.conn.execute(
            f'SELECT {SPAN_COLUMNS} FROM spans WHERE document_id = ? ORDER BY start, "end", id',
            [doc_id])
        return [trusted(Span, dict(zip(SPAN_FIELDS, row))) for row in cursor]

    def emptied_layers(self, doc_id: int) -> set[str]:
        """The annotators whose every span in a document was deleted here (recorded by a
        trigger, migration 0007): their layer is there, empty."""
        return {row[0] for row in self.conn.execute(
            "SELECT annotator FROM emptied_layers WHERE document_id = ?", [doc_id])}

    def spans_starting(self, doc_id: int, before: int | None = None,
                       at_or_after: int | None = None) -> list[Span]:
        """Spans of a document whose start lies in a range, unordered (to load in parts)."""
        where, params = ["document_id = ?"], [doc_id]
        if before is not None:
            where.append("start < ?")
            params.append(before)
        if at_or_after is not None:
            where.append("start >= ?")
            params.append(at_or_after)
        cursor = self.conn.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE {' AND '.join(where)}",
                                   params)
        return [trusted(Span, dict(zip(SPAN_FIELDS, row))) for row in cursor]

    def document_text(self, doc_id: int) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise KeyError(f"no document {doc_id}")
        return row[0]

    def span_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM spans").fetchone()[0]

    def _check_span(self, document_id: int, span: Span) -> None:
        """``check_span_against`` the document's text, without reading all of it into
        Python (2 ms and a megabyte for a long article, on every edit): SQLite compares
        the span's stretch of it. Any doubt (a span that does not match, a text that
        SQLite reads otherwise, as one with a NUL character) is settled by the full check,
        which raises the one message, or KeyError when there is no such document."""
        if self._text_between(document_id, span.start, span.end) != span.text:
            check_span_against(self.document_text(document_id), span)

    def _text_between(self, document_id: int, start, end) -> str | None:
        """``text[start:end]`` of a document, read by SQLite; None when in doubt (bounds
        that are not a stretch of the text, no such document). SQLite counts code points
        in UTF-8 as Python indexes a str, but stops at a NUL character: a stretch that
        comes back shorter than asked is such a doubt."""
        if type(start) is not int or type(end) is not int or not 0 <= start < end:
            return None
        row = self.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                [start + 1, end - start, document_id]).fetchone()
        if row is None or not isinstance(row[0], str) or len(row[0]) != end - start:
            return None
        return row[0]

    def add_span(self, document_id: int, span: Span) -> Span:
        self._check_span(document_id, span)
        self._check_label(span.label)
        with self.transaction():
            span_id = self._insert_span(document_id, span, now_iso())
            self.db.execute(
                "UPDATE documents SET status = 'in-progress', updated = ? "
                "WHERE id = ? AND status = 'new'", [now_iso(), document_id])
        return self.get_span(span_id)

    def add_spans(self, document_id: int, spans: Iterable[Span]) -> int:
        """Add several spans to an existing document in one transaction."""
        text = self.document_text(document_id)
        spans = list(spans)
        for span in spans:
            check_span_against(text, span)
        stamp = now_iso()
        with self.transaction():
            for span in spans:
                self._insert_span(document_id, span, stamp)
            if spans:
                self.db.execute(
                    "UPDATE documents SET status = 'in-progress', updated = ? "
                    "WHERE id = ? AND status = 'new'", [stamp, document_id])
        return len(spans)

    def get_span(self, span_id: int) -> Span:
        rows = list(self._query("SELECT * FROM spans WHERE id = ?", [span_id]))
        if not rows:
            raise KeyError(f"no span {span_id}")
        return _span_from_row(rows[0])

    def remove_span(self, span_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM spans WHERE id = ?", [span_id])

    def restore_span(self, span: Span) -> Span:
        """Put back a span that was removed, with its id and times (undo of a delete)."""
        self._check_span(span.document_id, span)
        self._check_label(span.label)  # it may have been removed since, elsewhere
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM spans WHERE id = ?", [span.id]).fetchone():
                # ids are reused: another program may have added a span since the removal
                raise ContractError(f"span {span.id} cannot be put back: its id now belongs "
                                    "to a span added in another program")
            row = _span_row(span, span.document_id)
            row.update(id=span.id, created=span.created, updated=span.updated)
            self.db["spans"].insert(row)
        return self.get_span(span.id)

    def change_span(self, span_id: int, **changes) -> Span:
        old = self.get_span(span_id)
        if "start" in changes or "end" in changes:
            start, end = changes.get("start", old.start), changes.get("end", old.end)
            between = self._text_between(old.document_id, start, end)
            changes["text"] = between if between is not None else \
                self.document_text(old.document_id)[start:end]
        new = old.with_changes(**changes)
        self._check_span(old.document_id, new)
        self._check_label(new.label)
        with self.transaction():
            row = _span_row(new, old.document_id)
            row["updated"] = now_iso()
            self.db["spans"].update(span_id, row)
        return self.get_span(span_id)

    def _insert_span(self, doc_id: int, span: Span, stamp: str) -> int:
        row = _span_row(span, doc_id)
        row.update(created=span.created or stamp, updated=span.updated or stamp)
        return self.db["spans"].insert(row).last_pk

    def _check_label(self, name: str) -> None:
        if name not in self.label_names():
            raise ContractError(f"unknown label {name!r}")

    def distinct_values(self, column: str) -> list[str]:
        """Values of a span attribute used in the project, most used first (for completion)."""
        if column not in SPAN_ATTRIBUTES:
            raise ValueError(f"not a span attribute: {column}")
        rows = self.conn.execute(
            f"SELECT {column}, count(*) AS n FROM spans WHERE {column} != '' "
            f"GROUP BY {column} ORDER BY n DESC, {column}")
        return [row[0] for row in rows]

    # -- statistics and settings --------------------------------------------
    def counts_by_status(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, count(*) FROM documents GROUP BY status")
        return dict(rows.fetchall())

    def counts_by_label(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT label, count(*) FROM spans GROUP BY label")
        return dict(rows.fetchall())

    def export_preview(self, statuses: Iterable[str] | None = None,
                       labels: Iterable[str] | None = None,
                       annotators: Iterable[str] | None = None,
                       sources: Iterable[str] | None = None,
                       since: str | None = None, until: str | None = None,
                       adjudicated: bool = False) -> tuple[int, dict[str, int]]:
        """What an export with these filters would hold: the number of documents, and
        their spans per label that pass the label and annotator filters. ``adjudicated``:
        only documents with a gold span or a decision (a gold layer export leaves the
        others out, annotator/exporting/gold_review.py).

        SQL only, no texts loaded, so that a dialog can ask on every keystroke. The rules
        are those of annotator/exporting/selection.py: None means no filter, dates compare
        the first ten characters of ``published`` as ISO text and an empty date fails both
        bounds, and a document whose spans are all filtered out still counts.
        """
        where, params = [], []

        def member_of(column: str, values: Iterable[str] | None) -> list[str]:
            if values is None:
                return []
            values = list(values)
            params.extend(values)
            return [f"{column} IN ({', '.join('?' for _ in values)})"]

        published = "substr(d.published, 1, 10)"
        where += member_of("d.status", None if statuses is None else map(check_status, statuses))
        where += member_of("d.source", sources)
        for bound, operator in ((since, ">="), (until, "<=")):
            if bound:
                where.append(f"{published} != '' AND {published} {operator} ?")
                params.append(bound)
        if adjudicated:
            where.append("(EXISTS (SELECT 1 FROM spans g WHERE g.document_id = d.id AND "
                         "g.annotator = ?) OR EXISTS (SELECT 1 FROM decisions j "
                         "WHERE j.document_id = d.id))")
            params.append(GOLD)
        documents = " AND ".join(where) or "1"
        count = self.conn.execute(f"SELECT count(*) FROM documents d WHERE {documents}",
                                  params).fetchone()[0]
        where += member_of("s.label", labels) + member_of("s.annotator", annotators)
        rows = self.conn.execute(
            f"SELECT s.label, count(*) FROM spans s JOIN documents d ON d.id = s.document_id "
            f"WHERE {' AND '.join(where) or '1'} GROUP BY s.label", params)
        return count, dict(rows.fetchall())

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting; one that already has this value is not written again (the
        window records the open document each time it opens one)."""
        if self.setting(key) == value:
            return
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED, with any extended code (e.g. BUSY_SNAPSHOT)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "locked" in str(error) or "busy" in str(error)
    return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)


def _opening_error(path: Path, error: Exception) -> ProjectError:
    if isinstance(error, ProjectError):
        return error
    if isinstance(error, OSError):
        return ProjectError(f"{path}: cannot create the project ({error.strerror or error})")
    return project_error(error, path) or ProjectError(f"{path}: cannot open the project ({error})")


def _remove_with_journals(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)


def _status_filter(statuses: Iterable[str] | None) -> tuple[str, list]:
    if statuses is None:
        return "", []
    statuses = [check_status(s) for s in statuses]
    marks = ", ".join("?" for _ in statuses)
    return f"WHERE status IN ({marks})", statuses


def _label_row(label: Label) -> dict:
    return {"name": label.name, "colour": label.colour, "key": label.key,
            "description": label.description, "position": label.position}


def _document_row(doc: Document, created: str, updated: str) -> dict:
    return {"title": doc.title, "text": doc.text, "source": doc.source, "url": doc.url,
            "author": doc.author, "published": doc.published,
            "metadata": json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True),
            "sha256": doc.sha256, "status": doc.status,
            "created": doc.created or created, "updated": doc.updated or updated}


def _document_from_row(row: dict) -> Document:
    values = {name: row[name] for name in DOCUMENT_FIELDS}
    values["metadata"] = json.loads(values["metadata"])
    return trusted(Document, {"id": row["id"], **values})


def _span_row(span: Span, doc_id: int) -> dict:
    row = {"document_id": doc_id, "start": span.start, "end": span.end,
           "label": span.label, "text": span.text}
    row.update({name: getattr(span, name) or "" for name in SPAN_ATTRIBUTES})
    return row


def _span_from_row(row: dict) -> Span:
    return trusted(Span, {name: row[name] for name in SPAN_FIELDS})
