"""Adjudication steps are commands: one transaction each, undone and redone exactly."""
import sqlite3

import pytest

from annotator.core.adjudication_commands import (
    AcceptIntoGold,
    PutBack,
    RejectCluster,
    Withdraw,
    new_gold_copies,
)
from annotator.core.commands import ChangeSpan, CommandFailed, History
from annotator.core.layers import GOLD
from annotator.core.model import ContractError, Document, make_span
from annotator.store import Project

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."


@pytest.fixture
def team(tmp_path):
    path = tmp_path / "team.annotator"
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT), [
        make_span(TEXT, 0, 34, "claim", annotator="ana", speaker="minister"),
        make_span(TEXT, 4, 34, "claim", annotator="bo"),
        make_span(TEXT, 40, 73, "denial", annotator="bo"),
    ])
    yield project, doc, History(project), path
    project.close()


def version(project, doc, annotator):
    return [s for s in project.spans(doc.id) if s.annotator == annotator]


def committed(path, table="spans"):
    """What another connection sees: only committed rows."""
    with sqlite3.connect(path) as other:
        if table == "spans":
            return other.execute('SELECT start, "end", label, annotator FROM spans '
                                 "WHERE annotator = 'gold' ORDER BY start").fetchall()
        return other.execute('SELECT start, "end", verdict FROM decisions').fetchall()


def test_accepting_copies_a_version_into_gold_and_undo_and_redo_keep_its_ids(team):
    project, doc, history, path = team
    accept = history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")))
    assert committed(path) == [(4, 34, "claim", GOLD), (40, 73, "denial", GOLD)]
    ids = accept.span_ids
    assert len(ids) == 2 and accept.span_id == ids[0]
    history.undo()
    assert committed(path) == []
    history.redo()
    assert sorted(s.id for s in version(project, doc, GOLD)) == sorted(ids)


def test_a_gold_copy_keeps_the_attribution_of_the_version(team):
    project, doc, history, _ = team
    history.run(AcceptIntoGold(doc.id, version(project, doc, "ana")))
    (gold,) = version(project, doc, GOLD)
    assert (gold.start, gold.end, gold.label, gold.speaker) == (0, 34, "claim", "minister")


def test_spans_gold_already_holds_are_not_copied_again(team):
    project, doc, history, path = team
    history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")[:1]))
    again = history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")))
    assert len(again.created) == 1  # only the denial was new
    assert committed(path) == [(4, 34, "claim", GOLD), (40, 73, "denial", GOLD)]
    with pytest.raises(CommandFailed, match="gold already holds it"):
        history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")))
    assert len(version(project, doc, GOLD)) == 2


def test_new_gold_copies_leaves_out_duplicates_among_the_versions_too(team):
    project, doc, _, _ = team
    spans = version(project, doc, "bo") + version(project, doc, "bo")
    assert [(c.start, c.end, c.annotator) for c in new_gold_copies(spans, [])] == [
        (4, 34, GOLD), (40, 73, GOLD)]


def test_rejecting_records_a_decision_that_undo_takes_away_and_redo_restores(team):
    project, doc, history, path = team
    reject = history.run(RejectCluster(doc.id, 40, 73, annotator="lead"))
    assert committed(path, "decisions") == [(40, 73, "rejected")]
    assert reject.decision.annotator == "lead" and reject.span_ids == ()
    history.undo()
    assert committed(path, "decisions") == []
    history.redo()
    assert project.decisions(doc.id) == [reject.decision]


def test_reopening_withdraws_gold_and_decisions_as_one_edit(team):
    project, doc, history, path = team
    history.run(AcceptIntoGold(doc.id, version(project, doc, "ana")))
    history.run(RejectCluster(doc.id, 40, 73))
    gold, decisions = version(project, doc, GOLD), project.decisions(doc.id)
    history.run(Withdraw(doc.id, gold, decisions))
    assert committed(path) == [] and committed(path, "decisions") == []
    history.undo()
    assert version(project, doc, GOLD) == gold and project.decisions(doc.id) == decisions
    assert isinstance(Withdraw(doc.id, gold, decisions).inverse(), PutBack)


