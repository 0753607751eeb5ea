"""The read-only, one-row-at-a-time table the span list, the document list and the
annotation browser share."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def row_table(parent: QWidget, model, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    return table
