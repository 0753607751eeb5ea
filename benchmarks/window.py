"""The annotation window on one 1,000,000-character document with 10,000 spans, and
on a project of 10,000 documents.

Figures (open and paint, add and remove a span, scroll a page) are set against
floors measured in the same run: what a bare QPlainTextEdit and plain sqlite3 take
for the same work on this machine. Runs offscreen. Memory is measured per process,
in benchmarks/memory.py.

An edit is timed until the window is idle again: the edit, its repaint, and every
event it left queued (the Spans and Documents lists following it, a refresh put off
by a 0 ms timer), because the next key waits for all of it. On the project of 10,000
documents the Documents list is sorted and filtered as an analyst might have it: in
project order, sorted by the count of the label being added (every edit moves the
document's row), and filtered to the documents to do, sorted by title. Walking to the
next document of such a list (Alt+Right) is timed the same way.
"""
from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project
from annotator.ui.main_window import MainWindow

from .common import (
    CORPUS_UNIT,
    QUICK_CORPUS,
    Row,
    corpus_project,
    corpus_words,
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
MANY_CORPUS = ("--docs", "10000", "--spans", "10", "--chars", "3000")  # the navigator's
WINDOW_SIZE = (1100, 800)
OPEN_RUNS, EDIT_RUNS, SCROLL_PAGES, SQLITE_RUNS, ADJUDICATING_RUNS = 5, 50, 30, 50, 15
LIST_EDIT_RUNS, WALK_STEPS = 20, 20
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


def settle() -> None:
    """Handle every event until none is left: what an edit queued (repaints, the lists
    following it, 0 ms timers) is done when this returns, as before the next key."""
    dispatcher, idle = QApplication.eventDispatcher(), 0
    while idle < 2:  # nothing handled twice in a row: nothing queued left
        idle = 0 if dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents) else idle + 1


def edit_ms(edit, editor: QPlainTextEdit) -> tuple[float, float]:
    """ms from an edit to the window idle again; and to its repaint alone (what the
    figure was until it counted the queued work too)."""
    settle()  # nothing of the last edit left over
    started = time.perf_counter()
    edit()
    repaint(editor)
    painted = time.perf_counter()
    settle()
    return (time.perf_counter() - started) * 1000, (painted - started) * 1000


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


def add_and_remove_ms(window: MainWindow, runs: int = EDIT_RUNS) -> dict:
    """Median ms to add a span (label a selection) and to remove one, each until the
    window is idle again ("add_ms", "remove_ms"), and until its repaint alone."""
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    repaint(window.view)
    settle()
    session, added, adding, removing = window.session, [], [], []
    for start, end in fresh_words(window, runs):
        def add(start=start, end=end) -> None:
            added.append(session.label_selection(start, end, LABEL))
        adding.append(edit_ms(add, window.view))
    for span in added:
        session.select(span.id)
        removing.append(edit_ms(session.delete_selected, window.view))
    return {"add_ms": median_of([idle for idle, _ in adding]),
            "remove_ms": median_of([idle for idle, _ in removing]),
            "add_painted_ms": median_of([painted for _, painted in adding]),
            "remove_painted_ms": median_of([painted for _, painted in removing])}


def adjudicating_add_ms(window: MainWindow) -> float:
    """Adding a span with View → Adjudicate open: the panel's clusters follow each edit."""
    window.adjudication.toggle()
    QApplication.processEvents()
    added = add_and_remove_ms(window, ADJUDICATING_RUNS)["add_ms"]
    window.adjudication.dock.hide()
    QApplication.processEvents()
    return added


def measure_figures(window: MainWindow, big_id: int, small_id: int) -> dict:
    opened, settled = open_and_paint_ms(window, big_id, small_id)
    edits = add_and_remove_ms(window)
    return {"open_ms": opened, "events_after_open_ms": settled, **edits,
            "scroll_ms": scroll_page_ms(window.view, SCROLL_PAGES), "rss_mb": rss_mb(),
            "adjudicating_add_ms": adjudicating_add_ms(window)}


# -- a project of 10,000 documents: edits and walking under the list's sort and filter ----
LIST_SETTINGS = {  # name -> (status filter row in the Documents list, column sorted, descending)
    "project order": (0, -1, False),
    "sorted by the label's count": (0, None, True),  # None: the edited label's column
    "to do, sorted by title": (1, 0, False),
}


def arrange_list(window: MainWindow, status_row: int, column: int | None, descending: bool) -> None:
    navigator = window.corpus.navigator
    if column is None:  # the label columns follow the fixed ones
        names = [label.name for label in navigator.model.labels]
        column = navigator.model.columnCount() - len(names) + names.index(LABEL)
    navigator.status_box.setCurrentIndex(status_row)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    navigator.table.horizontalHeader().setSortIndicator(column, order)  # as a header click
    settle()


def list_edits_ms(window: MainWindow, document_id: int, runs: int) -> dict:
    """Add and remove spans in one document of the big project under each list setting."""
    figures = {}
    for name, setting in LIST_SETTINGS.items():
        arrange_list(window, *setting)
        window.session.open_document(document_id)
        window.session.load_rest()
        settle()
        edits = add_and_remove_ms(window, runs)
        figures[name] = {"add_ms": edits["add_ms"], "remove_ms": edits["remove_ms"],
                         "add_painted_ms": edits["add_painted_ms"],
                         "rows": window.corpus.navigator.model.rowCount()}
    return figures


