"""A small row of label buttons that appears by a fresh selection."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from .keys import choose_label
from .legend import swatch_icon
from .overrides import reported_errors

GAP = 4  # pixels between the popup and the selected lines


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
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        for label in view.session.labels:
            button = QToolButton(self)
            button.setObjectName(f"popup-{label.name}")
            button.setIcon(swatch_icon(label.colour))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            key = f" ({label.key})" if label.key else ""
            button.setText(f"{label.name}{key}".replace("&", "&&"))
            button.clicked.connect(lambda _=False, name=label.name: self.choose(name))
            layout.addWidget(button)
            self.buttons[label.name] = button

    def show_by(self, pointer: QPoint, band: QRect) -> None:
        """Show the popup near ``pointer`` (global), clear of the selected lines ``band``."""
        self.adjustSize()
        screen = (self.view.screen() or self.screen()).availableGeometry()
        # the contents' rectangle, not move()'s frame position: a frame would push it off
        self.setGeometry(QRect(popup_position(pointer, band, self.size(), screen), self.size()))
        self.show()
        self.setFocus()

    def choose(self, name: str) -> None:
        self.close()
        choose_label(self.view, name)
        self.view.setFocus()

    def keyPressEvent(self, event) -> None:
        label = self.view.session.label_for_key(event.text()) if event.text() else None
        if label:
            self.choose(label)
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
            self.view.setFocus()
        else:
            super().keyPressEvent(event)
