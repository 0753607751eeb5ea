"""The label editor driven like an analyst would: clicks, typing, Enter, Ctrl+Z."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.core.commands import CreateSpan, History
from annotator.core.model import make_span
from annotator.store.labels import LabelStore
from annotator.ui.label_editor import LabelEditor

from .conftest import add_article

TEXT = "The envoy said \"we will not sign\" and \"never\". Officials denied it."
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def article(project):
    return add_article(project, TEXT, [(0, 9, "claim"), (15, 33, "quote"), (38, 45, "quote"),
                                       (47, 56, "denial")])


@pytest.fixture
def editor(qtbot, project, article):
    history = History(LabelStore(project))
    dialog = LabelEditor(project, history)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # the dialog's Ctrl+Z needs an active window
    qtbot.waitUntil(lambda: (QApplication.processEvents(), dialog.isActiveWindow())[1])
    return dialog


def click_label(qtbot, editor, name):
    row = editor.list.names().index(name)
    rect = editor.list.visualItemRect(editor.list.item(row))
    qtbot.mouseClick(editor.list.viewport(), LEFT, pos=rect.center())
    assert editor.shown.name == name


def replace_text(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def labels_of_spans(project, article):
    return [(span.id, span.label) for span in project.spans(article.id)]


def test_renaming_with_enter_keeps_every_span_and_ctrl_z_renames_back(qtbot, editor, project,
                                                                       article):
    ids = [span_id for span_id, _ in labels_of_spans(project, article)]
    click_label(qtbot, editor, "quote")
    with qtbot.waitSignal(editor.labels_changed):
        replace_text(qtbot, editor.name_edit, "Quotation")
    assert project.label_names() == ["claim", "denial", "demand", "Quotation"]
    assert labels_of_spans(project, article) == list(zip(ids, ["claim", "Quotation", "Quotation",
                                                               "denial"]))
    assert editor.isVisible()  # Enter committed the field; it did not close the dialog
    assert editor.list.current_name() == "Quotation"
    assert editor.message.text() == "Renamed “quote” to “Quotation”; its 2 spans kept it."
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.label_names() == ["claim", "denial", "demand", "quote"]
    assert editor.list.current_name() == "quote"
    assert editor.message.text() == "Undone: rename label."


def test_a_refused_name_says_why_and_changes_nothing(qtbot, editor, project):
    click_label(qtbot, editor, "quote")
    replace_text(qtbot, editor.name_edit, "CLAIM")
    assert "already a label named 'claim'" in editor.message.text()
    assert project.label_names() == ["claim", "denial", "demand", "quote"]
    assert editor.name_edit.text() == "quote"  # the field shows what is stored again


def test_changing_a_key_and_a_taken_key(qtbot, editor, project):
    click_label(qtbot, editor, "demand")
    replace_text(qtbot, editor.key_edit, "x")
    assert [label.key for label in project.labels()] == ["1", "2", "x", "4"]
    replace_text(qtbot, editor.key_edit, "1")
    assert editor.message.text().startswith("Key '1' already chooses the label 'claim'")
    assert [label.key for label in project.labels()] == ["1", "2", "x", "4"]
    assert editor.key_edit.text() == "x"


def test_writing_a_guideline_commits_when_the_field_is_left(qtbot, editor, project):
    click_label(qtbot, editor, "demand")
    editor.guideline_edit.setFocus()
    editor.guideline_edit.selectAll()
    qtbot.keyClicks(editor.guideline_edit, "A call to act.")
    qtbot.keyClick(editor.guideline_edit, Qt.Key.Key_Return)  # a new line, not a commit
    qtbot.keyClicks(editor.guideline_edit, "Example: <b>Sign now</b>")
    assert project.labels()[2].description == "A speaker calls on someone to act."
    click_label(qtbot, editor, "claim")  # leaving the field writes it to the label it showed
    assert project.labels()[2].description == "A call to act.\nExample: <b>Sign now</b>"
    assert project.labels()[0].description == "An assertion presented as fact by a speaker."


def test_a_guideline_left_untouched_is_not_rewritten(qtbot, project, article):
    # written elsewhere with Windows line ends: Qt shows "\r\n" as "\n", and leaving
    # the field used to store that as an edit nobody made
    guideline = "A call to act.\r\nExample: Sign now."
    LabelStore(project).update_label("demand", description=guideline)
    history = History(LabelStore(project))
    dialog = LabelEditor(project, history)
    qtbot.addWidget(dialog)
    dialog.show()
    click_label(qtbot, dialog, "demand")
    dialog.guideline_edit.setFocus()
    click_label(qtbot, dialog, "claim")  # the field is left
    dialog.commit_pending()
    assert project.labels()[2].description == guideline and not history.can_undo()


def test_removing_a_used_label_asks_and_moves_its_spans(qtbot, editor, project, article):
    ids = [span_id for span_id, _ in labels_of_spans(project, article)]
    click_label(qtbot, editor, "quote")
    qtbot.mouseClick(editor.remove_button, LEFT)
    ask = editor.removal_dialog
    qtbot.waitUntil(ask.isVisible)
    assert "is used by 2 spans" in ask.findChild(type(editor.message)).text()
    ask.target.setCurrentText("denial")
    remove = next(button for button in ask.findChild(QDialogButtonBox).buttons()
                  if button.text() == "&Remove label")
    with qtbot.waitSignal(editor.labels_changed):
        qtbot.mouseClick(remove, LEFT)
    assert project.label_names() == ["claim", "denial", "demand"]
    assert labels_of_spans(project, article) == list(zip(ids, ["claim", "denial", "denial",
                                                               "denial"]))
    assert editor.message.text() == ("Removed “quote” and moved its 2 spans to “denial”. "
                                     "Ctrl+Z undoes.")
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.label_names() == ["claim", "denial", "demand", "quote"]
    assert labels_of_spans(project, article) == list(zip(ids, ["claim", "quote", "quote",
                                                               "denial"]))


def test_removing_a_used_label_and_deleting_its_spans_is_undone_with_the_same_ids(
        qtbot, editor, project, article):
    before = project.spans(article.id)
    click_label(qtbot, editor, "quote")
    editor.remove_label()
    editor.removal_dialog.delete_choice.setChecked(True)
    assert not editor.removal_dialog.target.isEnabled()
    editor.removal_dialog.accept()
    assert [span.label for span in project.spans(article.id)] == ["claim", "denial"]
    assert "deleted its 2 spans" in editor.message.text()
    editor.undo()
    assert project.spans(article.id) == before


def test_adding_a_label_then_typing_its_name(qtbot, editor, project):
    qtbot.mouseClick(editor.add_button, LEFT)
    assert editor.name_edit.hasFocus() and editor.name_edit.selectedText() == "new label"
    qtbot.keyClicks(editor.name_edit, "rumour")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert [(label.name, label.key) for label in project.labels()][-1] == ("rumour", "5")
    assert editor.message.text() == "Renamed “new label” to “rumour”."  # it has no spans to keep
    editor.undo()  # the name
    editor.undo()  # the label
    assert project.label_names() == ["claim", "denial", "demand", "quote"]
    editor.redo()
    assert project.label_names()[-1] == "new label"


def test_moving_up_and_down_and_the_buttons_at_the_ends(qtbot, editor, project):
    click_label(qtbot, editor, "demand")
    qtbot.mouseClick(editor.up_button, LEFT)
    qtbot.mouseClick(editor.up_button, LEFT)
    assert project.label_names() == ["demand", "claim", "denial", "quote"]
    assert not editor.up_button.isEnabled() and editor.list.current_name() == "demand"
    qtbot.mouseClick(editor.down_button, LEFT)
    assert project.label_names() == ["claim", "demand", "denial", "quote"]
    editor.list.moved.emit("quote", 0)  # what a drop reports
    assert project.label_names()[0] == "quote"
    for _ in range(4):
        editor.undo()
    assert project.label_names() == ["claim", "denial", "demand", "quote"]


def test_recolouring_through_the_colour_dialog(qtbot, editor, project):
    click_label(qtbot, editor, "claim")
    qtbot.mouseClick(editor.colour_button, LEFT)
    editor.colour_dialog.setCurrentColor(QColor("#123456"))
    editor.colour_dialog.accept()
    assert project.labels()[0].colour == "#123456"
    assert editor.colour_button.text().startswith("#123456")


def test_ctrl_z_in_the_dialog_never_undoes_span_edits_made_before_it(qtbot, project, article):
    history = History(LabelStore(project))
    history.run(CreateSpan(article.id, make_span(TEXT, 57, 63, "denial")))
    editor = LabelEditor(project, history)
    qtbot.addWidget(editor)
    editor.undo()
    assert len(project.spans(article.id)) == 5
    assert history.can_undo()


def test_label_names_and_guidelines_are_shown_as_plain_text(qtbot, editor, project):
    LabelStore(project).update_label("demand", name="<b>demand</b>", description="<i>x</i>")
    editor.reload("<b>demand</b>")
    assert editor.list.item(2).text().startswith("<b>demand</b>")
    assert editor.name_edit.text() == "<b>demand</b>"
    assert editor.guideline_edit.toPlainText() == "<i>x</i>"
    assert editor.message.textFormat() == Qt.TextFormat.PlainText


def test_a_history_without_label_edits_is_refused_clearly(qtbot, project):
    with pytest.raises(TypeError, match="LabelStore"):
        LabelEditor(project, History(project))
