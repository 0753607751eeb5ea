"""Turn what a reader parsed into model objects, or say exactly why not.

This is where offsets in a source's unit become code points, where labels are
matched to the project's, and where the offset contract is checked. A document
with any bad span is rejected whole: importing it without that span would
silently lose work.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields

from ..core.decisions import Decision, decision_problem
from ..core.model import STATUSES, ContractError, Document, Span, trusted
from ..core.offsets import CODEPOINT, UNITS, UTF16, OffsetError, map_for
from ..core.selection import shortened
from ..formats.records import Problem, RawDocument, RawSpan
from .storable import unstorable
from .unit_check import UNIT_WORDS, describe_mismatch, fitting_unit, unstated_unit_problem

TITLE_LIMIT = 200
TITLE_SEARCH = 2000  # characters looked at for a title before splitting the whole text
# the units a user is asked to choose between when offsets name none
UNIT_CHOICES = (UTF16, CODEPOINT)
_SPAN_DEFAULTS = {field.name: field.default for field in fields(Span) if field.default is not MISSING}


@dataclass
class Resolved:
    document: Document
    spans: list[Span]
    # a colleague's adjudication decisions; their document_id is set when stored
    decisions: list[Decision] = field(default_factory=list)
    # the places in ``spans`` of those the source named no annotator for: they carry
    # the importing annotator's name, as new work that this import brings, not as a
    # copy of anyone's layer (see importing/layers.py)
    unnamed: frozenset[int] = frozenset()


def resolve(raw: RawDocument, labels: dict[str, str], default_unit: str | None,
            annotator: str) -> Resolved | list[Problem]:
    """``labels`` maps lower-cased names to the project's spelling."""
    problems = _check_text(raw)
    if problems:
        return problems
    unit = raw.offset_unit or default_unit or raw.format_unit
    if unit is None:
        # nothing says what the offsets count: only where both readings agree may they
        # be taken as code points (a span's own text, where given, is checked below)
        reason = unstated_unit_problem(raw.text, raw.spans)
        if reason:
            return [_problem(raw, None, reason, UNIT_CHOICES)]
        unit = CODEPOINT
    if unit not in UNITS:
        return [_problem(raw, None, f"unknown offset unit {unit!r}")]
    spans, problems = _resolve_spans(raw, labels, unit, annotator)
    decisions = _resolve_decisions(raw, problems)
    if problems:
        return problems
    document = _document(raw)
    reason = unstorable(document, spans)
    if reason:
        return [_problem(raw, None, reason)]
    unnamed = frozenset(place for place, item in enumerate(raw.spans) if not _s(item.annotator))
    return Resolved(document, spans, decisions, unnamed)


def _check_text(raw: RawDocument) -> list[Problem]:
    if not isinstance(raw.text, str):
        return [_problem(raw, None, "the text is not a string")]
    if not raw.text.strip():
        return [_problem(raw, None, "empty text")]
    try:  # UTF-8 cannot encode a lone surrogate; a C loop where a Python one cost seconds
        raw.text.encode("utf-8")
    except UnicodeEncodeError as error:
        return [_problem(raw, None, f"the text has an unpaired surrogate "
                                    f"(U+{ord(raw.text[error.start]):04X}) at character {error.start}")]
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
            reason, units = f"span {number} {_describe(item)}: {error}", ()
            if isinstance(error, OffsetError) or item.text is not None:
                hint = describe_mismatch(raw.text, item, unit)
                reason += f"; {hint}" if hint else ""
                other = fitting_unit(raw.text, item, unit)
                units = (other,) if other else ()
            problems.append(_problem(raw, item.line, reason, units))
    return spans, problems


def _resolve_span(text, item: RawSpan, labels, offsets, unit, annotator) -> Span:
    label = labels.get(item.label.lower()) if isinstance(item.label, str) else None
    if label is None:
        known = ", ".join(sorted(set(labels.values())))
        raise ContractError(f"unknown label {item.label!r} (this project has: {known})")
    start, end = item.start, item.end
    # the usual case in one test (this runs for every span imported); else the reason
    if not (type(start) is int and type(end) is int and 0 <= start < end <= offsets.unit_length):
        _check_offsets(item, offsets.unit_length, unit)
    if unit == CODEPOINT:  # our own unit: the checks above are all there is to it
        start, end = item.start, item.end
    else:
        start, end = offsets.to_index(item.start), offsets.to_index(item.end)
    actual = text[start:end]
    if item.text is not None and item.text != actual:
        raise ContractError(f"its text {shortened(item.text, 50)!r} does not match the document there "
                            f"({shortened(actual, 50)!r})")
    # Span's own checks (whole offsets, 0 <= start < end, a label, a text as long as the
    # offsets say) are the ones just made, so it is built without running them again: a
    # frozen dataclass's __init__ was a third of the time of importing 100,000 spans.
    # The store checks each span against its document's text once more before writing.
    return trusted(Span, {**_SPAN_DEFAULTS, "start": start, "end": end, "label": label,
                          "text": actual, "speaker": _s(item.speaker), "target": _s(item.target),
                          "cue": _s(item.cue), "note": _s(item.note),
                          "annotator": _s(item.annotator) or annotator})


def _resolve_decisions(raw: RawDocument, problems: list[Problem]) -> list[Decision]:
    """A project's decisions, checked by the store's rule (they come only from another
    project file, in code points); each bad one is added to ``problems``."""
    decisions = []
    for number, item in enumerate(raw.decisions, 1):
        reason = decision_problem(item.start, item.end, item.verdict, len(raw.text))
        if reason:
            problems.append(_problem(raw, None, f"adjudication decision {number} "
                                                f"[{item.start}, {item.end}]: {reason}"))
            continue
        decisions.append(Decision(0, item.start, item.end, item.verdict, _s(item.annotator),
                                  created=_s(item.created)))
    return decisions


def _check_offsets(item: RawSpan, unit_length: int, unit: str) -> None:
    for value in (item.start, item.end):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContractError(f"offset {value!r} is not a whole number")
    if item.start >= item.end:
        raise ContractError(f"start {item.start} is not before end {item.end}")
    if item.end > unit_length or item.start < 0:
        raise OffsetError(f"offsets lie outside the text, which is {unit_length} "
                          f"{UNIT_WORDS[unit]} long")


def _document(raw: RawDocument) -> Document:
    return Document(text=raw.text, title=_title(raw), source=_s(raw.source), url=_s(raw.url),
                    author=_s(raw.author), published=_s(raw.published),
                    metadata=dict(raw.metadata), status=raw.status or "new")


def _title(raw: RawDocument) -> str:
    title = _s(raw.title).strip()
    if not title:
        title = _first_line(raw.text)
    return title[:TITLE_LIMIT]


def _first_line(text: str) -> str:
    """The first line that is not blank, stripped. Only the text's start is split when
    a whole such line lies there: splitting all of a long text costs more."""
    head = text[:TITLE_SEARCH]
    lines = head.splitlines()
    if len(head) < len(text):
        lines.pop()  # it may go on past the head
    found = next((line.strip() for line in lines if line.strip()), None)
    if found is not None or len(head) == len(text):
        return found or ""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _describe(item: RawSpan) -> str:
    return f"[{item.start}, {item.end}, {item.label!r}]"


def _problem(raw: RawDocument, line: int | None, reason: str,
             units: tuple[str, ...] = ()) -> Problem:
    return Problem(raw.file, line or raw.line, reason, units)


def _s(value) -> str:
    return "" if value is None else str(value)


