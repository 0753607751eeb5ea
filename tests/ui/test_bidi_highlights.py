"""Span and find highlights cover every character where Qt draws it, in paragraphs that
mix directions (English inside Persian, Persian inside English), wrapped or not: the
pieces a highlight fills on a line are the ones Qt fills when it draws a selection of
the same characters."""
import pytest
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from annotator.ui import span_painter
from annotator.ui.main_window import MainWindow

from .conftest import add_article

RTL_WITH_ENGLISH = ("جواد ظریف (Javad Zarif) said the agreement «must be preserved». "
                    "وزیر امور خارجه گفت که مذاکرات ادامه خواهد یافت.")
LTR_WITH_PERSIAN = ("The minister said «برنامه موشکی دفاعی است» and left for talks in Geneva "
                    "with the delegation.")
PURE_PERSIAN = "وزیر امور خارجه گفت: «برنامه موشکی دفاعی است» و مذاکرات ادامه خواهد یافت."
# Qt positions count UTF-16 units: an emoji before the phrase shifts them from Python's
WITH_EMOJI = "😀 " + RTL_WITH_ENGLISH
# a tab is no glyph: Qt gives it no glyph run, yet draws its selection; found in the
# text by its Qt position, which an emoji before it shifts
WITH_TAB = "😀 وزیر امور\tJavad Zarif said the agreement «must be preserved» گفت"
CASES = [  # (paragraph, the phrase highlighted)
    pytest.param(RTL_WITH_ENGLISH, "said the agreement", id="english-in-persian"),
    pytest.param(RTL_WITH_ENGLISH, "Javad", id="a-name-in-persian"),
    pytest.param(LTR_WITH_PERSIAN, "برنامه موشکی دفاعی است", id="persian-in-english"),
    pytest.param(PURE_PERSIAN, "برنامه موشکی", id="persian-only"),
    pytest.param(WITH_EMOJI, "said the agreement", id="after-an-emoji"),
    pytest.param(WITH_TAB, "امور\tJavad Zarif said", id="across-a-tab"),
]
QT_ROUNDING_PX = 1  # Qt fills a selection out to whole pixels (QRectF.toAlignedRect)
WIDEST, NARROWEST = 1000, 680  # the window is no narrower than about 690
MAX_ZOOM_STEPS = 6


@pytest.fixture
def window_on(qtbot, project):
    def make(text: str) -> MainWindow:
        add_article(project, text)
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.resize(WIDEST, 600)
        window.show()
        qtbot.waitExposed(window)
        return window
    return make


def only_span(window, start: int, end: int) -> None:
    """Make [start, end) the document's one span (not selected: no outline)."""
    session = window.session
    for span in list(session.index):
        session.select(span.id)
        session.delete_selected()
    assert session.label_selection(start, end, "claim", whole_words=False) is not None
    session.select(None)


class PaintedWashes:
    """The rectangles the span painter fills with a wash (a span's or a find match's
    background) on the next paint, recorded on their way to the screen."""

    def __init__(self, monkeypatch):
        self.rects = []
        real_fill = span_painter.fill

        def recording_fill(painter, rect, colour):
            if rect.height() > 2 * span_painter.UNDERLINE_WIDTH:  # not an underline
                self.rects.append(rect)
            real_fill(painter, rect, colour)
        monkeypatch.setattr(span_painter, "fill", recording_fill)

    def on_rows(self, view, rows: tuple[int, int]) -> list[tuple[int, int]]:
        """The pixel columns [left, right) filled on those rows, piece by piece."""
        self.rects.clear()
        view.viewport().grab()  # paints now (repaint() may wait for an exposed window)
        columns = set()
        for rect in self.rects:
            if rows[0] <= rect.center().y() < rows[1]:
                columns.update(range(round(rect.left()), round(rect.right())))
        return pieces(columns)


def pieces(columns) -> list[tuple[int, int]]:
    """Runs of pixel columns [left, right), left to right; a one-pixel gap (where Qt
    draws the text caret) does not part them."""
    runs = []
    for x in sorted(columns):
        if runs and x <= runs[-1][1] + 1:
            runs[-1][1] = x + 1
        else:
            runs.append([x, x + 1])
    return [tuple(run) for run in runs]


def line_rows(view, index: int) -> tuple[int, int]:
    """The viewport rows of the line holding character ``index``."""
    position = view.qt_at_index(index)
    block = view.document().findBlock(position)
    line = block.layout().lineForTextPosition(position - block.position())
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top() + line.y()
    return round(top), round(top + line.height())


def qt_selection_on_rows(view, start: int, end: int, rows: tuple[int, int]) -> list[tuple[int, int]]:
    """The pixel columns [left, right) that Qt's own drawing of a selection of
    [start, end) fills on those rows (in the palette's highlight colour), piece by piece."""
    view.set_selection(start, end)
    image = view.viewport().grab().toImage()
    view.clear_selection()
    highlight = view.palette().color(view.palette().ColorRole.Highlight).rgb()
    return pieces(x for x in range(image.width())
                  if any(QColor(image.pixel(x, y)).rgb() == highlight for y in range(rows[0] + 1, rows[1] - 1)))


