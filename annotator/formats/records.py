"""What importers yield: documents and spans as the source file gave them.

Readers only parse. Offsets stay in the source's unit and labels as spelled in
the file; the import service (annotator/importing.py) resolves labels, converts
offsets to code points, checks the offset contract, and decides what is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawSpan:
    start: Any
    end: Any
    label: Any
    text: str | None = None  # the span text if the source states it, to check against
    speaker: str = ""
    target: str = ""
    cue: str = ""
    note: str = ""
    annotator: str = ""
    line: int | None = None  # where the source declares this span, if not the document's line


@dataclass
class RawDecision:
    """An adjudication decision read from another project: nothing of [start, end)
    goes into gold (offsets in code points, as that project stores them)."""
    start: Any
    end: Any
    verdict: Any = "rejected"
    annotator: str = ""  # the lead who decided
    created: str = ""


@dataclass
class RawDocument:
    text: str
    file: str  # the file name to show in messages
    line: int | None = None  # 1-based line where the document starts in the file
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    published: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    status: str | None = None
    spans: list[RawSpan] = field(default_factory=list)
    decisions: list[RawDecision] = field(default_factory=list)  # from another project only
    offset_unit: str | None = None  # the unit the record itself declares, if any
    # the unit the format is defined in (Prodigy's and Label Studio's are code points):
    # used when neither the record, the export's manifest nor the user names one
    format_unit: str | None = None
    warnings: list[str] = field(default_factory=list)  # things read but not kept


@dataclass
class Problem:
    """One rejected item: which file, which line, and why."""

    file: str
    line: int | None
    reason: str
    # offset units that may settle it (the offsets named none, or fit another one): the
    # window offers to import the file again counting one of them
    offset_units: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class FormatError(ValueError):
    """A whole file cannot be read; carries the problem for the report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
