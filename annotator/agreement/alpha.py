"""Krippendorff's alpha: nominal on tokens, and unitizing (alpha-u) on characters.

NOMINAL ALPHA (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"): each
token is a unit; a unit with m_u >= 2 ratings (missing ones left out) has v_uc ratings
of category c. The coincidences give n_c = sum_u v_uc and n = sum_c n_c, and

    alpha = 1 - (n - 1) * sum_u (m_u^2 - sum_c v_uc^2) / (m_u - 1)
                        / (n^2 - sum_c n_c^2)

(observed disagreement over expected, nominal distance 1 between different
categories). Undefined (None) when fewer than two ratings pair up or only one
category is ever used.

UNITIZING ALPHA (Krippendorff 1995, "On the reliability of unitizing continuous
data", Sociological Methodology 25; in the form of Content Analysis, 2nd ed., 2004,
section 12.4), per category c. Each of the m annotators cuts the continuum of length L
(the document's characters; over a corpus the documents laid end to end, no section
crossing from one document to the next) into sections: units of c (w = 1; that
annotator's overlapping spans of c merged into one) and gaps (w = 0, everything else,
spans of other labels included). Section g of annotator i begins at b_ig, is l_ig long.
The squared distance of two sections, g of i and h of j, is

    (b_ig - b_jh)^2 + (b_ig + l_ig - b_jh - l_jh)^2   both units, and they overlap
    l_ig^2                                           g a unit lying within the gap h
    l_jh^2                                           h a unit lying within the gap g
    0                                                otherwise

    D_o = sum_i sum_j!=i sum_g sum_h delta^2 / (m (m - 1) L^2)

    D_e = (2 / L) sum_i sum_g w_ig [ (N_c - 1) (2 l^3 - 3 l^2 + l) / 3
                                     + l^2 sum_j sum_h (1 - w_jh) max(0, l_jh - l + 1) ]
          / [ m L (m L - 1) - sum_i sum_g w_ig l (l - 1) ]          (l = l_ig)

with N_c the number of units of c of all annotators. alpha_c = 1 - D_o / D_e, and over
all categories alpha_u = 1 - sum_c D_o / sum_c D_e. It reproduces Krippendorff's
(2004: 254) example: alpha_c = 0.729, alpha_k = 1, alpha_u = 0.859 (see the tests).
Undefined (None) when D_e is 0 (no unit of the category) or fewer than 2 annotators.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from .ratings import Ratings, spread


def nominal_alpha(ratings: Ratings) -> float | None:
    """``ratings``: Counter of rating tuples (None: missing) → number of such units."""
    return nominal_alphas(ratings, [])[0]


def nominal_alphas(ratings: Ratings, labels: list[str]
                   ) -> tuple[float | None, dict[str, float | None]]:
    """Alpha over all categories, and per label one-vs-rest (the categories "this
    label" and "anything else"), in one pass over the rating combinations."""
    disagreement, per_category, total = 0.0, Counter(), 0
    label_disagreement = Counter()
    for values, count in ratings.items():
        pairable, categories = spread(values)
        if pairable < 2:
            continue
        weight = count / (pairable - 1)
        total += count * pairable
        disagreement += weight * (pairable * pairable
                                  - sum(n * n for n in categories.values()))
        for category, n in categories.items():
            per_category[category] += count * n
            label_disagreement[category] += weight * 2 * n * (pairable - n)
    expected = total * total - sum(n * n for n in per_category.values())
    return _alpha(total, disagreement, expected), {
        label: _alpha(total, label_disagreement[label],
                      2 * per_category[label] * (total - per_category[label]))
        for label in labels}


def _alpha(total: int, disagreement: float, expected: int) -> float | None:
    """alpha from n, sum over units of their disagreement, and n^2 - sum_c n_c^2."""
    if expected == 0:
        return None
    return 1 - (total - 1) * disagreement / expected


# -- unitizing -----------------------------------------------------------------------

Section = tuple[int, int, bool]  # start, end (exclusive), is a unit of the category


@dataclass
class UnitizingTally:
    """What alpha-u needs for one category, additive over documents (same annotators)."""

    coders: int
    observed: int = 0  # sum over ordered pairs of annotators of delta^2
    length: int = 0  # L
    units: list[int] = field(default_factory=list)  # lengths of all annotators' units
    gaps: list[int] = field(default_factory=list)  # lengths of all annotators' gaps

    def add(self, other: UnitizingTally) -> None:
        self.observed += other.observed
        self.length += other.length
        self.units += other.units
        self.gaps += other.gaps

    def observed_disagreement(self) -> float | None:
        m, size = self.coders, self.length
        if m < 2 or not size:
            return None
        return self.observed / (m * (m - 1) * size * size)

    def expected_disagreement(self) -> float | None:
        m, size = self.coders, self.length
        if m < 2 or not size:
            return None
        gaps = sorted(self.gaps)
        from_here = list(accumulate(reversed(gaps)))[::-1] + [0]  # sum of gaps[k:]
        units = len(self.units)
        numerator = 0
        for unit in self.units:
            within_units = (units - 1) * unit * (unit - 1) * (2 * unit - 1) // 3
            first = bisect_left(gaps, unit)
            room = from_here[first] - (unit - 1) * (len(gaps) - first)  # sum (g - l + 1)
            numerator += within_units + unit * unit * room
        denominator = m * size * (m * size - 1) - sum(u * (u - 1) for u in self.units)
        if not numerator or denominator <= 0:
            return 0.0
        return 2 * numerator / size / denominator


def unitizing_tally(marked: list[list[tuple[int, int]]], length: int) -> UnitizingTally:
    """One document's tally for one label: every annotator's (start, end) of the spans
    with that label (every annotator present)."""
    sections = [label_sections(ranges, length) for ranges in marked]
    tally = UnitizingTally(coders=len(marked), length=length)
    for own in sections:
        for start, end, is_unit in own:
            (tally.units if is_unit else tally.gaps).append(end - start)
    for i in range(len(sections)):
        for j in range(i + 1, len(sections)):
            tally.observed += 2 * observed_between(sections[i], sections[j])
    return tally


def label_sections(ranges: list[tuple[int, int]], length: int) -> list[Section]:
    """The continuum [0, length) cut into units (one annotator's overlapping spans of
    the label merged; spans that only touch stay two units) and the gaps between."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[Section] = []
    position = 0
    for start, end in merged:
        if start > position:
            out.append((position, start, False))
        out.append((start, end, True))
        position = end
    if position < length:
        out.append((position, length, False))
    return out


def observed_between(first: list[Section], second: list[Section]) -> int:
    """Sum of delta^2 over the intersecting sections of two annotators (one order):
    both lists tile the same continuum, so walking them side by side meets exactly the
    pairs that intersect."""
    total, i, j = 0, 0, 0
    while i < len(first) and j < len(second):
        b1, e1, unit1 = first[i]
        b2, e2, unit2 = second[j]
        if unit1 and unit2:
            total += (b1 - b2) ** 2 + (e1 - e2) ** 2
        elif unit1 and b2 <= b1 and e1 <= e2:  # a unit lying within the other's gap
            total += (e1 - b1) ** 2
        elif unit2 and b1 <= b2 and e2 <= e1:
            total += (e2 - b2) ** 2
        i += e1 <= e2  # where both end together, both move on
        j += e2 <= e1
    return total


def section_distance(g: Section, h: Section) -> int:
    """delta^2 of two sections, as the module doc defines it (for any two sections)."""
    (b1, e1, unit1), (b2, e2, unit2) = g, h
    if unit1 and unit2:
        overlap = b1 < e2 and b2 < e1
        return (b1 - b2) ** 2 + (e1 - e2) ** 2 if overlap else 0
    if unit1 and b2 <= b1 and e1 <= e2:
        return (e1 - b1) ** 2
    if unit2 and b1 <= b2 and e2 <= e1:
        return (e2 - b2) ** 2
    return 0


def unitizing_alphas(tallies: dict[str, UnitizingTally]
                     ) -> tuple[float | None, dict[str, float | None]]:
    """alpha-u over all categories (1 - sum of D_o / sum of D_e) and alpha_c per category."""
    observed = {label: t.observed_disagreement() for label, t in tallies.items()}
    expected = {label: t.expected_disagreement() for label, t in tallies.items()}
    by_label = {label: _unitizing(observed[label], expected[label]) for label in tallies}
    if not tallies or None in observed.values() or None in expected.values():
        return None, by_label
    return _unitizing(sum(observed.values()), sum(expected.values())), by_label


def _unitizing(observed: float | None, expected: float | None) -> float | None:
    if observed is None or not expected:
        return None
    return 1 - observed / expected
