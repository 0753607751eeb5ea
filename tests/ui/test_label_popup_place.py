"""Where the label popup opens: clear of the selected lines and of the line after them
(which in news names the speaker: "...," the minister said)."""
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRect, QSize, Qt

from annotator.ui.label_popup import popup_position

from .test_annotation_view import drag, window_on  # noqa: F401 (a fixture)

SCREEN = QRect(0, 0, 1280, 800)
POPUP = QSize(300, 30)
LINES = [f"Line {n}: the minister said the talks would go on." for n in range(40)]
TEXT = "\n".join(LINES)


def test_above_the_selection_when_there_is_room():
    band = QRect(0, 400, 900, 40)
    place = popup_position(QPoint(500, 430), band, POPUP, SCREEN)
    assert place == QPoint(350, 400 - 4 - 30)


def test_below_the_selection_at_the_top_of_the_screen():
    band = QRect(0, 10, 900, 20)
    assert popup_position(QPoint(500, 20), band, POPUP, SCREEN).y() == 10 + 20 + 4


def test_kept_on_the_screen_by_its_edges():
    band = QRect(0, 400, 900, 20)
    assert popup_position(QPoint(5, 410), band, POPUP, SCREEN).x() == 0
    assert popup_position(QPoint(1275, 410), band, POPUP, SCREEN).x() == 1280 - 300


@given(st.integers(-50, 1300), st.integers(0, 799), st.integers(1, 900))
def test_on_the_screen_and_off_the_selection_when_either_side_has_room(x, top, height):
    band = QRect(0, top, 1280, min(height, 800 - top))
    pointer = QPoint(x, band.center().y())
    place = QRect(popup_position(pointer, band, POPUP, SCREEN), POPUP)
    assert SCREEN.contains(place)
    room = band.top() - 4 >= POPUP.height() or SCREEN.bottom() - band.bottom() - 4 >= POPUP.height()
    if room:
        assert not place.intersects(band)


def line_rect(view, line: int) -> QRect:
    """The global rectangle of the article's ``line`` (one block each here)."""
    block = view.document().findBlockByNumber(line)
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).toRect()
    return QRect(view.viewport().mapToGlobal(top.topLeft()), top.size())


def test_a_dragged_sentence_keeps_itself_and_the_next_line_in_sight(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    view = window.view
    start = TEXT.index(LINES[12])
    drag(qtbot, view, start, start + len(LINES[12]))
    popup = window.popup
    assert popup.isVisible()
    assert not popup.geometry().intersects(line_rect(view, 12))  # the selection
    assert not popup.geometry().intersects(line_rect(view, 13))  # who said it
    assert popup.geometry().bottom() < line_rect(view, 12).top()
    qtbot.keyClick(popup, "4")
    assert [s.text for s in window.project.spans(window.session.document.id)] == [LINES[12]]


def test_at_the_top_of_the_screen_it_stays_on_it_and_off_the_selection(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    screen = window.screen().availableGeometry()
    window.move(screen.topLeft())
    view = window.view
    drag(qtbot, view, 0, len(LINES[0]))
    popup = window.popup
    assert screen.contains(popup.frameGeometry())
    assert not popup.geometry().intersects(line_rect(view, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def popup_with_labels(qtbot, project, more_labels):
    """A window with the default labels and ``more_labels`` (keys 5 on), a span selected,
    and the popup opened by a drag over words of line 5."""
    from annotator.core.model import Label

    from .conftest import active_window, add_article
    for position, name in enumerate(more_labels, start=4):
        project.add_label(Label(name, "#888888", str(position + 1), "", position))
    add_article(project, TEXT, [(0, len(LINES[0]), "claim")])
    window = active_window(qtbot, project)
    window.session.select(next(iter(window.session.index)).id)
    start = TEXT.index(LINES[5])
    drag(qtbot, window.view, start, start + 6)
    return window, window.popup


def test_with_many_labels_the_naming_buttons_take_a_row_of_their_own(qtbot, project):
    """Six labels and the three naming buttons are wider than this small screen."""
    window, popup = popup_with_labels(qtbot, project, ("accusation", "prediction"))
    screen = popup.screen().availableGeometry()
    assert len(popup.buttons) == 6 and len(popup.naming_buttons) == 3
    assert popup.width() <= screen.width()
    first_label, speaker = popup.buttons["claim"], popup.naming_buttons["speaker"]
    assert speaker.geometry().top() > first_label.geometry().bottom()  # the second row
    qtbot.keyClick(popup, "s")
    assert window.project.spans(window.session.document.id)[0].speaker == "Line 5"


def test_nine_long_labels_wrap_onto_rows_that_fit_the_screen(qtbot, project):
    """Long label names on a small screen: the popup stays on it, every label in sight
    and in order, each row as wide as the screen allows."""
    names = [f"unsubstantiated allegation {position}" for position in range(4, 9)]
    window, popup = popup_with_labels(qtbot, project, names)
    screen = popup.screen().availableGeometry()
    assert screen.contains(popup.frameGeometry())
    buttons = list(popup.buttons.values()) + list(popup.naming_buttons.values())
    assert len(buttons) == 12
    for button in buttons:
        assert button.isVisible() and button.width() >= button.sizeHint().width()
        assert popup.rect().contains(button.geometry())
    tops = sorted({button.geometry().top() for button in popup.buttons.values()})
    assert len(tops) >= 2  # wrapped
    reading_order = sorted(popup.buttons, key=lambda name: (popup.buttons[name].geometry().top(),
                                                            popup.buttons[name].geometry().left()))
    assert reading_order == list(popup.buttons)
    qtbot.keyClick(popup, "9")
    assert {s.label for s in window.project.spans(window.session.document.id)} == {
        "claim", "unsubstantiated allegation 8"}
