"""Documents, labels and spans: plain data with the offset contract enforced.

Nothing here knows about Qt or SQL. Offsets are Python ``str`` indices (code
points) into the document text as stored, end exclusive (DEVELOPERS.md rule 1).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .selection import shortened

STATUSES = ("new", "in-progress", "done", "skipped")


class ContractError(ValueError):
    """A value breaks one of the model's rules (offsets, labels, statuses)."""


# datetime and hashlib are imported where first used: the window's start-up needs
# neither (some 5 ms of it), the first edit or import does.
def now_iso() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def text_sha256(text: str) -> str:
    import hashlib
    # surrogatepass: a text may hold lone surrogates (e.g. from a JSON escape);
    # hashing must not fail on it.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise ContractError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    return status


@dataclass(frozen=True)
class Label:
    """A label of the project: its name, colour, key (1-9) and guideline."""
    name: str
    colour: str
    key: str = ""
    description: str = ""
    position: int = 0


DEFAULT_LABELS = (
    Label("claim", "#4C9BE8", "1", "An assertion presented as fact by a speaker.", 0),
    Label("denial", "#E8684C", "2", "A speaker rejects a claim or an accusation.", 1),
    Label("demand", "#E8B04C", "3", "A speaker calls on someone to act.", 2),
    Label("quote", "#5DBB63", "4", "Words reproduced as spoken, usually in quotation marks.", 3),
)


@dataclass(frozen=True)
class Document:
    """An article as stored: its text (offsets index it) and what is known of it."""
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    published: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    status: str = "new"
    id: int | None = None
    sha256: str = ""
    created: str = ""
    updated: str = ""

    def __post_init__(self):
        if not isinstance(self.text, str):
            raise ContractError("document text must be a string")
        check_status(self.status)
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))
        elif self.sha256 != text_sha256(self.text):
            raise ContractError("document sha256 does not match its text")


@dataclass(frozen=True)
class Span:
    """A labelled stretch of a document; ``text`` must equal ``doc_text[start:end]``."""

    start: int
    end: int
    label: str
    text: str
    speaker: str = ""
    target: str = ""
    cue: str = ""
    note: str = ""
    annotator: str = ""
    document_id: int | None = None
    id: int | None = None
    created: str = ""
    updated: str = ""

    def __post_init__(self):
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ContractError(f"span {name} must be an integer, got {value!r}")
        if self.start < 0:
            raise ContractError(f"span start {self.start} is negative")
        if self.start >= self.end:
            raise ContractError(f"span start {self.start} is not before its end {self.end}")
        if not self.label:
            raise ContractError("span has no label")
        if len(self.text) != self.end - self.start:
            raise ContractError(
                f"span text has {len(self.text)} characters but [{self.start}, {self.end}) covers "
                f"{self.end - self.start}"
            )

    def with_changes(self, **changes) -> "Span":
        return replace(self, **changes)


def trusted(cls, values: dict):
    """Rebuild a Document or Span from values the store already checked when it wrote
    them, without checking (and, for documents, hashing) again: reading 10,000 spans
    or a 1 MB text must stay cheap."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)  # frozen: bypass its __setattr__
    return obj


def trusted_rows(cls, keys: tuple[str, ...], rows) -> list:
    """``trusted`` for many rows of values in ``keys`` order (the export's hot loop)."""
    new, set_fields = object.__new__, object.__setattr__
    out = []
    for row in rows:
        obj = new(cls)
        set_fields(obj, "__dict__", dict(zip(keys, row)))
        out.append(obj)
    return out


def make_span(doc_text: str, start: int, end: int, label: str, **attrs) -> Span:
    """Build a span from a document text, taking the span text from the offsets."""
    check_bounds(doc_text, start, end)
    return Span(start=start, end=end, label=label, text=doc_text[start:end], **attrs)


def check_bounds(doc_text: str, start: int, end: int) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ContractError(f"offsets must be integers, got {start!r}, {end!r}")
    if start < 0 or end > len(doc_text):
        raise ContractError(
            f"span [{start}, {end}) lies outside the text (length {len(doc_text)})"
        )
    if start >= end:
        raise ContractError(f"span start {start} is not before its end {end}")


def check_span_against(doc_text: str, span: Span) -> None:
    """The offset contract: the stored span text is exactly ``text[start:end]``."""
    check_bounds(doc_text, span.start, span.end)
    actual = doc_text[span.start:span.end]
    if actual != span.text:
        raise ContractError(
            f"span text {shortened(span.text, 60)!r} does not match the document at "
            f"[{span.start}, {span.end}), which reads {shortened(actual, 60)!r}"
        )