def assert_covers_like_qt(view, washes: PaintedWashes, start: int, end: int, on: int) -> None:
    """The wash of [start, end) fills, on the line holding character ``on``, the pieces
    Qt fills for a selection of [start, end): as many, and each edge within a pixel."""
    rows = line_rows(view, on)
    painted = washes.on_rows(view, rows)
    drawn = qt_selection_on_rows(view, start, end, rows)
    assert drawn, "Qt drew no selection there"
    assert len(painted) == len(drawn) and all(
        abs(ours - qts) <= QT_ROUNDING_PX for piece, qt_piece in zip(painted, drawn)
        for ours, qts in zip(piece, qt_piece)), (
        f"{view.toPlainText()[start:end]!r}: painted x {painted}, Qt's selection x {drawn}")


def wrap_inside(window, start: int, end: int) -> None:
    """Narrow the window, and zoom in where it can be no narrower, until a line wrap
    cuts [start, end)."""
    view = window.view
    for zoom in range(MAX_ZOOM_STEPS + 1):
        view.zoom(0)
        view.zoom(zoom)
        for width in range(WIDEST, NARROWEST, -10):
            window.resize(width, 600)
            QApplication.processEvents()
            if line_rows(view, start) != line_rows(view, end - 1):
                return
    pytest.fail("the phrase never wrapped")


def phrase_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def each_end(start: int, end: int):
    """The first and the last character of [start, end), each as a range of its own."""
    return (start, start + 1), (end - 1, end)


@pytest.mark.parametrize(("text", "phrase"), CASES)
def test_a_spans_wash_covers_its_first_and_last_character_where_qt_draws_them(
        window_on, monkeypatch, text, phrase):
    start, end = phrase_of(text, phrase)
    washes = PaintedWashes(monkeypatch)
    window = window_on(text)
    only_span(window, start, end)
    assert_covers_like_qt(window.view, washes, start, end, on=start)
    for first, last in each_end(start, end):
        only_span(window, first, last)
        assert_covers_like_qt(window.view, washes, first, last, on=first)


@pytest.mark.parametrize(("text", "phrase"), [case for case in CASES if " " in case.values[1]])
def test_and_on_wrapped_lines(window_on, monkeypatch, text, phrase):
    start, end = phrase_of(text, phrase)
    washes = PaintedWashes(monkeypatch)
    window = window_on(text)
    wrap_inside(window, start, end)
    view = window.view
    next_line = next(index for index in range(start, end)
                     if line_rows(view, index) != line_rows(view, start))
    # the phrase's part on each line (without the space a wrapped line ends with, which
    # Qt draws no selection for)
    for first, last in ((start, len(text[:next_line].rstrip())), (next_line, end)):
        only_span(window, first, last)
        assert_covers_like_qt(view, washes, first, last, on=first)
    for first, last in each_end(start, end):
        only_span(window, first, last)
        assert_covers_like_qt(view, washes, first, last, on=first)


@pytest.mark.parametrize(("text", "phrase"), CASES[:3])
def test_a_find_matchs_wash_covers_its_first_and_last_character_too(
        window_on, monkeypatch, text, phrase):
    start, end = phrase_of(text, phrase)
    washes = PaintedWashes(monkeypatch)
    view = window_on(text).view
    for first, last in ((start, end), *each_end(start, end)):
        view.set_find_matches([(first, last)], 0)
        assert_covers_like_qt(view, washes, first, last, on=first)


@pytest.mark.parametrize(("text", "phrase", "space_washed"), [
    # the line ends with Persian, at its left end: the space after it is washed there,
    # as a line of English has the space after its last word washed at its right end
    pytest.param(PURE_PERSIAN, "برنامه موشکی دفاعی است", True, id="persian-ends-the-line"),
    # the line ends with English, drawn mid-line: Qt draws nothing for the space, and a
    # piece at the line's left end would stand apart from the rest
    pytest.param(RTL_WITH_ENGLISH, "said the agreement", False, id="english-ends-the-line"),
])
def test_the_space_a_wrapped_line_ends_with_is_washed_only_after_the_text_at_its_end(
        window_on, monkeypatch, text, phrase, space_washed):
    start, end = phrase_of(text, phrase)
    washes = PaintedWashes(monkeypatch)
    window = window_on(text)
    wrap_inside(window, start, end)
    view = window.view
    only_span(window, start, end)
    rows = line_rows(view, start)
    painted, drawn = washes.on_rows(view, rows), qt_selection_on_rows(view, start, end, rows)
    space = QFontMetricsF(view.font()).horizontalAdvance(" ") if space_washed else 0
    assert len(painted) == len(drawn) == 1
    assert abs(painted[0][0] - round(drawn[0][0] - space)) <= QT_ROUNDING_PX
    assert abs(painted[0][1] - drawn[0][1]) <= QT_ROUNDING_PX
