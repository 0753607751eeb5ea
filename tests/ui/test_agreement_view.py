"""View → Agreement…: the figures of annotator.agreement as a table, a chart and a
drill-down to the disagreements, opened in the main window at the span."""
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.ui import file_dialogs
from annotator.agreement import agreement
from annotator.agreement.table import number
from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.ui import agreement_runner
from annotator.ui.agreement_chart import score_rects, score_ticks
from annotator.ui.agreement_rows import OVERALL, worst_first
from annotator.ui.agreement_view import AgreementView
from annotator.ui.chart_geometry import BarChartLayout
from annotator.ui.main_window import MainWindow

TALKS = "The minister said talks would go on. Officials denied it. Unions demanded more pay."
MAYOR = "Critics called for an inquiry. The mayor said he would stay."
FIGURE_KEYS = ("exact_f1", "overlap_f1", "cohen_kappa", "alpha", "unitizing_alpha")
FIGURE_KEYS_3 = ("exact_f1", "overlap_f1", "cohen_kappa", "fleiss_kappa", "alpha",
                 "unitizing_alpha")
KIND, ANNOTATOR, LABEL, SPAN, OTHER, OTHER_LABEL, OTHER_SPAN = range(7)


def mark(text, piece, label, who):
    start = text.index(piece)
    return make_span(text, start, start + len(piece), label, annotator=who)


def fill(project: Project) -> tuple[int, int]:
    """Two documents by alice and bob, the first also by carol. Between alice and bob:
    in the first a boundary (denied it / Officials denied it) and a missing span (bob's
    demand); in the second a label (claim / quote on the same words)."""
    talks = project.add_document(Document(text=TALKS, title="Talks <b>go on</b>"), [
        mark(TALKS, "said talks would go on", "claim", "alice"),
        mark(TALKS, "denied it", "denial", "alice"),
        mark(TALKS, "said talks would go on", "claim", "bob"),
        mark(TALKS, "Officials denied it", "denial", "bob"),
        mark(TALKS, "demanded more pay", "demand", "bob"),
        mark(TALKS, "said talks would go on", "claim", "carol"),
        mark(TALKS, "denied it", "claim", "carol")])
    mayor = project.add_document(Document(text=MAYOR, title="Mayor\nstays"), [
        mark(MAYOR, "called for an inquiry", "demand", "alice"),
        mark(MAYOR, "said he would stay", "claim", "alice"),
        mark(MAYOR, "called for an inquiry", "demand", "bob"),
        mark(MAYOR, "said he would stay", "quote", "bob")])
    return talks.id, mayor.id


def settle(window):
    window.show()
    window.activateWindow()
    QApplication.processEvents()


@pytest.fixture
def window(qtbot, project):
    fill(project)
    win = MainWindow(project)
    qtbot.addWidget(win)
    settle(win)
    qtbot.waitUntil(lambda: (QApplication.processEvents(), win.isActiveWindow())[1])
    win.view.setFocus()
    return win


@pytest.fixture
def view(qtbot, window):
    """The agreement window, opened with its shortcut."""
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    shown = window.agreement_view
    qtbot.waitUntil(lambda: shown.report is not None)
    yield shown
    qtbot.waitUntil(lambda: not shown.busy())
    shown.close()


def cells(table) -> list[list[str]]:
    model = table.model()
    if model is None:
        return []
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def headers(table) -> list[str]:
    model = table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def expected_rows(report, keys) -> list[list[str]]:
    corpus = report.corpus
    scopes = [(OVERALL, corpus.overall), *corpus.by_label.items()]
    return [[name, *(number(getattr(scores, key)) for key in keys)] for name, scores in scopes]


def toggle(qtbot, checklist, name):
    """Tick or untick ``name`` as a person does: make it current, press Space."""
    item = next(checklist.item(r) for r in range(checklist.count())
                if checklist.item(r).text() == name)
    checklist.setCurrentItem(item)
    checklist.setFocus()
    qtbot.keyClick(checklist, Qt.Key.Key_Space)


def compare_alice_and_bob(qtbot, view):
    toggle(qtbot, view.controls.annotators, "carol")
    qtbot.waitUntil(lambda: view.report is not None
                    and view.report.annotators == ["alice", "bob"])


