"""Whether the project can store every string of a resolved document, said before writing.

SQLite keeps text as UTF-8, which cannot hold a lone surrogate; a JSON escape such as
"\\ud800" in a title, a note or the metadata makes one. The document text is checked
where it is read (resolve.py); here the other strings are, so that such a document is
reported with the field that holds it instead of failing in the middle of the import.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..core.model import Document, Span

DOCUMENT_STRINGS = ("title", "source", "url", "author", "published")
SPAN_STRINGS = ("speaker", "target", "cue", "note", "annotator")


def unstorable(document: Document, spans: list[Span]) -> str | None:
    """Why ``document`` cannot be stored, or None. One C-level pass in the usual case."""
    try:
        metadata = _metadata_text(document)
    except (ValueError, TypeError, RecursionError) as error:
        return f"the metadata cannot be stored ({error})"
    parts = [getattr(document, name) for name in DOCUMENT_STRINGS]
    parts.append(metadata)
    for span in spans:
        parts.extend(getattr(span, name) for name in SPAN_STRINGS)
    try:
        "\n".join(parts).encode("utf-8")
        return None
    except UnicodeEncodeError:
        pass
    for what, value in _named(document, metadata, spans):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return (f"{what} has an unpaired surrogate (U+{ord(value[error.start]):04X}) at "
                    f"character {error.start}, which a project cannot store")
    return None


def _metadata_text(document: Document) -> str:
    # as the store writes it (store/project.py), so what passes here is what it can write
    if not document.metadata:
        return ""
    return json.dumps(document.metadata, ensure_ascii=False, sort_keys=True)


def _named(document: Document, metadata: str, spans: list[Span]) -> Iterator[tuple[str, str]]:
    for name in DOCUMENT_STRINGS:
        yield f"the {name}", getattr(document, name)
    yield "the metadata", metadata
    for number, span in enumerate(spans, start=1):
        for name in SPAN_STRINGS:
            yield f"the {name} of span {number}", getattr(span, name)
