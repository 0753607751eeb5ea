"""Adjudicating a document without Qt: accept, accept all, reject, reopen, undo, progress."""
from __future__ import annotations

import pytest

from annotator.adjudicating import Adjudication
from annotator.core.layers import GOLD, Layer
from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.store import Project

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."
#       0         1         2         3         4         5         6         7
#       01234567890123456789012345678901234567890123456789012345678901234567890123


def team_spans(text=TEXT):
    return [
        make_span(text, 0, 34, "claim", annotator="ana"),  # cluster 0: three versions
        make_span(text, 4, 34, "claim", annotator="bo", speaker="minister"),
        make_span(text, 0, 34, "claim", annotator="cy"),
        make_span(text, 40, 56, "denial", annotator="ana"),  # cluster 1: ana and bo agree
        make_span(text, 40, 56, "denial", annotator="bo"),
        make_span(text, 67, 73, "quote", annotator="cy"),  # cluster 2: cy alone
    ]


@pytest.fixture
def path(tmp_path):
    return tmp_path / "team.annotator"


@pytest.fixture
def lead(path):
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT, title="Team"), team_spans())
    session = AnnotationSession(project, "lead")
    changes = []
    session.subscribe(changes.append)
    session.open_document(doc.id)
    adjudication = Adjudication(session)
    adjudication.start()
    yield adjudication, changes
    project.close()


def gold(adjudication):
    spans = adjudication.session.project.spans(adjudication.session.document.id)
    return [(s.start, s.end, s.label) for s in spans if s.annotator == GOLD]


def shown_gold(adjudication):
    return sorted((s.start, s.end) for s in adjudication.session.index if s.annotator == GOLD)


def test_everyone_with_spans_is_compared_and_the_first_unsettled_cluster_is_current(lead):
    adjudication, _ = lead
    assert adjudication.annotators() == ["ana", "bo", "cy"]
    found = adjudication.clusters()
    assert [(c.start, c.end) for c in found] == [(0, 34), (40, 56), (67, 73)]
    assert adjudication.current == 0 and adjudication.progress() == (0, 3)
    assert adjudication.session.layer == Layer("all")


def test_accepting_a_version_copies_it_into_gold_and_moves_to_the_next_cluster(lead):
    adjudication, _ = lead
    message = adjudication.accept("bo")
    assert gold(adjudication) == [(4, 34, "claim")]
    assert message == "Accepted bo's version: 1 gold span"
    assert adjudication.current == 1 and adjudication.progress() == (1, 3)
    assert adjudication.session.selected.start == 40  # the next cluster's first span
    stored = adjudication.session.project.spans(adjudication.session.document.id)
    assert next(s for s in stored if s.annotator == GOLD).speaker == "minister"


def test_accept_all_takes_every_distinct_version_once(lead):
    adjudication, _ = lead
    adjudication.accept_all()
    assert gold(adjudication) == [(0, 34, "claim"), (4, 34, "claim")]  # ana and cy agree
    assert shown_gold(adjudication) == [(0, 34), (4, 34)]  # both are in the text view


def test_accepting_what_gold_holds_changes_nothing_and_adds_no_undo_step(lead):
    adjudication, _ = lead
    adjudication.accept("ana")
    adjudication.go_to(0)
    assert adjudication.accept("cy") == "Gold already holds that version"
    assert gold(adjudication) == [(0, 34, "claim")]
    adjudication.session.undo()
    assert gold(adjudication) == []


def test_a_silent_annotators_version_cannot_be_accepted(lead):
    adjudication, _ = lead
    adjudication.go_to(1)
    assert "cy marked nothing here" in adjudication.accept("cy")
    assert gold(adjudication) == []


def test_undo_and_redo_of_an_accept_go_through_the_sessions_history(lead):
    adjudication, changes = lead
    adjudication.accept_all()
    changes.clear()
    assert adjudication.session.undo()
    assert gold(adjudication) == [] and shown_gold(adjudication) == []
    assert "decisions" in [c.kind for c in changes]
    assert adjudication.progress() == (0, 3)
    adjudication.session.redo()
    assert shown_gold(adjudication) == [(0, 34), (4, 34)]


def test_rejecting_settles_a_cluster_with_nothing_in_gold_and_undo_reopens_it(lead):
    adjudication, _ = lead
    adjudication.go_to(2)
    assert adjudication.reject() == "Rejected: nothing here goes to gold"
    assert adjudication.clusters()[2].rejected and gold(adjudication) == []
    assert adjudication.progress() == (1, 3)
    adjudication.session.undo()
    assert not adjudication.clusters()[2].rejected
    adjudication.session.redo()
    assert adjudication.clusters()[2].rejected


