"""First start asks who is annotating; Edit → Settings… changes it; spans carry it."""
import json

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QApplication, QDialogButtonBox, QLabel, QMessageBox, QProxyStyle,
                               QStyle)

from annotator import user_settings
from annotator.store import Project
from annotator.ui.app import run
from annotator.ui.main_window import MainWindow
from annotator.ui.name_dialog import NameDialog, ask_for_name_if_unknown
from annotator.ui.settings_dialog import SettingsDialog
from annotator.user_settings import (
    save_annotator_name,
    saved_annotator_name,
    settings_path,
)

from .conftest import add_article
from .test_annotation_view import drag

TEXT = "The minister denied the report outright."
RETURN = Qt.Key.Key_Return


@pytest.fixture
def first_start(monkeypatch):
    """No $ANNOTATOR_USER, no saved name, and a known login name."""
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "jdoe")
    assert user_settings.annotator_name() is None


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "team.annotator"
    project = Project.open(path)
    add_article(project, TEXT, title="Minister")
    project.close()
    return path


def annotators_in(path) -> list[tuple[str, str]]:
    """(span text, annotator) of every span, read back from the project file."""
    project = Project.open(path, create=False)
    try:
        return [(s.text, s.annotator) for s in project.spans(project.first_document_id())]
    finally:
        project.close()


def when_a_dialog_opens(answer):
    """Run ``answer(dialog)`` once the code under test has opened its modal dialog.
    Whatever happens, the dialog is closed afterwards, so a failing test cannot hang."""
    seen = []

    def act():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        try:
            if dialog is not None:
                answer(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, act)
    return seen


def type_text(qtbot, widget, text: str) -> None:
    """Key presses for each character; QTest types only ASCII, so others (ó) are sent
    as key events carrying their text, as an input method does."""
    for character in text:
        if character.isascii():
            qtbot.keyClicks(widget, character)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         character))


def type_name(qtbot, dialog, name: str) -> None:
    edit = dialog.field.edit
    edit.selectAll()
    type_text(qtbot, edit, name)
    qtbot.keyClick(edit, RETURN)


def label_a_span(qtbot, window: MainWindow, start: int, end: int) -> None:
    """Choose the first label with its key, then drag over the text, as a user does."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), window.isActiveWindow())[1])
    window.view.setFocus()
    first_label = window.session.labels[0]
    if window.session.sticky_label != first_label.name:
        qtbot.keyClick(window.view, first_label.key)  # no selection: it becomes sticky
    drag(qtbot, window.view, start, end)


# -- first start ------------------------------------------------------------------------------
def test_first_start_asks_and_the_next_span_carries_the_typed_name(
        qtbot, first_start, project_file, monkeypatch):
    asked = when_a_dialog_opens(lambda dialog: type_name(qtbot, dialog, "Maria López"))
    windows = []

    def use_the_window(app):  # instead of the event loop: make a span, then quit
        # the window run() made: earlier tests may leave closed windows of other projects
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.project.path is not None
                      and w.project.path.resolve() == project_file.resolve())
        windows.append(window)
        label_a_span(qtbot, window, 4, 12)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", use_the_window)
    assert run(project_file) == 0
    assert isinstance(asked[0], NameDialog)
    assert windows[0].annotator_label.text() == "Annotating as: Maria López"
    assert annotators_in(project_file) == [("minister", "Maria López")]
    assert json.loads(settings_path().read_text("utf-8"))["annotator_name"] == "Maria López"


def test_the_dialog_explains_why_and_suggests_the_login_name(qtbot, first_start):
    dialog = NameDialog()
    qtbot.addWidget(dialog)
    assert dialog.field.edit.text() == "jdoe"
    assert dialog.field.edit.selectedText() == "jdoe"  # typing replaces it
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "team can be told apart" in texts
    assert "Edit → Settings" in texts


class ButtonsWithIcons(QProxyStyle):
    """A desktop whose dialog buttons carry icons (the offscreen platform's carry none)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def test_the_login_name_button_has_no_cancel_cross(qtbot, first_start):
    style_before = QApplication.style().name()
    QApplication.setStyle(ButtonsWithIcons(style_before))
    try:
        dialog = NameDialog()
        qtbot.addWidget(dialog)
        buttons = dialog.findChild(QDialogButtonBox)
        use_login = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert not buttons.button(QDialogButtonBox.StandardButton.Ok).icon().isNull()
        assert use_login.text() == "Use “jdoe”"
        assert use_login.icon().isNull()  # it uses the name and refuses nothing
    finally:
        QApplication.setStyle(style_before)


def test_an_unusable_name_is_refused_and_the_dialog_stays_open(qtbot, first_start):
    def answer(dialog):
        type_name(qtbot, dialog, "   ")
        assert dialog.isVisible()
        assert dialog.field.error.isVisible()
        assert "empty" in dialog.field.error.text()
        assert saved_annotator_name() is None
        type_name(qtbot, dialog, "Ana")
        assert not dialog.isVisible()

    when_a_dialog_opens(answer)
    assert ask_for_name_if_unknown() == "Ana"
    assert saved_annotator_name() == "Ana"


def test_escape_keeps_the_login_name_and_does_not_ask_again(qtbot, first_start):
    when_a_dialog_opens(lambda dialog: qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Escape))
    assert ask_for_name_if_unknown() == "jdoe"
    assert saved_annotator_name() == "jdoe"
    asked_again = when_a_dialog_opens(lambda dialog: None)
    assert ask_for_name_if_unknown() is None
    QApplication.processEvents()  # lets the check above run: no dialog was waiting
    assert asked_again == [None]


