"""spaCy DocBin (``.spacy``): one Doc per document, for ``spacy train`` and spancat/NER.

Every span goes into ``doc.spans[options.span_key]``, a SpanGroup, where spans may
overlap (the nested quotes inside claims survive). The non-overlapping ones are also set
as ``doc.ents`` for NER: greedy longest-first (``spacy.util.filter_spans``: the span with
the most tokens wins, ties go to the earlier start, then to the earlier span in text
order), and the notes say how many were left out.

Docs are tokenised with ``spacy.blank("en")``: a tokenizer and nothing else. Its rules
(split on whitespace, then peel off punctuation, a few English exceptions such as "n't")
give usable token boundaries for any language written with spaces, and it needs no model
download. A project that trains on another language can retokenise; the character
offsets in the file stay exact.

A span must start and end on token boundaries (``Doc.char_span``). With
``options.alignment``:

    strict    (default) a misaligned span stops the export with a WriteError naming it
    expand    misaligned spans are widened to the tokens they touch (a space after a
              token belongs to no token and falls off the edge); a note counts them
    contract  misaligned spans are narrowed to the tokens they fully cover; a note counts them

A span that would vanish (contract: it lies inside one token; expand: it covers only the
space after a token) also stops the export: an annotated claim missing from a training
set teaches the model that this text is *not* a claim, which is worse than no export.

Attribution rides along in ``doc.user_data`` (``store_user_data=True``):
``user_data[("annotator", "spans", span_key)]`` is a list parallel to
``doc.spans[span_key]`` of {speaker, target, cue, note, annotator, span_id}, and
``user_data["annotator_document"]`` holds the document's id, title, source, url, author
and published. Read back with annotator/formats/spacy_docbin.py.

spaCy is an optional dependency: importing this module raises ImportError without it,
which the export service turns into "pip install 'annotator[spacy]'".
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from ..core.model import Document, Span
from ..core.selection import shortened
from .export_base import ExportDoc, WriteError, WriterOptions

SUFFIX = ".spacy"
ALIGNMENTS = ("strict", "contract", "expand")
ADJUSTMENTS = {
    # the space after a token belongs to no token, so expand drops it from a span's edge
    "expand": "widened to the tokens they touch",
    "contract": "narrowed to the tokens inside them",
}
DOCUMENT_KEY = "annotator_document"
DOCUMENT_FIELDS = ("id", "title", "source", "url", "author", "published")
ATTRIBUTION_FIELDS = ("speaker", "target", "cue", "note", "annotator")
EXAMPLES = 10  # misaligned or vanished spans named in a message


def attribution_key(span_key: str) -> tuple[str, str, str]:
    """The user_data key of the attribution list parallel to doc.spans[span_key]."""
    return ("annotator", "spans", span_key)


@dataclass
class Tally:
    """What happened to the spans across all documents, for notes and errors."""

    misaligned: list[tuple[Document, Span]] = field(default_factory=list)
    vanished: list[tuple[Document, Span]] = field(default_factory=list)
    adjusted: int = 0
    left_out_of_ents: int = 0


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    if options.alignment not in ALIGNMENTS:
        raise WriteError(f"unknown alignment {options.alignment!r}; use one of "
                         f"{', '.join(ALIGNMENTS)}")
    nlp = tokenizer_pipeline()
    doc_bin = DocBin(store_user_data=True)
    tally = Tally()
    for item in docs:
        doc_bin.add(build_doc(nlp, item, options, tally))
    _stop_on_lost_spans(tally, options.alignment)
    doc_bin.to_disk(target)
    return _notes(tally, options)


def tokenizer_pipeline():
    """``spacy.blank("en")`` for texts of any length. Its max_length (1,000,000
    characters) guards the parser's and NER's memory, about 1 GB per 100,000
    characters; this pipeline has neither, only the tokenizer, whose work grows with
    the text, so a long article is no risk and must not stop the export."""
    nlp = spacy.blank("en")
    nlp.max_length = sys.maxsize
    return nlp


def build_doc(nlp, item: ExportDoc, options: WriterOptions, tally: Tally) -> Doc:
    doc = nlp.make_doc(item.document.text)
    kept, attribution = [], []
    for span in item.spans:
        placed = _place(doc, item.document, span, options.alignment, tally)
        if placed is not None:
            kept.append(placed)
            attribution.append(_attribution(span))
    doc.spans[options.span_key] = kept
    # filter_spans: most tokens first, then earliest start; a stable sort, so deterministic
    doc.ents = spacy.util.filter_spans(kept)
    tally.left_out_of_ents += len(kept) - len(doc.ents)
    doc.user_data[attribution_key(options.span_key)] = attribution
    doc.user_data[DOCUMENT_KEY] = {name: getattr(item.document, name) for name in DOCUMENT_FIELDS}
    return doc


def _place(doc: Doc, document: Document, span: Span, alignment: str, tally: Tally):
    """The spaCy span for ``span``, or None (recorded in the tally) if it cannot be one."""
    placed = doc.char_span(span.start, span.end, label=span.label, alignment_mode=alignment)
    if placed is None and alignment == "strict":
        tally.misaligned.append((document, span))
        return None
    # expand gives an empty span, contract None, when no token is left to hold the span
    if placed is None or len(placed) == 0:
        tally.vanished.append((document, span))
        return None
    if (placed.start_char, placed.end_char) != (span.start, span.end):
        tally.adjusted += 1
    return placed


def _attribution(span: Span) -> dict:
    values = {name: getattr(span, name) for name in ATTRIBUTION_FIELDS}
    values["span_id"] = span.id
    return values


def _stop_on_lost_spans(tally: Tally, alignment: str) -> None:
    if tally.misaligned:
        raise WriteError(
            f"{_count(len(tally.misaligned))} not fall on spaCy token boundaries: "
            f"{_examples(tally.misaligned)}. --alignment expand would widen them to the "
            "tokens they touch, --alignment contract would narrow them to the tokens inside")
    if tally.vanished:
        advice = ("--alignment expand keeps them, widened to whole tokens"
                  if alignment == "contract" else "adjust them to cover a word")
        raise WriteError(
            f"{_count(len(tally.vanished))} not cover a whole spaCy token and would vanish "
            f"with --alignment {alignment}: {_examples(tally.vanished)}; {advice}")


def _notes(tally: Tally, options: WriterOptions) -> list[str]:
    notes = []
    if tally.adjusted:
        how = ADJUSTMENTS[options.alignment]
        notes.append(f"{tally.adjusted} span(s) moved to spaCy token boundaries "
                     f"(--alignment {options.alignment}: {how})")
    if tally.left_out_of_ents:
        notes.append(f"{tally.left_out_of_ents} overlapping span(s) left out of doc.ents, which "
                     f"cannot overlap (the longest span wins); all spans are in "
                     f"doc.spans[{options.span_key!r}]")
    return notes


def _count(number: int) -> str:
    return "1 span does" if number == 1 else f"{number} spans do"


def _examples(pairs: list[tuple[Document, Span]]) -> str:
    shown = "; ".join(f"document {document.id} [{span.start}, {span.end}) {span.label} "
                      f"{shortened(span.text, 50)!r}" for document, span in pairs[:EXAMPLES])
    more = len(pairs) - EXAMPLES
    return shown + (f"; and {more} more" if more > 0 else "")


