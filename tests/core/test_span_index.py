"""The span index answers like a brute-force scan, whatever was added and removed."""
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import Span
from annotator.core.span_index import LONG, SpanIndex

# Positions across a few multiples of LONG, and lengths on both sides of it: spans
# longer than LONG are kept apart from the sorted short ones.
LIMIT = 3 * LONG + 10
positions = st.one_of(st.integers(0, LIMIT),
                      st.sampled_from([LONG - 1, LONG, LONG + 1, 2 * LONG]))


def span(span_id: int, start: int, length: int, label: str = "claim") -> Span:
    return Span(start=start, end=start + length, label=label, text="x" * length, id=span_id)


lengths = st.one_of(st.integers(1, 40), st.integers(LONG - 2, LONG + 5))
spans = st.builds(span, st.integers(1, 40), positions, lengths)
# Each step adds (or replaces) a span, adds a batch of new ones (as the rest of a
# document is loaded), removes an id, or reads the order.
steps = st.lists(st.one_of(st.tuples(st.just("add"), spans),
                           st.tuples(st.just("add_many"), st.lists(spans, max_size=6)),
                           st.tuples(st.just("remove"), st.integers(1, 40)),
                           st.tuples(st.just("read"), st.none())), max_size=40)


def replay(steps) -> tuple[SpanIndex, dict[int, Span]]:
    index, expected = SpanIndex(), {}
    for action, value in steps:
        if action == "add":
            index.add(value)
            expected[value.id] = value
        elif action == "add_many":
            batch = {s.id: s for s in value if s.id not in expected}  # new ids only: see below
            index.add_many(batch.values())
            expected.update(batch)
        elif action == "remove":
            index.remove(value)
            expected.pop(value, None)
        else:
            index.in_order()
    return index, expected


def text_order(span: Span) -> tuple:
    return (span.start, -span.end, span.id)


@given(steps)
def test_the_index_holds_what_was_added_and_not_removed(steps):
    index, expected = replay(steps)
    assert len(index) == len(expected)
    assert {s.id: s for s in index} == expected
    for span_id in range(1, 41):
        assert (span_id in index) == (span_id in expected)
        assert index.get(span_id) == expected.get(span_id)


@given(steps)
def test_in_order_is_text_order(steps):
    index, expected = replay(steps)
    assert index.in_order() == sorted(expected.values(), key=text_order)


@given(steps, positions, st.integers(0, LONG + 5))
def test_overlapping_equals_a_brute_force_filter(steps, start, length):
    index, expected = replay(steps)
    end = start + length  # length 0 asks about the one character at start
    brute = [s for s in expected.values() if s.start < max(end, start + 1) and s.end > start]
    assert index.overlapping(start, end) == sorted(brute, key=text_order)


@given(steps, positions)
def test_at_gives_the_spans_covering_a_character_outermost_first(steps, position):
    index, expected = replay(steps)
    covering = sorted((s for s in expected.values() if s.start <= position < s.end), key=text_order)
    assert index.at(position) == covering


def test_nested_spans_at_a_position_and_their_depth():
    outer, middle, inner, after = span(1, 0, 30), span(2, 5, 10), span(3, 7, 2), span(4, 40, 5)
    index = SpanIndex([inner, after, outer, middle])
    assert index.at(8) == [outer, middle, inner]
    assert index.at(30) == []
    assert [index.depth(s) for s in (outer, middle, inner, after)] == [0, 1, 2, 0]
    assert index.in_order() == [outer, middle, inner, after]


def test_replacing_a_span_refiles_it():
    index = SpanIndex([span(1, 0, 5)])
    index.in_order()
    index.add(span(1, LONG + 2, 3, "quote"))
    assert index.at(1) == []
    assert [s.label for s in index.at(LONG + 3)] == ["quote"]
    assert len(index.in_order()) == 1


def test_counts_follow_adds_relabels_and_removes():
    index = SpanIndex([span(1, 0, 5), span(2, 10, 5, "quote"), span(3, 20, LONG + 1, "quote")])
    assert index.counts() == {"claim": 1, "quote": 2}
    index.add(span(1, 0, 5, "quote"))
    index.remove(3)
    assert index.counts() == {"quote": 2}


def test_add_many_can_replace_a_long_span_with_a_short_one():
    index = SpanIndex([span(1, 0, LONG + 10)])
    index.add_many([span(1, 100, 5)])
    assert [(s.start, s.end) for s in index.in_order()] == [(100, 105)]
    assert index.at(0) == []
