"""User text (titles, speakers, targets, notes, label names, guidelines) is shown as the
characters typed, everywhere: QLabel, QMessageBox and tooltips guess rich text from
anything that looks like markup, so ``<b>`` or ``<img src=...>`` must be shown, never obeyed.

Besides checks of the widgets named below, sweeps over every label, tooltip and item
view cell of the window catch a widget added later that forgets.
"""
from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QWidget,
)

from annotator.core.commands import History
from annotator.core.model import Label
from annotator.store.labels import LabelStore
from annotator.ui.context_menu import build_menu
from annotator.ui.label_editor import LabelEditor
from annotator.ui.label_popup import LabelPopup
from annotator.ui.label_removal import RemoveLabelDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.stats_view import StatisticsView

from .conftest import add_article

MARKUP = '<b>bold</b> <img src="x.png"> &amp;'
LABEL = f"rumour {MARKUP}"
TITLE = f"Title {MARKUP} [*]"  # "[*]" is also markup, to a window title
TEXT = "The minister denied the talks with the rebels. Officials claimed success."
RAW = ("<b>", "<img")  # what must never reach a widget that reads rich text unescaped


@pytest.fixture
def window(qtbot, project):
    project.add_label(Label(LABEL, "#A06CD5", "5", f"Guideline {MARKUP}", 4))
    document = add_article(project, TEXT, [(4, 12, LABEL)], title=TITLE, source=MARKUP,
                           author=MARKUP)
    [span] = project.spans(document.id)
    project.change_span(span.id, speaker=f"Speaker {MARKUP}", target=f"Target {MARKUP}",
                        note=f"Note {MARKUP}\nsecond line")
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    shown.session.select(span.id)
    shown.session.set_sticky_label(LABEL)
    shown.corpus.search_panel.field.setText("minister")  # search hits whose title is MARKUP
    shown.corpus.search_panel.run_search()  # now, not when the project is closed
    QApplication.processEvents()
    return shown


def labels_showing(widget: QWidget, text: str) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if text in label.text()]


def assert_labels_plain(widget: QWidget) -> int:
    """Every QLabel showing user markup shows it as plain text; how many there are."""
    showing = labels_showing(widget, "<b>bold</b>")
    for label in showing:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
    return len(showing)


def assert_tooltip_plain(tip: str) -> None:
    """A tooltip is plain text only when escaped: Qt takes one that looks like HTML as HTML."""
    if "bold" in tip:
        assert not any(raw in tip for raw in RAW), tip
        assert html.escape("<b>bold</b>") in tip


def assert_tooltips_plain(widget: QWidget) -> None:
    for child in [widget, *widget.findChildren(QWidget)]:
        assert_tooltip_plain(child.toolTip())


def assert_cells_plain(widget: QWidget) -> int:
    """Cells show text as it is; their tooltips escaped. How many cells show user markup."""
    showing = 0
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        # (rowCount and columnCount are private in some of Qt's own models)
        columns = [c for c in range(40) if model.index(0, c).isValid()]
        rows = [r for r in range(400) if model.index(r, 0).isValid()]
        for column in columns:
            assert_tooltip_plain(model.headerData(column, Qt.Orientation.Horizontal,
                                                  Qt.ItemDataRole.ToolTipRole) or "")
            for row in rows:
                index = model.index(row, column)
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                showing += isinstance(shown, str) and "<b>bold</b>" in shown
                assert_tooltip_plain(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
    return showing


def test_the_header_shows_title_and_metadata_as_typed(window):
    header = window.header
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert header.title.text() == TITLE
    assert header.metadata.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in header.metadata.text()


def test_the_window_title_keeps_the_markup_and_the_placeholder_characters(window):
    assert TITLE in window.windowHandle().title()  # what the window manager is given


def test_the_attribution_panel_shows_label_speaker_target_note_as_typed(window):
    panel = window.attribution
    assert panel.label_name.text() == LABEL
    assert panel.label_name.textFormat() == Qt.TextFormat.PlainText
    typed = {field.text() if hasattr(field, "text") else field.toPlainText()
             for field in panel.findChildren(QWidget) if hasattr(field, "text")
             or hasattr(field, "toPlainText")}
    assert {f"Speaker {MARKUP}", f"Target {MARKUP}"} <= typed
    assert any(MARKUP in str(value) for value in typed)  # the note
    assert_labels_plain(panel)
    assert_tooltips_plain(panel)


def test_the_guidelines_panel_and_the_position_name_the_label_as_typed(window):
    heading = window.guidelines.heading
    assert heading.textFormat() == Qt.TextFormat.PlainText and LABEL in heading.text()
    assert window.guidelines.body.toPlainText() == f"Guideline {MARKUP}"
    position = window.position_label
    assert position.textFormat() == Qt.TextFormat.PlainText and LABEL in position.text()


def test_label_buttons_popup_and_menu_show_the_name_and_escape_the_guideline(qtbot, window):
    button = window.label_bar.buttons[LABEL]
    assert button.text().startswith(LABEL.replace("&", "&&"))  # "&" is not a shortcut mark
    assert_tooltip_plain(button.toolTip())
    assert html.escape(f"Guideline {MARKUP}") in button.toolTip()
    popup = LabelPopup(window.view, window)
    qtbot.addWidget(popup)
    assert any(b.text().startswith(LABEL.replace("&", "&&"))
               for b in popup.findChildren(QAbstractButton))
    menu = build_menu(window.view, QPoint(5, 5))
    entries = [action.text() for sub in menu.actions() if sub.menu()
               for action in sub.menu().actions()]
    assert any(entry.startswith(LABEL.replace("&", "&&")) for entry in entries)


def test_every_label_tooltip_and_cell_of_the_window_is_plain(window):
    window.corpus.show_browser()
    QApplication.processEvents()
    assert assert_labels_plain(window) >= 4  # header, attribution, guidelines, position
    assert_tooltips_plain(window)
    # the span list, the document list, the annotation browser, the search results
    assert assert_cells_plain(window) >= 4


def test_the_label_editor_and_removal_dialog_show_names_as_typed(qtbot, project, window):
    editor = LabelEditor(project, History(LabelStore(project)))
    qtbot.addWidget(editor)
    editor.show()
    editor.list.setCurrentRow(editor.list.names().index(LABEL))
    assert editor.name_edit.text() == LABEL
    assert editor.guideline_edit.toPlainText() == f"Guideline {MARKUP}"
    assert_labels_plain(editor)
    assert_tooltips_plain(editor)
    assert_cells_plain(editor)
    removal = RemoveLabelDialog(LABEL, 1, ["claim"], editor)
    qtbot.addWidget(removal)
    assert assert_labels_plain(removal) == 1


def test_statistics_show_label_speaker_and_source_names_plainly(qtbot, project, window):
    view = StatisticsView(project)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert_labels_plain(view)
    assert_tooltips_plain(view)


@given(st.text())
def test_a_tooltip_escapes_as_html_escape_does(text):
    assert plain_tooltip(text) == f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'
