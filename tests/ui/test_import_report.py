"""The import report dialog: what came in, what was rejected (file, line, reason), copyable."""
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.importing import ImportOptions, import_paths
from annotator.importing.stoppable import StoppableReport
from annotator.ui.import_report import ImportReportDialog

from .conftest import SHARED, add_article

CORPUS = SHARED / "corpus"


def table_rows(dialog) -> list[tuple[str, str, str]]:
    table = dialog.rejected
    return [tuple(table.item(row, column).text() for column in range(3))
            for row in range(table.rowCount())]


def test_the_report_lists_every_rejected_item_with_file_line_and_reason(qtbot, project):
    report = import_paths(project, [CORPUS / "bad", CORPUS / "tricky"])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    # (import_paths takes the two folders as a set: their order is not fixed)
    assert sorted(table_rows(dialog)) == [
        ("bad/malformed.jsonl", "2", "invalid JSON (Expecting ',' delimiter at column 45)"),
        ("bad/malformed.jsonl", "3", "span 1 [5, 500, 'claim']: offsets lie outside the text, "
                                     "which is 21 characters long"),
        ("bad/malformed.jsonl", "4", "span 1 [9, 3, 'claim']: start 9 is not before end 3"),
        ("bad/malformed.jsonl", "5", "span 1 [0, 7, 'rumour']: unknown label 'rumour' "
                                     "(this project has: claim, demand, denial, quote)"),
        ("bad/malformed.jsonl", "6", 'missing the "text" field'),
        ("tricky/empty.txt", "", "empty file"),
        ("tricky/not_text.txt", "", "binary file (PNG image), not text"),
    ]
    summary = dialog.summary.text()
    assert summary.startswith("From 9 files: 8 new documents · 2 spans added\n")
    assert "7 items rejected" in summary
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert dialog.rejected.isVisible() and not dialog.warnings.isVisible()


def test_copy_report_puts_the_whole_report_on_the_clipboard(qtbot, project):
    report = import_paths(project, [CORPUS / "bad"])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    malformed = CORPUS / "bad" / "malformed.jsonl"
    assert f"{malformed}:4: span 1 [9, 3, 'claim']: start 9 is not before end 3" in copied
    assert f"{malformed}: 2 new, 0 merged, 0 already present, 2 spans, 5 rejected" in copied


def test_a_clean_import_says_so_and_hides_the_table(qtbot, project):
    as_codepoints = ImportOptions(offset_unit="codepoint")  # the doccano sample's unit
    report = import_paths(project, [CORPUS / "interop" / "doccano.jsonl"], as_codepoints)
    again = import_paths(project, [CORPUS / "interop" / "doccano.jsonl",
                                   CORPUS / "interop" / "label_studio.json"], as_codepoints)
    dialog = ImportReportDialog(again)
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(report.added) == 4
    assert dialog.summary.text() == (
        "From 2 files: 0 new documents · 17 spans added\n"
        "Already present: 4 documents unchanged · 4 merged (their new spans added)\n"
        "Nothing was rejected.")
    assert not dialog.rejected.isVisible()


def test_a_cancelled_import_says_which_files_were_left_out(qtbot, project):
    report = StoppableReport(not_imported=[Path("/in/b.txt"), Path("/in/c.txt")])
    report.files = import_paths(project, [CORPUS / "interop" / "doccano.jsonl"]).files
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    assert "Cancelled: 2 files not imported" in dialog.summary.text()
    dialog.copy_report()
    assert "Not imported:\n  /in/b.txt\n  /in/c.txt" in QApplication.clipboard().text()


def test_names_that_look_like_html_stay_plain(qtbot, project, tmp_path):
    odd = tmp_path / "<b>bold<i>.txt"
    odd.write_bytes(b"")
    dialog = ImportReportDialog(import_paths(project, [odd]))
    qtbot.addWidget(dialog)
    assert table_rows(dialog) == [("<b>bold<i>.txt", "", "empty file")]
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText


FANS = 'Fans 😀 chanted "Go home" at the minister.'


