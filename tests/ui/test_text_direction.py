"""Right-to-left paragraphs hang from the right margin, as their readers expect, and
their spans are highlighted and clicked where their words are drawn; the header reads
the way its title does."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.core.direction import is_right_to_left
from annotator.core.model import Document
from annotator.ui.annotation_view import PAGE_MARGIN
from annotator.ui.header import END_ISOLATE, ISOLATE, DocumentHeader
from annotator.ui.main_window import MainWindow

from .conftest import add_article

ENGLISH = "The ministry denied supplying any components abroad."
PERSIAN = "وزیر امور خارجه گفت: «برنامه موشکی دفاعی است»"
TEXT = f"{ENGLISH}\n{PERSIAN}\n{ENGLISH}"
QUOTE = "برنامه موشکی"
EDGE_PX = 3  # antialiasing and the glyphs' side bearings
BACKGROUND_TOLERANCE = 24


@pytest.fixture
def window_on(qtbot, project):
    def make(spans=(), width=900, text=TEXT):
        add_article(project, text, spans)
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.resize(width, 600)
        window.show()
        qtbot.waitExposed(window)
        window.view.clear_selection()
        QApplication.processEvents()
        return window
    return make


def line_rows(view, paragraph: int) -> tuple[int, int]:
    """The viewport rows of the last line of paragraph number ``paragraph`` (where a
    paragraph wraps, only its last line is shorter than the page)."""
    block = view.document().findBlockByNumber(paragraph)
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    layout = block.layout()
    line = layout.lineAt(layout.lineCount() - 1)
    return round(top + line.y()) + 2, round(top + line.y() + line.height()) - 2


def differs(colour: QColor, background: QColor) -> bool:
    return max(abs(colour.red() - background.red()), abs(colour.green() - background.green()),
               abs(colour.blue() - background.blue())) > BACKGROUND_TOLERANCE


def painted_columns(image, rows: tuple[int, int], wanted) -> list[int]:
    return [x for x in range(image.width())
            if any(wanted(QColor(image.pixel(x, y))) for y in range(rows[0], rows[1]))]


def ink_extent(view, paragraph: int) -> tuple[int, int]:
    """Leftmost and rightmost painted column of a paragraph's last line."""
    image = view.viewport().grab().toImage()
    background = QColor(image.pixel(image.width() // 2, image.height() - 2))
    columns = painted_columns(image, line_rows(view, paragraph), lambda c: differs(c, background))
    return columns[0], columns[-1]


def right_margin(view) -> int:
    return view.viewport().width() - PAGE_MARGIN


def test_a_persian_paragraph_hangs_from_the_right_margin_and_english_from_the_left(window_on):
    view = window_on().view
    english, persian = ink_extent(view, 0), ink_extent(view, 1)
    assert abs(english[0] - PAGE_MARGIN) <= EDGE_PX
    assert abs(persian[1] - right_margin(view)) <= EDGE_PX
    assert persian[0] > PAGE_MARGIN + 20, "the Persian line also starts at the left margin"


def test_a_paragraph_opening_with_an_isolate_is_aligned_the_way_qt_lays_it_out(window_on):
    # Qt's layout passes over an isolate (RLI ... PDI, LRI ... PDI) to find the first
    # strong letter; QTextBlock.textDirection would not
    rli, lri, pdi = "\u2067", "\u2066", "\u2069"
    text = f"{rli}وزیر{pdi} said the minister.\n{lri}The envoy{pdi} گفت: «برنامه»"
    view = window_on(text=text).view
    english_first, persian_first = ink_extent(view, 0), ink_extent(view, 1)
    assert abs(english_first[0] - PAGE_MARGIN) <= EDGE_PX
    assert abs(persian_first[1] - right_margin(view)) <= EDGE_PX
    assert not view.is_right_to_left(0) and view.is_right_to_left(len(text) - 1)


def test_the_alignment_follows_a_resize(qtbot, window_on):
    window = window_on()
    view = window.view
    before = ink_extent(view, 1)
    window.resize(700, 600)
    qtbot.waitUntil(lambda: view.viewport().width() < before[1])
    QApplication.processEvents()
    after = ink_extent(view, 1)
    assert abs(after[1] - right_margin(view)) <= EDGE_PX
    assert after[1] < before[1]


def test_a_span_in_a_persian_paragraph_is_highlighted_under_its_words_and_clicks_select_it(
        qtbot, window_on):
    start = TEXT.index(QUOTE)
    window = window_on([(start, start + len(QUOTE), "quote")])
    view = window.view
    image = view.viewport().grab().toImage()
    quote = QColor(window.session.label("quote").colour)
    tinted = painted_columns(image, line_rows(view, 1), lambda c: _tinted_like(c, quote))
    assert tinted, "no quote tint on the Persian line"
    ink = ink_extent(view, 1)
    # the highlight sits inside the line's ink, under the quote's words where Qt draws
    # them (in a right-to-left line, its first letter is at its right end)
    assert ink[0] <= tinted[0] and tinted[-1] <= ink[1]
    left, right = drawn_columns(view, 1, PERSIAN.index(QUOTE), len(QUOTE))
    assert abs(tinted[0] - left) <= EDGE_PX and abs(tinted[-1] - right) <= EDGE_PX
    # and it is where the words are: a click in the middle of the tint selects the span
    rows = line_rows(view, 1)
    middle = QPoint((tinted[0] + tinted[-1]) // 2, (rows[0] + rows[1]) // 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    [span] = window.project.spans(window.session.document.id)
    assert window.session.selected_id == span.id
    assert span.text == QUOTE


def drawn_columns(view, paragraph: int, start: int, length: int) -> tuple[float, float]:
    """The viewport columns where Qt draws the part of characters [start, start + length)
    that lies on the paragraph's last line (the line line_rows measures), from Qt's own
    layout of that line."""
    block = view.document().findBlockByNumber(paragraph)
    left_edge = view.blockBoundingGeometry(block).translated(view.contentOffset()).left()
    layout = block.layout()
    line = layout.lineAt(layout.lineCount() - 1)
    first, last = max(start, line.textStart()), min(start + length,
                                                    line.textStart() + line.textLength())
    assert first < last, "none of those characters is on the last line"
    # PySide's cursorToX answers (x, the position it moved the cursor to)
    xs = [left_edge + line.cursorToX(position)[0] for position in (first, last)]
    return min(xs), max(xs)


def _tinted_like(colour: QColor, label: QColor) -> bool:
    """A light fill of the label's hue: its strongest channel is the label's."""
    channels = (colour.red(), colour.green(), colour.blue())
    wanted = (label.red(), label.green(), label.blue())
    return (max(channels) - min(channels) > 12
            and channels.index(max(channels)) == wanted.index(max(wanted)))


# -- the direction of one line of text, as Qt decides it --------------------------------
# strong letters of each kind, digits of both kinds, neutrals, marks; no isolates:
# QTextBlock.textDirection does not pass over them (Qt's line layout does, as
# core.direction does: tests/core/test_direction.py)
MIXED = st.text(alphabet="aZéשבجو٣1 .,-«»:()\u200e\u200f\u0651", max_size=12)


def qt_reads_right_to_left(line: str) -> bool:
    document = QTextDocument()
    document.setPlainText(line)
    return document.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_a_lines_direction_is_the_one_qt_lays_it_out_in(line):
    assert is_right_to_left(line) == qt_reads_right_to_left(line)


def test_a_persian_title_and_its_line_read_from_the_right_and_keep_the_date_whole(qtbot):
    header = DocumentHeader()
    qtbot.addWidget(header)
    header.show_document(Document(text="متن", title="وزیر امور خارجه", source="ایرنا",
                                  published="2024-05-01"))
    assert header.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert header.metadata.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # each part isolated: after Arabic letters the date's digits would be Arabic numbers
    # and its parts shown in reverse
    assert header.metadata.text() == f"{ISOLATE}ایرنا{END_ISOLATE} · {ISOLATE}2024-05-01{END_ISOLATE}"
    header.show_document(Document(text="Text", title="The envoy", source="AFP"))
    assert header.title.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert header.metadata.layoutDirection() == Qt.LayoutDirection.LeftToRight
