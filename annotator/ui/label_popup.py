"""A small row of label buttons that appears by a fresh selection."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from .keys import choose_label
from .legend import swatch_icon
from .overrides import reported_errors

OFFSET = QPoint(0, 14)  # below the pointer, clear of the selected line


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

    def show_at(self, global_point: QPoint) -> None:
        self.adjustSize()
        self.move(global_point + OFFSET)
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
