"""View → Adjudicate: the clusters side by side, decided with one key each."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.layers import GOLD, Layer
from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.ui.main_window import MainWindow

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "team.annotator"
    project = Project.open(path)
    project.add_document(Document(text=TEXT, title="Team"), [
        make_span(TEXT, 0, 34, "claim", annotator="ana"),
        make_span(TEXT, 4, 34, "claim", annotator="bo"),
        make_span(TEXT, 40, 56, "denial", annotator="bo"),
        make_span(TEXT, 67, 73, "quote", annotator="cy"),
    ])
    project.close()
    return path


def shown_window(qtbot, project) -> MainWindow:
    """A window that owns ``project``, shown, active and painted."""
    window = MainWindow(project, owns_project=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


@pytest.fixture
def window(qtbot, path):
    return shown_window(qtbot, Project.open(path))


def open_panel(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_J, CTRL | SHIFT)
    QApplication.processEvents()
    return window.adjudication.panel


def gold_in_file(path):
    """What another program reads from the project file: only committed gold spans."""
    with sqlite3.connect(path) as other:
        return other.execute('SELECT start, "end", label FROM spans WHERE annotator = ? '
                             "ORDER BY start", [GOLD]).fetchall()


def test_the_shortcut_opens_the_panel_with_one_row_per_cluster_and_numbered_columns(qtbot, window):
    assert not window.adjudication.dock.isVisible()
    panel = open_panel(qtbot, window)
    assert window.adjudication.dock.isVisible() and panel.table.hasFocus()
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["State", "1 ana", "2 bo", "3 cy", "Gold"]
    assert model.rowCount() == 3
    assert model.index(0, 2).data() == "claim (no speaker): minister said the deal is done"
    assert model.index(0, 3).data() == "—"
    assert model.index(0, 0).data() == "≠ differ: boundaries, not all marked"
    assert panel.progress.text() == ("Settled 0 of 3 in this document · "
                                     "documents fully settled: 0 of 1")
    assert window.session.layer == Layer("all")
    assert window.session.selected.start == 0  # the first cluster's first span


def test_pressing_a_columns_number_puts_that_version_into_gold(qtbot, window, path):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert gold_in_file(path) == [(4, 34, "claim")]
    assert panel.model.index(0, 0).data() == "✔ in gold"
    assert panel.model.index(0, 4).data() == "claim (no speaker): minister said the deal is done"
    assert panel.table.currentIndex().row() == 1, "on to the next unsettled cluster"
    assert "Settled 1 of 3" in panel.progress.text()


def test_reject_settles_the_cluster_and_ctrl_z_takes_it_back(qtbot, window, path):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # the denial
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert panel.model.index(1, 0).data() == "✘ rejected"
    assert panel.model.index(1, 4).data() == "nothing (rejected)"
    with sqlite3.connect(path) as other:
        assert other.execute('SELECT start, "end" FROM decisions').fetchall() == [(40, 56)]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert panel.model.index(1, 0).data() == "≠ differ: not all marked"
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT count(*) FROM decisions").fetchone() == (0,)


def test_ctrl_z_undoes_an_accept_too(qtbot, window, path):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert gold_in_file(path) == [(0, 34, "claim"), (4, 34, "claim")]
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert gold_in_file(path) == []
    assert "Settled 0 of 3" in panel.progress.text()


def test_e_accepts_then_the_text_views_keys_move_the_gold_spans_edge(qtbot, window, path):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_E)
    session = window.session
    assert session.layer == Layer(GOLD)
    assert (session.selected.annotator, session.selected.start, session.selected.end) == (GOLD, 0, 34)
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Right, SHIFT)
    assert gold_in_file(path) == [(0, 35, "claim")]
    assert window.layers.label.text() == "Showing: Gold (adjudicated)"


def test_n_and_p_walk_the_clusters_and_the_text_follows(qtbot, window):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.table.currentIndex().row() == 1 and window.session.selected.start == 40
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.table.currentIndex().row() == 2 and window.session.selected.label == "quote"
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert panel.table.currentIndex().row() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.table.currentIndex().row() == 0


def test_a_number_without_a_column_says_so_and_changes_nothing(qtbot, window, path):
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_7)
    assert panel.message.text() == "There is no column 7: 3 annotators are compared"
    qtbot.keyClick(panel.table, Qt.Key.Key_3)  # cy marked nothing in the first cluster
    assert panel.message.text() == "cy marked nothing here: nothing to accept"
    assert gold_in_file(path) == []


def test_clicking_a_row_selects_its_span_in_the_text(qtbot, window):
    panel = open_panel(qtbot, window)
    rect = panel.table.visualRect(panel.model.index(2, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.adjudication.current == 2 and window.session.selected.start == 67


def test_an_accept_button_does_what_its_key_does(qtbot, window, path):
    panel = open_panel(qtbot, window)
    button = next(b for b in panel.accept_buttons if b.text() == "1 ana")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert gold_in_file(path) == [(0, 34, "claim")]
    assert "1: accept ana" in button.toolTip()


def test_the_shortcut_again_closes_the_panel_and_gives_back_the_layer(qtbot, window):
    window.session.set_layer(Layer("mine"))
    panel = open_panel(qtbot, window)
    assert window.session.layer == Layer("all")
    qtbot.keyClick(panel.table, Qt.Key.Key_J, CTRL | SHIFT)
    assert not window.adjudication.dock.isVisible()
    assert window.session.layer == Layer("mine")


def test_the_export_forms_layer_chooses_gold_all_or_one_annotator(qtbot):
    from annotator.ui.export_form import ExportForm

    form = ExportForm(["claim"], [], annotators=["ana", GOLD, "bo"])
    qtbot.addWidget(form)
    layers = [form.layer.itemText(i) for i in range(form.layer.count())]
    assert layers == ["All layers (annotator kept on each span)", "Gold (adjudicated)", "ana", "bo"]
    form.annotators.setText("ana, bo")
    assert form.chosen_annotators() == ["ana", "bo"]  # all layers: the names typed, if any
    form.layer.setCurrentIndex(1)
    assert form.chosen_annotators() == [GOLD] and not form.annotators.isEnabled()
    form.layer.setCurrentIndex(3)
    assert form.chosen_annotators() == ["bo"]


def test_the_state_column_fits_every_state_and_an_edit_asks_only_for_the_rows_in_sight(
        qtbot, tmp_path, monkeypatch):
    from annotator.ui import adjudication_panel
    from annotator.ui.adjudication_panel import STATE, STATES

    words = [f"word{number:03}" for number in range(600)]
    text = " ".join(words)
    starts = [text.index(word) for word in words]
    spans = [make_span(text, start, start + 7, "claim", annotator=name)
             for start in starts for name in ("ana", "bo")]
    project = Project.open(tmp_path / "long.annotator")
    project.add_document(Document(text=text, title="Long"), spans)
    window = shown_window(qtbot, project)
    panel = open_panel(qtbot, window)
    assert panel.model.rowCount() == 600
    metrics = panel.table.fontMetrics()
    width = panel.table.horizontalHeader().sectionSize(STATE)
    assert all(metrics.horizontalAdvance(state) < width for state in STATES)
    asked = []  # the clusters whose state the table asked for (Qt caches the model's
    state_of = adjudication_panel.state_of  # data(): a patched one would not be called)
    monkeypatch.setattr(adjudication_panel, "state_of",
                        lambda cluster: asked.append(cluster.start) or state_of(cluster))
    window.session.label_selection(starts[300], starts[300] + 7, "quote")
    QApplication.processEvents()
    panel.table.viewport().repaint()  # the rows in sight are painted, at least
    assert panel.model.rowCount() == 600
    assert asked and len(set(asked)) < 100, f"the table asked for {len(set(asked))} rows"


def test_next_in_a_document_with_nothing_to_adjudicate_says_so(qtbot, tmp_path):
    # it raised IndexError; on Python 3.11 PySide turns an error in a key handler into a crash
    project = Project.open(tmp_path / "alone.annotator")
    project.add_document(Document(text=TEXT, title="Unread"))  # nobody marked anything yet
    window = MainWindow(project, owns_project=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel = open_panel(qtbot, window)
    for key in (Qt.Key.Key_N, Qt.Key.Key_Down, Qt.Key.Key_P, Qt.Key.Key_A, Qt.Key.Key_R,
                Qt.Key.Key_E, Qt.Key.Key_Delete, Qt.Key.Key_1):
        qtbot.keyClick(panel.table, key)
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.message.text() == "Nothing to adjudicate in this document"
    assert panel.progress.text().startswith("Nothing to adjudicate in this document")


def test_each_key_f1_lists_for_the_list_does_what_f1_says(qtbot, window, monkeypatch):
    from annotator.ui.adjudication_panel import LETTER_KEYS
    from annotator.ui.shortcuts_dialog import show_shortcuts
    panel = open_panel(qtbot, window)
    called = []
    for _keys, _shown, _what, method in LETTER_KEYS:
        monkeypatch.setattr(panel, method, lambda method=method: called.append(method))
    for keys, _shown, _what, method in LETTER_KEYS:
        for key in keys:
            called.clear()
            qtbot.keyClick(panel.table, key)
            assert called == [method], key
    shown = show_shortcuts(window).browser.toPlainText()
    for _keys, shown_keys, what, _method in LETTER_KEYS:
        assert shown_keys in shown and what in shown
    window.shortcuts_dialog.close()


def gold_said_in_file(path):
    with sqlite3.connect(path) as other:
        return other.execute('SELECT start, "end", label, speaker FROM spans WHERE annotator = ? '
                             "ORDER BY start", [GOLD]).fetchall()


def team_window(qtbot, tmp_path, text, spans):
    path = tmp_path / "speakers.annotator"
    project = Project.open(path)
    project.add_document(Document(text=text, title="Le Drian"), spans)
    return shown_window(qtbot, project), path


EMISSARY = ('Le Drian has made it clear to Tehran that he is no "emissary of Donald Trump", '
            "the foreign minister's team have told AFP.")
DENIAL = (EMISSARY.index("he is"), EMISSARY.index(", the foreign"))


def test_versions_naming_another_speaker_differ_and_its_number_puts_that_speaker_in_gold(
        qtbot, tmp_path):
    start, end = DENIAL
    window, path = team_window(qtbot, tmp_path, EMISSARY, [
        make_span(EMISSARY, start, end, "denial", annotator=name, speaker=speaker)
        for name, speaker in (("ana", "Le Drian"), ("bo", "Le Drian"), ("cy", "Le Drian (cy)"))])
    panel = open_panel(qtbot, window)
    model = panel.model
    assert model.index(0, 0).data() == "≠ differ: speaker"
    assert model.index(0, 1).data() == 'denial by Le Drian: he is no "emissary of Donald Trump"'
    assert model.index(0, 3).data().startswith("denial by Le Drian (cy): ")
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert "differ in speaker" in panel.message.text() and gold_said_in_file(path) == []
    qtbot.keyClick(panel.table, Qt.Key.Key_1)
    assert gold_said_in_file(path) == [(start, end, "denial", "Le Drian")]
    qtbot.keyClick(panel.table, Qt.Key.Key_3)
    assert gold_said_in_file(path) == [(start, end, "denial", "Le Drian (cy)")]
    assert panel.message.text() == ("Accepted cy's version: 1 gold span, in place of gold's "
                                    "denial by Le Drian")
    assert model.index(0, 4).data().startswith("denial by Le Drian (cy): ")
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)  # one step back: ana's speaker again
    assert gold_said_in_file(path) == [(start, end, "denial", "Le Drian")]


def decisions_in_file(path):
    with sqlite3.connect(path) as other:
        return other.execute('SELECT start, "end" FROM decisions').fetchall()


def test_a_rejection_beside_a_gold_span_shows_as_a_conflict_and_r_or_g_settles_it(
        qtbot, tmp_path):
    start, end = DENIAL
    window, path = team_window(qtbot, tmp_path, EMISSARY, [
        make_span(EMISSARY, start, end, "denial", annotator=name, speaker="Le Drian")
        for name in ("ana", "bo")])
    project = window.session.project  # as a merge leaves it: the rejection and cy's gold
    project.add_decision(project.first_document_id(), start, end, annotator="lead")
    project.add_span(project.first_document_id(),
                     make_span(EMISSARY, start, end, "denial", annotator=GOLD, speaker="cy"))
    panel = open_panel(qtbot, window)
    model = panel.model
    assert model.index(0, 0).data() == "⚠ rejected, but in gold"
    assert model.index(0, 3).data().startswith("denial by cy: ")  # not "nothing (rejected)"
    assert "R: reject again" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.progress.text().startswith("Settled 0 of 1 in this document")
    assert panel.keep_gold_button.isVisible()
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert gold_said_in_file(path) == [] and decisions_in_file(path) == [(start, end)]
    assert model.index(0, 0).data() == "✘ rejected"
    assert panel.progress.text().startswith("Settled 1 of 1")
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert gold_said_in_file(path) == [(start, end, "denial", "cy")]
    assert model.index(0, 0).data() == "⚠ rejected, but in gold"
    qtbot.keyClick(panel.table, Qt.Key.Key_G)
    assert decisions_in_file(path) == [] and gold_said_in_file(path) == [(start, end, "denial", "cy")]
    assert model.index(0, 0).data() == "✔ in gold" and not panel.keep_gold_button.isVisible()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(panel.table, Qt.Key.Key_1)  # ana's version, over cy's gold and the rejection
    assert decisions_in_file(path) == []
    assert gold_said_in_file(path) == [(start, end, "denial", "Le Drian")]
    assert panel.progress.text().startswith("Settled 1 of 1")


def test_a_speaker_typed_on_a_version_goes_into_gold_with_it(qtbot, window, path):
    """The command was built from the spans before the typed speaker was committed:
    ana's span got the speaker, gold a copy without it."""
    panel = open_panel(qtbot, window)
    ana = next(s for s in window.session.index if s.annotator == "ana")
    window.session.select(ana.id)
    speaker = window.attribution.fields["speaker"]
    speaker.setFocus()
    qtbot.keyClicks(speaker, "the minister")
    qtbot.mouseClick(panel.accept_buttons[0], Qt.MouseButton.LeftButton)  # 1 ana
    with sqlite3.connect(path) as conn:
        gold = conn.execute("SELECT start, end, speaker FROM spans WHERE annotator = ?",
                            (GOLD,)).fetchall()
    assert gold == [(0, 34, "the minister")]
    assert window.project.get_span(ana.id).speaker == "the minister"


