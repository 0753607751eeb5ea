"""Who says the selected span, to whom, with which verb, and a note.

Fields show the selected span and never write while doing so. An edit is
committed (one undoable command) when a field is left or Enter pressed
(Ctrl+Enter in the note), and only to the span the field was showing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.model import Span
from ..session import AnnotationSession, Change
from .attribution_fields import LINE_FIELDS, NAMING_KEYS, NOTE_TITLE
from .legend import swatch
from .multiline_field import MultilineField
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCompleter

HINT = "Select a span to attribute it"
NOTE_LINES = 4
VIEW_NAME = "annotationView"  # the text view, where Escape sends the focus back
COMPLETED = ("speaker", "target", "cue")  # attributes whose used values are offered


def plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # span text and labels are user text
    return label


@reported_errors
class ElidedLabel(QLabel):
    """One line of plain text, cut with … to the width it is given."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self.setMinimumWidth(1)  # may shrink below its text: that is what elision is for

    def set_full_text(self, text: str) -> None:
        self._full = one_line(text)
        self.setToolTip(plain_tooltip(text) if text else "")
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


@reported_errors
class NoteEdit(MultilineField):
    """A few lines of note; done when left or on Ctrl+Enter (plain Enter is a new line)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lines = self.fontMetrics().lineSpacing() * NOTE_LINES
        margins = 2 * (self.frameWidth() + int(self.document().documentMargin()))
        self.setFixedHeight(lines + margins)


@reported_errors
class AttributionPanel(QWidget):
    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attributionPanel")
        self.setAccessibleName("Attribution")
        # A click on a greyed-out field (no span selected) lands here: the keyboard comes
        # with it, or the "2" of "2 officials" typed there would reach the text and turn
        # on the sticky label (a space would select a span under the caret).
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.session = session
        self._shown_id: int | None = None  # the span the fields hold values of
        self._shown_texts: dict[str, str] = {}  # each field's text as that span's value shows
        self._showing = False  # set while fields are filled: nothing may be committed then
        self._completions_stale = True
        self._build()
        session.subscribe(self._on_change)
        self._committing = False  # set while a field's own commit is being stored
        session.before_edit(self._commit_before_edit)  # typed text first, then the edit
        self.show_selected()

    # -- building -----------------------------------------------------------------
    def _build(self) -> None:
        self.swatch = QLabel(self)
        self.label_name = plain_label(self)
        self.label_name.setObjectName("attributionLabel")
        bold = QFont(self.label_name.font())
        bold.setBold(True)
        self.label_name.setFont(bold)
        self.span_text = ElidedLabel(self)
        self.span_text.setObjectName("attributionText")
        self.hint = plain_label(self)
        self.hint.setText(HINT)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.fields: dict[str, QLineEdit | NoteEdit] = {}
        for name, (_, placeholder) in LINE_FIELDS.items():
            self.fields[name] = self._line_field(name, placeholder)
        self.fields["note"] = self._note_field()
        self._lay_out()

    def _line_field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(f"{name}Field")
        field.setPlaceholderText(placeholder)
        letters = {named: key.upper() for key, named in NAMING_KEYS.items()}
        if name in letters:
            field.setToolTip(plain_tooltip(
                f"Type it (what was used before is offered), or select the words in the "
                f"text and press {letters[name]}"))
        field.setClearButtonEnabled(True)
        field.editingFinished.connect(lambda: self._commit(name, _field_text(field)))
        field.installEventFilter(self)
        return field

    def _note_field(self) -> NoteEdit:
        note = NoteEdit(self)
        note.setObjectName("noteField")
        note.setPlaceholderText("anything worth remembering (Ctrl+Enter to save)")
        note.editing_finished.connect(lambda: self._commit("note", _field_text(note)))
        note.installEventFilter(self)
        return note

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        heading.setSpacing(6)
        heading.addWidget(self.swatch)
        heading.addWidget(self.label_name)
        heading.addWidget(self.span_text, 1)
        heading.addWidget(self.hint, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, (title, _) in LINE_FIELDS.items():
            form.addRow(title, self.fields[name])
        form.addRow(NOTE_TITLE, self.fields["note"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addStretch(1)
        order = list(self.fields.values())
        for before, after in zip(order, order[1:]):
            QWidget.setTabOrder(before, after)

    # -- showing ------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.kind in ("document", "spans"):
            self._completions_stale = True
        # "layer": the selected span may have become read only here, or editable again
        if change.kind in ("document", "spans", "selection", "layer"):
            self.show_selected()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark: the swatch follows
            self._show_heading(self.session.selected if self._shown_id is not None else None)
        super().changeEvent(event)

    def show_selected(self) -> None:
        """Fill the fields from the selected span (or empty them); commits nothing."""
        span = self.session.selected
        if span is None and self._holds_focus():
            self.leave_fields()  # else Qt hands the keyboard on to the next control (a filter)
        self._showing = True
        try:
            self._show_heading(span)
            # a colleague's span (another layer) is read and copied here, not changed
            editable = span is not None and self.session.selected_editable() is not None
            for name, field in self.fields.items():
                _set_field_text(field, getattr(span, name) if span else "")
                field.setEnabled(span is not None)
                field.setReadOnly(not editable)
        finally:
            self._showing = False
        self._shown_id = span.id if span else None
        # What each field shows of the stored value: a note's "\r\n" shows as "\n", a
        # speaker keeps the spaces an import gave it. A field still showing exactly that
        # was not edited, and committing it must not rewrite the stored value.
        self._shown_texts = {name: _shown_text(field) for name, field in self.fields.items()}

    def _holds_focus(self) -> bool:
        return any(field.hasFocus() for field in self.fields.values())

    def _edited(self, name: str) -> bool:
        return _shown_text(self.fields[name]) != self._shown_texts.get(name, "")

    def _show_heading(self, span: Span | None) -> None:
        # Hide before showing: showing a widget lays the panel out at once, and the hint
        # beside the span's label for that moment made the dock wider (the article
        # rewrapped, under the pointer of a double click too).
        if span is not None:
            self.hint.setVisible(False)
        label = self.session.label(span.label) if span else None
        if label is not None:
            self.swatch.setPixmap(swatch(label.colour))
        self.swatch.setVisible(label is not None)
        self.label_name.setText(span.label if span else "")
        self.label_name.setVisible(span is not None)
        self.span_text.set_full_text(span.text if span else "")
        self.span_text.setVisible(span is not None)
        self.hint.setVisible(span is None)

    # -- committing -----------------------------------------------------------------
    def commit_pending(self) -> None:
        """Commit what a field holds but has not committed yet (focus still in it): call
        before acting on another span or document, or closing, from a shortcut."""
        pending = {name: _field_text(field) for name, field in self.fields.items()}
        for name, value in pending.items():  # read first: a commit shows stored values
            self._commit(name, value)

    def _commit_before_edit(self) -> None:
        """Before an edit made elsewhere (a label button, redo, another document): what
        the fields hold goes to the span it was typed for, as its own undoable edit."""
        if not self._committing:
            self.commit_pending()

    def holds_unsaved_text(self) -> bool:
        """True while a field holds text typed and not yet committed. Showing the stored
        values again now would wipe it (a field whose text is committed, the focus still
        in it, holds nothing to lose)."""
        span = self.session.selected
        if span is None or span.id != self._shown_id:
            return False  # the fields show no span, or are about to show another
        return any(self._edited(name) for name in self.fields)

    def hideEvent(self, event) -> None:
        self.commit_pending()  # a dock closed, or the window, with a field half-edited
        super().hideEvent(event)

    def _commit(self, name: str, value: str) -> None:
        span = self.session.selected
        # Only to the span the field showed: the selection may have moved on since.
        if self._showing or span is None or span.id != self._shown_id or not self._edited(name):
            return  # untouched: an imported " Zarif " or "\r\n" stays exactly as stored
        if getattr(span, name) != value:
            self._committing = True
            try:
                self.session.set_attribute(name, value)  # announced: the fields show it again
            finally:
                self._committing = False
        else:
            _set_field_text(self.fields[name], value)  # e.g. without spaces typed around it
            self._shown_texts[name] = _shown_text(self.fields[name])

    # -- completion and keys ----------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and self._completions_stale:
            self._refresh_completions()  # only when needed: it asks the whole project
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.leave_fields()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        # the panel itself has the keyboard after a click on it: Escape goes back, as
        # from a field
        if event.key() == Qt.Key.Key_Escape:
            self.leave_fields()
            return
        super().keyPressEvent(event)

    def _refresh_completions(self) -> None:
        self._completions_stale = False
        for name in COMPLETED:
            field = self.fields[name]
            if field.completer() is None:  # the first time a field takes the focus
                field.setCompleter(_completer(field))
            field.completer().model().setStringList(self.session.project.distinct_values(name))

    def leave_fields(self) -> None:
        """Give the keyboard back to the text view (leaving a field commits it)."""
        view = self._text_view()
        if view is not None:
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            focused = self.focusWidget()
            if focused is not None:
                focused.clearFocus()

    def _text_view(self) -> QWidget | None:
        # Ask each ancestor: the panel may sit in a dock, floating or not.
        ancestor = self.parentWidget()
        while ancestor is not None:
            view = ancestor.findChild(QWidget, VIEW_NAME)
            if view is not None:
                return view
            ancestor = ancestor.parentWidget()
        return None


def _completer(field: QLineEdit) -> QCompleter:
    # made when a field first takes the focus (before its own focus handling, which
    # connects it): QCompleter and its model cost 1 ms of start-up for nothing shown
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QCompleter
    completer = QCompleter(QStringListModel(field), field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "drian" finds "Le Drian"
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


def _field_text(field: QLineEdit | NoteEdit) -> str:
    # "Le Drian " and "Le Drian" must not become two speakers; a note is kept as typed
    return field.toPlainText() if isinstance(field, NoteEdit) else field.text().strip()


def _shown_text(field: QLineEdit | NoteEdit) -> str:
    """The field's text exactly as shown, spaces and all."""
    return field.toPlainText() if isinstance(field, NoteEdit) else field.text()


def _set_field_text(field: QLineEdit | NoteEdit, value: str) -> None:
    # Only when different: re-setting moves the caret and clears the field's own undo.
    if _shown_text(field) == value:
        return
    if isinstance(field, NoteEdit):
        field.setPlainText(value)
    else:
        field.setText(value)
