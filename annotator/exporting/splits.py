"""Train/dev/test splits: deterministic, grouped, stratified by label as far as groups allow.

Documents that share a group key (their source, or a metadata field such as a story
id) always land in the same split, so that near-duplicate articles cannot leak from
training into evaluation. Groups are placed largest first, each into the split that
brings documents and per-label span counts closest to the requested ratios; ties are
broken by a seeded shuffle, so the same seed gives the same split.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..formats.export_base import ExportDoc
from .selection import ExportError

NAMES = {2: ("train", "test"), 3: ("train", "dev", "test")}


@dataclass
class SplitPlan:
    ratios: list[float]  # normalised, one per split
    names: tuple[str, ...]
    seed: int = 13
    group_by: str | None = None  # "source", or a metadata key


def parse_split(value: str, seed: int = 13, group_by: str | None = None) -> SplitPlan:
    """'80/10/10' or '80/20'."""
    try:
        parts = [float(part) for part in value.split("/")]
    except ValueError:
        raise ExportError(f"--split {value!r}: expected ratios like 80/10/10 or 80/20") from None
    if len(parts) not in NAMES or any(p < 0 for p in parts) or sum(parts) <= 0:
        raise ExportError(f"--split {value!r}: give two or three non-negative ratios, like 80/10/10")
    total = sum(parts)
    return SplitPlan([p / total for p in parts], NAMES[len(parts)], seed, group_by)


def group_key(doc: ExportDoc, group_by: str | None) -> str:
    if group_by is None:
        return f"document {doc.document.id}"
    value = doc.document.source if group_by == "source" else doc.document.metadata.get(group_by)
    if value in (None, ""):
        return f"document {doc.document.id}"  # no key: a group of its own
    return f"{group_by}={value}"


def split(docs: list[ExportDoc], plan: SplitPlan) -> dict[str, list[ExportDoc]]:
    groups: dict[str, list[ExportDoc]] = defaultdict(list)
    for doc in docs:
        groups[group_key(doc, plan.group_by)].append(doc)
    totals = _tally(docs)
    placed = {name: Counter() for name in plan.names}
    result: dict[str, list[ExportDoc]] = {name: [] for name in plan.names}
    for key in _placing_order(groups, plan.seed):
        members = groups[key]
        tally = _tally(members)
        best = min(plan.names, key=lambda name: (_cost(placed, name, tally, totals, plan), plan.names.index(name)))
        placed[best].update(tally)
        result[best].extend(members)
    for members in result.values():
        members.sort(key=lambda d: d.document.id)
    return result


def achieved(parts: dict[str, list[ExportDoc]]) -> dict[str, dict]:
    total_docs = sum(len(m) for m in parts.values()) or 1
    report = {}
    for name, members in parts.items():
        labels = Counter(span.label for doc in members for span in doc.spans)
        report[name] = {"documents": len(members), "ratio": round(len(members) / total_docs, 4),
                        "spans": sum(labels.values()), "labels": dict(sorted(labels.items()))}
    return report


def _tally(docs: list[ExportDoc]) -> Counter:
    tally = Counter({"": len(docs)})  # "" counts documents; other keys count spans per label
    for doc in docs:
        tally.update(span.label for span in doc.spans)
    return tally


def _placing_order(groups: dict[str, list[ExportDoc]], seed: int) -> list[str]:
    def shuffled(key: str) -> str:
        return hashlib.sha256(f"{seed}:{key}".encode("utf-8")).hexdigest()
    return sorted(groups, key=lambda key: (-len(groups[key]), shuffled(key)))


def _cost(placed, name, tally, totals, plan: SplitPlan) -> float:
    """Squared distance from the target ratios, per documents and per label, if placed here."""
    cost = 0.0
    for key, total in totals.items():
        weight = 1.0 if key == "" else 0.5
        for other, ratio in zip(plan.names, plan.ratios):
            have = placed[other][key] + (tally[key] if other == name else 0)
            cost += weight * ((have - ratio * total) / total) ** 2
    return cost
