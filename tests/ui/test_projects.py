"""New / Open / Recent projects: the recent list, its menu, and the file choosers."""
import pytest
from PySide6.QtCore import QMimeData, QSettings, QUrl
from PySide6.QtWidgets import QMenu

from annotator.ui import file_dialogs
from annotator.store import Project
from annotator.ui import import_choice, projects
from annotator.ui.projects import (build_recent_menu, choose_new_project, choose_project_to_open,
                                   recent_projects, remember)


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path):
    """Qt settings written under tmp_path, never in the user's configuration."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


def project_files(folder, *names, real=False):
    """Files standing for projects (the recent list only asks whether they exist)."""
    folder.mkdir(exist_ok=True)
    paths = [folder / name for name in names]
    for path in paths:
        if real:
            Project.open(path).close()
        else:
            path.touch()
    return paths


def test_recent_projects_most_recent_first_without_duplicates(tmp_path):
    a, b, c = project_files(tmp_path / "work", "a.annotator", "b.annotator", "c.annotator")
    for path in (a, b, c, a):
        remember(path)
    remember(tmp_path / "work" / ".." / "work" / "b.annotator")  # the same file, spelled otherwise
    assert recent_projects() == [b, a, c]


def test_a_single_recent_project_survives_the_settings_file(tmp_path, settings_in_tmp):
    [only] = project_files(tmp_path / "work", "only.annotator")
    remember(only)
    assert recent_projects() == [only]
    assert any(settings_in_tmp.rglob("*.conf"))  # written to the temporary place


def test_missing_projects_are_dropped_and_ten_are_kept(tmp_path):
    paths = project_files(tmp_path / "work", *(f"p{n}.annotator" for n in range(12)))
    for path in paths:
        remember(path)
    assert recent_projects() == paths[::-1][:10]
    paths[11].unlink()
    assert recent_projects() == paths[10:1:-1]  # p11 gone; p1 and p0 fell off at ten
    remember(paths[0])
    assert recent_projects() == [paths[0]] + paths[10:1:-1]


def test_the_recent_menu_opens_the_chosen_project_and_follows_the_list(qtbot, tmp_path):
    a, b = project_files(tmp_path / "R&D", "a.annotator", "b&c.annotator")
    menu = QMenu()
    opened = []
    build_recent_menu(menu, opened.append)
    assert [action.text() for action in menu.actions()] == ["No recent projects"]
    remember(a)
    remember(b)
    menu.aboutToShow.emit()  # what opening the menu does
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    folder = str(tmp_path / "R&&D")
    assert texts == [f"&1 b&&c.annotator   {folder}", f"&2 a.annotator   {folder}", "&Clear the list"]
    menu.actions()[1].trigger()
    assert opened == [a]
    menu.actions()[-1].trigger()
    menu.aboutToShow.emit()
    assert recent_projects() == [] and [a.text() for a in menu.actions()] == ["No recent projects"]


@pytest.fixture
def save_dialog_answers(monkeypatch):
    """The save dialog answering with a given name; warnings collected."""
    warnings = []
    monkeypatch.setattr(projects, "warn", lambda parent, text: warnings.append(text))

    def answer(name):
        monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: str(name))
        return warnings
    return answer


def test_a_new_project_gets_the_suffix(tmp_path, save_dialog_answers):
    warnings = save_dialog_answers(tmp_path / "news")
    assert choose_new_project(None) == tmp_path / "news.annotator"
    save_dialog_answers(tmp_path / "news.annotator")
    assert choose_new_project(None) == tmp_path / "news.annotator"
    save_dialog_answers("")  # the dialog was cancelled
    assert choose_new_project(None) is None
    assert warnings == []


def test_a_new_project_never_replaces_a_file(tmp_path, save_dialog_answers):
    notes = tmp_path / "notes.annotator"
    notes.write_text("not a project\n", encoding="utf-8")
    warnings = save_dialog_answers(notes)
    assert choose_new_project(None) is None
    assert "not an annotator project" in warnings[-1]
    assert notes.read_text(encoding="utf-8") == "not a project\n"
    [existing] = project_files(tmp_path / "work", "old.annotator", real=True)
    save_dialog_answers(existing)
    assert choose_new_project(None) is None
    assert "already an annotator project" in warnings[-1]
    empty = tmp_path / "empty.annotator"
    empty.touch()
    save_dialog_answers(empty)
    assert choose_new_project(None) == empty  # an empty file holds nothing to lose


def test_open_asks_for_a_project_file(tmp_path, monkeypatch):
    [existing] = project_files(tmp_path / "work", "old.annotator")
    remember(existing)
    asked = []

    def get_open_file_name(parent, caption, folder, filters):
        asked.append(folder)
        return str(existing)
    monkeypatch.setattr(file_dialogs, "open_file_name", get_open_file_name)
    assert choose_project_to_open(None) == existing
    assert asked == [str(existing.parent)]  # starts beside the most recent project
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a: "")
    assert choose_project_to_open(None) is None


def test_import_folder_starts_where_the_last_import_was_chosen(tmp_path, monkeypatch):
    news = tmp_path / "inbox" / "news"
    news.mkdir(parents=True)
    asked = []

    def get_existing_directory(parent, caption, folder):
        asked.append(folder)
        return str(news)
    monkeypatch.setattr(file_dialogs, "existing_folder", get_existing_directory)
    assert import_choice.choose_folder_to_import(None) == news
    assert import_choice.choose_folder_to_import(None) == news
    assert asked[1] == str(tmp_path / "inbox")


def test_dropped_files_and_folders_become_paths(tmp_path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "folder")), QUrl("https://example.org/a"),
                  QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    assert import_choice.dropped_paths(data) == [tmp_path / "folder", tmp_path / "a.txt"]
