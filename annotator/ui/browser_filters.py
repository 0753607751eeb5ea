"""The annotation browser's filter row: label, speaker, span text and annotator.

Choosing in a box applies at once; typing applies once the typing pauses
(FILTER_DELAY_MS), so a 100,000-span project is queried once per word, not per key.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLineEdit,
                               QWidget)

from ..core.concordance import BrowserQuery
from ..core.model import Label

from .overrides import reported_errors

FILTER_DELAY_MS = 250
ALL_LABELS = "All labels"
ALL_ANNOTATORS = "All annotators"


@reported_errors
class BrowserFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pause = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._pause.timeout.connect(self.changed)
        self.label_box = self._combo("labelFilter", "Only spans with this label")
        self.speaker_box = self._line_edit("speakerFilter", "Speaker…")
        self.speaker_exact = QCheckBox("exact", self)
        self.speaker_exact.setObjectName("speakerExact")
        self.speaker_exact.setToolTip("The whole speaker name, not a part of it")
        self.speaker_exact.toggled.connect(self._speaker_mode_changed)
        # attribution left to do: the quotes and denials no one is named as saying yet
        self.speaker_missing = QCheckBox("none", self)
        self.speaker_missing.setObjectName("speakerMissing")
        self.speaker_missing.setToolTip("Only spans whose speaker is not named yet")
        self.speaker_missing.toggled.connect(self._speaker_missing_changed)
        self.text_box = self._line_edit("textFilter", "Span text contains…")
        self.annotator_box = self._combo("annotatorFilter", "Only spans by this annotator")
        self._speakers = QStringListModel(self)
        completer = QCompleter(self._speakers, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker_box.setCompleter(completer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.label_box, 0), (self.speaker_box, 2), (self.speaker_exact, 0),
                                (self.speaker_missing, 0), (self.text_box, 3),
                                (self.annotator_box, 0)):
            layout.addWidget(widget, stretch)

    def _combo(self, name: str, tip: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setToolTip(tip)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.currentIndexChanged.connect(self._apply_now)
        return box

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(lambda _text: self._pause.start())
        edit.returnPressed.connect(self._apply_now)
        return edit

    # -- choices ---------------------------------------------------------------------------
    def set_choices(self, labels: list[Label], swatches: dict[str, QIcon],
                    annotators: list[str], speakers: list[str]) -> None:
        """Fill the boxes from the project, keeping what is chosen where it still exists."""
        _refill(self.label_box, ALL_LABELS,
                [(label.name, swatches[label.name]) for label in labels])
        _refill(self.annotator_box, ALL_ANNOTATORS, [(name, None) for name in annotators])
        self._speakers.setStringList(speakers)

    # -- the query ---------------------------------------------------------------------------
    def query(self, sort: str, descending: bool) -> BrowserQuery:
        label = self.label_box.currentData()
        return BrowserQuery(labels=(label,) if label else (),
                            speaker=self.speaker_box.text().strip(),
                            speaker_exact=self.speaker_exact.isChecked(),
                            speaker_missing=self.speaker_missing.isChecked(),
                            text=self.text_box.text(),
                            annotator=self.annotator_box.currentData() or "",
                            sort=sort, descending=descending)

    def apply_pending(self) -> None:
        """Apply typing that has not paused yet (before exporting what is shown)."""
        if self._pause.isActive():
            self._apply_now()

    def _apply_now(self) -> None:
        self._pause.stop()
        self.changed.emit()

    def _speaker_mode_changed(self) -> None:
        if self.speaker_box.text().strip():
            self._apply_now()

    def _speaker_missing_changed(self, missing: bool) -> None:
        # a name typed stays, greyed out, for when the box is unticked
        self.speaker_box.setEnabled(not missing)
        self.speaker_exact.setEnabled(not missing)
        self._apply_now()


def _refill(box: QComboBox, everything: str, items: list[tuple[str, QIcon | None]]) -> None:
    chosen = box.currentData()
    box.blockSignals(True)  # the choice is restored below; nothing to apply
    try:
        box.clear()
        box.addItem(everything, None)
        for name, icon in items:
            if icon is None:
                box.addItem(name, name)
            else:
                box.addItem(icon, name, name)
        found = box.findData(chosen) if chosen is not None else 0
        box.setCurrentIndex(max(found, 0))
    finally:
        box.blockSignals(False)
    if chosen is not None and box.currentData() != chosen:
        box.currentIndexChanged.emit(box.currentIndex())  # the chosen one is gone
