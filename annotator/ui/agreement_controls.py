"""What the agreement window compares: which annotators, which labels, which documents
(coverage) and of which status. Reads back as the arguments of ``agreement(...)``."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ..core.model import STATUSES
from .overrides import reported_errors
from .plain_text import one_line

ANY_STATUS = "any"
# coverage → (what the box shows, what it means)
COVERAGE_CHOICES = {
    "all": ("annotated by all",
            "Only documents every ticked annotator has a span in."),
    "some": ("by at least two",
             ("Documents at least two of them have a span in; the others count as missing "
              "there (Fleiss' κ and α_u still use only the documents all of them annotated).")),
    "any": ("by any",
            ("Documents any of them has a span in; an annotator with no span there is taken "
             "to have found nothing.")),
}
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
NAME = Qt.ItemDataRole.UserRole  # the name itself; the item shows it on one line
MOST_ROWS = 3  # of names in a checklist before it scrolls


@reported_errors
class AgreementControls(QWidget):
    changed = Signal()  # a tick or a choice changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.annotators = _checklist("annotatorList")
        self.labels = _checklist("labelList")
        self.coverage = QComboBox()
        for key, (shown, meaning) in COVERAGE_CHOICES.items():
            self.coverage.addItem(shown, key)
            self.coverage.setItemData(self.coverage.count() - 1, meaning,
                                      Qt.ItemDataRole.ToolTipRole)
        self.coverage.setToolTip("Which documents are compared:\n" + "\n".join(
            f"{shown}: {meaning}" for shown, meaning in COVERAGE_CHOICES.values()))
        self.status = QComboBox()
        self.status.addItems([ANY_STATUS, *STATUSES])
        self.status.setToolTip("Only documents of this status (a status is shared by all "
                               "annotators, so \"any\" is the usual choice).")
        self._lay_out()
        self.annotators.itemChanged.connect(lambda _item: self.changed.emit())
        self.labels.itemChanged.connect(lambda _item: self.changed.emit())
        self.coverage.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.status.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def _lay_out(self) -> None:
        documents = QWidget()
        row = QHBoxLayout(documents)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.coverage)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status)
        row.addWidget(status_label)
        row.addWidget(self.status)
        row.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("A&nnotators:", self.annotators)
        form.addRow("&Labels:", self.labels)
        form.addRow("&Documents:", documents)
        form.labelForField(documents).setBuddy(self.coverage)

    # -- filling ----------------------------------------------------------------------
    def set_choices(self, annotators: list[str], labels: list[str]) -> None:
        """Offer these names and labels. Ticks stay where they were; the first time every
        name is ticked, and a label not seen before comes ticked (all labels is the
        usual question), a new annotator unticked (they may have only just begun)."""
        first_time = self.annotators.count() == 0
        self.blockSignals(True)  # one "changed" for the whole refill, from the caller
        try:
            _refill(self.annotators, annotators, new_ticked=first_time)
            _refill(self.labels, labels, new_ticked=True)
        finally:
            self.blockSignals(False)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # narrower: names wrap onto another row

    def _fit(self) -> None:
        for checklist in (self.annotators, self.labels):
            fit_height(checklist)

    def set_annotators_ticked(self, names: list[str]) -> None:
        for item in _items(self.annotators):
            item.setCheckState(CHECKED if item.data(NAME) in names else UNCHECKED)

    # -- reading back -----------------------------------------------------------------
    def chosen_annotators(self) -> list[str]:
        return _ticked(self.annotators)

    def chosen_labels(self) -> list[str] | None:
        """None when every label is ticked (then labels used but no longer in the
        catalogue count too, as in `annotator agreement`)."""
        ticked = _ticked(self.labels)
        return None if len(ticked) == self.labels.count() else ticked

    def chosen_coverage(self) -> str:
        return self.coverage.currentData()

    def chosen_statuses(self) -> list[str] | None:
        status = self.status.currentText()
        return None if status == ANY_STATUS else [status]

    def problem(self) -> str | None:
        """Why nothing can be compared with these ticks, or None."""
        offered = self.annotators.count()
        if offered < 2:
            names = f" ({self.annotators.item(0).data(NAME)})" if offered else ""
            return (f"Agreement needs spans by two annotators; this project has spans by "
                    f"{offered}{names}. Spans carry the name set in Edit → Settings.")
        if len(self.chosen_annotators()) < 2:
            return "Tick at least two annotators to compare."
        if self.labels.count() and not _ticked(self.labels):
            return "Tick at least one label."
        return None


def _checklist(name: str) -> QListWidget:
    """Names side by side with a tick box each, wrapping onto more rows as needed: it
    looks like a row of check boxes, but holds any number of names."""
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setFlow(QListWidget.Flow.LeftToRight)
    widget.setWrapping(True)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)
    widget.setSpacing(2)
    widget.setFrameShape(QFrame.Shape.NoFrame)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # ticks, not rows
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    widget.setPalette(palette)
    fit_height(widget)
    return widget


def fit_height(widget: QListWidget) -> None:
    """As tall as its rows of names, up to MOST_ROWS (then it scrolls)."""
    widget.doItemsLayout()
    row = max(widget.sizeHintForRow(0), widget.fontMetrics().height() + 4) + 2 * widget.spacing()
    bottom = max((widget.visualItemRect(item).bottom() + widget.verticalOffset()
                  for item in _items(widget)), default=row - 1) + 1 + widget.spacing()
    widget.setFixedHeight(min(bottom, MOST_ROWS * row) + 2 * widget.frameWidth())


def _items(widget: QListWidget) -> list[QListWidgetItem]:
    return [widget.item(row) for row in range(widget.count())]


def _ticked(widget: QListWidget) -> list[str]:
    return [item.data(NAME) for item in _items(widget) if item.checkState() == CHECKED]


def _refill(widget: QListWidget, names: list[str], new_ticked: bool) -> None:
    before = {item.data(NAME): item.checkState() for item in _items(widget)}
    widget.clear()
    for name in names:
        item = QListWidgetItem(one_line(name))  # shown as it is, never as HTML
        item.setData(NAME, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(before.get(name, CHECKED if new_ticked else UNCHECKED))
        widget.addItem(item)
