"""Project files that cannot be used as they are: refused or reported clearly, never changed.

Each refusal is checked byte for byte (sha256 of the file, and no journal left with
content beside it); a failed write is checked for what matters then: the earlier data
intact, the failed edit not half applied, the undo history still right.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.store import Project, ProjectError, opening
from annotator.store.errors import describe, needs_attention, translated

ARTICLE = "The minister denied the talks. Officials claimed success. " * 40


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journals(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]


def refused_untouched(path: Path, match: str) -> str:
    """Opening ``path`` is refused with a message matching ``match``; the file is as it was."""
    before = sha256(path)
    with pytest.raises(ProjectError, match=match) as refused:
        Project.open(path)
    assert sha256(path) == before
    wal = journals(path)[0]
    assert not wal.exists() or wal.stat().st_size == 0  # a reader may leave an empty one
    return str(refused.value)


def make_project(path: Path, documents: int = 30) -> list[tuple]:
    """A closed project with ``documents`` documents of one span each; their rows."""
    project = Project.open(path)
    for number in range(documents):
        text = f"{number}. {ARTICLE}"
        project.add_document(Document(text=text, title=f"Article {number}"),
                             [make_span(text, 0, 3, "claim")])
    rows = stored(project)
    project.close()
    return rows


def stored(project: Project) -> list[tuple]:
    return [(document.title, document.text, [(s.start, s.end, s.label, s.text) for s in spans])
            for document, spans in project.documents_with_spans()]


@pytest.fixture
def real_project(tmp_path) -> tuple[Path, list[tuple]]:
    path = tmp_path / "real.annotator"
    return path, make_project(path)


# -- files that are not (usable) projects -------------------------------------------------

@pytest.mark.parametrize(("content", "match"), [
    (b"just some notes\n", "not an annotator project"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not an annotator project"),
    (b"SQLite format 3\x00" + b"\xff" * 5000, "damaged"),
    (b"SQLite format 3\x00", "damaged"),
])
def test_a_file_that_is_not_a_sqlite_project_is_refused_untouched(tmp_path, content, match):
    path = tmp_path / "notes.annotator"
    path.write_bytes(content)
    refused_untouched(path, match)


def test_another_applications_database_is_refused_and_its_data_kept(tmp_path):
    path = tmp_path / "invoices.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
        conn.commit()
    message = refused_untouched(path, "another application")
    assert "invoices" in message and "left untouched" in message
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT * FROM invoices").fetchall() == [(1, 9.5)]


def test_a_project_of_a_newer_version_is_refused_and_still_opens_there(real_project):
    path, rows = real_project
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('annotator', '0999_from_the_future', 'later')")
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")  # everything in the main file
    message = refused_untouched(path, "newer version of annotator")
    assert "0999_from_the_future" in message and "update annotator" in message
    with closing(sqlite3.connect(path)) as conn:  # what a newer annotator would read
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == len(rows)


CUTS = {
    "the header only": lambda size, page: 100,
    "one page": lambda size, page: page,
    "two pages": lambda size, page: 2 * page,
    "inside the fourth page": lambda size, page: 3 * page + 17,
    "half": lambda size, page: size // 2 // page * page,
    "all but the last page": lambda size, page: size - page,
    "inside the last page": lambda size, page: size - page + 1,
    "all but one byte": lambda size, page: size - 1,
}


@pytest.mark.parametrize("cut", CUTS)
def test_a_truncated_project_is_refused_at_once(real_project, tmp_path, cut):
    """Cut anywhere, even inside the last page (where SQLite opens it and fails only
    when that page is read), a project is refused when opened, not after an edit."""
    path, rows = real_project
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    cut_copy = tmp_path / "cut.annotator"
    cut_copy.write_bytes(data[:CUTS[cut](len(data), page)])
    message = refused_untouched(cut_copy, "damaged|not an annotator project")
    assert str(cut_copy) in message
    with closing(Project.open(path)) as whole:  # the file it was cut from is fine
        assert stored(whole) == rows


def test_a_damaged_page_is_found_when_opening(real_project):
    path, _ = real_project
    spoil_a_spans_page(path)
    message = refused_untouched(path, "damaged")
    assert "Open a backup copy" in message


def test_a_damaged_page_in_a_large_project_is_reported_clearly_when_read(real_project,
                                                                          monkeypatch):
    """Above the quick-check size a damaged page opens; reading it then fails with a
    message a user can act on (the window shows it; see tests/ui/test_store_errors.py)."""
    path, _ = real_project
    spoil_a_spans_page(path)
    monkeypatch.setattr(opening, "QUICK_CHECK_LIMIT", 0)
    with closing(Project.open(path)) as project, pytest.raises(sqlite3.DatabaseError) as failure:
        stored(project)
    message = describe(failure.value, path)
    assert message.startswith(f"{path}: the project file is damaged")
    assert needs_attention(message)


def spoil_a_spans_page(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page
    data[start:start + page] = b"\xa5" * page  # no longer a b-tree page at all
    path.write_bytes(bytes(data))


# -- files and folders that cannot be written ----------------------------------------------

@pytest.fixture
def restore_modes():
    """chmod back whatever a test made read-only, so that tmp_path can be removed."""
    changed: list[tuple[Path, int]] = []

    def read_only(path: Path) -> None:
        changed.append((path, path.stat().st_mode))
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))

    yield read_only
    for path, mode in reversed(changed):
        path.chmod(mode)


def test_a_read_only_project_file_is_refused_untouched(real_project, restore_modes):
    """Works for root too: the mode bits are read, not only os.access()."""
    path, rows = real_project
    restore_modes(path)
    message = refused_untouched(path, "the project file is read-only")
    assert "chmod u+w" in message
    path.chmod(0o644)
    with closing(Project.open(path)) as project:
        assert stored(project) == rows


def test_a_project_in_a_read_only_folder_is_refused_untouched(real_project, restore_modes):
    path, _ = real_project
    restore_modes(path.parent)
    message = refused_untouched(path, "is read-only")
    assert f"the folder {path.parent}" in message and "-wal" in message
    assert not any(journal.exists() for journal in journals(path))


def test_a_new_project_is_not_created_in_a_read_only_folder(tmp_path, restore_modes):
    folder = tmp_path / "locked"
    folder.mkdir()
    restore_modes(folder)
    with pytest.raises(ProjectError, match="folder .*locked is read-only"):
        Project.open(folder / "new.annotator")
    assert list(folder.iterdir()) == []


def test_a_text_file_in_a_read_only_folder_is_said_to_be_no_project(tmp_path, restore_modes):
    """The folder's mode was blamed, as if making it writable would open the file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "crlf.txt"
    article.write_text("An article, not a project.\r\n", encoding="utf-8")
    restore_modes(folder)
    with pytest.raises(ProjectError, match="not an annotator project") as refused:
        Project.open(article)
    assert "read-only" not in str(refused.value)
    assert article.read_bytes() == b"An article, not a project.\r\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only file anyway")
