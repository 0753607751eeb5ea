"""The annotation session: what the window shows and every edit it can make, without Qt.

The window translates mouse and key events into calls on this object and
repaints from what it announces. Every edit goes through the undo history as a
command, committed in one transaction before the call returns.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .core.commands import ChangeSpan, Command, CreateSpan, DeleteSpan, History, SetStatus
from .core.layers import Layer, colleagues
from .core.model import ContractError, Document, Label, Span
from .core.selection import cluster_safe, is_space, snap, step, without_outer_space
from .core.span_index import SpanIndex
from .store import Project, ProjectError
from .store.labels import LabelStore

ATTRIBUTES = ("speaker", "target", "cue", "note")
# what words in the text can name (Attribution panel letters S, T, U), and how long such
# a name may be: a selection past that is a passage dragged by mistake, not a name
NAMED_FROM_TEXT = ("speaker", "target", "cue")
LONGEST_NAME = 200
FIRST_PART = 20_000  # characters whose spans are read before a document is first shown
# (a document's id, +1 or -1) -> the id of the next or previous document, None at the end
Neighbour = Callable[[int, int], int | None]


@dataclass(frozen=True)
class Change:
    """What changed, so that each view refreshes only what it must."""

    kind: str  # "document", "loaded" (the rest of its spans), "spans", "selection", "sticky", "status"
    # also "corpus" (another program changed the project: documents, counts) and
    # "refused" (an edit or undo could not be made; ``message`` says why), and
    # "decisions" (an adjudication step was made or undone: gold spans, rejections)
    span_ids: tuple[int, ...] = ()
    message: str = ""


class AnnotationSession:
    def __init__(self, project: Project, annotator: str):
        self.project = project
        self.annotator = annotator
        self.history = History(LabelStore(project))  # span and label edits, one undo order
        self.labels: list[Label] = project.labels()
        self.document: Document | None = None
        self.index = SpanIndex()
        self._rest_from: int | None = None
        self.selected_id: int | None = None
        self.sticky_label: str | None = None
        self.layer = Layer("all")  # whose spans are shown (core/layers.py)
        self.neighbour: Neighbour = project.adjacent_document_id  # see walk_through
        self._listeners: list[Callable[[Change], None]] = []
        self._before_edit: list[Callable[[], None]] = []
        self._preparing = False

    def set_annotator(self, name: str) -> None:
        """Spans made from now on carry ``name``; existing spans keep the name they have."""
        self.annotator = name
        if self.layer.kind == "mine" and self.document is not None:
            self._reread_document()  # "my spans" are now those of the new name
        self._announce(Change("layer"))  # whose spans are "mine" changed

    # -- announcing ---------------------------------------------------------
    def subscribe(self, listener: Callable[[Change], None]) -> None:
        self._listeners.append(listener)

    def _announce(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    def before_edit(self, callback: Callable[[], None]) -> None:
        """``callback`` runs before every edit, undo, redo and change of document, so
        that a view holding typed text not yet committed (an Attribution field, the
        focus still in it) commits it first, to the span it was typed for."""
        self._before_edit.append(callback)

    def prepare_edit(self) -> None:
        """Run the before-edit callbacks: typed text is committed first. Edits, undo,
        redo, a change of document, selection or layer call it themselves; code that
        reads spans to build a command of its own (adjudication) calls it before."""
        if self._preparing:
            return  # a callback's own commit is an edit too
        self._preparing = True
        try:
            for callback in list(self._before_edit):
                callback()
        finally:
            self._preparing = False

    # -- documents ----------------------------------------------------------
    def open_document(self, document_id: int) -> None:
        """Open a document with the spans of its first screens; ``load_rest`` adds the others.

        A long document's spans are read in two parts so that its first page is shown
        at once; everything that needs all spans (counts, the span list, walking
        through spans) loads the rest first.
        """
        self.prepare_edit()
        self.document = self.project.document(document_id)
        self.index = SpanIndex(self._shown(self.project.spans_starting(document_id, before=FIRST_PART)))
        self._rest_from = FIRST_PART if len(self.document.text) > FIRST_PART else None
        self.selected_id = None
        self._announce(Change("document"))

    @property
    def complete(self) -> bool:
        return self._rest_from is None

    def load_rest(self) -> None:
        if self._rest_from is None:
            return
        rest = self._shown(self.project.spans_starting(self.document.id, at_or_after=self._rest_from))
        self._rest_from = None
        self.index.add_many(rest)
        self._announce(Change("loaded"))

    def reload_document(self) -> None:
        """Read the current document again (status, spans) after a change elsewhere."""
        if self.document is not None:
            self.open_document(self.document.id)

    def walk_through(self, neighbour: Neighbour) -> None:
        """Make ``go`` and ``mark_done_and_next`` follow another order than the project's
        (the window's document list, as filtered and sorted): ``neighbour`` names the
        document after (+1) or before (-1) a given one, or None past the end."""
        self.neighbour = neighbour

    def go(self, step_by: int) -> bool:
        """Open the next (+1) or previous (-1) document; False at either end."""
        if self.document is None:
            return False
        return self._open_if_any(self.neighbour(self.document.id, step_by))

    def mark_done_and_next(self) -> bool:
        """Mark the open document done and open the next one; False (staying) at the end."""
        if self.document is None:
            return False
        # Chosen before the status changes: in a list of documents to do (or one sorted
        # by status) the document marked done leaves its place, and the one to open is
        # the one that followed it there.
        following = self.neighbour(self.document.id, +1)
        self._run(SetStatus(self.document.id, "done", description="mark done"))
        self.document = self.project.document(self.document.id)
        return self._open_if_any(following)

    def _open_if_any(self, document_id: int | None) -> bool:
        if document_id is None:
            return False
        self.open_document(document_id)
        return True

    # -- labels -------------------------------------------------------------
    def label_for_key(self, key: str) -> str | None:
        return next((label.name for label in self.labels if label.key and label.key == key), None)

    def label(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    def reload_labels(self) -> None:
        """Read the labels again after they were edited; views rebuild on "labels" first,
        then the document is read again (its spans may have been moved or deleted)."""
        self.labels = self.project.labels()
        if self.sticky_label is not None and self.label(self.sticky_label) is None:
            self.sticky_label = None
        self._announce(Change("labels"))
        self.reload_document()

    def set_sticky_label(self, name: str | None) -> None:
        """The label applied to each following selection (None: ask each time)."""
        self.sticky_label = name
        self._announce(Change("sticky"))

    def toggle_sticky_label(self, name: str) -> None:
        self.set_sticky_label(None if name == self.sticky_label else name)

    def counts(self) -> dict[str, int]:
        self.load_rest()
        return {**{label.name: 0 for label in self.labels}, **self.index.counts()}

    # -- making spans ---------------------------------------------------------
    def proposed_range(self, start: int, end: int, whole_words: bool = True) -> tuple[int, int] | None:
        if self.document is None:
            return None
        return snap(self.document.text, start, end, whole_words)

    def label_selection(self, start: int, end: int, label: str,
                        whole_words: bool = True) -> Span | None:
        """Make a span of ``label`` from a selection; None if it holds only whitespace."""
        bounds = self.proposed_range(start, end, whole_words)
        if bounds is None or self.label(label) is None:
            return None
        writer = self.layer.writes_as(self.annotator)
        if writer is None:
            self._refuse_read_only()
            return None
        text = self.document.text
        span = Span(start=bounds[0], end=bounds[1], label=label,
                    text=text[bounds[0]:bounds[1]], annotator=writer)
        command = self._run(CreateSpan(self.document.id, span, description=f"label {label}"))
        self.select(command.span_id)
        return self.index.get(command.span_id)

    # -- choosing a span -----------------------------------------------------
    @property
    def selected(self) -> Span | None:
        return self.index.get(self.selected_id) if self.selected_id is not None else None

    def select(self, span_id: int | None) -> None:
        self.prepare_edit()  # typed text belongs to the span it was typed for
        self.selected_id = span_id if span_id in self.index else None
        self._announce(Change("selection", (self.selected_id,) if self.selected_id else ()))

    def click(self, position: int) -> Span | None:
        """Select the innermost span at ``position``; clicking again selects the next one out."""
        self.load_rest()
        under = list(reversed(self.index.at(position)))
        if not under:
            self.select(None)
            return None
        ids = [span.id for span in under]
        following = ids[(ids.index(self.selected_id) + 1) % len(ids)] if self.selected_id in ids else ids[0]
        self.select(following)
        return self.selected

    def select_neighbour(self, direction: int) -> Span | None:
        """Select the next (+1) or previous (-1) span in text order."""
        self.load_rest()
        ordered = self.index.in_order()
        if not ordered:
            return None
        if self.selected_id is None:
            chosen = ordered[0] if direction > 0 else ordered[-1]
        else:
            position = next(i for i, s in enumerate(ordered) if s.id == self.selected_id)
            chosen = ordered[(position + direction) % len(ordered)]
        self.select(chosen.id)
        return chosen

    # -- editing the selected span -------------------------------------------
    def selected_editable(self) -> Span | None:
        """The selected span if this layer lets it be edited, saying nothing if not."""
        span = self.selected
        return span if span is not None and self.layer.may_edit(span, self.annotator) else None

    def _selected_to_edit(self) -> Span | None:
        """The selected span if this layer lets it be edited; else None, and says why
        (a "refused" change: a method, not a property, because it announces)."""
        span = self.selected
        if span is not None and self.selected_editable() is None:
            self._refuse_read_only()
            return None
        return span

    def _refuse_read_only(self) -> None:
        self._announce(Change("refused", message=(
            f"{self.layer.title(self.annotator)} are shown read only: choose your own layer "
            "or all annotators (View → Layer) to edit")))

    def relabel(self, label: str) -> None:
        span = self._selected_to_edit()
        if span and span.label != label and self.label(label):
            self._run(ChangeSpan(span.id, {"label": label}, description=f"relabel as {label}"))

    def delete_selected(self) -> None:
        span = self._selected_to_edit()
        if span:
            self._run(DeleteSpan(span.id, description="delete span"))
            self.select(None)

    def nudge(self, edge: str, direction: int, by_word: bool = False) -> None:
        """Move the selected span's start or end one character (or word) left or right."""
        span = self._selected_to_edit()
        if span is None:
            return
        text = self.document.text
        position = step(text, getattr(span, edge), direction, by_word)
        # a span never starts or ends on whitespace: hop over it
        if edge == "start":
            while position < span.end - 1 and is_space(text[position]):
                position += 1 if direction > 0 else -1
                if position <= 0:
                    break
        else:
            while position > span.start + 1 and is_space(text[position - 1]):
                position += -1 if direction < 0 else 1
                if position >= len(text):
                    break
        self.move_edge(edge, position)

    def move_edge(self, edge: str, position: int) -> None:
        span = self._selected_to_edit()
        if span is None:
            return
        text = self.document.text
        start, end = (position, span.end) if edge == "start" else (span.start, position)
        start, end = max(0, start), min(len(text), end)
        # as for a selection and a nudge: a span never starts or ends on whitespace (an
        # edge dragged past a line's end took the line break)
        start, end = without_outer_space(text, start, end)
        if start >= end:
            return
        start, end = cluster_safe(text, start, end)
        if (start, end) != (span.start, span.end):
            self._run(ChangeSpan(span.id, {"start": start, "end": end}, description=f"move {edge}"))

    def set_attribute(self, name: str, value: str) -> None:
        span = self._selected_to_edit()
        if span and name in ATTRIBUTES and getattr(span, name) != value:
            self._run(ChangeSpan(span.id, {name: value}, description=f"edit {name}"))

    def name_from_text(self, name: str, start: int, end: int,
                       whole_words: bool = True) -> str | None:
        """Make the words between ``start`` and ``end`` the selected span's speaker,
        target or cue (``name``), as one edit; the value set, or None when nothing was
        (no span selected, only whitespace, a passage too long to be a name).

        The words are taken as a selection is for a span (whole words, no whitespace at
        either end) and a line break or run of spaces inside becomes one space: a name
        broken over two lines is still one name."""
        bounds = self.proposed_range(start, end, whole_words)
        if name not in NAMED_FROM_TEXT or bounds is None:
            return None
        if self.selected is None:
            self._announce(Change("refused", message=(
                f"Select a span first (click it), then the words that name its {name}")))
            return None
        value = " ".join(self.document.text[bounds[0]:bounds[1]].split())
        if len(value) > LONGEST_NAME:
            self._announce(Change("refused", message=(
                f"Not used as the {name}: {len(value):,} characters are a passage, not a name "
                f"(at most {LONGEST_NAME})")))
            return None
        if self._selected_to_edit() is None:
            return None
        self.set_attribute(name, value)
        return value

    def speakers(self) -> list[str]:
        return self.project.distinct_values("speaker")

    # -- layers ---------------------------------------------------------------
    def colleagues(self) -> list[str]:
        """The other annotators whose spans are in this project."""
        return colleagues(self.project.distinct_values("annotator"), self.annotator)

    def set_layer(self, layer: Layer) -> None:
        """Show another layer; the place in the document and the selection (if its span
        is still shown) stay, only the spans that appear or vanish are announced."""
        if layer == self.layer:
            return
        self.prepare_edit()
        self.layer = layer
        if self.document is not None:
            self._reread_document()
        self._announce(Change("layer"))

    def _shown(self, spans):
        layer, me = self.layer, self.annotator
        return [span for span in spans if layer.shows(span, me)]

    # -- undo ---------------------------------------------------------------
    def undo(self) -> bool:
        self.prepare_edit()
        self.load_rest()
        return self._after(self._attempt(self.history.undo))

    def redo(self) -> bool:
        self.prepare_edit()
        self.load_rest()
        return self._after(self._attempt(self.history.redo))

    def run(self, command: Command) -> Command | None:
        """Run a command made outside the session (an adjudication step) through the same
        undo history; None if it was refused (the refusal is announced)."""
        self.prepare_edit()
        self.load_rest()
        done = self._attempt(lambda: self.history.run(command))
        self._after(done)
        return done

    def _run(self, command: Command) -> Command:
        self.prepare_edit()
        self.load_rest()  # an edit always works on the whole document
        self._after(self._attempt(lambda: self.history.run(command)))
        return command

    def _attempt(self, action: Callable[[], Command | None]) -> Command | None:
        """Run an edit, undo or redo; if it is refused (its span changed in another
        program, or the project is busy there), say why and show what is stored now."""
        try:
            return action()
        except (ContractError, ProjectError) as problem:  # CommandFailed is a ContractError
            self._announce(Change("refused", message=str(problem)))
            self.refresh()
            return None

    # -- changes made by another program -------------------------------------------
    def refresh(self) -> bool:
        """Catch up with what another program (window, import) committed; False if
        nothing. The open document's spans are read again and only those that differ
        are announced, so the view keeps its place and the selection stays if its span
        still exists; a "corpus" change tells views over all documents to read again."""
        if not self.project.changed_elsewhere():
            return False
        labels = self.project.labels()
        if labels != self.labels:
            self.labels = labels
            if self.sticky_label is not None and self.label(self.sticky_label) is None:
                self.sticky_label = None
            self._announce(Change("labels"))
        if self.document is not None:
            self._reread_document()
        self._announce(Change("corpus"))
        return True

    def _reread_document(self) -> None:
        try:
            document = self.project.document(self.document.id)
        except KeyError:  # deleted elsewhere: show the first document, if any is left
            self._open_or_close(self.project.first_document_id())
            return
        status_changed, self.document = document.status != self.document.status, document
        stored = {span.id: span for span in self._shown(self.project.spans(document.id))}
        shown = {span.id: span for span in self.index}
        changed = sorted(i for i in stored.keys() | shown.keys() if stored.get(i) != shown.get(i))
        for span_id in changed:
            self.index.remove(span_id)
        self.index.add_many(stored[i] for i in changed if i in stored)
        self._rest_from = None  # all of its spans are in now
        if status_changed:
            self._announce(Change("status"))
        if changed:
            self._announce(Change("spans", tuple(changed)))
        if self.selected_id is not None and self.selected_id not in self.index:
            self.select(None)

    def _open_or_close(self, document_id: int | None) -> None:
        if document_id is not None:
            self.open_document(document_id)
            return
        self.document, self.index, self.selected_id, self._rest_from = None, SpanIndex(), None, None
        self._announce(Change("document"))

    def _after(self, command: Command | None) -> bool:
        if command is None:
            return False
        # a label edit (core/label_commands.py; not imported here, as the window's
        # start-up does not need its commands)
        if getattr(command, "changes_labels", False):
            self.reload_labels()
            return True
        if isinstance(command, SetStatus):
            if self.document is not None and command.document_id == self.document.id:
                self.document = self.project.document(self.document.id)
                self._announce(Change("status"))
            else:
                self._open_edited(command.document_id)  # undoing "done" goes back to it
            return True
        if hasattr(command, "span_ids") and self.document is not None \
                and command.document_id == self.document.id:
            # an adjudication step: several gold spans at once, or a decision with none
            self._reread_document()
            self._announce(Change("decisions"))
            return True
        if self.document is None or command.document_id != self.document.id:
            self._open_edited(command.document_id)  # undo of an edit made elsewhere: show it
        else:
            self._sync_span(command.span_id)
            self._sync_status()
        return True

    def _open_edited(self, document_id: int) -> None:
        """Open the document an undo or redo changed, another being open: "document" tells
        the views of the open document, "status" those over all documents (the navigator's
        status and span counts), which a change of document alone leaves as they were."""
        self.open_document(document_id)
        self._announce(Change("status"))

    def _sync_span(self, span_id: int) -> None:
        try:
            span = self.project.get_span(span_id)
            if not self._shown([span]):
                raise KeyError(span_id)  # an undo brought back a span of another layer
            self.index.add(span)
        except KeyError:
            self.index.remove(span_id)
            if self.selected_id == span_id:
                self.selected_id = None
                self._announce(Change("spans", (span_id,)))
                self._announce(Change("selection"))
                return
        self._announce(Change("spans", (span_id,)))

    def _sync_status(self) -> None:
        """Follow a status a span edit moved on the side: the store marks a new document in
        progress on its first span, and that edit's undo puts it back to new."""
        if self.project.document_status(self.document.id) != self.document.status:
            self.document = self.project.document(self.document.id)
            self._announce(Change("status"))
