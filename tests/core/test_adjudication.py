from annotator.core.adjudication import clusters, gold_copy, progress
from annotator.core.layers import GOLD
from annotator.core.model import Span

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."


def span(start, end, label, annotator):
    return Span(start=start, end=end, label=label, text=TEXT[start:end], annotator=annotator)


def test_overlapping_spans_of_different_annotators_form_one_cluster():
    spans = [span(0, 35, "claim", "ana"), span(4, 35, "claim", "bo"),
             span(40, 73, "denial", "ana"), span(40, 73, "denial", "bo")]
    found = clusters(spans, ["ana", "bo"])
    assert [(c.start, c.end) for c in found] == [(0, 35), (40, 73)]
    first, second = found
    assert not first.agreed and second.agreed
    assert first.versions["ana"][0].start == 0 and first.versions["bo"][0].start == 4


def test_a_chain_of_overlaps_is_one_cluster_and_a_silent_annotator_is_shown_empty():
    spans = [span(0, 12, "claim", "ana"), span(10, 25, "quote", "bo"), span(22, 35, "claim", "ana")]
    (only,) = clusters(spans, ["ana", "bo", "cy"])
    assert (only.start, only.end) == (0, 35)
    assert only.versions["cy"] == [] and not only.agreed
    assert only.annotators_with_spans() == ["ana", "bo"]


def test_spans_of_annotators_not_compared_are_left_out():
    spans = [span(0, 12, "claim", "ana"), span(40, 73, "denial", "zed")]
    assert [(c.start, c.end) for c in clusters(spans, ["ana", "bo"])] == [(0, 12)]


def test_gold_and_rejections_settle_clusters():
    spans = [span(0, 35, "claim", "ana"), span(4, 35, "claim", "bo"),
             gold_copy(span(4, 35, "claim", "bo")),
             span(40, 73, "denial", "ana"), span(44, 49, "quote", "bo")]
    found = clusters(spans, ["ana", "bo"], rejected=[(40, 73)])
    assert [c.settled for c in found] == [True, True]
    assert found[0].gold[0].annotator == GOLD and found[1].rejected
    assert progress(found) == (2, 2)
    assert progress(clusters(spans, ["ana", "bo"])) == (1, 2)


def test_gold_copy_keeps_place_label_and_attribution():
    original = Span(start=4, end=12, label="quote", text=TEXT[4:12], speaker="minister",
                    note="check", annotator="bo")
    copy = gold_copy(original)
    assert (copy.start, copy.end, copy.label, copy.speaker, copy.note) == (4, 12, "quote",
                                                                           "minister", "check")
    assert copy.annotator == GOLD and copy.id is None


def attributed(start, end, label, annotator, **attribution):
    return Span(start=start, end=end, label=label, text=TEXT[start:end], annotator=annotator,
                **attribution)


def test_versions_that_name_another_speaker_differ_and_say_so():
    spans = [attributed(40, 73, "denial", "ana", speaker="envoy"),
             attributed(40, 73, "denial", "bo", speaker="envoy"),
             attributed(40, 73, "denial", "cy", speaker="envoy (cy)")]
    (cluster,) = clusters(spans, ["ana", "bo", "cy"])
    assert not cluster.agreed and cluster.differences() == ["speaker"]


def test_an_empty_speaker_differs_from_a_named_one_but_a_note_is_no_difference():
    unnamed = [attributed(40, 73, "denial", "ana", speaker="envoy"),
               attributed(40, 73, "denial", "bo")]
    (cluster,) = clusters(unnamed, ["ana", "bo"])
    assert cluster.differences() == ["speaker"]
    noted = [attributed(40, 73, "denial", "ana", speaker="envoy", note="check"),
             attributed(40, 73, "denial", "bo", speaker="envoy")]
    (cluster,) = clusters(noted, ["ana", "bo"])
    assert cluster.agreed and cluster.differences() == []


def test_differences_name_each_aspect_and_a_silent_annotator():
    spans = [attributed(0, 35, "claim", "ana", target="deal"), attributed(4, 35, "claim", "bo"),
             attributed(0, 35, "claim", "bo", cue="said")]
    (cluster,) = clusters(spans, ["ana", "bo", "cy"])
    assert cluster.differences() == ["boundaries", "target", "cue", "not all marked"]
    relabelled = [attributed(0, 35, "claim", "ana"), attributed(0, 35, "quote", "bo")]
    assert clusters(relabelled, ["ana", "bo"])[0].differences() == ["label"]