def walk_ms(window: MainWindow, first_id: int, steps: int) -> float:
    """Median ms of Alt+Right (the next document of the list, "to do" sorted by the
    label's count, most first) until the window is idle again."""
    arrange_list(window, 1, None, True)
    window.session.open_document(first_id)
    settle()
    return median_of([edit_ms(lambda: window.go(+1), window.view)[0] for _ in range(steps)])


def floor_open_small_ms(text: str, like: QPlainTextEdit) -> float:
    """A bare QPlainTextEdit shown at the window's text size: a 3,000-character text set
    and painted (the floor of opening the next document)."""
    editor = bare_editor(like)
    samples = []
    for number in range(OPEN_RUNS * 4):
        editor.setPlainText(f"{number}")
        repaint(editor)
        samples.append(time_ms(lambda: (editor.setPlainText(text), repaint(editor))))
    editor.close()
    editor.deleteLater()
    QApplication.processEvents()
    return median_of(samples)


def measure_many(folder: Path, corpus: tuple[str, ...]) -> tuple[dict, float]:
    """Figures on the project of many documents; and how long its import took."""
    folder.mkdir()
    project, import_ms = corpus_project(folder, corpus)
    ids = [row[0] for row in project.conn.execute("SELECT id FROM documents ORDER BY id")]
    middle = ids[len(ids) // 2]
    window = show_window(project, middle)
    window.resize(*WINDOW_SIZE)
    settle()
    figures = {"edits": list_edits_ms(window, middle, LIST_EDIT_RUNS),
               "walk_ms": walk_ms(window, middle, WALK_STEPS),
               "open_floor_ms": floor_open_small_ms(project.document_text(middle), window.view),
               "documents": len(ids)}
    window.close()
    project.close()
    return figures, import_ms


# -- the report -------------------------------------------------------------------------
def rows(figures: dict, floors: dict, many: dict) -> list[Row]:
    open_limit = min(OPEN_TARGET_MS, OPEN_FLOOR_FACTOR * floors["set_text_ms"])
    return [
        Row("open + paint highlighted", figures["open_ms"], "ms", floors["set_text_ms"],
            f"≤ {OPEN_TARGET_MS} ms and ≤ {OPEN_FLOOR_FACTOR}× floor", figures["open_ms"] <= open_limit),
        Row("add one span (commit, repaint, until idle)", figures["add_ms"], "ms",
            floors["commit_ms"], f"≤ {FRAME_MS} ms", figures["add_ms"] <= FRAME_MS),
        Row("remove one span (commit, repaint, until idle)", figures["remove_ms"], "ms",
            floors["commit_ms"], f"≤ {FRAME_MS} ms", figures["remove_ms"] <= FRAME_MS),
        *many_rows(many, floors),
        Row("scroll one page + repaint", figures["scroll_ms"], "ms", floors["scroll_ms"],
            f"≤ {FRAME_MS} ms", figures["scroll_ms"] <= FRAME_MS),
        # every annotator's spans clustered again after each edit: reported, no target
        Row("add one span, Adjudication panel open", figures["adjudicating_add_ms"], "ms",
            floors["commit_ms"], "reported", True),
    ]  # memory: benchmarks/memory.py, per process (here freed memory is reused in between)


def many_rows(many: dict, floors: dict) -> list[Row]:
    documents = f"{many['documents']:,} documents"
    table = []
    for name, edits in many["edits"].items():
        for kind in ("add", "remove"):
            took = edits[f"{kind}_ms"]
            table.append(Row(f"{kind} one span, {documents}, list {name} (until idle)", took, "ms",
                             floors["commit_ms"], f"≤ {FRAME_MS} ms", took <= FRAME_MS))
    table.append(Row(f"next document (Alt+Right), {documents}, list to do by the label's count "
                     "(until idle)", many["walk_ms"], "ms", many["open_floor_ms"], "reported", True))
    return table


def main(quick: bool = False) -> list[Row]:
    big_corpus = QUICK_BIG_CORPUS if quick else BIG_CORPUS
    many_corpus = QUICK_CORPUS if quick else MANY_CORPUS
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
        many, many_import_ms = measure_many(folder / "many", many_corpus)
        print(f"imported {corpus_words(many_corpus)} in {many_import_ms / 1000:.1f} s")
    table = rows(figures, floors, many)
    print_table(f"annotation window, {described}; {corpus_words(many_corpus)} (offscreen; "
                "floors: a bare QPlainTextEdit with the same text, a plain sqlite3 insert and "
                "commit)", table)
    print(f"info: until the repaint alone (what the figures counted before they waited for "
          f"idle): add {figures['add_painted_ms']:.1f} ms, remove {figures['remove_painted_ms']:.1f} ms; "
          + ", ".join(f"{name} add {edits['add_painted_ms']:.1f} ms"
                      for name, edits in many["edits"].items()))
    print(f"info: events pending after open (span list, docks): {figures['events_after_open_ms']:.1f} ms")
    print(f"info: resident memory of this process: {figures['rss_mb']:.0f} MB with the windows "
          f"open, {floors['qt_only_rss_mb']:.0f} MB after the bare editor (the per-process "
          "figure is benchmarks/memory.py's)")
    extra = {"import_ms": import_ms, "floors": floors, "figures": figures, "many": many,
             "platform": app.platformName()}
    print(f"results: {write_results('window', table, extra)}")
    return table
