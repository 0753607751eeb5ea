"""The annotation browser driven with real clicks and keys: filters, contexts, opening, CSV."""
import csv
import io

import pytest
from PySide6.QtCore import QPoint, Qt

from annotator.ui import file_dialogs
from annotator.core.model import Document, make_span
from annotator.ui import browser_model as columns
from annotator.ui.annotation_browser import AnnotationBrowser
from annotator.ui.browser_model import PAGE_SIZE, ROW_ROLE
from annotator.ui.plain_text import one_line, plain_tooltip

from .conftest import add_article, expected_spans, tricky_text

LEFT = Qt.MouseButton.LeftButton
ARTICLE = ("Le Drian said Iran must stop now. Tehran denied it flatly.\r\n"
           "Zarif said the deal stands. Paris urged restraint.")
# (phrase, label, speaker)
SPANS = [("Le Drian said Iran must stop now.", "claim", "Le Drian"),
         ("Tehran denied it flatly.", "denial", "Tehran"),
         ("Zarif said the deal stands.", "claim", "Javad Zarif"),
         ("Paris urged restraint.", "demand", "Paris")]


def add_spans(project, text, spans, title="", annotator="ana"):
    made = []
    for phrase, label, speaker, *note in spans:
        start = text.index(phrase)
        made.append(make_span(text, start, start + len(phrase), label, speaker=speaker,
                              annotator=annotator, note=note[0] if note else ""))
    return project.add_document(Document(text=text, title=title), made)


@pytest.fixture
def open_browser(qtbot):
    def make(project):
        browser = AnnotationBrowser(project)
        qtbot.addWidget(browser)
        browser.resize(1200, 500)
        browser.show()
        qtbot.waitExposed(browser)
        return browser
    return make


@pytest.fixture
def browser(project, open_browser):
    add_spans(project, ARTICLE, SPANS, title="Talks")
    add_spans(project, "Officials denied the report.", [("denied the report", "denial", "Officials")],
              title="Report", annotator="ben")
    return open_browser(project)


def shown(browser, column=columns.SPAN):
    model = browser.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def type_into(qtbot, browser, box, text):
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: browser.model.query.speaker == browser.filters.query("document", False).speaker
                    and browser.model.query.text == browser.filters.text_box.text())


def cell_point(browser, row, column=columns.SPAN) -> QPoint:
    return browser.table.visualRect(browser.model.index(row, column)).center()


def double_click(qtbot, widget, point) -> None:
    """Press, release, then the double click: what a mouse sends (a view acts on a double
    click only on the row the press was on)."""
    qtbot.mouseClick(widget, LEFT, pos=point)
    qtbot.mouseDClick(widget, LEFT, pos=point)


def test_every_span_is_listed_with_its_context_and_a_count(browser):
    assert shown(browser) == [phrase for phrase, *_ in SPANS] + ["denied the report"]
    assert shown(browser, columns.SPEAKER) == ["Le Drian", "Tehran", "Javad Zarif", "Paris", "Officials"]
    assert shown(browser, columns.DOCUMENT) == ["Talks"] * 4 + ["Report"]
    assert shown(browser, columns.ANNOTATOR) == ["ana"] * 4 + ["ben"]
    assert browser.model.index(1, columns.RIGHT).data() == "⏎Zarif said the deal stands. Paris urged restraint."
    assert browser.model.index(1, columns.LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert browser.count_label.text() == "5 spans"


def test_typing_a_speaker_or_text_narrows_the_rows_and_the_count(qtbot, browser):
    type_into(qtbot, browser, browser.filters.speaker_box, "zarif")
    assert shown(browser) == ["Zarif said the deal stands."]
    assert browser.count_label.text() == "1 span"
    qtbot.mouseClick(browser.filters.speaker_exact, LEFT)  # "zarif" is not a whole name
    qtbot.waitUntil(lambda: browser.count_label.text() == "0 spans")
    qtbot.mouseClick(browser.filters.speaker_exact, LEFT)
    browser.filters.speaker_box.clear()
    type_into(qtbot, browser, browser.filters.text_box, "DENIED")
    assert shown(browser) == ["Tehran denied it flatly.", "denied the report"]
    assert browser.count_label.text() == "2 spans"


def test_ticking_none_lists_the_spans_still_without_a_speaker(qtbot, project, open_browser):
    add_spans(project, ARTICLE, SPANS[:2] + [("Zarif said the deal stands.", "claim", "")],
              title="Talks")
    browser = open_browser(project)
    type_into(qtbot, browser, browser.filters.speaker_box, "Tehran")
    assert shown(browser) == ["Tehran denied it flatly."]
    qtbot.mouseClick(browser.filters.speaker_missing, LEFT)
    qtbot.waitUntil(lambda: browser.count_label.text() == "1 span")
    assert shown(browser) == ["Zarif said the deal stands."]
    assert not browser.filters.speaker_box.isEnabled()  # the name typed waits, greyed out
    qtbot.mouseClick(browser.filters.speaker_missing, LEFT)
    qtbot.waitUntil(lambda: shown(browser) == ["Tehran denied it flatly."])
    assert browser.filters.speaker_box.isEnabled()


def test_choosing_a_label_or_an_annotator_narrows_at_once(qtbot, browser):
    labels = browser.filters.label_box
    labels.setFocus()
    qtbot.keyClicks(labels, "claim")
    assert shown(browser) == ["Le Drian said Iran must stop now.", "Zarif said the deal stands."]
    assert browser.count_label.text() == "2 spans"
    qtbot.keyClick(labels, Qt.Key.Key_Home)  # back to "All labels"
    annotators = browser.filters.annotator_box
    annotators.setFocus()
    qtbot.keyClicks(annotators, "ben")
    assert shown(browser) == ["denied the report"]


def test_a_click_on_a_header_sorts_by_that_column(qtbot, browser):
    header = browser.table.horizontalHeader()

    def click(column):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))

    click(columns.SPEAKER)
    assert shown(browser, columns.SPEAKER) == ["Javad Zarif", "Le Drian", "Officials", "Paris", "Tehran"]
    click(columns.SPEAKER)
    assert shown(browser, columns.SPEAKER) == ["Tehran", "Paris", "Officials", "Le Drian", "Javad Zarif"]
    click(columns.TARGET)  # not sortable: rows and indicator stay
    assert shown(browser, columns.SPEAKER)[0] == "Tehran"
    assert header.sortIndicatorSection() == columns.SPEAKER


