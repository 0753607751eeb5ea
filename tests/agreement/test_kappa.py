"""Cohen's and Fleiss' kappa against hand-computed cases; per label equals relabelling."""
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.agreement.kappa import (
    cohen_kappa,
    cohen_kappas,
    fleiss_kappa,
    fleiss_kappas,
)


def table(*rows):
    """Counter of rating tuples from one tuple per token."""
    return Counter(tuple(row) for row in rows)


def test_cohen_by_hand():
    pairs = table("aa", "ab", "bb", "bb")
    # p_o = 3/4; first says a 2, b 2; second a 1, b 3
    # p_e = (2·1 + 2·3) / 16 = 1/2; kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    assert cohen_kappa(pairs) == pytest.approx(0.5)


def test_cohen_per_label_is_one_vs_rest_by_hand():
    pairs = table("aa", "ab", "bc", "cc", "OO", "OO")
    overall, by_label = cohen_kappas(pairs, ["a", "b", "c"])
    # label b: tokens where either says b → (no, yes) and (yes, no); the rest agree "not b"
    # p_o = 4/6; first says b once, second once: p_e = (1·1 + 5·5) / 36 = 26/36
    # kappa = (24/36 - 26/36) / (10/36) = -0.2
    assert by_label["b"] == pytest.approx(-0.2)
    # label a: (yes, yes), (yes, no), 4 × (no, no): p_o = 5/6
    # first says a twice, second once: p_e = (2·1 + 4·5) / 36 = 22/36
    # kappa = (30/36 - 22/36) / (14/36) = 8/14
    assert by_label["a"] == pytest.approx(8 / 14)
    # overall: p_o = 4/6; margins first a2 b1 c1 O2, second a1 b1 c2 O2
    # p_e = (2 + 1 + 2 + 4) / 36 = 9/36; kappa = (24/36 - 9/36) / (27/36) = 15/27
    assert overall == pytest.approx(15 / 27)


def test_fleiss_by_hand():
    ratings = table("aaa", "aab", "bbb", "abb")
    # P_i = 1, 1/3, 1, 1/3 → P = 2/3; p_a = p_b = 6/12 → P_e = 1/2
    # kappa = (2/3 - 1/2) / (1/2) = 1/3
    assert fleiss_kappa(ratings) == pytest.approx(1 / 3)


def test_fleiss_on_the_textbook_example():
    """Fleiss (1971) as Wikipedia works it: 10 subjects, 14 raters, 5 categories;
    P = 0.378, P_e = 0.213, kappa = 0.210."""
    counts = [(0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0),
              (2, 2, 8, 1, 1), (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2),
              (6, 5, 2, 1, 0), (0, 2, 2, 3, 7)]
    ratings = table(*("".join(category * n for category, n in zip("12345", row))
                      for row in counts))
    assert fleiss_kappa(ratings) == pytest.approx(0.210, abs=0.0005)


def test_undefined_when_everyone_says_the_same():
    assert cohen_kappa(table("OO", "OO")) is None
    assert cohen_kappa(Counter()) is None
    assert fleiss_kappa(table("OOO", "OOO")) is None
    assert fleiss_kappa(Counter()) is None
    _, by_label = cohen_kappas(table("OO", "aa"), ["a", "b"])
    assert by_label["b"] is None and by_label["a"] == 1.0


def relabel(ratings, label):
    out = Counter()
    for values, count in ratings.items():
        out[tuple(v == label for v in values)] += count
    return out


rating_tables = st.dictionaries(st.tuples(*[st.sampled_from("abO")] * 3),
                                st.integers(1, 5), max_size=12).map(Counter)


@given(rating_tables)
def test_per_label_figures_equal_the_relabelled_tables(ratings):
    pairs = Counter()
    for values, count in ratings.items():
        pairs[values[:2]] += count
    _, cohen_by_label = cohen_kappas(pairs, ["a", "b", "O"])
    _, fleiss_by_label = fleiss_kappas(ratings, ["a", "b", "O"])
    for label in ("a", "b", "O"):
        assert cohen_by_label[label] == pytest.approx(cohen_kappa(relabel(pairs, label)))
        assert fleiss_by_label[label] == pytest.approx(fleiss_kappa(relabel(ratings, label)))


@given(rating_tables)
def test_kappas_do_not_depend_on_the_annotators_order(ratings):
    swapped = Counter({values[::-1]: count for values, count in ratings.items()})
    assert fleiss_kappa(swapped) == pytest.approx(fleiss_kappa(ratings))
    pairs, flipped = Counter(), Counter()
    for values, count in ratings.items():
        pairs[values[:2]] += count
        flipped[values[1::-1]] += count
    assert cohen_kappa(flipped) == pytest.approx(cohen_kappa(pairs))