def test_a_rejected_cluster_is_not_accepted_and_one_with_gold_is_not_rejected(lead):
    adjudication, _ = lead
    adjudication.advance = False
    adjudication.reject()
    assert "Rejected already" in adjudication.accept("ana")
    adjudication.go_to(1)
    adjudication.accept("ana")
    assert "Gold already holds spans here" in adjudication.reject()
    assert gold(adjudication) == [(40, 56, "denial")]


def test_reopening_takes_gold_and_rejection_out_in_one_undoable_step(lead):
    adjudication, _ = lead
    adjudication.advance = False
    adjudication.accept_all()
    assert adjudication.reopen() == "Reopened: decide again"
    assert gold(adjudication) == [] and not adjudication.cluster.settled
    adjudication.session.undo()
    assert gold(adjudication) == [(0, 34, "claim"), (4, 34, "claim")]
    assert adjudication.reopen() == "Reopened: decide again"
    adjudication.go_to(2)
    adjudication.reject()
    adjudication.reopen()
    assert adjudication.session.project.decisions(adjudication.session.document.id) == []


def test_accept_and_edit_shows_gold_with_the_new_span_selected_to_move_its_edges(lead):
    adjudication, _ = lead
    adjudication.accept_and_edit("bo")
    session = adjudication.session
    assert session.layer == Layer(GOLD)
    assert (session.selected.annotator, session.selected.start) == (GOLD, 4)
    assert adjudication.current == 0, "editing stays on the cluster"
    session.nudge("end", -1, by_word=True)
    assert gold(adjudication) == [(4, 29, "claim")]
    adjudication.next_unsettled()
    assert session.layer == Layer("all")


def test_accept_and_edit_takes_the_first_annotator_who_marked_something(lead):
    adjudication, _ = lead
    adjudication.go_to(2)
    adjudication.accept_and_edit()
    assert gold(adjudication) == [(67, 73, "quote")]


def test_next_unsettled_skips_settled_clusters_and_wraps_and_previous_stops_at_the_top(lead):
    adjudication, _ = lead
    adjudication.advance = False
    adjudication.go_to(1)
    adjudication.reject()
    adjudication.go_to(0)
    assert adjudication.next_unsettled() and adjudication.current == 2
    assert adjudication.next_unsettled() and adjudication.current == 0  # from the top again
    assert not adjudication.previous()
    adjudication.go_to(2)
    assert adjudication.previous() and adjudication.current == 1
    for index in (0, 2):
        adjudication.go_to(index)
        adjudication.reject()
    assert not adjudication.next_unsettled()


def test_stopping_brings_back_the_layer_shown_before(path):
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT), team_spans())
    session = AnnotationSession(project, "lead")
    session.open_document(doc.id)
    session.set_layer(Layer("annotator", "bo"))
    adjudication = Adjudication(session)
    adjudication.start()
    assert session.layer == Layer("all")
    adjudication.stop()
    assert session.layer == Layer("annotator", "bo")
    project.close()


def test_decisions_are_in_the_file_and_survive_reopening(lead, path):
    adjudication, _ = lead
    adjudication.accept("ana")
    adjudication.reject()  # the second cluster
    adjudication.session.project.close()
    project = Project.open(path)
    session = AnnotationSession(project, "lead")
    session.open_document(project.first_document_id())
    again = Adjudication(session)
    assert [c.settled for c in again.clusters()] == [True, True, False]
    assert again.current == 2, "the first unsettled cluster"
    assert again.clusters()[1].rejected
    project.close()


def test_the_corpus_progress_counts_documents_fully_settled(lead):
    adjudication, _ = lead
    project = adjudication.session.project
    other_text = "A claim here."
    project.add_document(Document(text=other_text), [
        make_span(other_text, 2, 7, "claim", annotator="ana"),
        make_span(other_text, 2, 7, "claim", annotator="bo")])
    project.add_document(Document(text="Only one annotator."), [
        make_span("Only one annotator.", 0, 4, "claim", annotator="ana")])
    assert adjudication.corpus_progress() == (0, 2)
    assert project.adjudication_progress()[adjudication.session.document.id] == (0, 3)
    adjudication.accept("ana")
    adjudication.accept("ana")
    adjudication.accept("cy")
    assert adjudication.progress() == (3, 3)
    assert adjudication.corpus_progress() == (1, 2)
    assert sorted(project.adjudication_progress().values()) == [(0, 1), (3, 3)]


