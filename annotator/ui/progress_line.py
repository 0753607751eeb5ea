"""Overall progress: "done N of M" and a bar."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from .overrides import reported_errors


@reported_errors
class ProgressLine(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progressLine")
        self.label = QLabel(self)
        self.label.setObjectName("progressText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progressBar")
        self.bar.setFormat("%p%")
        self.bar.setMaximumHeight(self.fontMetrics().height() + 4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)

    def show_progress(self, done: int, total: int) -> None:
        self.label.setText(f"done {done:,} of {total:,}")
        self.bar.setRange(0, max(total, 1))  # a 0..0 bar would spin as "busy"
        self.bar.setValue(done)
        self.setToolTip(f"{done:,} of {total:,} documents are marked done")
