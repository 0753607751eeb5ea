"""Cohen's kappa (two annotators) and Fleiss' kappa (any number, each rating every item),
from token rating counts (see ratings.py). Undefined cases return None: no items, or
chance agreement already 1 (everyone used one and the same category, e.g. all "O").

Cohen (1960):  kappa = (p_o - p_e) / (1 - p_e), p_o the share of tokens both label
alike, p_e = sum_k p1(k) p2(k) from each annotator's own label shares.

Fleiss (1971): N items, n raters each, n_ik raters putting item i in category k;
P_i = (sum_k n_ik^2 - n) / (n (n - 1)), P = mean of P_i, p_k = sum_i n_ik / (N n),
P_e = sum_k p_k^2, kappa = (P - P_e) / (1 - P_e).

Per label, both are one-vs-rest: the categories become "this label" and "anything
else", computed from the same counts without relabelling them. Sums stay integers so
that "undefined" is an exact test.
"""
from __future__ import annotations

from collections import Counter

from .ratings import Ratings, spread


def cohen_kappa(pairs: Ratings) -> float | None:
    """``pairs``: Counter of (label by the first, label by the second) → tokens."""
    return cohen_kappas(pairs, [])[0]


def cohen_kappas(pairs: Ratings, labels: list[str]
                 ) -> tuple[float | None, dict[str, float | None]]:
    """Kappa over all categories, and per label one-vs-rest, from one set of margins."""
    total, agree, first, second, same = 0, 0, Counter(), Counter(), Counter()
    for (a, b), count in pairs.items():
        total += count
        first[a] += count
        second[b] += count
        if a == b:
            same[a] += count
            agree += count
    by_label = {}
    for label in labels:
        mine, theirs = first[label], second[label]
        agree_here = total - mine - theirs + 2 * same[label]  # both say it, or neither does
        chance = mine * theirs + (total - mine) * (total - theirs)
        by_label[label] = _cohen(total, agree_here, chance)
    return _cohen(total, agree, sum(first[k] * second[k] for k in first)), by_label


def _cohen(total: int, agree: int, chance: int) -> float | None:
    """kappa from N, the tokens agreed on and N² p_e."""
    if not total or chance == total * total:
        return None
    return (total * agree - chance) / (total * total - chance)


def fleiss_kappa(ratings: Ratings) -> float | None:
    """``ratings``: Counter of complete rating tuples (one label per rater) → tokens."""
    return fleiss_kappas(ratings, [])[0]


def fleiss_kappas(ratings: Ratings, labels: list[str]
                  ) -> tuple[float | None, dict[str, float | None]]:
    """Kappa over all categories, and per label one-vs-rest, in one pass."""
    items = sum(ratings.values())
    raters = len(next(iter(ratings))) if ratings else 0
    squares, totals, label_squares = 0, Counter(), Counter()
    for values, count in ratings.items():
        _, categories = spread(values)
        squares += count * sum(n * n for n in categories.values())
        for category, n in categories.items():
            totals[category] += count * n
            # n raters say it, the others say something else: n² + (raters - n)²
            label_squares[category] += count * (n * n + (raters - n) ** 2 - raters * raters)
    made = items * raters
    by_label = {label: _fleiss(items, raters, items * raters * raters + label_squares[label],
                               totals[label] ** 2 + (made - totals[label]) ** 2)
                for label in labels}
    return _fleiss(items, raters, squares, sum(t * t for t in totals.values())), by_label


def _fleiss(items: int, raters: int, squares: int, chance: int) -> float | None:
    """kappa from N, n, sum_i sum_k n_ik^2 and (N n)^2 P_e."""
    made = items * raters
    if not items or raters < 2 or chance == made * made:
        return None
    observed = (squares - made) / (made * (raters - 1))  # P
    expected = chance / (made * made)  # P_e
    return (observed - expected) / (1 - expected)
