"""Annotator layers: whose spans the window shows, and whose spans an edit may touch.

Every span records its annotator. A layer is a view over those names:

    mine        the spans of the person at the keyboard (new spans are theirs)
    annotator   one colleague's spans, read only: looking at someone's work as they left it
    all         everyone's spans, told apart (the default: nothing is hidden)
    gold        the adjudicated layer (annotator GOLD); new spans there are gold

Where spans are shown and editable, any of them may be edited and keeps its
annotator: one analyst's project often holds spans imported under another name
(a colleague's pre-annotation, a doccano export) that are corrected in place. A
colleague's own layer is read only, so comparing one's work with theirs cannot
change theirs.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Span

GOLD = "gold"  # the annotator name of the adjudicated layer
KINDS = ("mine", "annotator", "all", "gold")


@dataclass(frozen=True)
class Layer:
    """Whose spans the window shows and edits: mine, a colleague's, gold, or all."""
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
        return self.writes_as(me) is not None and self.shows(span, me)

    def title(self, me: str) -> str:
        return {"mine": f"My spans ({me})", "all": "All annotators", "gold": "Gold (adjudicated)",
                "annotator": f"{self.name}'s spans"}[self.kind]

    def _owner(self, me: str) -> str:
        return {"mine": me, "gold": GOLD}.get(self.kind, self.name)


def colleagues(annotators: list[str], me: str) -> list[str]:
    """The other annotators of a project, in name order (gold is a layer of its own)."""
    return sorted({name for name in annotators if name not in (me, GOLD, "")})