def test_not_asked_when_annotator_user_is_set(qtbot, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", "script")
    asked = when_a_dialog_opens(lambda dialog: None)
    assert ask_for_name_if_unknown() is None
    QApplication.processEvents()
    assert asked == [None]
    assert not settings_path().exists()


def test_a_smoke_run_does_not_ask_and_saves_nothing(qtbot, first_start, project_file):
    asked = when_a_dialog_opens(lambda dialog: None)
    assert run(project_file, smoke_test=True) == 0
    QApplication.processEvents()
    assert asked == [None]
    assert not settings_path().exists()


def test_a_corrupt_settings_file_is_explained_in_the_dialog(qtbot, first_start):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{not json", encoding="utf-8")
    shown = []

    def answer(dialog):
        shown.extend(label.text() for label in dialog.findChildren(QLabel))
        type_name(qtbot, dialog, "Ana")

    when_a_dialog_opens(answer)
    assert ask_for_name_if_unknown() == "Ana"
    assert any("could not be used" in text and "not valid JSON" in text for text in shown)
    assert saved_annotator_name() == "Ana"


def test_a_name_that_cannot_be_saved_is_still_used_and_the_user_is_told(
        qtbot, first_start, isolated_user_dirs, monkeypatch, capsys):
    (isolated_user_dirs / ".config").write_text("a file where the folder should be")
    warnings = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()))
    when_a_dialog_opens(lambda dialog: type_name(qtbot, dialog, "Ana"))
    assert ask_for_name_if_unknown() == "Ana"
    (warning,) = warnings
    assert warning.startswith(f"{settings_path()}: cannot save settings")
    assert "used until the app is closed" in warning
    assert "cannot save settings" in capsys.readouterr().err


# -- Edit → Settings… -------------------------------------------------------------------------
def test_the_status_bar_shows_who_is_annotating(qtbot, project):
    add_article(project, TEXT)
    window = MainWindow(project)
    qtbot.addWidget(window)
    assert window.annotator_label.text() == "Annotating as: tester"


def test_a_name_changed_in_settings_goes_on_the_next_span(qtbot, first_start, project_file):
    save_annotator_name("Maria")
    project = Project.open(project_file)
    window = MainWindow(project, owns_project=True)
    qtbot.addWidget(window)
    label_a_span(qtbot, window, 4, 12)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.field.edit.text() == "Maria"
    type_name(qtbot, dialog, "Ana Ruiz")
    assert not dialog.isVisible()
    assert window.annotator_label.text() == "Annotating as: Ana Ruiz"
    label_a_span(qtbot, window, 24, 30)
    window.close()
    assert sorted(annotators_in(project_file)) == [("minister", "Maria"), ("report", "Ana Ruiz")]
    assert saved_annotator_name() == "Ana Ruiz"


def test_settings_refuse_an_unusable_name(qtbot, project):
    dialog = SettingsDialog("tester")
    qtbot.addWidget(dialog)
    dialog.show()
    chosen = []
    dialog.name_chosen.connect(chosen.append)
    edit = dialog.field.edit
    edit.selectAll()
    QApplication.clipboard().setText("Ann\tLee")  # a tab cannot be typed, but pasted
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "Ann\tLee"
    qtbot.keyClick(edit, RETURN)
    assert dialog.isVisible()
    assert "control characters" in dialog.field.error.text()
    assert chosen == []
    assert not settings_path().exists()
    qtbot.keyClicks(edit, "x" * 80)
    assert len(edit.text()) == 64  # longer names cannot be typed


def test_settings_say_when_annotator_user_will_win_next_time(qtbot, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", "script")
    dialog = SettingsDialog("script")
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "$ANNOTATOR_USER is set to “script”" in texts
