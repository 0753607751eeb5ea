"""Krippendorff's alpha: nominal (hand-computed and against the krippendorff package)
and unitizing alpha-u (hand-computed, and Krippendorff's own published examples)."""
import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.agreement.alpha import (
    UnitizingTally,
    label_sections,
    nominal_alpha,
    nominal_alphas,
    observed_between,
    section_distance,
    unitizing_alphas,
    unitizing_tally,
)

krippendorff = pytest.importorskip("krippendorff")  # the test extra
np = pytest.importorskip("numpy")  # krippendorff's own dependency


def test_nominal_alpha_by_hand():
    ratings = Counter({("a", "a"): 1, ("a", "b"): 1, ("b", "b"): 2})
    # every token has m_u = 2 ratings; only (a, b) disagrees: (4 - 1 - 1) / (2 - 1) = 2
    # n_a = 3, n_b = 5, n = 8: expected n² - Σ n_c² = 64 - 9 - 25 = 30
    # alpha = 1 - (n - 1) · 2 / 30 = 1 - 14/30
    assert nominal_alpha(ratings) == pytest.approx(1 - 14 / 30)


def test_nominal_alpha_skips_units_with_fewer_than_two_ratings_by_hand():
    ratings = Counter({("a", "a", None): 1, ("a", "b", "b"): 1, ("b", None, None): 5})
    # (b, -, -) has one rating: left out. (a, a, -): m=2, no disagreement.
    # (a, b, b): m=3, (9 - 1 - 4) / 2 = 2. n_a = 3, n_b = 2, n = 5
    # alpha = 1 - 4 · 2 / (25 - 9 - 4) = 1 - 8/12
    assert nominal_alpha(ratings) == pytest.approx(1 - 8 / 12)


def test_alpha_is_undefined_with_one_category_or_nothing_pairable():
    assert nominal_alpha(Counter({("O", "O"): 40})) is None
    assert nominal_alpha(Counter({("a", None): 3})) is None
    assert nominal_alpha(Counter()) is None


def package_alpha(ratings):
    """The same data through the krippendorff package: coders × units, NaN missing."""
    categories = sorted({v for values in ratings for v in values if v is not None})
    columns = [values for values, count in ratings.items() for _ in range(count)]
    data = [[np.nan if column[coder] is None else categories.index(column[coder])
             for column in columns] for coder in range(len(columns[0]))]
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


coded = st.dictionaries(st.tuples(*[st.sampled_from(["a", "b", "O", None])] * 3),
                        st.integers(1, 4), min_size=1, max_size=15).map(Counter)


@given(coded)
def test_nominal_alpha_agrees_with_the_krippendorff_package(ratings):
    ours = nominal_alpha(ratings)
    values = {v for values, count in ratings.items()
              if sum(v is not None for v in values) >= 2 for v in values if v is not None}
    if len(values) < 2:
        assert ours is None  # the package refuses a single value
        return
    theirs = package_alpha(ratings)
    assert ours == pytest.approx(theirs, abs=1e-9)


@given(coded)
def test_per_label_alpha_is_alpha_on_the_relabelled_data(ratings):
    _, by_label = nominal_alphas(ratings, ["a", "b", "O"])
    for label in ("a", "b", "O"):
        relabelled = Counter()
        for values, count in ratings.items():
            relabelled[tuple(None if v is None else v == label for v in values)] += count
        expected = nominal_alpha(relabelled)
        assert (by_label[label] is None and expected is None) or \
            by_label[label] == pytest.approx(expected)


# -- unitizing ----------------------------------------------------------------------

def test_unitizing_alpha_by_hand():
    """L = 10, two annotators: one marks [2, 6), the other [3, 6).

    Sections: 1: gap [0,2) unit [2,6) gap [6,10);  2: gap [0,3) unit [3,6) gap [6,10).
    D_o: the units overlap: (2 - 3)² + (6 - 6)² = 1; the unit [2,6) is not inside the
    gap [0,3); gaps against gaps count 0. Both orders: 2; D_o = 2 / (2·1·10²) = 0.01.
    D_e: N_c = 2 units, lengths 4 and 3; gaps 2, 4, 3, 4.
      l = 4: (N_c - 1)(2·64 - 3·16 + 4)/3 = 28; gaps ≥ 4: 4, 4 → (1 + 1)·16 = 32; 60
      l = 3: (2·27 - 3·9 + 3)/3 = 10; gaps ≥ 3: 4, 3, 4 → (2 + 1 + 2)·9 = 45; 55
      (2/L)·115 = 23, over m L (m L - 1) - Σ l(l - 1) = 20·19 - (12 + 6) = 362
    alpha = 1 - 0.01 / (23/362)."""
    tally = unitizing_tally([[(2, 6)], [(3, 6)]], 10)
    assert tally.observed_disagreement() == pytest.approx(0.01)
    assert tally.expected_disagreement() == pytest.approx(23 / 362)
    overall, by_label = unitizing_alphas({"claim": tally})
    assert by_label["claim"] == pytest.approx(1 - 0.01 * 362 / 23) == overall


