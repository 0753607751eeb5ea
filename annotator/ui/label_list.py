"""The labels in their order, as a list that can be reordered by dragging."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from ..core.model import Label
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import plain_tooltip

NAME_ROLE = Qt.ItemDataRole.UserRole
# no ItemIsDropEnabled: a label is dropped between two others, never onto one
ITEM_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled


def item_text(label: Label, count: int) -> str:
    """What a row says: name, key and how many spans use the label (plain text)."""
    key = f"  [{label.key}]" if label.key else ""
    return f"{label.name}{key}  · {count} span" + ("" if count == 1 else "s")


@reported_errors
class LabelList(QListWidget):
    """Shows labels; a drag reports where a label was dropped and the list is then
    rebuilt from the project, so what it shows is always what is stored."""

    moved = Signal(str, int)  # label name, its new position (0 is first)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labelList")
        self.setAccessibleName("Labels")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def show_labels(self, labels: list[Label], counts: dict[str, int], current: str | None) -> None:
        """Show ``labels`` with ``current`` chosen, without announcing a choice: the
        editor shows that label itself (a rebuild is not the analyst choosing one)."""
        self.blockSignals(True)
        try:
            self.clear()
            for label in labels:
                item = QListWidgetItem(swatch_icon(label.colour),
                                       item_text(label, counts.get(label.name, 0)))
                item.setData(NAME_ROLE, label.name)
                item.setFlags(ITEM_FLAGS)
                item.setToolTip(plain_tooltip(label.description) if label.description else "")
                self.addItem(item)
            self.select_name(current if current in self.names() else
                             (labels[0].name if labels else None))
        finally:
            self.blockSignals(False)

    def names(self) -> list[str]:
        return [self.item(row).data(NAME_ROLE) for row in range(self.count())]

    def current_name(self) -> str | None:
        item = self.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def select_name(self, name: str | None) -> None:
        names = self.names()
        self.setCurrentRow(names.index(name) if name in names else -1)

    def dropEvent(self, event) -> None:
        dragged = self.current_name()
        super().dropEvent(event)
        names = self.names()
        if dragged in names:
            # after the drag has wholly ended: the editor then rebuilds this list
            position = names.index(dragged)
            QTimer.singleShot(0, self, lambda: self.moved.emit(dragged, position))
