"""The corpus search panel: search as you type, choose a hit with keys or the mouse."""
import pytest
from PySide6.QtCore import Qt

from annotator.ui.search_panel import SearchPanel
from annotator.ui.search_results import PAGE

from .conftest import add_article

ENTER = Qt.Key.Key_Return


@pytest.fixture
def panel_on(qtbot, project):
    def make():
        panel = SearchPanel(project)
        qtbot.addWidget(panel)
        panel.resize(360, 500)
        panel.show()
        panel.field.setFocus()
        return panel
    return make


def type_query(qtbot, panel, query):
    qtbot.keyClicks(panel.field, query)
    qtbot.waitUntil(lambda: panel.model.query == query)  # after the typing pause


def test_typing_searches_after_a_pause_and_enter_chooses_the_best_hit(qtbot, project, panel_on):
    talks = add_article(project, "The envoy said talks went on. Talks, talks.", title="Talks")
    add_article(project, "Nothing to see here.", title="Other")
    add_article(project, "Brief talks only.", title="Brief")
    panel = panel_on()
    type_query(qtbot, panel, "talks")
    assert panel.model.rowCount() == 2 and panel.status.text() == "2 documents"
    start = talks.text.index("talks")
    with qtbot.waitSignal(panel.hit_chosen) as chosen:
        qtbot.keyClick(panel.field, ENTER)
    assert chosen.args == [talks.id, start, start + 5]


def test_up_and_down_move_through_the_hits_from_the_query_box(qtbot, project, panel_on):
    for number in range(3):
        add_article(project, "deal " * (3 - number), title=f"Deal {number}")
    panel = panel_on()
    type_query(qtbot, panel, "deal")
    assert panel.current_row() == 0
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)  # stays on the last
    qtbot.keyClick(panel.field, Qt.Key.Key_Up)
    assert panel.current_row() == 1 and panel.field.hasFocus()
    with qtbot.waitSignal(panel.hit_chosen) as chosen:
        qtbot.keyClick(panel.field, Qt.Key.Key_Enter)
    assert chosen.args[0] == panel.model.hit_at(1).document_id


def test_clicking_a_hit_chooses_it(qtbot, project, panel_on):
    add_article(project, "Sanctions were lifted.", title="Lifted")
    second = add_article(project, "Some say sanctions stay.", title="Stay")
    panel = panel_on()
    type_query(qtbot, panel, "sanctions")
    row = next(r for r in range(2) if panel.model.hit_at(r).document_id == second.id)
    rect = panel.results.visualRect(panel.model.index(row, 0))
    with qtbot.waitSignal(panel.hit_chosen) as chosen:
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [second.id, 9, 18]


def test_enter_in_the_list_chooses_the_current_hit(qtbot, project, panel_on):
    doc = add_article(project, "A claim about tariffs.", title="Tariffs")
    panel = panel_on()
    type_query(qtbot, panel, "tariff*")
    panel.results.setFocus()
    with qtbot.waitSignal(panel.hit_chosen) as chosen:
        qtbot.keyClick(panel.results, ENTER)
    assert chosen.args == [doc.id, 14, 21]


def test_enter_before_the_pause_searches_at_once(qtbot, project, panel_on):
    doc = add_article(project, "Quick words.", title="Quick")
    panel = panel_on()
    qtbot.keyClicks(panel.field, "quick")
    with qtbot.waitSignal(panel.hit_chosen, timeout=100) as chosen:
        qtbot.keyClick(panel.field, ENTER)
    assert chosen.args == [doc.id, 0, 5]


def test_a_hit_in_the_title_only_opens_the_document_at_its_start(qtbot, project, panel_on):
    doc = add_article(project, "Nothing about it in the text.", title="Resignation")
    panel = panel_on()
    type_query(qtbot, panel, "resignation")
    with qtbot.waitSignal(panel.hit_chosen) as chosen:
        qtbot.keyClick(panel.field, ENTER)
    assert chosen.args == [doc.id, 0, 0]


def test_titles_and_snippets_are_shown_as_plain_text(qtbot, project, panel_on):
    add_article(project, "<b>bold</b> &amp; claims\nover lines", title="<i>Markup</i>\ntitle")
    panel = panel_on()
    type_query(qtbot, panel, "claims")
    index = panel.model.index(0, 0)
    assert index.data() == "<i>Markup</i> title\n<b>bold</b> &amp; claims over lines"
    assert "&lt;i&gt;" in index.data(Qt.ItemDataRole.ToolTipRole)
    panel.results.viewport().grab()  # the delegate paints it without error


def test_hostile_and_empty_queries_show_no_error(qtbot, project, panel_on):
    add_article(project, "Words.", title="W")
    panel = panel_on()
    for query in ['"', "NEAR(", "*", "AND OR", "😀"]:
        panel.field.setText(query)
        panel.run_search()
        assert panel.model.rowCount() == 0
    assert panel.status.text() == "No document matches"
    panel.field.clear()
    panel.run_search()
    assert panel.status.text() == ""


def test_more_hits_arrive_page_by_page(qtbot, project, panel_on):
    for number in range(PAGE + 5):
        add_article(project, f"budget line {number}", title=f"Budget {number}")
    panel = panel_on()
    type_query(qtbot, panel, "budget")
    panel.results.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == PAGE + 5)
    assert not panel.model.canFetchMore()
    assert len({panel.model.hit_at(r).document_id for r in range(PAGE + 5)}) == PAGE + 5
