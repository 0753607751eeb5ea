"""The document navigator over 10,000 documents with 100,000 spans.

The figure is opening the navigator: constructing it, showing it and painting
it synchronously, which reads the row count and the first page of rows with
their span counts. Its floor is plain sqlite3 running the same two reads (the
count and the first page with per-label counts) on the same file in the same
run. Scrolling (against a bare QTableView holding the same cells in a
QStandardItemModel), sorting and filtering are reported beside it. Runs offscreen.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from annotator.store import Project
from annotator.ui.document_table import PAGE_ROWS
from annotator.ui.navigator import DocumentNavigator

from .common import (
    QUICK_CORPUS,
    Row,
    corpus_project,
    corpus_words,
    median_ms,
    median_of,
    print_table,
    time_ms,
    write_results,
)
from .qt_app import offscreen_application

CORPUS = ("--docs", "10000", "--spans", "10", "--chars", "3000")
NAVIGATOR_SIZE = (600, 800)
OPEN_RUNS, SQL_RUNS, SCROLL_PLACES, CHANGE_RUNS = 9, 50, 30, 5
OPEN_TARGET_MS, FRAME_MS, CHANGE_TARGET_MS = 300, 16, 100
FILTER_TEXT = "tehran minister"
def build_project(folder: Path, arguments: tuple[str, ...] = CORPUS) -> tuple[Project, float]:
    return corpus_project(folder, arguments)


# -- the floor: the same reads in plain sqlite3 ------------------------------------------------
def floor_first_page_ms(path: Path, labels: list[str]) -> float:
    counts = ", ".join("sum(s.label = ?)" for _ in labels)
    page = (f"SELECT d.id, d.title, d.source, d.published, d.status, {counts} "
            "FROM documents d LEFT JOIN spans s ON s.document_id = d.id "
            "WHERE d.id IN (SELECT id FROM documents ORDER BY id LIMIT ?) "
            "GROUP BY d.id ORDER BY d.id")
    connection = sqlite3.connect(path)

    def read() -> None:
        connection.execute("SELECT count(*) FROM documents").fetchone()
        connection.execute(page, [*labels, PAGE_ROWS]).fetchall()

    took = median_ms(read, SQL_RUNS)
    connection.close()
    return took


# -- the figures ---------------------------------------------------------------------------
def open_navigator(project: Project) -> DocumentNavigator:
    navigator = DocumentNavigator(project)
    navigator.resize(*NAVIGATOR_SIZE)
    navigator.show()
    QApplication.processEvents()  # the window is exposed and painted for the first time
    navigator.repaint()  # synchronous: returns when painted again
    if not navigator.model.loaded_row_count():
        raise RuntimeError("the navigator painted no rows: the figure would measure nothing")
    return navigator


def close(navigator: DocumentNavigator) -> None:
    navigator.close()
    navigator.deleteLater()
    QApplication.processEvents()


def bare_open_ms(columns: int) -> float:
    """Qt alone: a bare QTableView of the navigator's size over a page of cells held in a
    QStandardItemModel, constructed, shown and painted the same way (for reading the figure)."""
    def open_bare() -> QTableView:
        model = QStandardItemModel(PAGE_ROWS, columns)
        for row in range(PAGE_ROWS):
            for column in range(columns):
                model.setItem(row, column, QStandardItem(f"cell {row} {column}"))
        table = QTableView()
        table.setModel(model)
        table.resize(*NAVIGATOR_SIZE)
        table.show()
        QApplication.processEvents()
        table.repaint()
        return table

    samples = []
    for _ in range(OPEN_RUNS):
        opened = []
        samples.append(time_ms(lambda opened=opened: opened.append(open_bare())))
        opened[0].close()
        opened[0].deleteLater()
        QApplication.processEvents()
    return median_of(samples)


def open_ms(project: Project) -> float:
    samples = []
    for _ in range(OPEN_RUNS):
        opened = []
        samples.append(time_ms(lambda opened=opened: opened.append(open_navigator(project))))
        close(opened[0])
    return median_of(samples)


def floor_scroll_ms(navigator: DocumentNavigator) -> float:
    """The same scrolling in a bare QTableView over a QStandardItemModel (cells held in
    C++, nothing read while painting) showing the same cell texts, columns and rows."""
    model = navigator.model
    shown = [[model.index(row, column).data() for column in range(model.columnCount())]
             for row in range(PAGE_ROWS)]
    bare = QStandardItemModel(model.rowCount(), model.columnCount())
    for row in range(model.rowCount()):
        for column, text in enumerate(shown[row % PAGE_ROWS]):
            bare.setItem(row, column, QStandardItem(text))
    table = QTableView()
    table.setModel(bare)
    for name in ("alternatingRowColors", "showGrid", "wordWrap"):
        table.setProperty(name, navigator.table.property(name))
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(navigator.table.verticalHeader().defaultSectionSize())
    for column in range(model.columnCount()):
        table.horizontalHeader().resizeSection(column, navigator.table.columnWidth(column))
    table.resize(navigator.table.size())
    table.show()
    QApplication.processEvents()
    took = scroll_page_ms(table)
    table.close()
    table.deleteLater()
    return took


def scroll_page_ms(table: QTableView) -> float:
    """Median ms to scroll one page down and repaint, at places all through the list."""
    bar, viewport = table.verticalScrollBar(), table.viewport()
    samples = []
    for number in range(SCROLL_PLACES):
        bar.setValue(bar.maximum() * number // SCROLL_PLACES)
        viewport.repaint()
        samples.append(time_ms(lambda: (bar.setValue(bar.value() + bar.pageStep()),
                                        viewport.repaint())))
    return median_of(samples)


def change_ms(navigator: DocumentNavigator, change, undo) -> float:
    """Median ms of a sort or filter change and the repaint that shows it."""
    viewport = navigator.table.viewport()
    return median_ms(lambda: (change(), viewport.repaint()), CHANGE_RUNS,
                     prepare=lambda: (undo(), viewport.repaint()))


def measure(project: Project) -> dict:
    figures = {"open_ms": open_ms(project),
               "bare_open_ms": bare_open_ms(4 + len(project.label_names()))}
    navigator = open_navigator(project)
    navigator.show_current(project.first_document_id())
    figures["scroll_ms"] = scroll_page_ms(navigator.table)
    figures["floor_scroll_ms"] = floor_scroll_ms(navigator)
    header = navigator.table.horizontalHeader()  # a header click sets its sort indicator

    def sort_by(column: int, order=Qt.SortOrder.AscendingOrder):
        return lambda: header.setSortIndicator(column, order)

    figures["sort_title_ms"] = change_ms(navigator, sort_by(0), sort_by(-1))
    figures["sort_label_ms"] = change_ms(navigator, sort_by(5, Qt.SortOrder.DescendingOrder),
                                         sort_by(-1))
    box = navigator.text_box
    figures["filter_text_ms"] = change_ms(
        navigator, lambda: (box.setText(FILTER_TEXT), navigator.apply_filter()),
        lambda: (box.clear(), navigator.apply_filter()))
    close(navigator)
    return figures


def rows(figures: dict, floor_ms: float) -> list[Row]:
    return [
        Row("open navigator (construct + first page + repaint)", figures["open_ms"], "ms", floor_ms,
            f"≤ {OPEN_TARGET_MS} ms", figures["open_ms"] <= OPEN_TARGET_MS),
        Row("scroll one page + repaint", figures["scroll_ms"], "ms", figures["floor_scroll_ms"],
            f"≤ {FRAME_MS} ms", figures["scroll_ms"] <= FRAME_MS),
        Row("sort by title + repaint", figures["sort_title_ms"], "ms", None,
            f"≤ {CHANGE_TARGET_MS} ms", figures["sort_title_ms"] <= CHANGE_TARGET_MS),
        Row("sort by a label's span count + repaint", figures["sort_label_ms"], "ms", None,
            f"≤ {CHANGE_TARGET_MS} ms", figures["sort_label_ms"] <= CHANGE_TARGET_MS),
        Row("filter titles by text + repaint", figures["filter_text_ms"], "ms", None,
            f"≤ {CHANGE_TARGET_MS} ms", figures["filter_text_ms"] <= CHANGE_TARGET_MS),
    ]


def main(quick: bool = False) -> list[Row]:
    arguments = QUICK_CORPUS if quick else CORPUS
    app = offscreen_application()
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        folder = Path(name)
        project, import_ms = build_project(folder, arguments)
        print(f"imported {project.document_count():,} documents with {project.span_count():,} "
              f"spans in {import_ms / 1000:.1f} s")
        floor_ms = floor_first_page_ms(project.path, project.label_names())
        figures = measure(project)
        project.close()
    table = rows(figures, floor_ms)
    print_table(f"document navigator, {corpus_words(arguments)} (offscreen; floors: plain "
                f"sqlite3 reading the count and the first {PAGE_ROWS} rows with span counts; a bare "
                "QTableView over a QStandardItemModel of the same cells)", table)
    print(f"info: Qt alone (a bare QTableView of a page of cells, shown and painted the same "
          f"way): {figures['bare_open_ms']:.1f} ms")
    extra = {"import_ms": import_ms, "floor_ms": floor_ms, "figures": figures,
             "platform": app.platformName()}
    print(f"results: {write_results('navigator', table, extra)}")
    return table
