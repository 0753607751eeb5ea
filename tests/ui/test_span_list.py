"""The span list: text order, label filter, and selection kept in step with the session."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.ui.legend import SWATCH_SIZE
from annotator.ui.plain_text import one_line, plain_tooltip
from annotator.ui.span_list import BY, LABEL, SPEAKER, TEXT, SpanListPanel

ARTICLE = ("Le Drian said Iran must \"stop now\". Tehran denied\r\n<b>it</b> <img src=x>.\n"
           "Paris urged restraint.")
DENIAL = "Tehran denied\r\n<b>it</b> <img src=x>."
SPANS = [("Le Drian said Iran must \"stop now\".", "claim"), ("Iran must \"stop now\".", "demand"),
         ("\"stop now\"", "quote"), (DENIAL, "denial"), ("Paris urged restraint.", "demand")]


def bounds(part):
    start = ARTICLE.index(part)
    return start, start + len(part)


@pytest.fixture
def session(project):
    spans = [make_span(ARTICLE, *bounds(part), label) for part, label in SPANS]
    document = project.add_document(Document(text=ARTICLE), spans)
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    return session


@pytest.fixture
def panel(qtbot, session):
    panel = SpanListPanel(session)
    qtbot.addWidget(panel)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def column(panel, col, role=Qt.ItemDataRole.DisplayRole):
    model = panel.model
    return [model.index(row, col).data(role) for row in range(model.rowCount())]


def span_id(session, label, nth=0):
    return [s.id for s in session.index if s.label == label][nth]


def click_row(qtbot, panel, row):
    view = panel.table
    rect = view.visualRect(panel.model.index(row, TEXT))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def highlighted_rows(panel):
    return [index.row() for index in panel.table.selectionModel().selectedRows()]


def test_rows_are_the_spans_in_text_order(panel):
    assert column(panel, LABEL) == ["claim", "demand", "quote", "denial", "demand"]
    assert column(panel, BY) == [""] * 5, "made by nobody named: an empty cell"
    assert column(panel, TEXT)[2] == "\"stop now\""
    assert [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == \
        ["Label", "Text", "Speaker"]


def test_text_is_one_line_and_literal(panel):
    claim_text = column(panel, TEXT)[0]
    assert claim_text == "Le Drian said Iran must \"stop now\"."
    assert column(panel, TEXT)[3] == "Tehran denied\u23ce<b>it</b> <img src=x>."
    tooltip = column(panel, TEXT, Qt.ItemDataRole.ToolTipRole)[3]
    assert "&lt;b&gt;it&lt;/b&gt; &lt;img src=x&gt;" in tooltip and "<b>" not in tooltip


def test_line_breaks_of_every_kind_show_as_one_mark():
    assert one_line("a\r\nb\rc\nd\u2028e\u2029f") == "a\u23ceb\u23cec\u23ced\u23cee\u23cef"
    assert one_line("tab\tstays") == "tab\tstays"


def test_plain_tooltip_escapes_markup_and_keeps_lines():
    assert plain_tooltip("<b>x</b>\n<img src=x>") == \
        '<p style="white-space:pre-wrap">&lt;b&gt;x&lt;/b&gt;\n&lt;img src=x&gt;</p>'


def test_the_label_column_shows_the_label_colour(panel, session):
    swatches = [icon.pixmap(SWATCH_SIZE).toImage()
                for icon in column(panel, LABEL, Qt.ItemDataRole.DecorationRole)]
    assert all(not image.isNull() for image in swatches)
    centre = swatches[0].pixelColor(swatches[0].width() // 2, swatches[0].height() // 2)
    frame = swatches[0].pixelColor(0, 0)
    assert frame.name().upper() == session.label("claim").colour.upper()
    assert centre != frame  # a translucent fill, framed in the full colour


def colours_in_cell(panel, image, row: int, col: int) -> set[str]:
    rect = panel.table.visualRect(panel.model.index(row, col))
    return {image.pixelColor(x, y).name().upper()
            for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())}


def test_a_selected_rows_swatch_keeps_its_label_colour(qtbot, panel, session):
    # Qt tints a plain pixmap with the selection colour in a selected row
    rows = [row for row, label in enumerate(column(panel, LABEL)) if label == "demand"]
    frame = session.label("demand").colour.upper()
    session.select(panel.model.span_at(rows[0]).id)
    qtbot.waitUntil(lambda: panel.table.selectionModel().isRowSelected(rows[0]))
    image = panel.table.viewport().grab().toImage()
    assert frame in colours_in_cell(panel, image, rows[1], LABEL)
    assert frame in colours_in_cell(panel, image, rows[0], LABEL), "the selected row's swatch is tinted"


def test_the_label_filter_shows_only_that_label(panel):
    panel.filter.setCurrentText("demand")
    assert column(panel, LABEL) == ["demand", "demand"]
    assert column(panel, TEXT)[1] == "Paris urged restraint."
    panel.filter.setCurrentText("All labels")
    assert len(column(panel, LABEL)) == 5
    assert [panel.filter.itemText(i) for i in range(panel.filter.count())] == \
        ["All labels", "claim", "denial", "demand", "quote"]


def test_clicking_a_row_selects_the_span_and_activates_it(qtbot, panel, session):
    with qtbot.waitSignal(panel.span_activated) as activated:
        click_row(qtbot, panel, 3)
    assert activated.args == [span_id(session, "denial")]
    assert session.selected_id == span_id(session, "denial")
    assert highlighted_rows(panel) == [3]


def test_clicking_the_selected_row_again_activates_it_again(qtbot, panel, session):
    click_row(qtbot, panel, 1)
    with qtbot.waitSignal(panel.span_activated) as activated:
        click_row(qtbot, panel, 1)
    assert activated.args == [span_id(session, "demand")]


def test_a_selection_made_elsewhere_highlights_its_row_without_echo(qtbot, panel, session):
    heard = []
    session.subscribe(heard.append)
    with qtbot.assertNotEmitted(panel.span_activated):
        session.select(span_id(session, "quote"))
    assert highlighted_rows(panel) == [2]
    assert [change.kind for change in heard] == ["selection"]  # the list did not select again
    session.select(None)
    assert highlighted_rows(panel) == []


def test_a_selected_span_hidden_by_the_filter_highlights_nothing(panel, session):
    session.select(span_id(session, "quote"))
    panel.filter.setCurrentText("demand")
    assert highlighted_rows(panel) == []
    assert session.selected_id == span_id(session, "quote")  # filtering selects nothing
    panel.filter.setCurrentText("quote")
    assert highlighted_rows(panel) == [0]


def test_arrow_keys_select_spans_and_enter_activates(qtbot, panel, session):
    click_row(qtbot, panel, 0)
    table = panel.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert session.selected_id == span_id(session, "demand")
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert session.selected_id == span_id(session, "quote")
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert session.selected_id == span_id(session, "demand")
    with qtbot.waitSignal(panel.span_activated) as activated:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert activated.args == [span_id(session, "demand")]
    assert highlighted_rows(panel) == [1]


def test_edits_show_in_the_list(panel, session):
    session.select(span_id(session, "quote"))
    session.set_attribute("speaker", "Le Drian")
    assert column(panel, SPEAKER)[2] == "Le Drian"
    assert highlighted_rows(panel) == [2]
    session.label_selection(*bounds("restraint"), "claim")
    assert column(panel, LABEL) == ["claim", "demand", "quote", "denial", "demand", "claim"]
    assert highlighted_rows(panel) == [5]
    session.delete_selected()
    assert len(column(panel, LABEL)) == 5 and highlighted_rows(panel) == []
    session.undo()
    assert len(column(panel, LABEL)) == 6


def test_relabelling_moves_a_span_out_of_the_filter(panel, session):
    panel.filter.setCurrentText("quote")
    session.select(span_id(session, "quote"))
    session.relabel("claim")
    assert column(panel, LABEL) == []


def test_opening_another_document_lists_its_spans(panel, session, project):
    text = "Only one span here."
    other = project.add_document(Document(text=text), [make_span(text, 0, 4, "quote")])
    session.open_document(other.id)
    assert column(panel, TEXT) == ["Only"]


def test_ten_thousand_spans_load_in_two_parts_and_filter(qtbot, project):
    text = "word " * 20_000
    spans = [make_span(text, 5 * i, 5 * i + 4, ("claim", "quote")[i % 2]) for i in range(10_000)]
    document = project.add_document(Document(text=text), spans)
    session = AnnotationSession(project, "tester")
    panel = SpanListPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    session.open_document(document.id)
    assert 0 < panel.model.rowCount() < 10_000  # the first screens' spans only
    session.load_rest()  # as the window does after the first paint
    assert panel.model.rowCount() == 10_000
    session.select(session.index.in_order()[9_001].id)  # a quote
    session.set_attribute("speaker", "someone")
    panel.filter.setCurrentText("quote")
    assert panel.model.rowCount() == 5_000
    assert highlighted_rows(panel) == [4_500]  # speed is measured by the benchmark, not here


def test_the_label_filter_follows_label_edits(qtbot, project):
    from annotator.core.label_commands import RenameLabel
    from annotator.session import AnnotationSession
    from annotator.ui.span_list import SpanListPanel
    session = AnnotationSession(project, "tester")
    panel = SpanListPanel(session)
    qtbot.addWidget(panel)
    session.history.run(RenameLabel("quote", "citation"))
    session.reload_labels()
    names = [panel.filter.itemText(i) for i in range(panel.filter.count())]
    assert "citation" in names and "quote" not in names


def test_a_label_key_in_the_list_relabels_the_current_rows_span_and_delete_removes_it(
        qtbot, panel, session):
    click_row(qtbot, panel, 2)  # the quote
    chosen = session.selected_id
    qtbot.keyClick(panel.table, "2")
    assert session.project.get_span(chosen).label == "denial"
    assert column(panel, LABEL)[2] == "denial"
    assert session.undo() and session.project.get_span(chosen).label == "quote"
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert chosen not in session.index
    assert session.undo() and chosen in session.index


def test_other_keys_in_the_list_are_the_lists_own(qtbot, panel, session):
    click_row(qtbot, panel, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # moves to the next span, relabels nothing
    assert session.selected_id == span_id(session, "demand")
    assert sorted(column(panel, LABEL)) == sorted(label for _part, label in SPANS)
    qtbot.keyClick(panel.table, "2", Qt.KeyboardModifier.ControlModifier)  # not a label key
    assert sorted(column(panel, LABEL)) == sorted(label for _part, label in SPANS)


def test_with_no_span_selected_a_digit_changes_nothing(qtbot, panel, session):
    session.select(None)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, "1")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert len(session.index) == len(SPANS)
    assert session.sticky_label is None  # the list is no place to choose a sticky label


def keyboard_comes_in(qtbot, panel, session):
    """No span selected, then the list takes the keyboard (Tab, or the Spans tab clicked)."""
    session.select(None)
    panel.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.table.hasFocus)


def test_the_keyboard_coming_into_the_list_selects_no_span(qtbot, panel, session):
    keyboard_comes_in(qtbot, panel, session)
    assert session.selected_id is None
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # the first arrow chooses the marked row
    assert session.selected_id == span_id(session, "claim")
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # the next, the next one
    assert session.selected_id == span_id(session, "demand")


def test_enter_chooses_the_row_the_keyboard_came_in_on(qtbot, panel, session):
    keyboard_comes_in(qtbot, panel, session)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert session.selected_id == span_id(session, "claim")


def test_space_on_the_marked_row_chooses_its_span_as_it_highlights_it(qtbot, panel, session):
    keyboard_comes_in(qtbot, panel, session)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert session.selected_id == span_id(session, "claim")
    assert highlighted_rows(panel) == [0]


def test_keys_never_act_on_a_span_the_filter_hides(qtbot, panel, session):
    """A claim chosen in the text, the list filtered to quotes: its keys leave the claim be."""
    claim = span_id(session, "claim")
    panel.filter.setCurrentText("quote")
    session.select(claim)
    panel.table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.table.hasFocus)
    qtbot.keyClick(panel.table, "2")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert claim in session.index and session.project.get_span(claim).label == "claim"
    assert len(session.index) == len(SPANS)


# -- an edit moves only its own rows ------------------------------------------------------------
def test_an_edit_moves_one_row_and_lists_nothing_again(panel, session):
    model, signals = panel.model, []
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsInserted.connect(lambda _parent, first, last: signals.append(("in", first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: signals.append(("out", first, last)))
    session.label_selection(*bounds("restraint"), "claim")
    session.relabel("quote")  # the same place: the row changes where it is
    session.delete_selected()
    assert signals == [("in", 5, 5), ("out", 5, 5)]
    assert column(panel, LABEL) == ["claim", "demand", "quote", "denial", "demand"]


def listed_as_refresh_lists(panel, session):
    """What the list shows, and what listing every span again would show."""
    wanted = panel.filter.currentData()
    expected = [s for s in session.index.in_order() if wanted in (None, s.label)]
    shown = [panel.model.span_at(row) for row in range(panel.model.rowCount())]
    return shown, expected


EDITS = st.lists(st.tuples(st.sampled_from(["add", "delete", "relabel", "move", "undo", "redo",
                                            "filter"]),
                           st.integers(0, 200), st.integers(1, 12),
                           st.sampled_from(["claim", "denial", "demand", "quote"])),
                 min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_rows_after_any_edits_are_what_listing_every_span_again_shows(qtbot, edits):
    from annotator.store import Project
    project = Project.in_memory()
    text = ("Le Drian said talks must resume. Tehran denied it. Paris urged calm. " * 3).strip()
    document = project.add_document(Document(text=text), [
        make_span(text, 0, 8, "claim"), make_span(text, 0, 32, "quote"),
        make_span(text, 33, 50, "denial"), make_span(text, 51, 68, "demand")])
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    panel = SpanListPanel(session)
    qtbot.addWidget(panel)
    for action, place, length, label in edits:
        spans = session.index.in_order()
        if spans:
            session.select(spans[place % len(spans)].id)
        if action == "add":
            session.label_selection(place, min(place + length, len(text)), label)
        elif action == "delete":
            session.delete_selected()
        elif action == "relabel":
            session.relabel(label)
        elif action == "move" and session.selected is not None:
            session.move_edge("end" if place % 2 else "start",
                              session.selected.start + length if place % 2 else place)
        elif action in ("undo", "redo"):
            getattr(session, action)()
        elif action == "filter":
            panel.filter.setCurrentIndex(place % panel.filter.count())
        shown, expected = listed_as_refresh_lists(panel, session)
        assert shown == expected
        for row, span in enumerate(shown):
            assert panel.model.row_of(span.id) == row
        selected = session.selected_id
        assert highlighted_rows(panel) == ([] if panel.model.row_of(selected) is None
                                           else [panel.model.row_of(selected)])
    panel.close()
    project.close()