def test_an_edited_gold_span_is_undone_back_to_its_copy_before_the_accept_is(team):
    project, doc, history, path = team
    accept = history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")[:1]))
    history.run(ChangeSpan(accept.span_id, {"end": 26}))
    history.undo()  # the edge
    history.undo()  # the accept
    assert committed(path) == []


def test_undo_of_an_accept_is_refused_when_another_program_changed_the_gold_span(team):
    project, doc, history, path = team
    accept = history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")[:1]))
    with sqlite3.connect(path) as other:
        other.execute("UPDATE spans SET label = 'quote' WHERE id = ?", [accept.span_id])
    with pytest.raises(CommandFailed, match="changed in another program"):
        history.undo()
    assert committed(path) == [(4, 34, "quote", GOLD)]
    assert not history.can_undo()


def test_redo_of_a_rejection_is_refused_when_its_id_was_taken_meanwhile(team):
    _, doc, history, path = team
    reject = history.run(RejectCluster(doc.id, 40, 73))
    history.undo()
    with sqlite3.connect(path) as other:
        other.execute("INSERT INTO decisions (id, document_id, start, \"end\", verdict, created) "
                      "VALUES (?, ?, 0, 3, 'rejected', 'x')", [reject.decision.id, doc.id])
    with pytest.raises(ContractError, match="cannot be put back"):
        history.redo()
    assert committed(path, "decisions") == [(0, 3, "rejected")]


def test_a_decision_outside_the_text_is_refused_and_nothing_is_written(team):
    _, doc, history, path = team
    with pytest.raises(ContractError, match="not within"):
        history.run(RejectCluster(doc.id, 40, 400))
    with pytest.raises(CommandFailed, match="no document"):
        history.run(RejectCluster(doc.id + 1, 0, 3))
    assert committed(path, "decisions") == [] and not history.can_undo()


def test_accepting_into_a_new_document_begins_it_and_undo_makes_it_new_again(team):
    """The lead's document may be new though it holds the annotators' spans: the gold
    spans begin it, as any first span of one's own does, and their undo takes that back."""
    project, doc, history, path = team
    project.set_status(doc.id, "new")
    history.run(AcceptIntoGold(doc.id, version(project, doc, "bo")))
    assert project.document_status(doc.id) == "in-progress"
    history.undo()
    assert (committed(path), project.document_status(doc.id)) == ([], "new")
    history.redo()
    assert project.document_status(doc.id) == "in-progress"
    history.undo()
    history.redo()
    project.set_status(doc.id, "done")
    history.undo()  # a status set on purpose stays
    assert project.document_status(doc.id) == "done"


def gold_said(project, doc):
    return [(s.start, s.end, s.label, s.speaker) for s in version(project, doc, GOLD)]


def test_accepting_another_speaker_replaces_gold_at_that_place_in_one_undoable_step(team):
    project, doc, history, path = team
    project.add_span(doc.id, make_span(TEXT, 0, 34, "claim", annotator="cy", speaker="envoy"))
    history.run(AcceptIntoGold(doc.id, version(project, doc, "ana")[:1]))
    (held,) = version(project, doc, GOLD)
    accept = history.run(AcceptIntoGold(doc.id, version(project, doc, "cy")))
    assert gold_said(project, doc) == [(0, 34, "claim", "envoy")]
    assert accept.replaced == [held]
    history.undo()
    assert version(project, doc, GOLD) == [held], "gold's own span, id and all, is back"
    history.redo()
    assert gold_said(project, doc) == [(0, 34, "claim", "envoy")]
    assert [s.id for s in version(project, doc, GOLD)] == list(accept.span_ids)


def test_versions_of_one_span_naming_two_speakers_are_not_accepted_together(team):
    project, doc, history, path = team
    project.add_span(doc.id, make_span(TEXT, 0, 34, "claim", annotator="cy", speaker="envoy"))
    both = version(project, doc, "ana")[:1] + version(project, doc, "cy")
    with pytest.raises(CommandFailed, match="differ in attribution at characters 0–34"):
        history.run(AcceptIntoGold(doc.id, both))
    assert committed(path) == [] and not history.can_undo()