def test_double_click_and_enter_open_the_document_at_the_span(qtbot, browser):
    opened = []
    browser.span_opened.connect(lambda document_id, span_id: opened.append((document_id, span_id)))
    talks = browser.model.index(0, 0).data(ROW_ROLE).document_id
    double_click(qtbot, browser.table.viewport(), cell_point(browser, 1))
    assert opened == [(talks, browser.project.spans(talks)[1].id)]
    qtbot.mouseClick(browser.table.viewport(), LEFT, pos=cell_point(browser, 4))
    assert len(opened) == 1  # a single click only chooses the row
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    report = browser.model.index(4, 0).data(ROW_ROLE)
    assert opened[1] == (report.document_id, report.span_id)


@pytest.mark.parametrize("stem", sorted(expected_spans()))
def test_contexts_are_exact_on_tricky_texts(project, open_browser, stem):
    text = tricky_text(stem)
    add_article(project, text, [tuple(span[:3]) for span in expected_spans()[stem]["spans"]])
    browser = open_browser(project)
    model = browser.model
    for number in range(model.rowCount()):
        row = model.index(number, 0).data(ROW_ROLE)
        first = row.start - len(row.left)
        assert row.left + row.text + row.right == text[first:row.end + len(row.right)]
        assert row.text == text[row.start:row.end]
        assert [model.index(number, c).data() for c in (columns.LEFT, columns.SPAN, columns.RIGHT)] == [
            one_line(row.left), one_line(row.text), one_line(row.right)]


def test_user_text_shows_literally(project, open_browser):
    add_spans(project, "They said <b>x</b> twice.", [("<b>x</b>", "quote", "<i>Bob</i>", "<b>x</b>")],
              title="<h1>Title</h1>")
    browser = open_browser(project)
    index = browser.model.index(0, columns.SPAN)
    assert index.data() == "<b>x</b>"
    assert browser.model.index(0, columns.SPEAKER).data() == "<i>Bob</i>"
    assert browser.model.index(0, columns.DOCUMENT).data() == "<h1>Title</h1>"
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == plain_tooltip("quote: <b>x</b>\nspeaker: <i>Bob</i>\nnote: <b>x</b>\n"
                                    "annotator: ana\ndocument 1: <h1>Title</h1>")
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip
    assert browser.count_label.textFormat() == Qt.TextFormat.PlainText


def many_spans(project, documents, per_document=10):
    words = " ".join(f"word{n}" for n in range(per_document))
    for number in range(documents):
        text = f"Article {number}: {words}."
        spans = [(f"word{n}", ("claim", "quote")[n % 2], f"speaker {n % 3}") for n in range(per_document)]
        add_spans(project, text, spans, title=f"Article {number}")


def test_the_model_is_lazy_with_many_spans(qtbot, project, open_browser):
    many_spans(project, 100)
    browser = open_browser(project)
    assert browser.count_label.text() == "1,000 spans"
    assert browser.model.rowCount() == PAGE_SIZE
    qtbot.mouseClick(browser.table.viewport(), LEFT, pos=cell_point(browser, 0))
    qtbot.keyClick(browser.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: browser.model.rowCount() > PAGE_SIZE)
    assert browser.model.rowCount() < 1000  # a page more, not everything


def test_export_writes_every_row_of_the_filter(qtbot, project, open_browser, tmp_path, monkeypatch):
    many_spans(project, 45)  # 450 spans, 225 quotes: more than one page
    add_spans(project, "Zoë said =SUM(A1) loudly.", [("=SUM(A1)", "quote", "@Zoë")])
    browser = open_browser(project)
    browser.filters.label_box.setFocus()
    qtbot.keyClicks(browser.filters.label_box, "quote")
    assert browser.count_label.text() == "226 spans" and browser.model.rowCount() == PAGE_SIZE
    target = tmp_path / "view.csv"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args, **kw: str(target))
    qtbot.mouseClick(browser.export_button, LEFT)
    lines = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(lines) == 1 + 226 and {line[0] for line in lines[1:]} == {"quote"}
    assert lines[-1][1:5] == ["Zoë said ", "'=SUM(A1)", " loudly.", "'@Zoë"]
    assert browser.message_label.text() == "Wrote 226 spans to view.csv"
    assert [p.name for p in tmp_path.iterdir()] == ["view.csv"]


def test_spans_changed_elsewhere_appear_when_asked_or_when_shown_again(qtbot, browser):
    browser.hide()
    add_spans(browser.project, "Rome agreed.", [("Rome agreed.", "claim", "Rome")])
    browser.refresh_later()
    assert browser.count_label.text() == "5 spans"
    browser.show()
    assert browser.count_label.text() == "6 spans"
    add_spans(browser.project, "Oslo waited.", [("Oslo waited.", "claim", "Oslo")])
    browser.refresh_later()
    qtbot.waitUntil(lambda: browser.count_label.text() == "7 spans")
    assert browser.filters.annotator_box.count() == 3  # all, ana, ben
