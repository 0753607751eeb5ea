"""Where two annotators disagree on spans, to drill down from the figures.

From the pairing of span_f1.py (each span in at most one disagreement per other
annotator; spans both have exactly are no disagreement):

  boundary  same label, overlapping, not the same characters;
  label     overlapping, another label;
  missing   left unpaired: nothing of the other annotator's is on the span's characters
            (or all of it was paired with other spans); listed under the annotator who
            has the span, ``other`` None.
"""
from __future__ import annotations

from typing import NamedTuple

from ..core.model import Span
from .span_f1 import Pairing

KINDS = ("missing", "label", "boundary")


class Disagreement(NamedTuple):  # a tuple: a report may hold tens of thousands
    document_id: int | None
    kind: str
    annotator: str
    span: Span
    other_annotator: str
    other: Span | None  # the other annotator's span; None when "missing"

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "kind": self.kind,
                "annotator": self.annotator, "span": span_json(self.span),
                "other_annotator": self.other_annotator,
                "other_span": span_json(self.other) if self.other is not None else None}


def span_json(span: Span) -> dict:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label,
            "text": span.text}


def disagreements(document_id: int | None, names: tuple[str, str], pairing: Pairing
                  ) -> list[Disagreement]:
    mine, theirs = names
    found = [Disagreement(document_id, kind, mine, span, theirs, other)
             for kind, pairs in (("boundary", pairing.boundary), ("label", pairing.relabelled))
             for span, other in pairs]
    found += [Disagreement(document_id, "missing", mine, span, theirs, None)
              for span in pairing.only_first]
    found += [Disagreement(document_id, "missing", theirs, span, mine, None)
              for span in pairing.only_second]
    found.sort(key=_in_text_order)
    return found


def _in_text_order(item: Disagreement) -> tuple[int, int, str, str]:
    return item.span.start, item.span.end, item.span.label, item.annotator
