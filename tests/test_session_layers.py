"""The window shows one layer at a time: mine, a colleague's, all, or gold."""
from __future__ import annotations

import pytest

from annotator.core.layers import GOLD, Layer
from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.store import Project

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."


@pytest.fixture
def team():
    project = Project.in_memory()
    doc = project.add_document(Document(text=TEXT), [
        make_span(TEXT, 4, 12, "claim", annotator="ana"),
        make_span(TEXT, 4, 34, "claim", annotator="bo"),
        make_span(TEXT, 40, 73, "denial", annotator="bo"),
        make_span(TEXT, 40, 73, "denial", annotator=GOLD),
    ])
    session = AnnotationSession(project, "ana")
    changes = []
    session.subscribe(changes.append)
    session.open_document(doc.id)
    session.load_rest()
    yield session, changes
    project.close()


def shown(session):
    return sorted((s.annotator, s.start, s.end) for s in session.index)


def test_all_annotators_are_shown_at_first(team):
    session, _ = team
    assert session.layer == Layer("all")
    assert [a for a, _, _ in shown(session)] == ["ana", "bo", "bo", GOLD]
    assert session.colleagues() == ["bo"]


@pytest.mark.parametrize("layer, annotators", [
    (Layer("mine"), ["ana"]), (Layer("annotator", "bo"), ["bo", "bo"]), (Layer(GOLD), [GOLD])])
def test_a_layer_shows_only_its_spans_and_announces_the_difference(team, layer, annotators):
    session, changes = team
    changes.clear()
    session.set_layer(layer)
    assert [a for a, _, _ in shown(session)] == annotators
    kinds = [c.kind for c in changes]
    assert "spans" in kinds and kinds[-1] == "layer" and "document" not in kinds


def test_new_spans_belong_to_me_or_to_gold_in_the_gold_layer(team):
    session, _ = team
    mine = session.label_selection(18, 22, "quote")
    assert mine.annotator == "ana"
    session.set_layer(Layer(GOLD))
    gold = session.label_selection(0, 3, "claim")
    assert gold.annotator == GOLD
    assert session.project.get_span(gold.id).annotator == GOLD
    session.set_layer(Layer("mine"))
    assert gold.id not in session.index and mine.id in session.index


def test_a_colleagues_layer_is_read_only_and_says_so(team):
    session, changes = team
    session.set_layer(Layer("annotator", "bo"))
    before = sorted((s.id, s.label, s.start, s.end) for s in session.project.spans(session.document.id))
    span = session.index.in_order()[0]
    session.select(span.id)
    session.relabel("quote")
    session.delete_selected()
    session.nudge("end", +1)
    session.set_attribute("speaker", "someone")
    assert session.label_selection(18, 22, "quote") is None
    after = sorted((s.id, s.label, s.start, s.end) for s in session.project.spans(session.document.id))
    assert after == before
    refusals = [c.message for c in changes if c.kind == "refused"]
    assert len(refusals) == 5 and "bo's spans are shown read only" in refusals[0]
    assert not session.history.can_undo()


def test_in_all_annotators_a_colleagues_span_is_corrected_in_place_and_keeps_its_name(team):
    session, _ = team
    bo_span = next(s for s in session.index if s.annotator == "bo" and s.label == "claim")
    session.select(bo_span.id)
    session.relabel("quote")
    stored = session.project.get_span(bo_span.id)
    assert (stored.label, stored.annotator) == ("quote", "bo")


def test_the_selection_stays_when_its_span_is_still_shown(team):
    session, _ = team
    bo_span = next(s for s in session.index if s.annotator == "bo" and s.label == "denial")
    session.select(bo_span.id)
    session.set_layer(Layer("annotator", "bo"))
    assert session.selected_id == bo_span.id
    session.set_layer(Layer("mine"))
    assert session.selected_id is None


def test_undo_of_an_edit_in_another_layer_does_not_bring_its_span_into_view(team):
    session, _ = team
    session.set_layer(Layer(GOLD))
    gold_layer_span = session.label_selection(0, 3, "claim")
    session.set_layer(Layer("mine"))
    session.undo()  # removes the gold span, which this layer does not show
    assert gold_layer_span.id not in session.index
    session.redo()
    assert gold_layer_span.id not in session.index, "gold spans stay out of my layer"
    assert session.project.get_span(gold_layer_span.id).annotator == GOLD


def test_renaming_myself_changes_what_my_layer_shows(team):
    session, _ = team
    session.set_layer(Layer("mine"))
    session.set_annotator("bo")
    assert [a for a, _, _ in shown(session)] == ["bo", "bo"]
