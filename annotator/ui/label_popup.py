"""A small row of label buttons that appears by a fresh selection; with a span selected,
also buttons that make the selected words that span's speaker, target or cue."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ..core.selection import shortened
from .attribution_fields import NAMING_KEYS
from .keys import choose_label
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import no_mnemonic, one_line, plain_tooltip

SPAN_TEXT_SHOWN = 60  # characters of the selected span named in a button's tooltip

GAP = 4  # pixels between the popup and the selected lines
SPACING = 2  # pixels between buttons, and between rows
ROW_MARGINS = 16  # the popup's margins and frame, both sides
SEPARATOR = 8  # the line between the labels and the naming buttons, with its spacing


def popup_position(pointer: QPoint, band: QRect, size: QSize, screen: QRect) -> QPoint:
    """Where the popup's top left goes: above the selected lines when the screen has
    room there, else below them, centred on the pointer and kept on the screen.

    Above first, because what follows a selection is what a news text names the
    speaker with ("...," the minister said): covering it would hide who said it, while
    the line above has just been read. Neither covers the selection itself, unless it
    fills the screen."""
    x = min(max(pointer.x() - size.width() // 2, screen.left()), screen.right() + 1 - size.width())
    above = band.top() - GAP - size.height()
    below = band.bottom() + 1 + GAP
    if above >= screen.top():
        y = above
    elif below + size.height() <= screen.bottom() + 1:
        y = below
    else:  # a selection taller than the screen leaves: by the pointer, on the screen
        y = min(max(pointer.y() + GAP, screen.top()), screen.bottom() + 1 - size.height())
    return QPoint(x, y)


@reported_errors
class LabelPopup(QFrame):
    def __init__(self, view, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("labelPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = view
        self.buttons: dict[str, QToolButton] = {}  # by label
        self.naming_buttons: dict[str, QToolButton] = {}  # by attribute: speaker, target, cue
        rows = QVBoxLayout(self)
        rows.setContentsMargins(4, 4, 4, 4)
        rows.setSpacing(SPACING)
        for label in view.session.labels:
            self.buttons[label.name] = self._label_button(label)
        labels_row = self._fill_rows(rows, list(self.buttons.values()))
        # the words may rather name who said the span selected before them, or to whom
        self.span = view.session.selected_editable()
        if self.span is not None:
            self._add_naming_buttons(rows, labels_row)
        if rows.count() > 1:  # rows of different widths line up on the left
            for row in range(rows.count()):
                rows.itemAt(row).layout().addStretch(1)

    def _label_button(self, label) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(f"popup-{label.name}")
        button.setIcon(swatch_icon(label.colour))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        key = f" ({label.key})" if label.key else ""
        button.setText(no_mnemonic(f"{label.name}{key}"))
        button.clicked.connect(lambda _=False, name=label.name: self.choose(name))
        return button

    def _fill_rows(self, rows: QVBoxLayout, buttons: list[QToolButton]) -> QHBoxLayout:
        """The label buttons in as many rows as the screen's width needs (many long
        label names on a small laptop), in order; the last row."""
        room = self._screen().width() - ROW_MARGINS
        row, used = None, 0
        for button in buttons:
            width = button.sizeHint().width()
            if row is None or (row.count() and used + SPACING + width > room):
                row, used = self._new_row(rows), 0
            used += width + (SPACING if row.count() else 0)
            row.addWidget(button)
        return row if row is not None else self._new_row(rows)

    @staticmethod
    def _new_row(rows: QVBoxLayout) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        rows.addLayout(row)
        return row

    def _add_naming_buttons(self, rows: QVBoxLayout, labels_row: QHBoxLayout) -> None:
        """After the labels, or on a row of their own where one row would not fit on
        the screen (nine labels on a small laptop)."""
        naming_row = QHBoxLayout()
        naming_row.setSpacing(SPACING)
        self._make_naming_buttons(naming_row)
        room = self._screen().width() - ROW_MARGINS
        if labels_row.sizeHint().width() + naming_row.sizeHint().width() + SEPARATOR <= room:
            line = QFrame(self)
            line.setFrameShape(QFrame.Shape.VLine)
            labels_row.addWidget(line)
            labels_row.addLayout(naming_row)
        else:
            rows.addLayout(naming_row)

    def _make_naming_buttons(self, layout: QHBoxLayout) -> None:
        shown = shortened(one_line(self.span.text), SPAN_TEXT_SHOWN)
        for letter, name in NAMING_KEYS.items():
            button = QToolButton(self)
            button.setObjectName(f"popup-as-{name}")
            button.setText(f"as {name} ({letter.upper()})")
            button.setToolTip(plain_tooltip(
                f"Make the selected words the {name} of the selected {self.span.label} span: "
                f"{shown}"))
            button.clicked.connect(lambda _=False, name=name: self.name(name))
            layout.addWidget(button)
            self.naming_buttons[name] = button

    def show_by(self, pointer: QPoint, band: QRect) -> None:
        """Show the popup near ``pointer`` (global), clear of the selected lines ``band``."""
        self.adjustSize()
        # the contents' rectangle, not move()'s frame position: a frame would push it off
        place = popup_position(pointer, band, self.size(), self._screen())
        self.setGeometry(QRect(place, self.size()))
        self.show()
        self.setFocus()

    def _screen(self) -> QRect:
        """The free area of the screen the text is on."""
        return (self.view.screen() or self.screen()).availableGeometry()

    def choose(self, name: str) -> None:
        self.close()
        choose_label(self.view, name)
        self.view.setFocus()

    def name(self, attribute: str) -> None:
        self.close()
        self.view.name_from_selection(attribute)
        self.view.setFocus()

    def keyPressEvent(self, event) -> None:
        label = self.view.session.label_for_key(event.text()) if event.text() else None
        naming = NAMING_KEYS.get(event.text().lower()) if self.span is not None else None
        if label:
            self.choose(label)
        elif naming:
            self.name(naming)
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
            self.view.setFocus()
        else:
            super().keyPressEvent(event)
