"""The annotation window on one 1,000,000-character document with 10,000 spans.

Figures (open and paint, add and remove a span, scroll a page) are set against
floors measured in the same run: what a bare QPlainTextEdit and plain sqlite3 take
for the same work on this machine. Runs offscreen. Memory is measured per process,
in benchmarks/memory.py.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project
from annotator.ui.main_window import MainWindow

from .common import (
    CORPUS_UNIT,
    Row,
    make_corpus,
    median_of,
    print_table,
    rss_mb,
    time_ms,
    write_results,
)
from .qt_app import offscreen_application

BIG_CORPUS = ("--docs", "1", "--spans", "10000", "--chars", "1000000")
QUICK_BIG_CORPUS = ("--docs", "1", "--spans", "1000", "--chars", "100000")
SMALL_CORPUS = ("--docs", "1", "--spans", "10", "--chars", "3000", "--seed", "11")
WINDOW_SIZE = (1100, 800)
OPEN_RUNS, EDIT_RUNS, SCROLL_PAGES, SQLITE_RUNS, ADJUDICATING_RUNS = 5, 50, 30, 50, 15
OPEN_TARGET_MS, OPEN_FLOOR_FACTOR, FRAME_MS = 150, 3, 16
LABEL = "claim"
WORD = re.compile(r"[A-Za-z]{3,}")
# -- the project -------------------------------------------------------------------


def import_one(project: Project, path: Path) -> int:
    report = import_paths(project, [path], ImportOptions(offset_unit=CORPUS_UNIT))
    return report.files[0].document_ids[0]


def build_project(folder: Path, big_corpus: tuple[str, ...] = BIG_CORPUS
                  ) -> tuple[Project, int, int, float]:
    """A project file holding the big and the small document; also the import's ms."""
    big, small = make_corpus(folder, "big.jsonl", big_corpus), make_corpus(folder, "small.jsonl", SMALL_CORPUS)
    project = Project.open(folder / "bench.annotator")
    ids = {}
    import_ms = time_ms(lambda: ids.update(big=import_one(project, big)))
    ids["small"] = import_one(project, small)
    return project, ids["big"], ids["small"], import_ms


# -- painting and scrolling, for any QPlainTextEdit ----------------------------------
def repaint(editor: QPlainTextEdit) -> None:
    editor.viewport().repaint()  # synchronous: returns when the paint is done


