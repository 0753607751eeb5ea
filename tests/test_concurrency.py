"""Two programs on one project at once: no lost writes, no "database is locked", and
a session that catches up with what the other program wrote without overwriting it."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.core.commands import CommandFailed, CreateSpan, History
from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.store import Project, ProjectError

REPO = Path(__file__).resolve().parents[1]
WORDS = " ".join(f"word{n}" for n in range(60))
IMPORTED_FILES = 200


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "shared.annotator"


@pytest.fixture
def two(path):
    """The same project file opened twice, as two programs would."""
    first = Project.open(path)
    second = Project.open(path)
    yield first, second
    first.close()
    second.close()


def word_span(text: str, n: int, label: str = "claim"):
    start = text.index(f"word{n} ") if f"word{n} " in text else text.index(f"word{n}")
    return make_span(text, start, start + len(f"word{n}"), label)


def session_on(project: Project, document_id: int) -> tuple[AnnotationSession, list]:
    session = AnnotationSession(project, "tester")
    heard = []
    session.subscribe(heard.append)
    session.open_document(document_id)
    session.load_rest()
    heard.clear()
    return session, heard


# -- the store ------------------------------------------------------------------------
def test_interleaved_read_then_write_transactions_never_find_the_project_locked(two):
    """Each transaction reads, then writes; with a deferred BEGIN the second writer
    to commit failed at once with SQLITE_BUSY_SNAPSHOT ("database is locked")."""
    errors, rounds = [], 60

    def work(project: Project, name: str) -> None:
        try:
            for n in range(rounds):
                with project.transaction():
                    seen = project.document_count()
                    project.add_document(Document(text=f"{name} {n} saw {seen}"))
        except (ProjectError, sqlite3.Error) as error:  # reported below, with the thread
            errors.append(f"{name}: {error!r}")

    # each worker opens its own connection: a connection stays in the thread that made it
    workers = [threading.Thread(target=_open_and_work, args=(two[0].path, name, work))
               for name in ("one", "two")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    texts = [document.text for document in two[0].documents()]
    assert len(texts) == 2 * rounds
    for name in ("one", "two"):
        assert {t.split(" saw ")[0] for t in texts if t.startswith(name)} == \
            {f"{name} {n}" for n in range(rounds)}


def _open_and_work(path: Path, name: str, work) -> None:
    project = Project.open(path)
    try:
        work(project, name)
    finally:
        project.close()


def test_a_writer_still_locked_out_after_the_timeout_gets_a_clear_message(two):
    first, second = two
    second.db.execute("PRAGMA busy_timeout = 20")  # the real wait is ten seconds a try
    with first.transaction():
        first.add_document(Document(text="the first program holds the write lock"))
        with pytest.raises(ProjectError, match="busy in another program") as refused:
            second.add_document(Document(text="the second must wait"))
    assert str(second.path) in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    assert not second.db.conn.in_transaction  # nothing half-written, nothing left open
    assert [d.text for d in second.documents()] == ["the first program holds the write lock"]
    second.add_document(Document(text="the second must wait"))  # free again: it works
    assert first.document_count() == 2


def test_changed_elsewhere_sees_other_commits_once_and_never_its_own(two):
    first, second = two
    assert not first.changed_elsewhere()  # opening the second connection wrote nothing
    first.add_document(Document(text="mine"))
    assert not first.changed_elsewhere()
    second.add_document(Document(text="theirs"))
    assert first.changed_elsewhere()
    assert not first.changed_elsewhere()  # until the next commit elsewhere
    assert second.changed_elsewhere()  # "mine" was committed after second opened


def test_a_nested_transaction_rolls_back_only_its_savepoint(two):
    first, _ = two
    with first.transaction():
        first.add_document(Document(text="kept"))
        with pytest.raises(ValueError), first.transaction():
            first.add_document(Document(text="rolled back"))
            raise ValueError("inner failure")
    assert [d.text for d in first.documents()] == ["kept"]


# -- a real second process ------------------------------------------------------------------
def test_a_command_line_import_and_a_session_write_at_once_and_lose_nothing(path, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(IMPORTED_FILES):
        (folder / f"article{n:03}.txt").write_text(f"Article {n}. {WORDS}\n", encoding="utf-8")
    project = Project.open(path)
    document = project.add_document(Document(text=WORDS, title="being annotated"))
    session, heard = session_on(project, document.id)
    importer = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(folder), "--project", str(path),
         "--quiet"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kept, removed = set(), set()

    def edit_round(n: int) -> None:
        made = session.label_selection(*_word_bounds(n % 60), "claim")
        other = session.label_selection(*_word_bounds((n + 7) % 60), "quote")
        session.select(made.id)
        session.delete_selected()
        kept.add(other.id)
        removed.add(made.id)

    rounds = 0
    while importer.poll() is None:
        edit_round(rounds)
        rounds += 1
    edit_round(rounds)  # and one after the import ended
    out, err = importer.communicate()
    assert importer.returncode == 0, err
    assert "locked" not in err + out
    assert [change for change in heard if change.kind == "refused"] == []
    assert {span.id for span in project.spans(document.id)} == kept
    assert not kept & removed
    imported = [d for d in project.documents() if d.id != document.id]
    assert {d.text.split(".")[0] for d in imported} == {f"Article {n}" for n in range(IMPORTED_FILES)}
    # the two programs really wrote at the same time: edits before and after the import's
    edited = [span.created for span in project.spans(document.id)]
    assert min(edited) < min(d.created for d in imported)
    assert max(edited) > max(d.created for d in imported)
    project.close()


def _word_bounds(n: int) -> tuple[int, int]:
    start = WORDS.index(f"word{n} ") if n < 59 else WORDS.index("word59")
    return start, start + len(f"word{n}")


# -- the session catches up ------------------------------------------------------------------
def test_refresh_shows_spans_and_documents_added_elsewhere_and_keeps_the_selection(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(1), "claim")
    heard.clear()
    assert not session.refresh()  # nothing changed elsewhere yet
    assert heard == []
    theirs = second.add_span(document.id, word_span(WORDS, 5, "quote"))
    second.add_document(Document(text="a document from elsewhere"))
    assert session.refresh()
    assert session.index.get(theirs.id) == theirs
    assert session.selected_id == mine.id
    assert [(c.kind, c.span_ids) for c in heard] == [("spans", (theirs.id,)), ("corpus", ())]
    assert session.counts()["quote"] == 1


def test_refresh_drops_a_span_deleted_elsewhere_and_its_selection(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(2), "claim")
    second.remove_span(mine.id)
    second.set_status(document.id, "done")
    assert session.refresh()
    assert mine.id not in session.index
    assert session.selected is None
    assert session.document.status == "done"
    assert [c.kind for c in heard[-4:]] == ["status", "spans", "selection", "corpus"]


def test_undo_of_a_span_deleted_elsewhere_is_refused_with_a_message(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(3), "claim")
    second.remove_span(mine.id)
    assert session.undo() is False
    refused = [c.message for c in heard if c.kind == "refused"]
    assert refused == [(f"Cannot undo label claim: no span {mine.id}; "
                        "it was probably deleted in another program.")]
    assert mine.id not in session.index  # the session read the project again
    assert not session.history.can_undo() and not session.history.can_redo()


def test_undo_does_not_overwrite_a_change_made_elsewhere(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(4), "claim")
    session.relabel("denial")
    second.change_span(mine.id, label="demand")  # the other program's edit wins
    assert session.undo() is False
    assert first.get_span(mine.id).label == "demand"
    assert session.selected.label == "demand"
    assert any("changed in another program" in c.message for c in heard if c.kind == "refused")
    # nor does undoing its making delete the span the other program has since relabelled
    assert session.undo() is False
    assert session.index.get(mine.id).label == "demand"
    assert not session.history.can_undo()


def test_undoing_a_delete_after_another_program_added_a_span_brings_it_back(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(6), "claim")
    session.delete_selected()
    theirs = second.add_span(document.id, word_span(WORDS, 9, "quote"))
    assert theirs.id != mine.id  # ids are never handed out twice (migration 0006)
    assert session.undo() is True
    assert first.get_span(mine.id).text == "word6"
    assert first.get_span(theirs.id) == theirs
    assert not [c for c in heard if c.kind == "refused"]


def test_an_undo_of_create_whose_span_another_program_deleted_is_refused(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    history = History(first)
    command = history.run(CreateSpan(document.id, word_span(WORDS, 10)))
    second.remove_span(command.span_id)
    theirs = second.add_span(document.id, word_span(WORDS, 20, "quote"))
    assert theirs.id != command.span_id
    with pytest.raises(CommandFailed, match="deleted in another program"):
        history.undo()
    assert first.get_span(theirs.id) == theirs
    assert not history.can_undo()


def test_an_undo_refused_because_the_project_is_busy_can_be_tried_again(two):
    first, second = two
    document = first.add_document(Document(text=WORDS))
    session, heard = session_on(first, document.id)
    mine = session.label_selection(*_word_bounds(11), "claim")
    first.db.execute("PRAGMA busy_timeout = 20")
    with second.transaction():  # another program is in the middle of a long write
        assert session.undo() is False
    assert "busy in another program" in next(c for c in heard if c.kind == "refused").message
    assert mine.id in session.index and session.history.can_undo()
    assert session.undo()  # the other program is done: the same undo now works
    assert mine.id not in session.index
