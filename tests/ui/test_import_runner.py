"""Imports from the window: in a worker thread on a project file, cancellable between
files (whole files only), and errors told as messages, never raised into Qt."""
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton

from annotator.importing import ImportOptions, import_paths, service
from annotator.importing.stoppable import files_to_import
from annotator.store import Project
from annotator.ui.import_runner import ImportRunner

from .conftest import SHARED

CORPUS = SHARED / "corpus"
WAIT_MS = 20_000


@pytest.fixture
def inbox(tmp_path):
    """Copies of the tricky, interop and bad corpus folders (14 files to import)."""
    root = tmp_path / "inbox"
    for folder in ("tricky", "interop", "bad"):
        for source in (CORPUS / folder).rglob("*"):
            if source.is_file():
                target = root / folder / source.relative_to(CORPUS / folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
    return root


@pytest.fixture
def project_file(tmp_path):
    project = Project.open(tmp_path / "p.annotator")
    yield project
    project.close()


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def stored(project: Project) -> dict[str, list[tuple]]:
    """Every document of a project by sha256, with its spans as (start, end, label, text)."""
    return {doc.sha256: sorted((s.start, s.end, s.label, s.text) for s in spans)
            for doc, spans in project.documents_with_spans()}


def imported_in_one_go(paths) -> Project:
    project = Project.in_memory()
    import_paths(project, paths)
    return project


def test_a_folder_imports_in_the_background_and_the_window_sees_it(qtbot, window, inbox, project_file):
    runner = ImportRunner(project_file, window)
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as finished:
        assert runner.start([inbox])
        assert runner.running()  # start() returned before the import ended
    report = finished.args[0]
    expected = imported_in_one_go([inbox])
    # the 9th: the doccano sample's emoji record, whose offsets name no unit
    assert (len(report.added), report.spans_added, len(report.problems)) == (8, 36, 9)
    assert not report.stopped_early and not runner.running()
    # the window's own connection reads what the worker's connection wrote
    assert stored(project_file) == stored(expected)
    assert project_file.document_count() == 8


@pytest.mark.parametrize("stop_after", [1, 3])
def test_cancel_in_the_dialog_stops_after_the_current_file_and_keeps_whole_files(
        qtbot, window, inbox, project_file, monkeypatch, stop_after):
    reached, release, real_import_file = threading.Event(), threading.Event(), service.import_file
    calls = []

    def import_file_then_wait(project, path, options):
        report = real_import_file(project, path, options)  # committed: one transaction
        calls.append(path)
        if len(calls) == stop_after:
            reached.set()
            release.wait(WAIT_MS / 1000)  # the worker is busy; the window must not be
        return report

    monkeypatch.setattr(service, "import_file", import_file_then_wait)
    runner = ImportRunner(project_file, window)
    runner.start([inbox])
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    progress = runner.progress
    qtbot.waitUntil(progress.isVisible, timeout=WAIT_MS)  # the GUI thread keeps running
    files = files_to_import([inbox])
    assert progress.findChild(QLabel).textFormat() == Qt.TextFormat.PlainText  # names are not HTML
    assert progress.labelText() == f"Importing {stop_after} of {len(files)}: {files[stop_after - 1].name}"
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT_MS) as cancelled:
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        # still shown while the current file finishes, with nothing left to click
        assert progress.isVisible() and progress.labelText() == f"Stopping after {files[stop_after - 1].name}…"
        assert progress.findChild(QPushButton) is None
        release.set()
    report = cancelled.args[0]
    monkeypatch.undo()
    assert [f.path for f in report.files] == files[:stop_after]
    assert report.not_imported == files[stop_after:]
    # exactly what importing those whole files gives: no document lacks a span
    assert stored(project_file) == stored(imported_in_one_go(files[:stop_after]))
    assert project_file.document_count() < imported_in_one_go([inbox]).document_count()


def test_an_unexpected_error_becomes_a_message_and_keeps_the_files_before(
        qtbot, window, inbox, project_file, monkeypatch):
    real_import_file = service.import_file

    def fail_on_the_third(project, path, options):
        if fail_on_the_third.calls == 2:
            raise sqlite3.OperationalError("disk I/O error")
        fail_on_the_third.calls += 1
        return real_import_file(project, path, options)
    fail_on_the_third.calls = 0

    monkeypatch.setattr(service, "import_file", fail_on_the_third)
    runner = ImportRunner(project_file, window)
    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as failed:
        runner.start([inbox])
    message, report = failed.args
    assert message == "disk I/O error"
    assert len(report.files) == 2 and len(report.not_imported) == 12
    assert runner.message.isVisible()
    assert runner.message.textFormat() == Qt.TextFormat.PlainText
    assert "disk I/O error" in runner.message.text()
    monkeypatch.undo()
    assert stored(project_file) == stored(imported_in_one_go(files_to_import([inbox])[:2]))


def test_a_file_that_is_not_a_project_is_refused_with_a_message(qtbot, window, inbox, tmp_path):
    not_a_project = tmp_path / "notes.annotator"
    not_a_project.write_text("shopping list\n", encoding="utf-8")
    runner = ImportRunner(not_a_project, window)
    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as failed:
        runner.start([inbox / "tricky" / "cp1252.txt"])
    assert "not an annotator project" in failed.args[0]
    assert not_a_project.read_text(encoding="utf-8") == "shopping list\n"


def test_one_import_at_a_time(qtbot, window, inbox, project_file):
    runner = ImportRunner(project_file, window)
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS):
        assert runner.start([inbox])
        assert not runner.start([inbox])
    assert project_file.document_count() == 8


def test_an_in_memory_project_imports_at_once(qtbot, inbox, project):
    runner = ImportRunner(project)
    reports = []
    runner.finished.connect(reports.append)
    runner.start([inbox / "interop" / "doccano.jsonl"], ImportOptions(offset_unit="codepoint"))
    assert len(reports) == 1 and len(reports[0].added) == 4
    assert project.document_count() == 4 and not project.closed


def test_a_closing_window_waits_for_the_current_file_and_hears_nothing_more(
        qtbot, window, inbox, project_file, monkeypatch):
    reached, release, real_import_file = threading.Event(), threading.Event(), service.import_file

    def import_file_then_wait(project, path, options):
        report = real_import_file(project, path, options)
        reached.set()
        release.wait(WAIT_MS / 1000)
        return report

    monkeypatch.setattr(service, "import_file", import_file_then_wait)
    runner = ImportRunner(project_file, window)
    heard = []
    for signal in (runner.finished, runner.cancelled, runner.failed):
        signal.connect(lambda *args: heard.append(args))
    runner.start([inbox])
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    threading.Timer(0.2, release.set).start()  # the file ends while shutdown() waits for it
    runner.shutdown()
    qtbot.wait(50)
    assert not runner.running() and runner.progress is None and heard == []
    monkeypatch.undo()
    first = files_to_import([inbox])[:1]
    assert stored(project_file) == stored(imported_in_one_go(first))