def test_a_file_another_user_owns_is_refused(real_project, restore_modes):
    path, _ = real_project
    restore_modes(path)
    refused_untouched(path, "read-only")


# -- a full disk ----------------------------------------------------------------------------

def fill_to_the_brim(project: Project) -> None:
    """Simulate a full disk: no free page left, and the file may not grow. (SQLite's
    max_page_count holds for this connection only, and reports SQLITE_FULL exactly as a
    full disk does.)"""
    project.db.execute("VACUUM")
    pages = project.db.execute("PRAGMA page_count").fetchone()[0]
    project.db.execute(f"PRAGMA max_page_count = {pages}")


def room_again(project: Project) -> None:
    project.db.execute("PRAGMA max_page_count = 1073741823")


def files_of(path: Path) -> list[str | None]:
    return [sha256(name) if name.exists() else None for name in (path, *journals(path))]


def test_a_full_disk_refuses_the_write_with_a_clear_message(tmp_path):
    path = tmp_path / "full.annotator"
    project = Project.open(path)
    earlier = project.add_document(Document(text=ARTICLE, title="Earlier"))
    fill_to_the_brim(project)
    before, rows = files_of(path), stored(project)
    with pytest.raises(ProjectError) as refused:
        project.add_document(Document(text="A new article. " * 500, title="Later"))
    message = str(refused.value)
    assert message.startswith(f"{path}: the disk is full")
    assert "the last change was not saved" in message and "Free some disk space" in message
    assert refused.value.code == sqlite3.SQLITE_FULL and needs_attention(message)
    assert files_of(path) == before and stored(project) == rows
    room_again(project)  # space freed: the same write now goes through
    project.add_document(Document(text="A new article. " * 500, title="Later"))
    assert [d.title for d in project.documents()] == [earlier.title, "Later"]
    project.close()


def one_span_then_a_full_disk(path, document):
    """A session on ``document`` in a new project at ``path``, one claim labelled, then the
    disk filled; the refusals the session announces are collected."""
    project = Project.open(path)
    document = project.add_document(document)
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    refusals = []
    session.subscribe(lambda change: change.kind == "refused" and refusals.append(change.message))
    first = session.label_selection(0, 5, "claim")
    fill_to_the_brim(project)
    return project, document, session, refusals, first


