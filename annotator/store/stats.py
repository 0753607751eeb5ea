"""Counts for the statistics view: one SQL query per chart, plain Python data back.

Every function reads; none writes. Names (speakers, sources) are counted exactly as
stored: "Le Drian" and "le Drian" are two speakers, as they are two completions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..core.model import STATUSES
from .project import Project

DAYS_SHOWN = 60  # the day histogram's window when no range is asked for
AT_LEAST_DAYS = 7  # a single day of work is shown within its week


@dataclass(frozen=True)
class Ranking:
    """The most frequent names with their span counts, most first (ties by name), and
    what the rest add up to, so that the counts always sum to the number of spans."""

    top: list[tuple[str, int]] = field(default_factory=list)
    others: int = 0  # spans of every name outside the top
    other_names: int = 0  # how many names share those spans
    unnamed: int = 0  # spans whose name is empty (no speaker, no source)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.top) + self.others + self.unnamed


def spans_per_label(project: Project) -> list[tuple[str, int]]:
    """Every label of the schema in its order, with its number of spans (0 included)."""
    rows = project.conn.execute(
        "SELECT l.name, count(s.id) FROM labels l LEFT JOIN spans s ON s.label = l.name "
        "GROUP BY l.name ORDER BY l.position, l.name")
    return [(name, count) for name, count in rows]


def documents_per_status(project: Project) -> list[tuple[str, int]]:
    """Every status in the order of work (new, in-progress, done, skipped), 0 included."""
    counts = dict(project.conn.execute(
        "SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    return [(status, counts.get(status, 0)) for status in STATUSES]


def spans_per_speaker(project: Project, top: int = 15) -> Ranking:
    return _ranking(project, "speaker", "spans", top)


def spans_per_source(project: Project, top: int = 15) -> Ranking:
    """Spans counted by the source of their document (the newspaper, the site)."""
    return _ranking(project, "d.source",
                    "spans JOIN documents d ON d.id = spans.document_id", top)


def _ranking(project: Project, column: str, table: str, top: int) -> Ranking:
    # part 0: the top names in rank order; part 1: the rest summed; part 2: the unnamed
    rows = project.conn.execute(f"""
        WITH counted AS (SELECT {column} AS name, count(*) AS n FROM {table} GROUP BY name),
        ranked AS (SELECT name, n, row_number() OVER (ORDER BY n DESC, name) AS rank
                   FROM counted WHERE name != '')
        SELECT 0, rank, name, n FROM ranked WHERE rank <= :top
        UNION ALL SELECT 1, 0, count(*), coalesce(sum(n), 0) FROM ranked WHERE rank > :top
        UNION ALL SELECT 2, 0, '', coalesce(sum(n), 0) FROM counted WHERE name = ''
        ORDER BY 1, 2""", {"top": top}).fetchall()
    (_, _, other_names, others), (_, _, _, unnamed) = rows[-2:]
    return Ranking(top=[(name, n) for _, _, name, n in rows[:-2]], others=others,
                   other_names=other_names, unnamed=unnamed)


def spans_per_day(project: Project, since: str | None = None, until: str | None = None,
                  days: int = DAYS_SHOWN) -> list[tuple[str, int]]:
    """Spans made per day ("YYYY-MM-DD", the date part of ``created``), every day of the
    window listed, days without spans as 0. A ``created`` that is not an ISO timestamp
    (an odd import) counts on no day.

    The window runs from ``since`` to ``until`` (ISO dates, both included). Without
    ``until`` it ends on the last day that has spans, so a project left for a while still
    shows its work; without ``since`` it covers at most ``days`` days, starting on the
    first day with spans (but showing at least a week). No spans in the window and no
    explicit ``since`` and ``until``: an empty list.
    """
    if days < 1:
        raise ValueError(f"a window of {days} days shows nothing")
    for bound in (since, until):
        if bound is not None:
            date.fromisoformat(bound)  # ValueError names a malformed date
    # The window is cut in Python from the few hundred days: checking each of 100,000
    # timestamps in SQL would cost more than the grouping itself.
    rows = project.conn.execute(
        "SELECT substr(created, 1, 10) AS day, count(*) FROM spans GROUP BY day")
    counts = {day: n for day, n in rows if _is_day(day)}
    if since is not None and until is not None:
        return every_day(since, until, counts)
    last = until or max(counts, default=None)
    if last is None:
        return []
    earliest = since or _days_before(last, days - 1)
    worked = [day for day in counts if earliest <= day <= last]
    if not worked:
        return []
    # from the first day with spans: a project of ten days' work fills the chart with them
    first = since or min(min(worked), _days_before(last, min(days, AT_LEAST_DAYS) - 1))
    return every_day(first, last, counts)


def _is_day(text: str) -> bool:
    """"YYYY-MM-DD" exactly (fromisoformat alone would also take "2024-W09-5")."""
    try:
        return date.fromisoformat(text).isoformat() == text
    except (TypeError, ValueError):
        return False


def _days_before(day: str, count: int) -> str:
    return (date.fromisoformat(day) - timedelta(days=count)).isoformat()


def every_day(first: str, last: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    """Each day from ``first`` to ``last`` with its count, 0 where ``counts`` has none."""
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    result = []
    while day <= end:
        result.append((day.isoformat(), counts.get(day.isoformat(), 0)))
        day += timedelta(days=1)
    return result