def double_click_row(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- opening, and the figures ---------------------------------------------------------
def test_the_view_menu_offers_it_with_its_shortcut(window):
    action = window.actions_by_name["agreement"]
    assert action.shortcut().toString() == "Ctrl+Shift+G"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert action in view_menu.actions()


def test_three_annotators_figures_and_pairs_match_agreement(view, project):
    expected = agreement(project, ["alice", "bob", "carol"])
    assert view.isVisible() and view.windowTitle() == "Agreement"
    assert view.controls.chosen_annotators() == ["alice", "bob", "carol"]
    assert headers(view.figures_table) == ["Label", "exact F1 (mean)", "overlap F1 (mean)",
                                           "Cohen κ (mean)", "Fleiss κ", "α tokens",
                                           "α_u chars"]
    assert cells(view.figures_table) == expected_rows(expected, FIGURE_KEYS_3)
    assert cells(view.figures_table)[0][0] == "overall"
    # with three, the pairs too, each over the documents both annotated
    assert view.pairs_table.isVisibleTo(view)
    assert [row[0] for row in cells(view.pairs_table)] == ["alice – bob", "alice – carol",
                                                          "bob – carol"]
    assert [row[5] for row in cells(view.pairs_table)] == [
        number(pair.overall.cohen_kappa) for pair in expected.corpus.pairs]
    assert "1 document" in view.message.text()  # carol annotated only the first


def test_unticking_an_annotator_compares_the_others(qtbot, view, project):
    compare_alice_and_bob(qtbot, view)
    expected = agreement(project, ["alice", "bob"])
    assert headers(view.figures_table)[1:] == ["exact F1", "overlap F1", "Cohen κ",
                                               "α tokens", "α_u chars"]
    assert cells(view.figures_table) == expected_rows(expected, FIGURE_KEYS)
    assert not view.pairs_table.isVisibleTo(view)  # two annotators: the table is the pair
    assert view.message.text().startswith("alice, bob: 2 documents")


def visible_message_boxes() -> set:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()}


def test_fewer_than_two_ticked_gives_an_inline_hint_not_a_box(qtbot, view):
    # boxes an earlier test left open are not this window's
    earlier = visible_message_boxes()
    toggle(qtbot, view.controls.annotators, "carol")
    toggle(qtbot, view.controls.annotators, "bob")
    QApplication.processEvents()
    assert view.message.text() == "Tick at least two annotators to compare."
    assert view.message.textFormat() == Qt.TextFormat.PlainText
    assert view.report is None and cells(view.figures_table) == []
    assert visible_message_boxes() <= earlier
    toggle(qtbot, view.controls.annotators, "bob")  # and back
    qtbot.waitUntil(lambda: view.report is not None)
    assert view.report.annotators == ["alice", "bob"]


def test_labels_coverage_and_status_narrow_as_the_cli_does(qtbot, view, project):
    toggle(qtbot, view.controls.labels, "quote")
    toggle(qtbot, view.controls.labels, "demand")
    qtbot.waitUntil(lambda: view.report is not None and view.report.labels == ["claim", "denial"])
    expected = agreement(project, ["alice", "bob", "carol"], labels=["claim", "denial"])
    assert cells(view.figures_table) == expected_rows(expected, FIGURE_KEYS_3)
    view.controls.coverage.setCurrentIndex(view.controls.coverage.findData("some"))
    qtbot.waitUntil(lambda: view.report is not None and view.report.coverage == "some")
    expected = agreement(project, ["alice", "bob", "carol"], labels=["claim", "denial"],
                         coverage="some")
    assert cells(view.figures_table) == expected_rows(expected, FIGURE_KEYS_3)
    assert len(cells(view.documents_table)) == 2
    view.controls.status.setCurrentText("done")  # nothing is done yet
    qtbot.waitUntil(lambda: view.report is not None and view.report.statuses == ["done"])
    assert view.report.corpus.documents == 0
    assert "No document is annotated" in view.message.text()
    assert all(row[1:] == ["n/a"] * 6 for row in cells(view.figures_table))


