"""Every edit is a command with undo; each apply is committed before it returns."""
import sqlite3

import pytest

from annotator.core.commands import ChangeSpan, CreateSpan, DeleteSpan, History, SetStatus
from annotator.core.model import ContractError, Document, make_span
from annotator.store import Project

TEXT = "The envoy said 😀 \"we will not sign\".\r\nOfficials denied it."


@pytest.fixture
def setup(tmp_path):
    project = Project.open(tmp_path / "p.annotator")
    doc = project.add_document(Document(text=TEXT, title="t"))
    yield project, doc, History(project), tmp_path / "p.annotator"
    project.close()


def committed_status(path, document_id):
    with sqlite3.connect(path) as other:
        return other.execute("SELECT status FROM documents WHERE id = ?", [document_id]).fetchone()[0]


def committed_spans(path):
    """What another connection sees: only committed rows."""
    with sqlite3.connect(path) as other:
        return other.execute('SELECT start, "end", label, text FROM spans ORDER BY id').fetchall()


def test_create_change_delete_each_commit_and_undo_and_redo(setup):
    project, doc, history, path = setup
    create = history.run(CreateSpan(doc.id, make_span(TEXT, 15, 16, "quote")))
    assert committed_spans(path) == [(15, 16, "quote", "😀")]
    span_id = create.created.id
    history.run(ChangeSpan(span_id, {"start": 17, "end": 36, "label": "claim"}))
    assert committed_spans(path) == [(17, 36, "claim", '"we will not sign".')]
    history.run(ChangeSpan(span_id, {"speaker": "the envoy", "cue": "said"}))
    history.run(DeleteSpan(span_id))
    assert committed_spans(path) == []

    history.undo()  # the delete
    assert project.get_span(span_id).speaker == "the envoy"
    history.undo()  # the attribution
    assert project.get_span(span_id).speaker == ""
    history.undo()  # the resize + relabel
    assert committed_spans(path) == [(15, 16, "quote", "😀")]
    history.undo()  # the creation
    assert committed_spans(path) == []
    assert not history.can_undo()

    for _ in range(4):
        history.redo()
    assert committed_spans(path) == []
    history.undo()
    assert project.get_span(span_id).speaker == "the envoy"


def test_a_new_edit_clears_redo(setup):
    project, doc, history, _ = setup
    history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    history.undo()
    history.run(CreateSpan(doc.id, make_span(TEXT, 4, 9, "claim")))
    assert not history.can_redo()


def test_a_command_breaking_the_offset_contract_changes_nothing(setup):
    project, doc, history, path = setup
    span = history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim"))).created
    with pytest.raises(ContractError):
        history.run(ChangeSpan(span.id, {"end": len(TEXT) + 5}))
    with pytest.raises(ContractError, match="unknown label"):
        history.run(ChangeSpan(span.id, {"label": "rumour"}))
    assert committed_spans(path) == [(0, 3, "claim", "The")]
    history.undo()
    assert committed_spans(path) == []


def test_first_span_marks_document_in_progress(setup):
    project, doc, history, _ = setup
    assert project.document(doc.id).status == "new"
    history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    assert project.document(doc.id).status == "in-progress"


def test_undoing_the_first_span_puts_the_document_back_to_new_and_redo_starts_it_again(setup):
    project, doc, history, path = setup
    history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    history.run(CreateSpan(doc.id, make_span(TEXT, 4, 9, "claim")))  # no status of its own to move
    history.undo()
    assert committed_status(path, doc.id) == "in-progress"  # the first span is still there
    history.undo()  # in one transaction with the span's removal: both are committed
    assert (committed_spans(path), committed_status(path, doc.id)) == ([], "new")
    history.redo()
    assert committed_status(path, doc.id) == "in-progress"
    history.redo()
    history.undo()
    assert committed_status(path, doc.id) == "in-progress"


def test_a_status_set_on_purpose_is_never_changed_by_undoing_a_span_edit(setup):
    project, doc, history, path = setup
    history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    project.set_status(doc.id, "done")  # another window, after this one's edit
    history.undo()
    assert (committed_spans(path), committed_status(path, doc.id)) == ([], "done")
    project.set_status(doc.id, "skipped")
    history.redo()
    assert committed_status(path, doc.id) == "skipped"


def test_undo_and_redo_go_back_through_a_status_set_in_the_same_history(setup):
    project, doc, history, path = setup
    history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    history.run(SetStatus(doc.id, "done"))
    history.undo()
    assert committed_status(path, doc.id) == "in-progress"
    history.undo()
    assert committed_status(path, doc.id) == "new"
    history.redo()
    history.redo()
    assert committed_status(path, doc.id) == "done"


def test_a_span_in_a_document_already_begun_moves_no_status(setup):
    project, doc, history, path = setup
    project.set_status(doc.id, "done")
    create = history.run(CreateSpan(doc.id, make_span(TEXT, 0, 3, "claim")))
    assert create.status_move is None and committed_status(path, doc.id) == "done"
    history.run(DeleteSpan(create.created.id))  # deleting the last span is no undo: it stays begun
    history.undo()
    history.undo()
    assert committed_status(path, doc.id) == "done"