def test_going_to_another_cluster_keeps_the_speaker_typed(qtbot, window, path):
    """The panel's buttons take no focus: the field never lost it, and was refilled."""
    panel = open_panel(qtbot, window)
    speaker = window.attribution.fields["speaker"]
    first = window.session.selected_id
    speaker.setFocus()
    qtbot.keyClicks(speaker, "Tehran")
    [next_button] = [b for b in panel.findChildren(type(panel.accept_buttons[0]))
                     if b.text() == "Next unsettled (N)"]
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert window.session.selected_id != first
    assert window.project.get_span(first).speaker == "Tehran"


def test_an_undo_clears_what_the_step_undone_said(qtbot, window, path):
    """"Accepted bo's version…" stayed after Ctrl+Z had taken it back."""
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert panel.message.text().startswith("Accepted bo's version")
    window.undo()
    assert panel.message.text() == "" and gold_in_file(path) == []


def test_a_refused_accept_and_edit_leaves_the_keyboard_in_the_list(qtbot, window, path):
    """E on a rejected cluster was refused but moved the keyboard to the text, where the
    next Shift+Right moved a colleague's span."""
    panel = open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_R)  # rejected: the list goes on to the next
    qtbot.keyClick(panel.table, Qt.Key.Key_P)  # back to the rejected one
    qtbot.keyClick(panel.table, Qt.Key.Key_E)
    assert panel.message.text().startswith("Rejected already")
    assert panel.table.hasFocus() and not window.view.hasFocus()
