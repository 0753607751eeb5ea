"""View → Layer in the window: keys, the menu, the status bar, read-only colleagues."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.layers import GOLD, Layer
from annotator.core.model import Document, make_span
from annotator.ui.main_window import MainWindow

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."


@pytest.fixture
def window(qtbot, project):
    project.add_document(Document(text=TEXT, title="Team"), [
        make_span(TEXT, 4, 12, "claim", annotator="tester"),
        make_span(TEXT, 18, 34, "claim", annotator="bo"),
        make_span(TEXT, 40, 73, "denial", annotator=GOLD),
    ])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def annotators_shown(window):
    return sorted(span.annotator for span in window.session.index)


def test_keys_switch_layers_and_the_status_bar_says_which(qtbot, window):
    assert window.layers.label.text() == "Showing: All annotators"
    qtbot.keyClick(window.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert window.session.layer == Layer("mine") and annotators_shown(window) == ["tester"]
    assert window.layers.label.text() == "Showing: My spans (tester)"
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert annotators_shown(window) == [GOLD]
    qtbot.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert annotators_shown(window) == ["bo", GOLD, "tester"]


def test_the_menu_lists_colleagues_and_checks_the_layer_shown(window):
    window.layers.menu.aboutToShow.emit()
    texts = [a.text() for a in window.layers.menu.actions() if a.text()]
    assert texts[:3] == ["&All annotators", "&My spans (tester)", "&Gold (adjudicated)"]
    assert "bo" in texts
    bo = next(a for a in window.layers.menu.actions() if a.text() == "bo")
    bo.trigger()
    assert window.session.layer == Layer("annotator", "bo")
    window.layers.menu.aboutToShow.emit()
    checked = [a.text() for a in window.layers.menu.actions() if a.isChecked()]
    assert checked == ["bo"]


def test_a_colleagues_layer_refuses_edits_and_the_status_bar_says_why(qtbot, window):
    window.session.set_layer(Layer("annotator", "bo"))
    span = next(iter(window.session.index))
    window.session.select(span.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.project.get_span(span.id).label == "claim"
    assert "read only" in window.statusBar().currentMessage()


def test_others_spans_stand_out_only_where_everyone_is_shown(window):
    assert window.view.painter.me == "tester"
    window.session.set_layer(Layer("mine"))
    assert window.view.painter.me is None


def test_the_span_list_says_who_made_each_span(window):
    from annotator.ui.span_list import BY

    model = window.span_list.model
    names = [model.index(row, BY).data() for row in range(model.rowCount())]
    assert names == ["tester", "bo", GOLD]


def test_gold_mine_and_others_are_told_apart_where_everyone_is_shown(window):
    styles = {span.annotator: window.view.painter.underline_style(span)
              for span in window.session.index}
    assert styles == {"tester": "solid", "bo": "dashed", GOLD: "double"}
    window.session.set_layer(Layer(GOLD))
    assert {window.view.painter.underline_style(s) for s in window.session.index} == {"solid"}


def test_an_ampersand_in_the_annotators_name_shows_in_my_spans(window):
    """"R&D team" showed as "RD team", with a second shortcut letter."""
    window.set_annotator("R&D team")
    window.layers.menu.aboutToShow.emit()
    texts = [a.text() for a in window.layers.menu.actions() if a.text()]
    assert "&My spans (R&&D team)" in texts


def test_a_colleagues_span_shows_its_attribution_read_only(qtbot, window):
    """Its fields took typing, and went on showing what the session had refused."""
    window.session.set_layer(Layer("annotator", "bo"))
    window.session.select(next(iter(window.session.index)).id)
    speaker = window.attribution.fields["speaker"]
    assert speaker.isEnabled() and speaker.isReadOnly()
    assert window.attribution.fields["note"].isReadOnly()
    speaker.setFocus()
    qtbot.keyClicks(speaker, "the spokesperson")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert speaker.text() == "" and not window.attribution.holds_unsaved_text()
    assert [s.speaker for s in window.project.spans(window.session.document.id)] == ["", "", ""]
    window.session.set_layer(Layer("all"))
    window.session.select(next(s.id for s in window.session.index if s.annotator == "tester"))
    assert not speaker.isReadOnly()  # one's own span: editable again


def test_a_speaker_typed_then_a_layer_key_is_kept_on_its_span(qtbot, window):
    """The fields were refilled for the new layer, and the typing lost."""
    mine = next(s for s in window.session.index if s.annotator == "tester")
    window.session.select(mine.id)
    speaker = window.attribution.fields["speaker"]
    speaker.setFocus()
    qtbot.keyClicks(speaker, "Zarif")
    window.layers.fixed[Layer("mine")].trigger()  # Ctrl+Alt+M
    assert window.project.get_span(mine.id).speaker == "Zarif"
    assert window.session.history.undo() is not None  # one step, the speaker's
    assert window.project.get_span(mine.id).speaker == ""


def test_the_fields_follow_the_layer_between_read_only_and_editable(qtbot, window):
    bo = next(s for s in window.session.index if s.annotator == "bo")
    window.session.select(bo.id)
    speaker = window.attribution.fields["speaker"]
    assert not speaker.isReadOnly()  # all annotators: editable in place
    window.session.set_layer(Layer("annotator", "bo"))
    assert window.session.selected_id == bo.id and speaker.isReadOnly()
    window.session.set_layer(Layer("all"))
    assert not speaker.isReadOnly()