def doccano_utf16(path: Path) -> Path:
    """doccano's own unit, which its file does not name: [16, 25) is '"Go home"'."""
    path.write_text('{"text": "%s", "label": [[16, 25, "quote"]]}\n' % FANS.replace('"', '\\"'),
                    "utf-8")
    return path


def test_offsets_that_name_no_unit_show_the_cli_message_and_offer_both_units(qtbot, project,
                                                                            tmp_path):
    path = doccano_utf16(tmp_path / "d.jsonl")
    report = import_paths(project, [path])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    [(name, line, reason)] = table_rows(dialog)
    assert (name, line, reason) == ("d.jsonl", "1", report.problems[0].reason)  # as the CLI says
    assert "--offset-unit utf16" in reason and "--offset-unit codepoint" in reason
    assert set(dialog.unit_buttons) == {"utf16", "codepoint"}
    with qtbot.waitSignal(dialog.import_again) as asked:
        qtbot.mouseClick(dialog.unit_buttons["utf16"], Qt.MouseButton.LeftButton)
    assert asked.args == [[path], "utf16"]


def test_a_report_without_unit_questions_offers_no_unit_buttons(qtbot, project):
    dialog = ImportReportDialog(import_paths(project, [CORPUS / "bad"]))
    qtbot.addWidget(dialog)
    assert dialog.unit_buttons == {}


def test_the_window_imports_again_with_the_unit_chosen_in_the_report(qtbot, project, tmp_path):
    from annotator.ui.main_window import MainWindow
    add_article(project, "An article already here.")
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.import_files([doccano_utf16(tmp_path / "d.jsonl")])
    dialog = window.importing.report_dialog
    assert dialog.isVisible() and project.document_count() == 1
    qtbot.mouseClick(dialog.unit_buttons["utf16"], Qt.MouseButton.LeftButton)
    assert window.session.document.text == FANS  # imported, and opened
    spans = project.spans(window.session.document.id)
    assert [(s.start, s.end, s.text) for s in spans] == [(15, 24, '"Go home"')]


def test_the_chosen_rejections_whole_reason_and_buttons_that_fit(qtbot, project, tmp_path):
    """The reason cell is cut to one line and the unit buttons' words ran off their
    buttons: the whole reason shows below the table, the option in a tooltip."""
    path = doccano_utf16(tmp_path / "d.jsonl")
    report = import_paths(project, [path])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.details.text() == str(report.problems[0])
    for unit, button in dialog.unit_buttons.items():
        assert button.width() >= button.sizeHint().width()
        assert f"--offset-unit {unit}" in button.toolTip()


# -- a colleague's layer that differs, and replacing it -----------------------------------------
ARTICLE = "The minister said the deal is done and denied any delay."


def colleague_file(path: Path, spans) -> Path:
    """A colleague's project with ARTICLE and Bo's spans (start, end, label, speaker)."""
    from annotator.core.model import Document, make_span
    from annotator.store import Project

    bo = Project.open(path)
    bo.add_document(Document(text=ARTICLE), [make_span(ARTICLE, s, e, label, annotator="bo",
                                                       speaker=speaker)
                                             for s, e, label, speaker in spans])
    bo.close()
    return path


def bo_relabels(path: Path) -> None:
    from annotator.store import Project

    bo = Project.open(path)
    first = bo.spans(1)[0]
    bo.change_span(first.id, label="denial", speaker="a minister")
    bo.close()


def test_the_report_says_a_colleagues_spans_differ_and_offers_to_replace_them(qtbot, project,
                                                                            tmp_path):
    path = colleague_file(tmp_path / "bo.annotator", [(0, 12, "claim", "minister")])
    import_paths(project, [path], ImportOptions(annotator="tester"))
    bo_relabels(path)
    dialog = ImportReportDialog(import_paths(project, [path], ImportOptions(annotator="tester")))
    qtbot.addWidget(dialog)
    assert ("In 1 document, bo's spans here differ from the file's: 1 span in the file is not "
            "here and 1 here is not in the file.") in dialog.summary.text()
    assert "“Replace bo's spans with the file's” below" in dialog.summary.text()
    [button] = dialog.replace_buttons
    assert button.text() == "Replace bo's spans with the file's"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box.isVisible() and "Replace bo's spans here with those of bo.annotator?" in box.text()
    assert "backed up first" in box.text()
    with qtbot.waitSignal(dialog.replace_layer) as asked:
        box.button(box.StandardButton.Yes).click()
    assert asked.args == [path, "bo"]


