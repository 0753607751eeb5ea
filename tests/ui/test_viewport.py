from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QTableView, QWidget

from annotator.ui.viewport import wrap_viewport


def test_the_viewport_wrapped_by_name_is_the_one_viewport_returns(qtbot):
    for area in (QPlainTextEdit(), QTableView()):
        qtbot.addWidget(area)
        wrapped = wrap_viewport(area)
        assert type(wrapped) is QWidget
        assert wrapped is area.viewport()


def test_a_viewport_set_by_hand_is_found_too(qtbot):
    area = QScrollArea()
    qtbot.addWidget(area)
    own = QWidget()
    area.setViewport(own)
    assert wrap_viewport(area) is own