def test_a_full_disk_during_an_edit_keeps_the_session_and_undo_history_right(tmp_path):
    path = tmp_path / "full.annotator"
    text = "Short start. " + ARTICLE * 3
    # begun already: undoing a new document's first span also changes its status, which
    # needs room (see the test after this one)
    project, document, session, refusals, first = one_span_then_a_full_disk(
        path, Document(text=text, status="in-progress"))
    before = files_of(path)

    assert session.label_selection(13, len(text), "quote") is None  # too big to fit
    assert len(refusals) == 1 and "the disk is full" in refusals[0]
    assert files_of(path) == before
    assert [s.id for s in session.index.in_order()] == [first.id]
    assert [s.id for s in project.spans(document.id)] == [first.id]

    assert session.undo()  # the edit before the failure is the one undone
    assert project.spans(document.id) == [] and len(session.index) == 0
    assert session.redo() and [s.id for s in project.spans(document.id)] == [first.id]
    room_again(project)
    assert session.label_selection(13, len(text), "quote") is not None
    assert len(project.spans(document.id)) == 2
    project.close()
    with closing(Project.open(path)) as again:  # and so it is in the file
        assert [s.label for s in again.spans(document.id)] == ["claim", "quote"]


def test_undoing_a_documents_first_span_on_a_full_disk_is_refused_whole_then_done(tmp_path):
    """The undo puts the document back to new in the same transaction as the span's
    removal, and a status change rewrites the document's row (and its search index
    entry), which a full disk has no room for: the undo is refused as one, span and
    status kept, and goes through once there is room."""
    path = tmp_path / "full.annotator"
    project, document, session, refusals, first = one_span_then_a_full_disk(
        path, Document(text="Short start. " + ARTICLE * 3))
    before = files_of(path)

    assert not session.undo()
    assert len(refusals) == 1 and "the disk is full" in refusals[0]
    assert files_of(path) == before
    assert [s.id for s in project.spans(document.id)] == [first.id]
    assert session.document.status == "in-progress" == project.document_status(document.id)
    assert session.history.can_undo()  # not dropped: it can be tried again
    room_again(project)
    assert session.undo()
    assert project.spans(document.id) == [] and project.document_status(document.id) == "new"
    assert session.document.status == "new"
    project.close()


def test_a_new_project_the_disk_cannot_hold_is_not_left_half_made(tmp_path, monkeypatch):
    from annotator.store.migrations import migrations
    real_apply = migrations.apply

    def apply_on_a_full_disk(db):
        db.execute("PRAGMA max_page_count = 1")  # the first table already needs a second page
        real_apply(db)

    monkeypatch.setattr(migrations, "apply", apply_on_a_full_disk)
    path = tmp_path / "new.annotator"
    with pytest.raises(ProjectError, match="the disk is full"):
        Project.open(path)
    assert list(tmp_path.iterdir()) == []


# -- one place maps SQLite's failures to messages ---------------------------------------------

def sqlite_failure(kind: str, tmp_path: Path) -> sqlite3.Error:
    """A real error of each kind, from SQLite itself."""
    path = tmp_path / "db.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    try:
        if kind == "full":
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("PRAGMA max_page_count = 2")
                conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
        elif kind == "readonly":
            with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
                conn.execute("INSERT INTO t VALUES (1)")
        elif kind == "notadb":
            path.write_bytes(b"not a database at all" * 100)
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("SELECT * FROM t")
        elif kind == "cantopen":
            sqlite3.connect(tmp_path / "missing" / "db.sqlite")
        elif kind == "busy":
            with closing(sqlite3.connect(path, isolation_level=None)) as holder, \
                    closing(sqlite3.connect(path, timeout=0)) as other:
                holder.execute("BEGIN EXCLUSIVE")
                other.execute("INSERT INTO t VALUES (1)")
        elif kind == "constraint":
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("CREATE TABLE u (x UNIQUE)")
                conn.execute("INSERT INTO u VALUES (1), (1)")
    except sqlite3.Error as error:
        return error
    raise AssertionError(f"no {kind} error happened")


@pytest.mark.parametrize(("kind", "words", "serious"), [
    ("full", "the disk is full", True),
    ("readonly", "cannot be written", True),
    ("notadb", "is damaged", True),
    ("cantopen", "cannot be opened", True),
    ("busy", "busy in another program", False),
])
def test_each_sqlite_failure_becomes_one_clear_message(tmp_path, kind, words, serious):
    error = sqlite_failure(kind, tmp_path)
    path = tmp_path / "p.annotator"
    with pytest.raises(ProjectError) as mapped, translated(path):
        raise error
    message = str(mapped.value)
    assert message.startswith(f"{path}: ") and words in message
    assert str(error) in message  # SQLite's own words, for whoever helps
    assert mapped.value.__cause__ is error
    assert needs_attention(message) is serious


def test_a_broken_rule_is_not_disguised_as_a_disk_problem(tmp_path):
    error = sqlite_failure("constraint", tmp_path)
    assert describe(error, tmp_path / "p.annotator") is None
    with pytest.raises(sqlite3.IntegrityError), translated(tmp_path / "p.annotator"):
        raise error