def test_a_unit_the_other_annotator_missed_by_hand():
    """L = 10: one marks [2, 6), the other nothing. The unit lies in the other's gap
    [0, 10): 4² = 16, both orders 32; D_o = 32 / 200 = 0.16.
    D_e: one unit (l = 4): (N_c - 1) = 0; gaps 2, 4, 10, of which ≥ 4: 4, 10 →
    (1 + 7)·16 = 128; (2/10)·128 = 25.6 over 20·19 - 12 = 368.
    alpha = 1 - 0.16 / (25.6/368) = -1.3."""
    tally = unitizing_tally([[(2, 6)], []], 10)
    assert tally.observed_disagreement() == pytest.approx(0.16)
    assert tally.expected_disagreement() == pytest.approx(25.6 / 368)
    assert unitizing_alphas({"x": tally})[0] == pytest.approx(-1.3)


def test_sections_merge_overlapping_spans_but_not_touching_ones():
    assert label_sections([(2, 5), (4, 8), (8, 9)], 10) == [
        (0, 2, False), (2, 8, True), (8, 9, True), (9, 10, False)]
    assert label_sections([], 4) == [(0, 4, False)]


def test_the_distance_of_two_sections_as_krippendorff_2004_gives_it():
    """Krippendorff (2004: 252) distances, written (begin, length)."""
    def section(begin, length, unit):
        return begin, begin + length, unit
    assert section_distance(section(225, 70, True), section(220, 80, True)) == 50
    assert section_distance(section(370, 30, True), section(355, 20, True)) == 850
    assert section_distance(section(400, 50, False), section(400, 20, True)) == 400
    assert section_distance(section(5, 6, True), section(4, 2, True)) == 26
    assert section_distance(section(5, 6, True), section(7, 2, True)) == 8
    assert section_distance(section(5, 6, True), section(5, 6, True)) == 0
    assert section_distance(section(5, 6, True), section(0, 3, True)) == 0  # apart


def test_krippendorff_2004_example():
    """Content Analysis, 2nd ed. (2004: 254): two observers, continuum [150, 450),
    categories c and k; alpha_c = 0.729, alpha_k = 1 and alpha_u = 0.859 overall
    (D_o(c) = 0.0144, D_e(c) = 0.0532, D_e(k) = 0.0490; shifted here to start at 0)."""
    def marked(*pairs):
        return [(begin - 150, begin - 150 + length) for begin, length in pairs]
    c = unitizing_tally([marked((225, 70), (370, 30)), marked((220, 80), (355, 20), (400, 20))],
                        300)
    k = unitizing_tally([marked((180, 60), (300, 50)), marked((180, 60), (300, 50))], 300)
    assert c.observed_disagreement() == pytest.approx(2600 / 180000)  # 2·(50 + 850 + 400)
    assert c.expected_disagreement() == pytest.approx(0.0532, abs=0.0001)
    assert k.observed_disagreement() == 0
    assert k.expected_disagreement() == pytest.approx(0.0490, abs=0.0001)
    overall, by_label = unitizing_alphas({"c": c, "k": k})
    assert by_label["c"] == pytest.approx(0.7286, abs=0.0001)
    assert by_label["k"] == 1.0
    assert overall == pytest.approx(0.859, abs=0.0005)


@pytest.mark.parametrize("category, units, observed", [
    # Krippendorff (1995: 57): four pairs of coders on a continuum of 24
    ("A", ([(2, 8), (14, 6)], [(4, 4), (15, 2)]), 0.03125),
    ("B", ([(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]), 2.26736),
    ("C", ([(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]),
     0.02777),
    ("D", ([(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
           [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]), 0.38715),
])
def test_krippendorff_1995_observed_disagreements(category, units, observed):
    marked = [[(begin, begin + length) for begin, length in coder] for coder in units]
    tally = unitizing_tally(marked, 24)
    assert tally.observed_disagreement() == pytest.approx(observed, abs=0.00001)


def test_documents_add_up_as_one_continuum_cut_at_their_edges():
    first = unitizing_tally([[(2, 6)], [(3, 6)]], 10)
    second = unitizing_tally([[(0, 4)], []], 8)
    both = UnitizingTally(coders=2)
    both.add(first)
    both.add(second)
    assert both.length == 18 and both.observed == first.observed + second.observed
    assert sorted(both.units) == [3, 4, 4] and sorted(both.gaps) == [2, 3, 4, 4, 4, 8]


def test_undefined_without_units():
    tally = unitizing_tally([[], []], 10)
    assert unitizing_alphas({"x": tally}) == (None, {"x": None})
    assert UnitizingTally(coders=2).observed_disagreement() is None


@st.composite
def markings(draw):
    length = draw(st.integers(1, 40))
    def coder():
        out = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, length - 1))
            out.append((start, draw(st.integers(start + 1, length))))
        return out
    return length, [coder() for _ in range(draw(st.integers(2, 3)))]


@given(markings())
def test_the_side_by_side_walk_equals_summing_over_every_pair_of_sections(case):
    length, coders = case
    sections = [label_sections(ranges, length) for ranges in coders]
    for one in sections:
        for other in sections:
            assert observed_between(one, other) == sum(
                section_distance(g, h) for g in one for h in other)


@given(markings())
def test_identical_markings_give_alpha_u_one_and_the_order_of_annotators_none(case):
    length, coders = case
    same = unitizing_tally([coders[0]] * len(coders), length)
    value = unitizing_alphas({"x": same})[0]
    assert value is None or value == 1.0
    forward = unitizing_alphas({"x": unitizing_tally(coders, length)})[0]
    backward = unitizing_alphas({"x": unitizing_tally(coders[::-1], length)})[0]
    assert (forward is None and backward is None) or math.isclose(forward, backward)
