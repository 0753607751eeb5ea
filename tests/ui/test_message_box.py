import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.ui.message_box import ICONS, plain_message_box


@pytest.mark.parametrize("icon", ICONS)
def test_each_icon_name_gives_its_icon_and_the_text_stays_plain(qtbot, icon):
    box = plain_message_box(icon, "annotator", "<b>not bold</b>")
    qtbot.addWidget(box)
    assert box.icon() == getattr(QMessageBox.Icon, icon.capitalize())
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "<b>not bold</b>"


def test_an_unknown_icon_name_is_a_programming_error(qtbot):
    with pytest.raises(ValueError, match="one of critical, warning"):
        plain_message_box("Warning", "annotator", "text")
