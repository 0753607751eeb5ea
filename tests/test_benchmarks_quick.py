"""The smallest pieces of the benchmark suite, run for what they do, never for their times.

A floor is only worth comparing against if it does the same work: the import floor
must store the same rows our import stores, and the start-up floor and the smoke test
must both run to a painted window.
"""
import sqlite3
import subprocess
import sys

from benchmarks import bare_window, importing, startup
from benchmarks.common import make_corpus

TINY_CORPUS = ("--docs", "30", "--spans", "5", "--chars", "800")
DOCUMENT_COLUMNS = "title, text, source, metadata, sha256, status"
SPAN_COLUMNS = 'd.sha256, s.start, s."end", s.label, s.text, s.annotator'


def rows(path, sql):
    connection = sqlite3.connect(path)
    try:
        return sorted(connection.execute(sql).fetchall())
    finally:
        connection.close()


def test_the_import_floor_stores_the_rows_our_import_stores(tmp_path):
    corpus = make_corpus(tmp_path, "corpus.jsonl", TINY_CORPUS)
    template = tmp_path / "empty.annotator"
    importing.Project.open(template).close()
    ours = importing.fresh_copy(template, tmp_path, "ours.annotator")
    floor = importing.fresh_copy(template, tmp_path, "floor.annotator")
    _times, outcome = importing.ours_ms(corpus, ours)
    importing.floor_import(corpus, floor)
    assert outcome["documents"] == 30 and outcome["problems"] == 0
    documents = f"SELECT {DOCUMENT_COLUMNS} FROM documents"
    spans = f"SELECT {SPAN_COLUMNS} FROM spans s JOIN documents d ON d.id = s.document_id"
    assert rows(ours, documents) == rows(floor, documents)
    assert rows(ours, spans) == rows(floor, spans)
    assert len(rows(ours, spans)) == outcome["spans"] > 0
    search = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'minister'"
    assert rows(ours, search) == rows(floor, search)  # the floor fills the FTS index too


def test_start_up_and_its_floor_both_paint_a_window(tmp_path):
    figures = startup.measure(tmp_path, runs=1)  # a process that fails raises, with its stderr
    assert len(figures["runs_ms"]) == len(figures["floor_runs_ms"]) == 1
    assert figures["imports_ms"] > 0 and figures["view_ms"] > 0  # the parts painted too (exit 0)
    assert (tmp_path / "seed.txt").read_text(encoding="utf-8").strip()  # the floor showed text


def test_on_the_benchmarks_screen_the_window_opens_at_the_floors_size(tmp_path):
    # offscreen's own 800×800 screen would make the window smaller than the floor's
    ask = ("from PySide6.QtWidgets import QApplication, QWidget; app = QApplication([]); "
           "from annotator.ui.window_layout import first_size; print(*first_size(QWidget()))")
    done = subprocess.run([sys.executable, "-c", ask], env=startup.child_environment(tmp_path),
                          cwd=startup.REPOSITORY, capture_output=True, text=True, check=True)
    assert tuple(int(number) for number in done.stdout.split()) == bare_window.WINDOW_SIZE
