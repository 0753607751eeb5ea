import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from annotator import compat
from annotator.ui import app as app_module
from annotator.ui.app import application, run


def test_smoke_run_on_a_new_project_returns_0(qapp, tmp_path):
    path = tmp_path / "new.annotator"
    assert run(path, smoke_test=True) == 0
    assert path.exists()


def test_smoke_run_accepts_files(qapp, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    assert run(tmp_path / "p.annotator", [article], smoke_test=True) == 0


def test_a_project_error_is_a_message_box_not_a_traceback(qapp, tmp_path, monkeypatch, capsys):
    not_a_project = tmp_path / "notes.annotator"
    not_a_project.write_text("just some notes", encoding="utf-8")
    shown = []

    def fake_exec(box):
        shown.append((box.icon(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert run(not_a_project) == 1
    ((icon, text),) = shown
    assert icon == QMessageBox.Icon.Critical
    assert "not an annotator project" in text
    assert "not an annotator project" in capsys.readouterr().err


def test_a_project_error_in_a_smoke_run_does_not_wait(qapp, tmp_path):
    folder = tmp_path / "folder.annotator"
    folder.mkdir()
    assert run(folder, smoke_test=True) == 1


def test_a_known_startup_problem_stops_before_qt(qapp, tmp_path, monkeypatch, capsys):
    message = compat.missing_xcb_message(["libxcb-cursor0"])
    monkeypatch.setattr(compat, "startup_problem", lambda: message)
    monkeypatch.setattr(app_module, "application", lambda: (_ for _ in ()).throw(AssertionError))
    assert run(tmp_path / "p.annotator", smoke_test=True) == 1
    assert "sudo apt-get install libxcb-cursor0" in capsys.readouterr().err
    assert not (tmp_path / "p.annotator").exists()


def test_the_application_has_its_name_and_icon(qapp):
    app = application()
    assert app.applicationName() == "annotator"
    assert not app.windowIcon().pixmap(64, 64).isNull()


def test_the_icon_file_is_bundled():
    from annotator.paths import resources_dir

    assert (resources_dir() / "annotator.svg").is_file()
    assert Path(resources_dir() / "annotator.svg").read_text("utf-8").lstrip().startswith("<?xml")


def test_without_a_path_the_default_project_opens_with_the_example(qapp):
    from annotator.paths import default_project_path
    from annotator.store import Project

    assert run(None, smoke_test=True) == 0
    project = Project.open(default_project_path(), create=False)
    try:
        assert project.document_count() == 1
        assert project.setting("last_document") == str(project.first_document_id())
    finally:
        project.close()


def test_a_new_application_draws_with_fusion():
    # the style is given to QApplication as an argument, so it needs a fresh process
    code = ("from annotator.ui.app import application; "
            "print(application().style().name())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip().lower() == "fusion"


PAINT_A_TALL_SCROLL_BAR = """
import os
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar
from annotator.ui.app import application
app = application()
bar = QScrollBar(Qt.Orientation.Vertical)
bar.resize(15, 600)
bar.show()
app.processEvents()
bar.grab()  # Fusion fills its groove with a gradient: Qt would share it out to threads
threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
print(os.environ.get("QT_NO_GUI_THREADPOOL"), threads)
"""


def paint_in_a_fresh_application(**environment: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **environment}
    if not environment:
        env.pop("QT_NO_GUI_THREADPOOL", None)
    done = subprocess.run([sys.executable, "-c", PAINT_A_TALL_SCROLL_BAR], capture_output=True,
                          text=True, check=True, env=env, cwd=Path(__file__).resolve().parents[2])
    return done.stdout.split()


def test_a_new_application_paints_without_qts_thread_pool():
    # on two cores, waking the pool's threads cost ten times the fill they shared out
    assert paint_in_a_fresh_application() == ["1", "1"]


def test_a_thread_pool_setting_of_the_users_own_is_kept():
    assert paint_in_a_fresh_application(QT_NO_GUI_THREADPOOL="yes")[0] == "yes"