def test_cancelling_the_question_replaces_nothing(qtbot, project, tmp_path):
    path = colleague_file(tmp_path / "bo.annotator", [(0, 12, "claim", "minister")])
    import_paths(project, [path], ImportOptions(annotator="tester"))
    bo_relabels(path)
    dialog = ImportReportDialog(import_paths(project, [path], ImportOptions(annotator="tester")))
    qtbot.addWidget(dialog)
    emitted = []
    dialog.replace_layer.connect(lambda *args: emitted.append(args))
    qtbot.mouseClick(dialog.replace_buttons[0], Qt.MouseButton.LeftButton)
    dialog.confirmation.button(dialog.confirmation.StandardButton.Cancel).click()
    assert emitted == [] and dialog.confirmation is None


def test_my_own_spans_in_a_file_get_a_word_and_no_replace_button(qtbot, project, tmp_path):
    from annotator.core.model import Document
    from annotator.store import Project

    path = colleague_file(tmp_path / "bo.annotator", [(0, 12, "claim", "")])
    bo = Project.open(path)  # Bo merged my project when I had a quote there
    bo.add_spans(1, [bo.spans(1)[0].with_changes(annotator="tester", label="quote", id=None)])
    bo.close()
    project.add_document(Document(text=ARTICLE))  # I have since deleted it
    dialog = ImportReportDialog(import_paths(project, [path], ImportOptions(annotator="tester")))
    qtbot.addWidget(dialog)
    assert "Your own spans (tester) were left as they are here" in dialog.summary.text()
    assert dialog.replace_buttons == []


def test_the_window_replaces_a_colleagues_spans_after_asking_and_says_when_it_backed_up(
        qtbot, tmp_path):
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

    path = colleague_file(tmp_path / "bo.annotator", [(0, 12, "claim", "minister")])
    project = Project.open(tmp_path / "lead.annotator")
    window = MainWindow(project)
    qtbot.addWidget(window)
    importing = window.importing
    window.import_files([path])
    qtbot.waitUntil(lambda: not importing.runner.running())
    assert [(s.label, s.annotator) for s in project.spans(1)] == [("claim", "bo")]
    bo_relabels(path)
    window.import_files([path])
    qtbot.waitUntil(lambda: not importing.runner.running() and importing.report_dialog is not None)
    dialog = importing.report_dialog
    qtbot.mouseClick(dialog.replace_buttons[0], Qt.MouseButton.LeftButton)
    dialog.confirmation.button(dialog.confirmation.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: importing.report_dialog is not dialog and not importing.runner.running())
    assert [(s.label, s.speaker, s.annotator) for s in project.spans(1)] == [
        ("denial", "a minister", "bo")]
    summary = importing.report_dialog.summary.text()
    assert "Replaced bo's spans with the file's in 1 document: 1 removed, 1 added" in summary
    assert "Before replacing spans the project was backed up, at " in summary
    importing.runner.shutdown()
    window.close()
    project.close()


def test_the_window_imports_under_the_name_it_annotates_as(qtbot, project, tmp_path):
    """The name shown in the status bar, not only the one saved: its spans are the ones
    an import leaves alone."""
    from annotator.core.model import Document
    from annotator.store import Project
    from annotator.ui.main_window import MainWindow

    path = colleague_file(tmp_path / "bo.annotator", [(0, 12, "claim", "")])
    bo = Project.open(path)  # Bo merged Ana's project when she had a quote there
    bo.add_spans(1, [bo.spans(1)[0].with_changes(annotator="ana", label="quote", id=None)])
    bo.close()
    project.add_document(Document(text=ARTICLE))
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.set_annotator("ana")  # a name that could not be saved is this run's (app.py)
    window.import_files([path])
    assert [(s.label, s.annotator) for s in project.spans(1)] == [("claim", "bo")]