def test_every_figure_has_a_one_line_meaning(view):
    model = view.figures_table.model()
    tips = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            for c in range(1, model.columnCount())]
    assert all(tip and "\n" not in tip.replace("<p style=\"white-space:pre-wrap\">", "")
               for tip in tips)
    assert "Krippendorff" in tips[-1] and "Fleiss" in tips[3]
    assert "mean over the 3 pairs" in tips[0]
    assert view.controls.coverage.toolTip().count("\n") == 3  # one line per choice


# -- the chart --------------------------------------------------------------------------
def test_the_chart_shows_overlap_f1_and_unitizing_alpha_per_label(qtbot, view, project, tmp_path,
                                                                  monkeypatch):
    view.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    chart = view.chart
    by_label = view.report.corpus.by_label
    assert [row.name for row in chart.rows] == ["overall", *by_label]
    assert [row.values for row in chart.rows[1:]] == [
        (scores.overlap_f1, scores.unitizing_alpha) for scores in by_label.values()]
    # bars are as long as their value along the axis, from 0
    ticks = chart.ticks()
    plot = chart.chart_layout().plot
    zero = plot.left() + plot.width() * (0 - ticks[0]) / (ticks[-1] - ticks[0])
    for row, rects in zip(chart.rows, chart.bar_rects()):
        for value, rect in zip(row.values, rects):
            if value is None:
                assert rect is None
                continue
            length = plot.width() * abs(value) / (ticks[-1] - ticks[0])
            assert rect.width() == pytest.approx(length)
            assert (rect.left() if value >= 0 else rect.right()) == pytest.approx(zero)
    saved = tmp_path / "chart"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args, **kwargs: str(saved))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    image = QImage(str(saved) + ".png")
    assert not image.isNull() and image.width() == chart.width() * 2


