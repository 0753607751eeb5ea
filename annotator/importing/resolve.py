"""Turn what a reader parsed into model objects, or say exactly why not.

This is where offsets in a source's unit become code points, where labels are
matched to the project's, and where the offset contract is checked. A document
with any bad span is rejected whole: importing it without that span would
silently lose work.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.model import STATUSES, ContractError, Document, Span
from ..core.offsets import CODEPOINT, UNITS, OffsetError, map_for
from ..formats.records import Problem, RawDocument, RawSpan
from .unit_check import UNIT_WORDS, describe_mismatch, suspect_other_unit

TITLE_LIMIT = 200


@dataclass
class Resolved:
    document: Document
    spans: list[Span]


def resolve(raw: RawDocument, labels: dict[str, str], default_unit: str | None,
            annotator: str) -> Resolved | list[Problem]:
    """``labels`` maps lower-cased names to the project's spelling."""
    problems = _check_text(raw)
    if problems:
        return problems
    unit = raw.offset_unit or default_unit or CODEPOINT
    if unit not in UNITS:
        return [_problem(raw, None, f"unknown offset unit {unit!r}")]
    spans, problems = _resolve_spans(raw, labels, unit, annotator)
    # where the source gives each span's text, the text check above is exact; the
    # word-boundary guess is only for offsets that come bare (doccano)
    bare = all(item.text is None for item in raw.spans)
    if not problems and bare and raw.offset_unit is None and default_unit is None:
        hint = suspect_other_unit(raw.text, [(s.start, s.end) for s in raw.spans], unit)
        if hint:
            problems.append(_problem(raw, None, hint))
    if problems:
        return problems
    return Resolved(_document(raw), spans)


def _check_text(raw: RawDocument) -> list[Problem]:
    if not isinstance(raw.text, str):
        return [_problem(raw, None, "the text is not a string")]
    if not raw.text.strip():
        return [_problem(raw, None, "empty text")]
    for index, ch in enumerate(raw.text):
        if "\ud800" <= ch <= "\udfff":
            return [_problem(raw, None, f"the text has an unpaired surrogate (U+{ord(ch):04X}) "
                                        f"at character {index}")]
    if raw.status is not None and raw.status not in STATUSES:
        return [_problem(raw, None, f"unknown status {raw.status!r}")]
    return []


def _resolve_spans(raw, labels, unit, annotator):
    offsets = map_for(raw.text, unit)
    spans, problems = [], []
    for number, item in enumerate(raw.spans, 1):
        try:
            spans.append(_resolve_span(raw.text, item, labels, offsets, unit, annotator))
        except (ContractError, OffsetError) as error:
            reason = f"span {number} {_describe(item)}: {error}"
            if isinstance(error, OffsetError) or item.text is not None:
                hint = describe_mismatch(raw.text, item, unit)
                reason += f"; {hint}" if hint else ""
            problems.append(_problem(raw, item.line, reason))
    return spans, problems


def _resolve_span(text, item: RawSpan, labels, offsets, unit, annotator) -> Span:
    label = labels.get(str(item.label).lower()) if isinstance(item.label, str) else None
    if label is None:
        known = ", ".join(sorted(set(labels.values())))
        raise ContractError(f"unknown label {item.label!r} (this project has: {known})")
    for value in (item.start, item.end):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContractError(f"offset {value!r} is not a whole number")
    if item.start >= item.end:
        raise ContractError(f"start {item.start} is not before end {item.end}")
    if item.end > offsets.unit_length or item.start < 0:
        raise OffsetError(f"offsets lie outside the text, which is {offsets.unit_length} "
                          f"{UNIT_WORDS[unit]} long")
    start, end = offsets.to_index(item.start), offsets.to_index(item.end)
    actual = text[start:end]
    if item.text is not None and item.text != actual:
        raise ContractError(f"its text {_short(item.text)!r} does not match the document there "
                            f"({_short(actual)!r})")
    return Span(start=start, end=end, label=label, text=actual,
                speaker=_s(item.speaker), target=_s(item.target), cue=_s(item.cue),
                note=_s(item.note), annotator=_s(item.annotator) or annotator)


def _document(raw: RawDocument) -> Document:
    return Document(text=raw.text, title=_title(raw), source=_s(raw.source), url=_s(raw.url),
                    author=_s(raw.author), published=_s(raw.published),
                    metadata=dict(raw.metadata), status=raw.status or "new")


def _title(raw: RawDocument) -> str:
    title = _s(raw.title).strip()
    if not title:
        title = next((line.strip() for line in raw.text.splitlines() if line.strip()), "")
    return title[:TITLE_LIMIT]


def _describe(item: RawSpan) -> str:
    return f"[{item.start}, {item.end}, {item.label!r}]"


def _problem(raw: RawDocument, line: int | None, reason: str) -> Problem:
    return Problem(raw.file, line or raw.line, reason)


def _s(value) -> str:
    return "" if value is None else str(value)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