def test_a_chosen_pair_is_compared_instead_of_everyone(lead):
    adjudication, _ = lead
    adjudication.choose(["ana", "bo"])
    assert [(c.start, c.end) for c in adjudication.clusters()] == [(0, 34), (40, 56)]
    assert adjudication.clusters()[1].agreed
    assert adjudication.session.project.adjudication_progress(["ana", "cy"]) == {
        adjudication.session.document.id: (0, 3)}


def test_the_corpus_figure_follows_steps_made_and_undone_in_other_documents(lead):
    adjudication, _ = lead
    session = adjudication.session
    first = session.document.id
    other_text = "A claim here."
    other = session.project.add_document(Document(text=other_text), [
        make_span(other_text, 2, 7, "claim", annotator="ana"),
        make_span(other_text, 2, 7, "claim", annotator="bo")])
    assert adjudication.corpus_progress() == (0, 2)
    session.open_document(other.id)
    adjudication.accept("ana")
    session.open_document(first)
    assert adjudication.corpus_progress() == (1, 2)
    session.undo()  # shows the other document again, unsettled
    assert session.document.id == other.id
    assert adjudication.corpus_progress() == (0, 2)


def as_read_afresh(adjudication):
    """The clusters and annotators a new Adjudication reads from the store."""
    fresh = Adjudication(adjudication.session)
    return fresh.clusters(), fresh.annotators()


def test_edits_in_the_text_read_only_the_edited_spans_and_leave_the_clusters_as_a_full_read(
        lead, monkeypatch):
    adjudication, _ = lead
    session = adjudication.session
    adjudication.clusters()
    whole_reads = []
    project_spans = type(session.project).spans
    monkeypatch.setattr(type(session.project), "spans",
                        lambda project, doc_id: whole_reads.append(doc_id) or project_spans(project, doc_id))
    steps = [
        lambda: session.label_selection(22, 34, "claim"),  # joins cluster 0
        lambda: session.label_selection(57, 66, "demand"),  # a cluster of its own
        lambda: session.relabel("quote"),
        lambda: session.nudge("end", 1),
        lambda: session.delete_selected(),
        session.undo,
        session.undo,
        session.redo,
    ]
    for step in steps:
        step()
        found, annotators = adjudication.clusters(), adjudication.annotators()
        reads = len(whole_reads)
        assert (found, annotators) == as_read_afresh(adjudication)
        del whole_reads[reads:]  # the fresh Adjudication's own read
    assert whole_reads == []
    assert [(c.start, c.end) for c in adjudication.clusters()][:2] == [(0, 34), (40, 56)]


def test_the_open_documents_corpus_figure_comes_from_its_clusters_and_matches_the_store(lead):
    adjudication, _ = lead
    session = adjudication.session
    project, document_id = session.project, session.document.id
    text = TEXT + " Later."
    other = project.add_document(Document(text=text, title="Other"), team_spans(text))
    assert adjudication.corpus_progress() == (0, 2)
    adjudication.accept("bo")
    adjudication.accept("ana")
    adjudication.reject()
    assert adjudication.progress() == (3, 3)
    assert adjudication.corpus_progress() == (1, 2)
    assert project.document_adjudication_progress(document_id) == (3, 3)
    assert project.document_adjudication_progress(other.id) == (0, 3)
    session.undo()
    assert adjudication.corpus_progress() == (0, 2)


def test_going_to_the_next_unsettled_cluster_where_there_is_none_says_so(tmp_path):
    project = Project.open(tmp_path / "alone.annotator")
    document = project.add_document(Document(text=TEXT, title="Unread"))
    session = AnnotationSession(project, "lead")
    session.open_document(document.id)
    adjudication = Adjudication(session)
    assert adjudication.clusters() == []  # nobody marked anything yet
    assert adjudication.next_unsettled() is False and adjudication.current == 0
    assert adjudication.previous() is False
    project.close()


def test_when_every_cluster_is_settled_next_stays_where_it_is(lead):
    adjudication, _ = lead
    adjudication.accept_all()
    adjudication.accept_all()
    adjudication.accept_all()
    assert adjudication.progress() == (3, 3)
    before = adjudication.current
    assert adjudication.next_unsettled() is False and adjudication.current == before


