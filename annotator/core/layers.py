"""Annotator layers: whose spans the window shows, and whose spans an edit may touch.

Every span records its annotator. A layer is a view over those names:

    mine        the spans of the person at the keyboard (new spans are theirs)
    annotator   one colleague's spans, read only (their work, merged in, is evidence)
    all         everyone's spans, told apart; only one's own are edited
    gold        the adjudicated layer (annotator GOLD); edits there are the lead's

Editing is limited to the layer one writes in so that a colleague's merged spans,
which agreement is measured on, never change by a slip of the keyboard; a
colleague's span is taken over explicitly, as a copy in one's own layer.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Span

GOLD = "gold"  # the annotator name of the adjudicated layer
KINDS = ("mine", "annotator", "all", "gold")


@dataclass(frozen=True)
class Layer:
    kind: str = "mine"
    name: str = ""  # the colleague, for kind "annotator"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown layer {self.kind!r}; use one of {', '.join(KINDS)}")
        if (self.kind == "annotator") != bool(self.name):
            raise ValueError("a colleague's layer names the colleague, and only that one")

    @classmethod
    def of(cls, annotator: str) -> "Layer":
        return cls(GOLD) if annotator == GOLD else cls("annotator", annotator)

    def shows(self, span: Span, me: str) -> bool:
        if self.kind == "all":
            return True
        return span.annotator == self._owner(me)

    def writes_as(self, me: str) -> str | None:
        """The annotator new spans get in this layer; None where nothing may be edited."""
        if self.kind == "annotator":
            return None if self.name != me else me
        return GOLD if self.kind == GOLD else me

    def may_edit(self, span: Span, me: str) -> bool:
        writer = self.writes_as(me)
        return writer is not None and span.annotator == writer

    def title(self, me: str) -> str:
        return {"mine": f"My spans ({me})", "all": "All annotators", "gold": "Gold (adjudicated)",
                "annotator": f"{self.name}'s spans"}[self.kind]

    def _owner(self, me: str) -> str:
        return {"mine": me, "gold": GOLD}.get(self.kind, self.name)


def colleagues(annotators: list[str], me: str) -> list[str]:
    """The other annotators of a project, in name order (gold is a layer of its own)."""
    return sorted({name for name in annotators if name not in (me, GOLD, "")})
