"""The read-only, one-row-at-a-time table the span list, the document list and the
annotation browser share."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

# For the models' data() and flags(), which a view calls for every cell (and, in data,
# for every role) at each paint: constants, so that no call looks up Qt's enums or ors
# two flags, and a frozenset of the roles a model serves answers the rest at once.
NO_PARENT = QModelIndex()  # a table's rows have no parent
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
DISPLAY, DECORATION, TOOLTIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                                Qt.ItemDataRole.ToolTipRole)
FONT, ALIGNMENT, FOREGROUND = (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
                               Qt.ItemDataRole.ForegroundRole)


def row_table(parent: QWidget, model, name: str, title: str) -> QTableView:
    """``title`` is what a screen reader calls the table ("Spans")."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(title)
    table.setModel(model)
    keyboard_leaves_by_tab(table)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    return table


def keyboard_leaves_by_tab(table: QAbstractItemView) -> None:
    """Tab and Shift+Tab go on to the next control, as from any other; the arrows move
    in the table. Qt's default walked the cells, wrapped round, and never left."""
    table.setTabKeyNavigation(False)
