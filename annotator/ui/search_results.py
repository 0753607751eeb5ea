"""The corpus search's results: a list model that fetches page by page, and a delegate
that draws each hit as its title over its snippet, the hits in the snippet in bold on
the find colour. Both draw plain text only (QTextLayout with format ranges, no HTML).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.offsets import utf16_map
from ..store import Project
from ..store.search import SearchHit, search
from .overrides import reported_errors
from .plain_text import plain_tooltip
from .span_painter import FIND_WASH

PAGE = 50
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_LINES = 2
PADDING = 4


@reported_errors
class SearchResultsModel(QAbstractListModel):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.query = ""
        self._hits: list[SearchHit] = []
        self._more = False  # whether the last page read was full: there may be more

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = search(self.project, query, limit=PAGE)
        self._more = len(self._hits) == PAGE
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    # -- QAbstractListModel: rows come a page at a time, as the list scrolls --------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        page = search(self.project, self.query, limit=PAGE, offset=len(self._hits))
        self._more = len(page) == PAGE
        if page:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._hits.extend(page)
            self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title}\n{hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{hit.title}\n\n{hit.marked_snippet('«', '»')}")
        if role == HIT_ROLE:
            return hit
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@reported_errors
class SearchHitDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(0, (1 + SNIPPET_LINES) * line + 2 * PADDING)  # as wide as the list

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        hit: SearchHit | None = index.data(HIT_ROLE)
        self.initStyleOption(option, index)
        option.text = ""  # the background and selection from the style; the text from here
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if hit is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        area = QRectF(option.rect).adjusted(PADDING + 2, PADDING, -PADDING, -PADDING)
        painter.save()
        painter.setClipRect(area)
        painter.setPen(option.palette.color(role))
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        line = option.fontMetrics.lineSpacing()
        title = painter.fontMetrics().elidedText(hit.title or "(untitled)", Qt.TextElideMode.ElideRight,
                                                 int(area.width()))
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line),
                         Qt.TextFlag.TextSingleLine, title)
        snippet = snippet_layout(hit, option.font, area.width())
        snippet.draw(painter, QPointF(area.left(), area.top() + line))
        painter.restore()


def snippet_layout(hit: SearchHit, font: QFont, width: float) -> QTextLayout:
    """The snippet laid out on at most SNIPPET_LINES lines, its hits bold on the find colour."""
    layout = QTextLayout(hit.snippet, font)
    marked = QTextCharFormat()
    marked.setFontWeight(QFont.Weight.Bold)
    marked.setBackground(FIND_WASH)
    units = utf16_map(hit.snippet)  # QTextLayout counts UTF-16 units (snippets hold no CRLF)
    ranges = []
    for start, end in hit.snippet_hits:
        piece = QTextLayout.FormatRange()
        piece.start = units.to_units(start)
        piece.length = units.to_units(end) - piece.start
        piece.format = marked
        ranges.append(piece)
    layout.setFormats(ranges)
    layout.beginLayout()
    y = 0.0
    for _ in range(SNIPPET_LINES):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout

