"""Before anything is written: every span's offsets, in the unit being exported, must
give back exactly its text."""
from __future__ import annotations

from ..core.model import ContractError, check_span_against
from ..core.offsets import CODEPOINT, UTF8, UTF16, map_for
from ..formats.export_base import ExportDoc
from .selection import ExportError

ENCODINGS = {UTF16: ("utf-16-le", 2), UTF8: ("utf-8", 1)}


def check_offsets(docs: list[ExportDoc], unit: str) -> None:
    for doc in docs:
        try:
            _check_document(doc, unit)
        except ContractError as error:
            raise ExportError(f"export stopped, nothing was written: document {doc.document.id} "
                              f"({doc.document.title}): {error}") from None


def _check_document(doc: ExportDoc, unit: str) -> None:
    text = doc.document.text
    for span in doc.spans:
        if text[span.start:span.end] != span.text:  # the common case, checked cheaply
            check_span_against(text, span)  # raises, saying how they differ
    if unit == CODEPOINT or not doc.spans:
        return
    encoding, width = ENCODINGS[unit]
    encoded = text.encode(encoding, "surrogatepass")
    offsets = map_for(text, unit)
    for span in doc.spans:
        start, end = offsets.to_units(span.start), offsets.to_units(span.end)
        piece = encoded[start * width:end * width].decode(encoding, "surrogatepass")
        if piece != span.text:
            raise ContractError(f"span {span.id} does not read back as {unit} "
                                f"[{start}, {end}) → {piece!r}")
