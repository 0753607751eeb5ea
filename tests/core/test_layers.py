import pytest

from annotator.core.layers import GOLD, Layer, colleagues
from annotator.core.model import Span


def span(annotator):
    return Span(start=0, end=3, label="claim", text="abc", annotator=annotator)


@pytest.mark.parametrize("layer, shown", [
    (Layer("mine"), {"ana"}),
    (Layer("annotator", "bo"), {"bo"}),
    (Layer("all"), {"ana", "bo", GOLD, ""}),
    (Layer(GOLD), {GOLD}),
])
def test_each_layer_shows_its_annotators_spans(layer, shown):
    names = ["ana", "bo", GOLD, ""]
    assert {n for n in names if layer.shows(span(n), "ana")} == shown


def test_shown_spans_are_editable_except_in_a_colleagues_layer():
    me = "ana"
    assert Layer("mine").may_edit(span("ana"), me)
    assert Layer("all").may_edit(span("bo"), me), "imported spans are corrected in place"
    assert not Layer("annotator", "bo").may_edit(span("bo"), me), "their layer as they left it"
    assert Layer("annotator", "bo").writes_as(me) is None
    assert Layer("annotator", "ana").writes_as(me) == "ana"
    assert Layer(GOLD).writes_as(me) == GOLD and Layer(GOLD).may_edit(span(GOLD), me)
    assert not Layer(GOLD).may_edit(span("ana"), me), "not shown there"
    assert Layer("all").writes_as(me) == me


def test_layers_are_checked_when_made():
    with pytest.raises(ValueError, match="unknown layer"):
        Layer("team")
    with pytest.raises(ValueError):
        Layer("annotator")
    assert Layer.of(GOLD) == Layer(GOLD) and Layer.of("bo") == Layer("annotator", "bo")


def test_colleagues_leave_out_me_gold_and_nameless():
    assert colleagues(["bo", "ana", GOLD, "", "cy", "bo"], "ana") == ["bo", "cy"]