def test_score_ticks_reach_below_zero_only_when_a_figure_does():
    assert score_ticks([0.5, None, 1.0]) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert score_ticks([-0.13, 0.9]) == [-0.2, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert score_ticks([-0.4]) == [-0.4, -0.2, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert score_ticks([-1.3]) == [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0]


def test_score_rects_grow_from_zero_both_ways():
    layout = BarChartLayout(title=QRectF(), names=QRectF(), plot=QRectF(100, 10, 200, 40),
                            axis=QRectF(), caption=QRectF(), pitch=20)
    (first, second), (missing, negative) = score_rects([(1.0, 0.5), (None, -0.5)], layout,
                                                       -1.0, 1.0)
    assert (first.left(), first.width()) == (200, 100)  # 0 lies mid-plot
    assert (second.left(), second.width()) == (200, 50)
    assert second.top() == pytest.approx(first.bottom())  # one under the other in a row
    assert missing is None
    assert (negative.left(), negative.right()) == (150, 200)
    assert negative.top() >= 30  # in the second row


# -- drill-down -------------------------------------------------------------------------
def test_documents_worst_first_and_their_disagreements(qtbot, view, project):
    talks, mayor = 1, 2
    compare_alice_and_bob(qtbot, view)
    expected = agreement(project, ["alice", "bob"])
    worst = [d.document_id for d in worst_first(expected.documents)]
    assert worst == [talks, mayor]  # exact F1 0.4 before 0.5
    rows = cells(view.documents_table)
    assert [row[0] for row in rows] == ["Talks <b>go on</b>", "Mayor⏎stays"]  # plain text
    assert [row[-1] for row in rows] == ["2", "1"]
    by_id = {d.document_id: d for d in expected.documents}
    assert rows[0][1:-1] == [number(getattr(by_id[talks].figures.overall, key))
                             for key in FIGURE_KEYS]
    # the worst is selected: its disagreements, in text order
    assert view.selected_document_id() == talks
    listed = cells(view.disagreements_table)
    assert [(r[KIND], r[ANNOTATOR], r[SPAN], r[OTHER], r[OTHER_SPAN]) for r in listed] == [
        ("boundary", "alice", "denied it", "bob", "Officials denied it"),
        ("missing", "bob", "demanded more pay", "alice", "—")]
    assert view.disagreements_label.text().startswith("2 disagreements in “Talks <b>go on</b>”")
    assert view.disagreements_label.textFormat() == Qt.TextFormat.PlainText
    # choosing the other document lists its own
    rect = view.documents_table.visualRect(view.documents_table.model().index(1, 0))
    qtbot.mouseClick(view.documents_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected_document_id() == mayor
    (only,) = cells(view.disagreements_table)
    assert (only[KIND], only[LABEL], only[SPAN], only[OTHER_LABEL]) == (
        "label", "claim", "said he would stay", "quote")


def test_double_click_opens_the_document_at_the_span_in_the_main_window(qtbot, view, window,
                                                                       project):
    window.open_document(1)
    compare_alice_and_bob(qtbot, view)  # carol did not annotate the second document
    view.tabs.setCurrentIndex(2)
    view.select_document(2)
    assert view.selected_document_id() == 2
    view.show_in_front()
    qtbot.waitUntil(lambda: view.isActiveWindow())  # the agreement window is in front
    double_click_row(qtbot, view.disagreements_table, 0)  # alice's claim, bob's quote
    alice_claim = next(s for s in project.spans(2) if s.annotator == "alice" and s.label == "claim")
    assert window.session.document.id == 2
    assert window.session.selected_id == alice_claim.id
    # the caret sits on the span, and the span is in sight
    assert window.view.textCursor().position() == alice_claim.start
    cursor_rect = window.view.cursorRect()
    assert window.view.viewport().rect().contains(cursor_rect.center())
    qtbot.waitUntil(lambda: window.isActiveWindow())  # and now the main window is
    assert not view.open_note.isVisibleTo(view)


def test_a_span_deleted_since_is_shown_by_its_place(qtbot, view, window, project):
    compare_alice_and_bob(qtbot, view)
    view.tabs.setCurrentIndex(2)
    view.select_document(2)
    assert view.selected_document_id() == 2
    alice_claim = next(s for s in project.spans(2) if s.annotator == "alice" and s.label == "claim")
    project.remove_span(alice_claim.id)
    view.disagreements_table.setFocus()
    view.disagreements_table.setCurrentIndex(view.disagreements_table.model().index(0, 0))
    qtbot.keyClick(view.disagreements_table, Qt.Key.Key_Return)  # Enter opens too
    assert window.session.document.id == 2
    assert window.view.selected_range() == (alice_claim.start, alice_claim.end)
    assert "changed since" in view.open_note.text() and view.open_note.isVisibleTo(view)


def test_edits_in_the_main_window_compute_the_figures_again(qtbot, view, window, project):
    before = view.report
    window.open_document(2)
    window.session.load_rest()
    bob_quote = next(s for s in project.spans(2) if s.annotator == "bob")
    window.session.select(bob_quote.id)
    window.session.relabel("claim")  # bob now agrees with alice
    qtbot.waitUntil(lambda: view.report is not before and view.report is not None)
    assert view.report.corpus.disagreements == agreement(
        project, ["alice", "bob", "carol"]).corpus.disagreements


# -- computing in a worker --------------------------------------------------------------
def test_a_big_project_file_is_compared_in_a_worker(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(agreement_runner, "WORKER_FROM_SPANS", 0)  # every project is big
    project = Project.open(tmp_path / "news.annotator")
    fill(project)
    view = AgreementView(project)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.runner.finished, timeout=10_000):
        view.show()
        assert view.busy() and view.message.text() == "computing…"
    assert cells(view.figures_table) == expected_rows(
        agreement(project, ["alice", "bob", "carol"]), FIGURE_KEYS_3)
    # asked twice while busy: only the last question is answered
    view.controls.set_annotators_ticked(["alice", "bob"])
    view.controls.set_annotators_ticked(["alice", "carol"])
    qtbot.waitUntil(lambda: not view.busy() and view.report is not None
                    and view.report.annotators == ["alice", "carol"], timeout=10_000)
    view.close()
    project.close()


def test_a_project_with_one_annotator_says_what_is_missing(qtbot, project):
    project.add_document(Document(text=MAYOR), [mark(MAYOR, "said he would stay", "claim", "alice")])
    view = AgreementView(project)
    qtbot.addWidget(view)
    view.show()
    QApplication.processEvents()
    assert "spans by two annotators" in view.message.text()
    assert "(alice)" in view.message.text()
    assert view.chart.is_empty()
