"""The document navigator, driven by clicks and keys: sorting, filtering, choosing, progress."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document, Label, make_span
from annotator.ui.document_table import DATE, PAGE_ROWS, SOURCE, STATUS, TITLE, short_names
from annotator.ui.navigator import MIN_TITLE_CHARACTERS, STATUS_CHOICES, DocumentNavigator

from .conftest import add_article

TEXT = "Le Drian said talks must resume. Tehran denied it. Paris urged calm."
CLAIM, DENIAL, DEMAND = (0, 32, "claim"), (33, 50, "denial"), (51, 68, "demand")
ARTICLES = [  # title, source, published, status, spans
    ("Talks resume", "wire", "2024-03-01T09:00:00Z", "done", [CLAIM, DENIAL]),
    ("<b>Bold</b> claim\nsecond line", "daily", "2024-01-15", "new", []),
    ("Tehran denies", "wire", "", "in-progress", [DENIAL]),
    ("", "weekly", "March 2023", "skipped", [DEMAND, DENIAL]),
    ("Paris urges calm", "", "2024-02-10", "done", [DEMAND]),
]
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def navigator(qtbot, project):
    for number, (title, source, published, status, spans) in enumerate(ARTICLES):
        document = add_article(project, f"{number}. {TEXT}",
                               [(start + 3, end + 3, label) for start, end, label in spans],
                               title=title, source=source, published=published)
        project.set_status(document.id, status)
    return show(qtbot, DocumentNavigator(project))


def show(qtbot, navigator):
    qtbot.addWidget(navigator)
    navigator.resize(700, 500)
    navigator.show()
    navigator.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), navigator.isActiveWindow())[1])
    return navigator


def cells(navigator, column, role=Qt.ItemDataRole.DisplayRole):
    model = navigator.model
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def ids(navigator):
    model = navigator.model
    return [model.document_at(row).id for row in range(model.rowCount())]


def headers(navigator):
    model = navigator.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def click_header(qtbot, navigator, column):
    header = navigator.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))


def click_row(qtbot, navigator, row):
    rect = navigator.table.visualRect(navigator.model.index(row, TITLE))
    qtbot.mouseClick(navigator.table.viewport(), LEFT, pos=rect.center())


def pick(qtbot, combo, text):
    """Choose an entry of a closed combo box with the arrow keys, as a keyboard user does."""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no {text!r} in the combo box"


def selected_ids(navigator):
    rows = navigator.table.selectionModel().selectedRows()
    return [navigator.model.document_at(index.row()).id for index in rows]


def test_columns_and_cells_show_plain_text(navigator):
    assert headers(navigator) == ["Title", "Status", "Source", "Date", "cla", "den", "dem", "quo"]
    assert cells(navigator, 0) == ["Talks resume", "<b>Bold</b> claim\u23cesecond line",
                                   "Tehran denies", "Untitled document", "Paris urges calm"]
    assert cells(navigator, SOURCE) == ["wire", "daily", "wire", "weekly", ""]
    assert cells(navigator, DATE) == ["2024-03-01", "2024-01-15", "", "March 2023", "2024-02-10"]
    assert cells(navigator, STATUS) == ["done", "new", "in progress", "skipped", "done"]
    assert cells(navigator, 4) == ["1", "", "", "", ""]  # claims; none shows blank
    assert cells(navigator, 5) == ["1", "", "1", "1", ""]
    tooltip = cells(navigator, 0, Qt.ItemDataRole.ToolTipRole)[1]
    assert "&lt;b&gt;Bold&lt;/b&gt;" in tooltip and "<b>" not in tooltip


def test_narrow_label_headers_are_unique_prefixes():
    assert short_names(["claim", "denial", "demand", "quote", "qa"]) == \
        {"claim": "cla", "denial": "den", "demand": "dem", "quote": "quo", "qa": "qa"}
    assert short_names(["demand", "demands"]) == {"demand": "demand", "demands": "demands"}


def test_clicking_headers_sorts_and_a_third_click_restores_project_order(qtbot, navigator):
    click_header(qtbot, navigator, 0)
    assert cells(navigator, 0)[:3] == ["Untitled document",  # an empty title sorts first
                                       "<b>Bold</b> claim\u23cesecond line", "Paris urges calm"]
    click_header(qtbot, navigator, 0)
    assert cells(navigator, 0)[0] == "Tehran denies"
    click_header(qtbot, navigator, 0)
    assert ids(navigator) == [1, 2, 3, 4, 5]
    click_header(qtbot, navigator, DATE)
    assert cells(navigator, DATE) == ["", "2024-01-15", "2024-02-10", "2024-03-01", "March 2023"]
    click_header(qtbot, navigator, STATUS)
    assert cells(navigator, STATUS) == ["done", "done", "in progress", "new", "skipped"]


def test_clicking_a_label_header_sorts_by_its_spans(qtbot, navigator):
    denials = 5
    click_header(qtbot, navigator, denials)
    click_header(qtbot, navigator, denials)  # the second click: most first
    assert ids(navigator) == [4, 3, 1, 5, 2]


def test_status_source_and_label_filters(qtbot, navigator):
    pick(qtbot, navigator.status_box, "To do")
    assert ids(navigator) == [2, 3]
    pick(qtbot, navigator.status_box, "Done")
    assert ids(navigator) == [1, 5]
    pick(qtbot, navigator.status_box, "All statuses")
    assert [navigator.source_box.itemText(i) for i in range(navigator.source_box.count())] == \
        ["All sources", "No source", "daily", "weekly", "wire"]
    pick(qtbot, navigator.source_box, "wire")
    assert ids(navigator) == [1, 3]
    pick(qtbot, navigator.label_box, "demand")
    assert ids(navigator) == []
    pick(qtbot, navigator.source_box, "No source")
    assert ids(navigator) == [5]


def test_typing_filters_titles_and_in_text_also_searches_the_texts(qtbot, navigator):
    qtbot.keyClicks(navigator.text_box, "TEHRAN")
    qtbot.waitUntil(lambda: ids(navigator) == [3])
    qtbot.mouseClick(navigator.full_text_box, LEFT)
    assert navigator.full_text_box.isChecked()
    assert ids(navigator) == [1, 2, 3, 4, 5]  # every text says "Tehran denied it"
    navigator.text_box.clear()
    qtbot.keyClicks(navigator.text_box, "<b>")
    qtbot.keyClick(navigator.text_box, Qt.Key.Key_Return)  # at once, without the typing pause
    assert ids(navigator) == [2]


def test_clicking_a_row_asks_for_its_document(qtbot, navigator):
    with qtbot.waitSignal(navigator.document_chosen) as chosen:
        click_row(qtbot, navigator, 2)
    assert chosen.args == [3]


def test_a_double_click_asks_once(qtbot, navigator):
    asked = []
    navigator.document_chosen.connect(asked.append)
    centre = navigator.table.visualRect(navigator.model.index(2, TITLE)).center()
    viewport = navigator.table.viewport()
    qtbot.mouseClick(viewport, LEFT, pos=centre)
    qtbot.mouseDClick(viewport, LEFT, pos=centre)  # the second press of the double click
    qtbot.mouseRelease(viewport, LEFT, pos=centre)
    assert asked == [3]


def test_arrow_keys_move_and_enter_opens(qtbot, navigator):
    navigator.show_current(1)
    navigator.focus_list()
    with qtbot.assertNotEmitted(navigator.document_chosen):
        qtbot.keyClick(navigator.table, Qt.Key.Key_Down)
        qtbot.keyClick(navigator.table, Qt.Key.Key_Down)
        qtbot.keyClick(navigator.table, Qt.Key.Key_Up)
    assert selected_ids(navigator) == [2]
    with qtbot.waitSignal(navigator.document_chosen) as chosen:
        qtbot.keyClick(navigator.table, Qt.Key.Key_Return)
    assert chosen.args == [2]


def test_show_current_selects_and_bolds_the_open_row_without_asking(qtbot, navigator):
    with qtbot.assertNotEmitted(navigator.document_chosen):
        navigator.show_current(4)
    assert selected_ids(navigator) == [4]
    fonts = cells(navigator, 0, Qt.ItemDataRole.FontRole)
    assert [font is not None and font.bold() for font in fonts] == [False, False, False, True, False]
    with qtbot.assertNotEmitted(navigator.document_chosen):
        click_row(qtbot, navigator, 3)  # the open document is not asked for again
    click_header(qtbot, navigator, 0)
    assert selected_ids(navigator) == [4]  # sorting keeps the open document selected
    pick(qtbot, navigator.status_box, "Done")
    assert selected_ids(navigator) == []  # filtered out
    pick(qtbot, navigator.status_box, "All statuses")
    assert selected_ids(navigator) == [4]


def test_moving_the_open_document_repaints_every_cell_its_bold_leaves_or_reaches(
        qtbot, navigator):
    # A view repaints only the cells dataChanged names: a cell left out kept its bold
    # (the Status of the document left, seen in the window).
    model, font_role = navigator.model, Qt.ItemDataRole.FontRole
    every_cell = [(row, column) for row in range(model.rowCount())
                  for column in range(model.columnCount())]

    def bold_cells():
        fonts = {cell: model.index(*cell).data(font_role) for cell in every_cell}
        return {cell for cell, font in fonts.items() if font is not None and font.bold()}

    announced = set()

    def note(top_left, bottom_right, roles):
        if not roles or font_role in roles:
            announced.update((row, column) for row, column in every_cell
                             if top_left.row() <= row <= bottom_right.row()
                             and top_left.column() <= column <= bottom_right.column())

    navigator.show_current(4)
    before = bold_cells()
    model.dataChanged.connect(note)
    navigator.show_current(2)
    changed = before ^ bold_cells()
    assert len(changed) == 2 * model.columnCount()  # the row left and the row reached
    assert changed <= announced


def test_progress_line(navigator, project):
    assert navigator.progress.label.text() == "done 2 of 5"
    assert (navigator.progress.bar.value(), navigator.progress.bar.maximum()) == (2, 5)
    project.set_status(2, "done")
    navigator.refresh()
    assert navigator.progress.label.text() == "done 3 of 5"
    assert navigator.progress.bar.value() == 3


def test_refresh_shows_new_documents_spans_and_labels(qtbot, navigator, project):
    navigator.show_current(2)
    add_article(project, "A new text.", [(0, 5, "quote")], title="Newcomer", source="agency")
    project.add_label(Label("irony", "#888888", "", "", 4))
    navigator.refresh()
    assert cells(navigator, 0)[-1] == "Newcomer"
    assert cells(navigator, 7)[-1] == "1"
    assert headers(navigator)[-1] == "iro"
    assert "agency" in [navigator.source_box.itemText(i) for i in range(navigator.source_box.count())]
    assert cells(navigator, STATUS)[-1] == "in progress"  # its first span made it so
    assert selected_ids(navigator) == [2]


def test_a_scheduled_refresh_runs_once_after_the_event(qtbot, navigator, project):
    project.set_status(2, "done")
    refreshed = []
    navigator.model.modelReset.connect(lambda: refreshed.append(True))
    navigator.schedule_refresh()
    navigator.schedule_refresh()
    assert navigator.progress.label.text() == "done 2 of 5"  # not yet
    qtbot.waitUntil(lambda: navigator.progress.label.text() == "done 3 of 5")
    QApplication.processEvents()
    assert len(refreshed) == 1


def test_an_empty_project(qtbot, project):
    navigator = show(qtbot, DocumentNavigator(project))
    assert navigator.model.rowCount() == 0
    assert navigator.progress.label.text() == "done 0 of 0"
    navigator.show_current(None)
    assert selected_ids(navigator) == []


def test_rows_are_read_a_page_at_a_time(qtbot, project):
    total = 5_000
    with project.transaction():
        for number in range(total):
            project.add_document(Document(text=f"Text {number}.", title=f"Document {number:05d}"))
    navigator = show(qtbot, DocumentNavigator(project))
    model = navigator.model
    assert model.rowCount() == total
    assert 0 < model.loaded_row_count() <= 2 * PAGE_ROWS  # the first screen's page(s) only
    navigator.focus_list()
    qtbot.keyClick(navigator.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert cells_on_screen(navigator)[-1] == "Document 04999"
    assert model.loaded_row_count() <= 4 * PAGE_ROWS
    navigator.show_current(2_500)
    QApplication.processEvents()
    assert "Document 02499" in cells_on_screen(navigator)
    assert model.loaded_row_count() <= 6 * PAGE_ROWS < total // 5  # well below the 5,000


def cells_on_screen(navigator):
    table = navigator.table
    first = table.rowAt(0)
    last = table.rowAt(table.viewport().height() - 1)
    last = navigator.model.rowCount() - 1 if last < 0 else last
    return [navigator.model.index(row, TITLE).data() for row in range(first, last + 1)]


def test_label_swatches_follow_the_palette(navigator):
    from annotator.ui.legend import SWATCH_SIZE
    from annotator.ui.palette import use_dark_colours

    def swatch_centre():
        icon = navigator.model.headerData(4, Qt.Orientation.Horizontal,
                                          Qt.ItemDataRole.DecorationRole)
        image = icon.pixmap(SWATCH_SIZE).toImage()
        return image.pixelColor(image.width() // 2, image.height() // 2)

    light = swatch_centre()
    use_dark_colours(True)  # View → Dark colours: the application's palette
    QApplication.processEvents()  # every widget hears of it
    try:
        assert swatch_centre().lightness() < light.lightness()
        assert not navigator.label_box.itemIcon(1).isNull()
    finally:
        use_dark_colours(False)  # every later test's palette too
        QApplication.processEvents()
    assert swatch_centre() == light


def test_titles_stay_readable_in_a_narrow_dock_and_fill_a_wide_one(qtbot, navigator, project):
    # (the navigator fixture filled the project with its articles)
    docked = DocumentNavigator(project)  # made narrow, as in its dock beside the text
    qtbot.addWidget(docked)
    narrowest = docked.minimumSizeHint().width()
    docked.resize(narrowest, 500)
    docked.show()
    header, viewport = docked.table.horizontalHeader(), docked.table.viewport()
    qtbot.waitUntil(lambda: 0 < viewport.width() < narrowest)
    readable = docked.table.fontMetrics().averageCharWidth() * MIN_TITLE_CHARACTERS
    others = sum(header.sectionSize(column) for column in range(TITLE + 1, header.count()))
    assert viewport.width() - others < readable  # the room left: a stretched title got 100 px

    assert header.sectionSize(TITLE) >= readable  # the counts scroll instead
    assert header.visualIndex(STATUS) == 1  # in sight next to the title; source and date scroll
    shown = header.sectionSize(TITLE) - 10
    assert docked.table.fontMetrics().horizontalAdvance("Paris urges calm") < shown

    docked.resize(1000, 500)  # undocked or widened: the title takes up the room
    qtbot.waitUntil(lambda: viewport.width() > 900)
    sections = sum(header.sectionSize(column) for column in range(header.count()))
    assert sections == viewport.width()
    assert header.sectionSize(TITLE) > readable


# -- an edit changes its document's row alone, as a full refresh would show it ------------------
def test_an_edit_moves_its_row_without_reading_the_list_again(qtbot, navigator, project):
    resets, moves = [], []
    navigator.model.modelReset.connect(lambda: resets.append(True))
    navigator.model.rowsMoved.connect(lambda _from, row, _last, _to, before: moves.append(
        (row, before)))
    click_header(qtbot, navigator, 5)
    click_header(qtbot, navigator, 5)  # denials, most first: [4, 3, 1, 5, 2]
    navigator.show_current(2)
    resets.clear()
    text = project.document_text(2)
    for _ in range(3):  # a denial ties it with 4, 3 and 1 (then by id), two put it first
        project.add_span(2, make_span(text, 36, 53, "denial"))
        navigator.document_edited(2)
    assert ids(navigator) == [2, 4, 3, 1, 5]
    assert cells(navigator, 5)[0] == "3" and cells(navigator, STATUS)[0] == "in progress"
    assert selected_ids(navigator) == [2]
    assert resets == [] and moves == [(4, 2), (2, 0)]  # the third leaves it where it is


def test_marking_done_in_a_to_do_list_takes_its_row_out_and_counts_it_done(qtbot, navigator,
                                                                          project):
    pick(qtbot, navigator.status_box, "To do")
    navigator.show_current(3)
    project.set_status(3, "done")
    navigator.document_edited(3, status_changed=True)
    assert ids(navigator) == [2] and selected_ids(navigator) == []
    assert navigator.progress.label.text() == "done 3 of 5"
    project.set_status(3, "in-progress")  # its undo: back in its place
    navigator.document_edited(3, status_changed=True)
    assert ids(navigator) == [2, 3] and selected_ids(navigator) == [3]
    assert navigator.progress.label.text() == "done 2 of 5"


def test_a_document_deleted_by_another_program_is_walked_past_and_read_again(qtbot, navigator,
                                                                            project):
    with project.transaction():  # as a restored backup would, before the window looks again
        project.conn.execute("DELETE FROM documents WHERE id = 3")
    assert navigator.neighbour(2, +1) == 4 and navigator.neighbour(4, -1) == 2
    click_header(qtbot, navigator, 5)  # denials, fewest first: [2, 5, 1, 3, 4] as read
    navigator.show_current(2)
    text = project.document_text(2)
    project.add_span(2, make_span(text, 36, 53, "denial"))
    navigator.document_edited(2)  # placed among the others: 3 is gone, the list is read again
    assert ids(navigator) == [5, 1, 2, 4] and selected_ids(navigator) == [2]


LABEL_NAMES = ["claim", "denial", "demand", "quote"]
PLACES = {"claim": (3, 35), "denial": (36, 53), "demand": (54, 71), "quote": (17, 34)}
EDITED = st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["add", "remove", "status"]),
                            st.sampled_from(LABEL_NAMES),
                            st.sampled_from(["new", "in-progress", "done", "skipped"])),
                  min_size=1, max_size=12)
DOCUMENTS = st.lists(st.tuples(st.sampled_from(["a", "B", "b", ""]), st.sampled_from(["wire", ""]),
                               st.sampled_from(["new", "in-progress", "done", "skipped"]),
                               st.lists(st.sampled_from(LABEL_NAMES), max_size=3)),
                     min_size=1, max_size=8)


@pytest.mark.parametrize("column", [None, TITLE, STATUS, SOURCE, DATE, 4, 5])  # 4, 5: counts
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCUMENTS, EDITED, st.sampled_from([0, 0, 0, *range(1, len(STATUS_CHOICES))]),  # All: often
       st.sampled_from([None, None, "denial"]), st.sampled_from(["", "b"]), st.booleans(),
       st.integers(0, 7))
def test_rows_after_any_edits_are_what_a_full_refresh_shows(qtbot, column, documents, edits,
                                                             status_choice, label, typed,
                                                             descending, open_number):
    from annotator.store import Project
    from annotator.store.navigator import progress
    from annotator.ui.document_table import DocumentTableModel
    project = Project.in_memory()
    for number, (title, source, status, labels) in enumerate(documents):
        document = add_article(project, f"{number}. {TEXT}",
                               [(*PLACES[name], name) for name in labels], title=title, source=source)
        project.set_status(document.id, status)
    navigator = DocumentNavigator(project)
    qtbot.addWidget(navigator)
    navigator.status_box.setCurrentIndex(status_choice)
    navigator.label_box.setCurrentIndex(max(navigator.label_box.findData(label), 0))
    navigator.text_box.setText(typed)
    navigator.apply_filter()
    if column is not None:
        navigator.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending
                                     else Qt.SortOrder.AscendingOrder)
    open_id = open_number % len(documents) + 1
    navigator.show_current(open_id)
    fresh = DocumentTableModel(project)
    for number, action, name, status in edits:
        document_id = number % len(documents) + 1
        spans = [span for span in project.spans(document_id) if span.label == name]
        if action == "add":
            text = project.document_text(document_id)
            project.add_span(document_id, make_span(text, *PLACES[name], name))
        elif action == "remove" and spans:
            project.remove_span(spans[0].id)
        elif action == "status":
            project.set_status(document_id, status)
        model = navigator.model
        # what the view holds on to (its selection, its current row) follows each row
        held = {model.document_at(row).id: QPersistentModelIndex(model.index(row, TITLE))
                for row in range(model.rowCount())}
        navigator.document_edited(document_id, status_changed=action == "status")
        for held_id, index in held.items():
            assert (model.document_at(index.row()).id if index.isValid() else None) == (
                held_id if model.row_of(held_id) is not None else None)
        fresh.set_filter(navigator.current_filter())
        fresh.set_order(navigator.model.order)
        fresh.reload()
        model = navigator.model
        assert model.listed_ids() == fresh.listed_ids()
        assert [[model.index(row, c).data() for c in range(model.columnCount())]
                for row in range(model.rowCount())] == \
            [[fresh.index(row, c).data() for c in range(fresh.columnCount())]
             for row in range(fresh.rowCount())]
        assert selected_ids(navigator) == ([open_id] if open_id in fresh.listed_ids() else [])
        done, total = progress(project)
        assert navigator.progress.label.text() == f"done {done:,} of {total:,}"
    navigator.close()
    project.close()