def scroll_page_ms(editor: QPlainTextEdit, pages: int) -> float:
    """Median ms to scroll one page down and repaint, at ``pages`` places through the text."""
    bar = editor.verticalScrollBar()
    samples = []
    for number in range(pages):
        bar.setValue(bar.maximum() * number // pages)
        repaint(editor)
        samples.append(time_ms(lambda: (bar.setValue(bar.value() + bar.pageStep()), repaint(editor))))
    return median_of(samples)


# -- floors ----------------------------------------------------------------------------
def bare_editor(like: QPlainTextEdit) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setFont(like.font())
    editor.resize(like.size())
    editor.show()
    QApplication.processEvents()
    return editor


def floor_set_text_ms(editor: QPlainTextEdit, text: str, small_text: str) -> float:
    samples = []
    for _ in range(OPEN_RUNS):
        editor.setPlainText(small_text)
        repaint(editor)
        samples.append(time_ms(lambda: (editor.setPlainText(text), repaint(editor))))
    return median_of(samples)


def floor_commit_ms(folder: Path) -> float:
    """One row inserted into a spans-like table and committed: WAL, synchronous=FULL."""
    connection = sqlite3.connect(folder / "floor.sqlite")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute('CREATE TABLE spans (id INTEGER PRIMARY KEY, document_id INTEGER, start INTEGER, '
                       '"end" INTEGER, label TEXT, text TEXT, created TEXT, updated TEXT)')
    row = (1, 10, 15, LABEL, "words", "2026-01-01T00:00:00", "2026-01-01T00:00:00")
    insert = 'INSERT INTO spans (document_id, start, "end", label, text, created, updated) VALUES (?,?,?,?,?,?,?)'
    samples = [time_ms(lambda: (connection.execute(insert, row), connection.commit()))
               for _ in range(SQLITE_RUNS)]
    connection.close()
    return median_of(samples)


def measure_floors(view: QPlainTextEdit, text: str, small_text: str, folder: Path) -> dict:
    editor = bare_editor(view)
    floors = {"set_text_ms": floor_set_text_ms(editor, text, small_text),
              "scroll_ms": scroll_page_ms(editor, SCROLL_PAGES),
              "qt_only_rss_mb": rss_mb()}
    editor.close()
    editor.deleteLater()
    QApplication.processEvents()
    floors["commit_ms"] = floor_commit_ms(folder)
    return floors


# -- figures ---------------------------------------------------------------------------
def show_window(project: Project, small_id: int) -> MainWindow:
    window = MainWindow(project, small_id)
    window.resize(*WINDOW_SIZE)
    window.show()
    QApplication.processEvents()
    return window


def open_and_paint_ms(window: MainWindow, big_id: int, small_id: int) -> tuple[float, float]:
    """Median ms from open_document to painted; and of the events pending after it (info)."""
    opened, settled = [], []
    for _ in range(OPEN_RUNS):
        window.session.open_document(small_id)
        repaint(window.view)
        QApplication.processEvents()
        opened.append(time_ms(lambda: (window.session.open_document(big_id), repaint(window.view))))
        settled.append(time_ms(QApplication.processEvents))
    return median_of(opened), median_of(settled)


def fresh_words(window: MainWindow, count: int) -> list[tuple[int, int]]:
    """Word ranges on screen that no span has exactly."""
    view, session = window.view, window.session
    first = view.index_at_qt(view.firstVisibleBlock().position())
    corner = view.viewport().rect().bottomRight()
    last = view.index_at_qt(view.cursorForPosition(corner).position())
    taken = {(s.start, s.end) for s in session.index.overlapping(first, last)}
    words = [(m.start(), m.end()) for m in WORD.finditer(session.document.text, first, last)]
    fresh = [word for word in words if word not in taken]
    return fresh[:count]


def add_and_remove_ms(window: MainWindow, runs: int = EDIT_RUNS) -> tuple[float, float]:
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    repaint(window.view)
    session, added, adding, removing = window.session, [], [], []
    for start, end in fresh_words(window, runs):
        def add(start=start, end=end) -> None:
            added.append(session.label_selection(start, end, LABEL))
            repaint(window.view)
        adding.append(time_ms(add))
    for span in added:
        session.select(span.id)
        removing.append(time_ms(lambda: (session.delete_selected(), repaint(window.view))))
    return median_of(adding), median_of(removing)


def adjudicating_add_ms(window: MainWindow) -> float:
    """Adding a span with View → Adjudicate open: the panel's clusters follow each edit."""
    window.adjudication.toggle()
    QApplication.processEvents()
    added, _ = add_and_remove_ms(window, ADJUDICATING_RUNS)
    window.adjudication.dock.hide()
    QApplication.processEvents()
    return added


def measure_figures(window: MainWindow, big_id: int, small_id: int) -> dict:
    opened, settled = open_and_paint_ms(window, big_id, small_id)
    added, removed = add_and_remove_ms(window)
    return {"open_ms": opened, "events_after_open_ms": settled, "add_ms": added, "remove_ms": removed,
            "scroll_ms": scroll_page_ms(window.view, SCROLL_PAGES), "rss_mb": rss_mb(),
            "adjudicating_add_ms": adjudicating_add_ms(window)}


# -- the report -------------------------------------------------------------------------
def rows(figures: dict, floors: dict) -> list[Row]:
    open_limit = min(OPEN_TARGET_MS, OPEN_FLOOR_FACTOR * floors["set_text_ms"])
    return [
        Row("open + paint highlighted", figures["open_ms"], "ms", floors["set_text_ms"],
            f"≤ {OPEN_TARGET_MS} ms and ≤ {OPEN_FLOOR_FACTOR}× floor", figures["open_ms"] <= open_limit),
        Row("add one span (commit + repaint)", figures["add_ms"], "ms", floors["commit_ms"],
            f"≤ {FRAME_MS} ms", figures["add_ms"] <= FRAME_MS),
        Row("remove one span (commit + repaint)", figures["remove_ms"], "ms", floors["commit_ms"],
            f"≤ {FRAME_MS} ms", figures["remove_ms"] <= FRAME_MS),
        Row("scroll one page + repaint", figures["scroll_ms"], "ms", floors["scroll_ms"],
            f"≤ {FRAME_MS} ms", figures["scroll_ms"] <= FRAME_MS),
        # every annotator's spans clustered again after each edit: reported, no target
        Row("add one span, Adjudication panel open", figures["adjudicating_add_ms"], "ms",
            floors["commit_ms"], "reported", True),
    ]  # memory: benchmarks/memory.py, per process (here freed memory is reused in between)


def main(quick: bool = False) -> list[Row]:
    big_corpus = QUICK_BIG_CORPUS if quick else BIG_CORPUS
    size = dict(zip(big_corpus[::2], big_corpus[1::2]))
    described = f"{int(size['--chars']):,} characters, {int(size['--spans']):,} spans"
    app = offscreen_application()
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        folder = Path(name)
        project, big_id, small_id, import_ms = build_project(folder, big_corpus)
        print(f"imported 1 document of {described} in {import_ms:.0f} ms")
        window = show_window(project, small_id)
        floors = measure_floors(window.view, project.document(big_id).text,
                                project.document(small_id).text, folder)
        figures = measure_figures(window, big_id, small_id)
        window.close()
        project.close()
    table = rows(figures, floors)
    print_table(f"annotation window, {described} (offscreen; floors: a bare QPlainTextEdit "
                "with the same text, a plain sqlite3 insert and commit)", table)
    print(f"info: events pending after open (span list, docks): {figures['events_after_open_ms']:.1f} ms")
    print(f"info: resident memory of this process: {figures['rss_mb']:.0f} MB with the windows "
          f"open, {floors['qt_only_rss_mb']:.0f} MB after the bare editor (the per-process "
          "figure is benchmarks/memory.py's)")
    extra = {"import_ms": import_ms, "floors": floors, "figures": figures, "platform": app.platformName()}
    print(f"results: {write_results('window', table, extra)}")
    return table