@pytest.fixture
def speakers(path):
    """ana and bo say the envoy denied; cy names another speaker for the same denial."""
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT, title="Who"), [
        make_span(TEXT, 40, 56, "denial", annotator="ana", speaker="envoy", cue="denied"),
        make_span(TEXT, 40, 56, "denial", annotator="bo", speaker="envoy", cue="denied"),
        make_span(TEXT, 40, 56, "denial", annotator="cy", speaker="minister", cue="denied")])
    session = AnnotationSession(project, "lead")
    session.open_document(doc.id)
    adjudication = Adjudication(session)
    adjudication.advance = False
    yield adjudication
    project.close()


def gold_said(adjudication):
    spans = adjudication.session.project.spans(adjudication.session.document.id)
    return [(s.start, s.end, s.label, s.speaker) for s in spans if s.annotator == GOLD]


def test_versions_naming_other_speakers_differ_and_accepting_one_puts_its_speaker_in_gold(
        speakers):
    adjudication = speakers
    assert not adjudication.cluster.agreed
    assert adjudication.cluster.differences() == ["speaker"]
    adjudication.accept("ana")
    message = adjudication.accept("cy")
    assert message == ("Accepted cy's version: 1 gold span, in place of gold's denial "
                       "by envoy")
    assert gold_said(adjudication) == [(40, 56, "denial", "minister")]
    adjudication.session.undo()  # one step: cy's speaker out, ana's back
    assert gold_said(adjudication) == [(40, 56, "denial", "envoy")]
    assert adjudication.accept("bo") == "Gold already holds that version"


def test_accept_all_does_not_pick_a_speaker_for_the_lead(speakers):
    adjudication = speakers
    message = adjudication.accept_all()
    assert message == ("Not accepted: the versions of the denial at 40–56 differ in speaker "
                       "(ana, bo: by envoy; cy: by minister); accept one with its number")
    assert gold_said(adjudication) == [] and not adjudication.session.history.can_undo()


@pytest.fixture
def conflict(lead):
    """The lead rejected the denial; a copy where it was accepted was merged since."""
    adjudication, _ = lead
    project, document_id = adjudication.session.project, adjudication.session.document.id
    project.add_decision(document_id, 40, 56, annotator="lead")
    project.add_span(document_id, make_span(TEXT, 40, 56, "denial", annotator=GOLD,
                                            speaker="envoy"))
    adjudication.session.refresh()
    adjudication.advance = False
    adjudication.go_to(1)
    return adjudication


def decisions(adjudication):
    stored = adjudication.session.project.decisions(adjudication.session.document.id)
    return [(d.start, d.end) for d in stored]


def test_a_rejected_cluster_that_gold_holds_a_span_in_is_not_settled(conflict):
    cluster = conflict.cluster
    assert cluster.rejected and cluster.gold and cluster.conflicting
    assert not cluster.settled and conflict.progress() == (0, 3)
    assert conflict.first_unsettled() == 0 and conflict.next_unsettled()


def test_rejecting_again_takes_the_gold_span_out_in_one_undoable_step(conflict):
    assert conflict.reject() == "Rejected: 1 gold span taken out; nothing here goes to gold"
    assert gold(conflict) == [] and decisions(conflict) == [(40, 56)]
    assert conflict.cluster.settled and conflict.progress() == (1, 3)
    conflict.session.undo()
    assert gold(conflict) == [(40, 56, "denial")] and conflict.cluster.conflicting


def test_accepting_a_version_drops_the_rejection_in_the_same_step(conflict):
    message = conflict.accept("bo")
    assert message == ("Accepted bo's version: 1 gold span, in place of gold's denial by "
                       "envoy; the rejection here is dropped")
    assert decisions(conflict) == [] and conflict.cluster.settled
    assert gold_said(conflict) == [(40, 56, "denial", "")]
    conflict.session.undo()
    assert decisions(conflict) == [(40, 56)] and gold_said(conflict) == [(40, 56, "denial", "envoy")]
    conflict.session.redo()
    assert decisions(conflict) == []


def test_keeping_gold_drops_the_rejection_and_leaves_gold_as_it_is(conflict):
    assert conflict.keep_gold() == "Kept gold's spans here; the rejection is dropped"
    assert decisions(conflict) == [] and gold_said(conflict) == [(40, 56, "denial", "envoy")]
    assert conflict.cluster.settled
    conflict.session.undo()
    assert decisions(conflict) == [(40, 56)]
    conflict.go_to(0)
    assert conflict.keep_gold().startswith("Nothing to keep here")


def test_reopening_a_conflict_takes_both_out(conflict):
    assert conflict.reopen() == "Reopened: decide again"
    assert decisions(conflict) == [] and gold(conflict) == []
