"""spaCy DocBin (``.spacy``) files: this project's spaCy export, or any other DocBin.

Each Doc becomes a document with the spans of every group in ``doc.spans``, or, when a
Doc has no span groups, its ``doc.ents``. Offsets are spaCy character offsets, which are
code points. Speaker, target, cue, note and annotator come back from the ``user_data``
that annotator/formats/spacy_export.py writes; title, source and the other document
fields from ``user_data["annotator_document"]``.

spaCy is optional: it is imported only when a .spacy file is read, and its absence is a
FormatError for that file, not a crash of the import.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from annotator.formats.jsonl import BadRecord, text_field
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan

# The same keys as spacy_export (which imports spaCy at load time, so they are not shared)
DOCUMENT_KEY = "annotator_document"
DOCUMENT_FIELDS = ("title", "source", "url", "author", "published")
ATTRIBUTION_FIELDS = ("speaker", "target", "cue", "note", "annotator")


def attribution_key(span_key: str) -> tuple[str, str, str]:
    return ("annotator", "spans", span_key)


def read(stream: BinaryIO, name: str) -> Iterator[RawDocument | Problem]:
    DocBin, Vocab = _spacy_classes(name)
    try:
        doc_bin = DocBin().from_bytes(stream.read())
    except (ValueError, LookupError, TypeError) as error:  # E1014, or msgpack of another shape
        raise FormatError(Problem(name, None, f"not a spaCy DocBin file ({error})")) from None
    # A DocBin stores its own strings, so an empty vocabulary rebuilds any Doc.
    for number, doc in enumerate(doc_bin.get_docs(Vocab()), start=1):
        file = f"{name}, document {number}"
        try:
            yield raw_document(doc, file)
        except BadRecord as bad:  # user_data holding a list or a dict where text belongs
            yield Problem(file, None, str(bad))


def _spacy_classes(name: str):
    try:
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise FormatError(Problem(name, None, "spaCy is not installed, so .spacy files cannot be "
                                              "read: pip install 'annotator[spacy]'")) from None
    return DocBin, Vocab


def raw_document(doc, file: str) -> RawDocument:
    facts = doc.user_data.get(DOCUMENT_KEY)
    facts = facts if isinstance(facts, dict) else {}
    spans, warnings = _spans_of(doc)
    return RawDocument(
        text=doc.text, file=file,
        **{name: _text(facts.get(name), name) for name in DOCUMENT_FIELDS},
        spans=spans, offset_unit="codepoint", warnings=warnings,
    )


def _spans_of(doc) -> tuple[list[RawSpan], list[str]]:
    if not doc.spans:
        return [_raw_span(span, {}) for span in doc.ents], []
    spans, warnings = [], []
    for key in doc.spans:
        group = doc.spans[key]
        attribution = doc.user_data.get(attribution_key(key))
        if attribution is not None and len(attribution) != len(group):
            # someone changed the group after export: pairing by position would misattribute
            warnings.append(f"speaker, target, cue and note of span group {key!r} were not "
                            "imported: they no longer match its spans")
            attribution = None
        for index, span in enumerate(group):
            where = f"span {len(spans) + 1}: "
            spans.append(_raw_span(span, attribution[index] if attribution else {}, where))
    return spans, warnings


def _raw_span(span, attribution: Any, where: str = "") -> RawSpan:
    attribution = attribution if isinstance(attribution, dict) else {}
    return RawSpan(
        start=span.start_char, end=span.end_char, label=span.label_, text=span.text,
        **{name: _text(attribution.get(name), name, where) for name in ATTRIBUTION_FIELDS},
    )


def _text(value: Any, field: str, where: str = "") -> str:
    """A text field as JSON's rule has it (formats/jsonl.py text_field): never a repr."""
    return text_field(value, field, where) or ""
