"""Exact and overlap span F1, computed by hand on small cases."""
from annotator.agreement.span_f1 import matches, overlap_pairs, pair_spans
from annotator.core.model import Span

LABELS = ["claim", "quote"]


def span(start, end, label="claim"):
    return Span(start, end, label, "x" * (end - start))


def f1s(first, second):
    counts = pair_spans(first, second).counts()
    (exact, exact_by), (overlap, overlap_by) = (matches(counts, LABELS, kind)
                                                for kind in ("exact", "overlap"))
    return exact, exact_by, overlap, overlap_by


def test_exact_and_overlap_f1_by_hand():
    a = [span(0, 10), span(20, 30), span(40, 50, "quote")]
    b = [span(0, 10), span(22, 30), span(60, 70, "quote"), span(80, 90, "quote")]
    exact, exact_by, overlap, overlap_by = f1s(a, b)
    # exact: only [0, 10) claim. 3 + 4 spans: F1 = 2·1 / 7
    assert (exact.matched, exact.first, exact.second) == (1, 3, 4)
    assert exact.f1 == 2 / 7
    # overlap adds [20, 30) ~ [22, 30): 2·2 / 7
    assert overlap.f1 == 4 / 7
    # per label: claims 2 + 2, both match by overlap, one exactly
    assert exact_by["claim"].f1 == 2 * 1 / 4 and overlap_by["claim"].f1 == 1.0
    # quotes 1 + 2, none match
    assert exact_by["quote"].f1 == 0.0 and overlap_by["quote"].f1 == 0.0


def test_f1_is_undefined_without_spans_on_either_side():
    exact, exact_by, overlap, _ = f1s([], [])
    assert exact.f1 is None and overlap.f1 is None and exact_by["claim"].f1 is None
    exact, _, _, _ = f1s([span(0, 5)], [])
    assert exact.f1 == 0.0


def test_overlap_needs_the_same_label():
    _, _, overlap, _ = f1s([span(0, 10, "claim")], [span(0, 10, "quote")])
    assert overlap.matched == 0 and overlap.f1 == 0.0


def test_pairing_is_one_to_one_and_greedy_by_largest_overlap():
    # b1 overlaps a1 by 6 and a2 by 2; b2 overlaps a2 by 4.
    a1, a2 = span(0, 10), span(12, 20)
    b1, b2 = span(4, 14), span(16, 30)
    assert overlap_pairs([a1, a2], [b1, b2]) == [(0, 0), (1, 1)]
    # one span of b overlapping two of a pairs with one only: the larger overlap
    assert overlap_pairs([a1, a2], [span(8, 20)]) == [(1, 0)]  # 8 shared with a2, 2 with a1


def test_exact_matches_pair_before_overlaps():
    # a's [0, 12) shares as much with b's [5, 10) (5 characters) as a's own [5, 10) does,
    # and the tie would go to it (it starts earlier): it would take b's [5, 10) and
    # leave a's [5, 10) and b's [0, 4) unpaired. Exact matches first: two pairs.
    a = [span(5, 10), span(0, 12)]
    b = [span(5, 10), span(0, 4)]
    assert overlap_pairs(a, b) == [(1, 0)]  # greedy alone: one pair
    pairing = pair_spans(a, b)
    assert pairing.exact == [(a[0], b[0])] and pairing.boundary == [(a[1], b[1])]
    _, _, overlap, _ = f1s(a, b)
    assert overlap.f1 == 1.0


def test_duplicates_count_as_a_multiset():
    exact, _, _, _ = f1s([span(0, 5), span(0, 5)], [span(0, 5)])
    assert (exact.matched, exact.first, exact.second) == (1, 2, 1)  # F1 = 2/3
    assert exact.f1 == 2 / 3


def test_ties_do_not_depend_on_which_annotator_comes_first():
    # a path a1 - b1 - a2 - b2, every overlap 1 character long: 2 pairs either way
    a = [span(0, 3), span(4, 7)]
    b = [span(2, 5), span(6, 9)]
    assert len(overlap_pairs(a, b)) == len(overlap_pairs(b, a)) == 2
