"""File → Export…: the live preview, exports run from the dialog, and their messages."""
import json
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.ui import file_dialogs
from annotator.store import Project
from annotator.ui import export_dialog
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow

from .conftest import add_article

LEFT = Qt.MouseButton.LeftButton
TEXT = "{n}. The minister denied it. Officials demanded more, said Ana."
DOCUMENTS = [  # status, spans as (start, end, label)
    ("done", [(3, 15, "claim"), (16, 22, "denial")]),
    ("done", [(37, 50, "demand")]),
    ("done", [(16, 22, "denial"), (52, 61, "quote")]),
    ("in-progress", [(3, 15, "claim")]),
    ("new", []),
]


@pytest.fixture
def stored(tmp_path):
    """A project file: three done documents with 5 spans, one in progress, one new."""
    project = Project.open(tmp_path / "news.annotator")
    for number, (status, spans) in enumerate(DOCUMENTS):
        doc = add_article(project, TEXT.format(n=number), spans, title=f"Story {number}",
                          source="wire" if number % 2 else "daily")
        project.set_status(doc.id, status)
    yield project
    project.close()


@pytest.fixture
def dialog_on(qtbot):
    def make(project):
        dialog = ExportDialog(project)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return make


def export_and_wait(qtbot, dialog, out) -> QMessageBox:
    dialog.form.output.setText(str(out))
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(lambda: dialog.message is not None and not dialog.busy(), timeout=10_000)
    return dialog.message


def lines(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_the_preview_follows_statuses_and_labels(qtbot, stored, dialog_on):
    dialog = dialog_on(stored)
    assert dialog.preview.text() == "3 documents, 5 spans — claim 1 · denial 2 · demand 1 · quote 1"
    qtbot.mouseClick(dialog.form.statuses["in-progress"], LEFT)
    assert dialog.preview.text() == "4 documents, 6 spans — claim 2 · denial 2 · demand 1 · quote 1"
    dialog.form.labels.item(1).setCheckState(Qt.CheckState.Unchecked)  # denial
    assert dialog.preview.text() == "4 documents, 4 spans — claim 2 · demand 1 · quote 1"
    dialog.form.sources.setText("wire")
    assert dialog.preview.text().startswith("2 documents, 2 spans")


def test_nothing_matching_names_the_statuses_holding_spans(qtbot, stored, dialog_on):
    dialog = dialog_on(stored)
    qtbot.mouseClick(dialog.form.statuses["done"], LEFT)
    qtbot.mouseClick(dialog.form.statuses["skipped"], LEFT)  # no document is skipped
    dialog.form.output.setText("/tmp/never-written.jsonl")
    assert dialog.preview.text().startswith("0 documents, 0 spans")
    assert "marked in-progress (1 span), done (5 spans)." in dialog.preview.text()
    assert not dialog.export_button.isEnabled()


def test_the_form_stays_put_when_the_advice_below_it_shrinks(qtbot, stored, dialog_on):
    dialog = dialog_on(stored)
    qtbot.mouseClick(dialog.form.statuses["done"], LEFT)  # nothing matches: two lines of advice
    dialog.resize(dialog.width(), dialog.sizeHint().height())
    QApplication.processEvents()
    rows = [dialog.form.output.mapTo(dialog, dialog.form.output.rect().topLeft()),
            dialog.form.statuses["new"].mapTo(dialog, dialog.form.statuses["new"].rect().topLeft())]
    qtbot.mouseClick(dialog.form.statuses["done"], LEFT)  # one line again
    QApplication.processEvents()
    assert [dialog.form.output.mapTo(dialog, dialog.form.output.rect().topLeft()),
            dialog.form.statuses["new"].mapTo(dialog, dialog.form.statuses["new"].rect().topLeft())
            ] == rows  # the fields did not move under the pointer


def test_export_waits_for_an_output_and_a_valid_date(qtbot, stored, dialog_on, tmp_path):
    dialog = dialog_on(stored)
    assert not dialog.export_button.isEnabled()
    dialog.form.output.setText(str(tmp_path / "out.jsonl"))
    assert dialog.export_button.isEnabled()
    dialog.form.since.setText("2024-02-30")
    assert "not a date" in dialog.preview.text() and not dialog.export_button.isEnabled()
    dialog.form.since.setText("2024-02-29")
    assert not dialog.export_button.isEnabled()  # no document has a publication date
    dialog.form.since.clear()
    assert dialog.export_button.isEnabled()


def test_jsonl_export_in_the_background_writes_the_file_and_its_manifest(qtbot, stored, dialog_on,
                                                                         tmp_path):
    dialog = dialog_on(stored)
    dialog.form.format.setCurrentText("jsonl")
    out = tmp_path / "data.jsonl"
    message = export_and_wait(qtbot, dialog, out)
    assert message.icon() == QMessageBox.Icon.Information
    assert message.textFormat() == Qt.TextFormat.PlainText
    assert "Exported 3 documents and 5 spans" in message.text()
    assert f"Manifest: {out}.manifest.json" in message.text()
    assert len(lines(out)) == 3
    manifest = json.loads((tmp_path / "data.jsonl.manifest.json").read_text("utf-8"))
    assert manifest["counts"]["all"]["documents"] == 3 and manifest["filters"]["status"] == ["done"]


def test_a_slow_export_runs_off_the_gui_thread_with_progress(qtbot, stored, dialog_on, tmp_path,
                                                             monkeypatch):
    real_export, release, seen = export_dialog.export, threading.Event(), {}

    def slow(project, request, progress=None):
        seen["thread"] = threading.current_thread()
        seen["own connection"] = project is not stored
        progress(1, 2)
        release.wait(10)  # until the test has seen the progress dialog
        return real_export(project, request, progress)
    monkeypatch.setattr(export_dialog, "export", slow)
    dialog = dialog_on(stored)
    dialog.form.output.setText(str(tmp_path / "slow.jsonl"))
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert dialog.busy() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.isVisible() and dialog.progress.maximum() == 2)
    dialog.reject()  # refused while the worker still has to report
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: dialog.message is not None and not dialog.busy(), timeout=10_000)
    assert seen == {"thread": seen["thread"], "own connection": True}
    assert seen["thread"] is not threading.main_thread()
    assert dialog.message.icon() == QMessageBox.Icon.Information


def test_a_split_export_writes_a_folder(qtbot, stored, dialog_on, tmp_path):
    dialog = dialog_on(stored)
    qtbot.mouseClick(dialog.form.statuses["in-progress"], LEFT)
    dialog.form.split.setCurrentText("80/20")
    assert dialog.form.seed.isEnabled() and dialog.form.group_by.isEnabled()
    out = tmp_path / "splits"
    message = export_and_wait(qtbot, dialog, out)
    assert message.icon() == QMessageBox.Icon.Information, message.text()
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "test.jsonl", "train.jsonl"]
    assert len(lines(out / "train.jsonl")) + len(lines(out / "test.jsonl")) == 4
    assert "train:" in message.text() and "test:" in message.text()


def test_an_impossible_export_shows_why_and_writes_nothing(qtbot, stored, dialog_on, tmp_path):
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_text("precious")
    before = sorted(p.name for p in tmp_path.iterdir())
    dialog = dialog_on(stored)
    dialog.form.split.setCurrentText("80/20")
    message = export_and_wait(qtbot, dialog, folder)
    assert message.icon() == QMessageBox.Icon.Warning
    assert message.textFormat() == Qt.TextFormat.PlainText
    assert "not an earlier annotator export" in message.text()
    assert "Traceback" not in message.text()
    assert sorted(p.name for p in folder.iterdir()) == ["chapter1.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_unexpected_failure_is_reported_and_logged(qtbot, stored, dialog_on, tmp_path,
                                                      monkeypatch, capfd):
    def broken(project, request, progress=None):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(export_dialog, "export", broken)
    dialog = dialog_on(stored)
    message = export_and_wait(qtbot, dialog, tmp_path / "x.jsonl")
    assert message.icon() == QMessageBox.Icon.Critical
    assert message.text() == "export failed: disk on fire; nothing was written"
    assert "RuntimeError: disk on fire" in capfd.readouterr().err


def test_enter_after_typing_the_output_exports_and_opens_no_file_chooser(
        qtbot, stored, dialog_on, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: asked.append(args) or "")
    dialog = dialog_on(stored)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.form.statuses["in-progress"], LEFT)  # as an analyst does first
    out = tmp_path / "typed.jsonl"
    qtbot.mouseClick(dialog.form.output, LEFT)
    qtbot.keyClick(dialog.form.output, Qt.Key.Key_Return)  # no output yet: Enter does nothing
    assert dialog.isVisible() and dialog.message is None
    qtbot.keyClicks(dialog.form.output, str(out))
    qtbot.keyClick(dialog.form.output, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message is not None and not dialog.busy(), timeout=10_000)
    assert asked == []  # Enter used to press "Choose…", the button the dialog opened on
    assert len(lines(out)) == 4 and dialog.isVisible()


def test_a_project_in_memory_exports_in_the_gui_thread(qtbot, project, dialog_on, tmp_path):
    add_article(project, "Ana said no.", [(0, 12, "quote")])
    dialog = dialog_on(project)
    qtbot.mouseClick(dialog.form.statuses["in-progress"], LEFT)
    out = tmp_path / "memory.jsonl"
    dialog.form.output.setText(str(out))
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert dialog.message.icon() == QMessageBox.Icon.Information  # done before the click returned
    assert len(lines(out)) == 1


def test_choose_offers_a_file_or_a_new_folder_inside_the_chosen_one(qtbot, stored, dialog_on,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: str(tmp_path / "picked"))
    monkeypatch.setattr(file_dialogs, "existing_folder", lambda *args: str(tmp_path))
    dialog = dialog_on(stored)
    qtbot.mouseClick(dialog.form.choose, LEFT)
    assert dialog.form.output.text() == str(tmp_path / "picked.jsonl")
    dialog.form.split.setCurrentText("80/10/10")
    qtbot.mouseClick(dialog.form.choose, LEFT)
    assert dialog.form.output.text() == str(tmp_path / "news-jsonl-split")


def test_options_follow_the_format(qtbot, stored, dialog_on):
    dialog = dialog_on(stored)  # held: the form dies with it
    form = dialog.form
    for fmt, unit, alignment, variant in [("jsonl", True, False, False),
                                          ("spacy", False, True, False),
                                          ("doccano", True, False, True),
                                          ("brat", False, False, False)]:
        form.format.setCurrentText(fmt)
        assert (form.offset_unit.isEnabled(), form.alignment.isEnabled(),
                form.doccano_variant.isEnabled()) == (unit, alignment, variant), fmt
        assert form.format_note.text() and form.format_note.textFormat() == Qt.TextFormat.PlainText
    assert form.writes_folder()  # brat


def test_ctrl_e_opens_the_dialog_from_the_window(qtbot, stored):
    window = MainWindow(stored)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # window shortcuts need an active window
    qtbot.waitUntil(lambda: (QApplication.processEvents(), window.isActiveWindow())[1])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "export_window", None) is not None
                    and window.export_window.isVisible())
    assert window.export_window.preview.text().startswith("3 documents, 5 spans")
    window.export_window.reject()


def test_doccano_starts_at_doccanos_unit_and_warns_when_code_points_are_chosen(
        qtbot, project, dialog_on, tmp_path):
    text = 'Fans 😀 chanted "Go home" at the minister.'
    add_article(project, text, [(15, 24, "quote")])
    dialog = dialog_on(project)
    qtbot.mouseClick(dialog.form.statuses["in-progress"], LEFT)
    dialog.form.format.setCurrentText("doccano")
    assert dialog.form.offset_unit.currentText() == "utf16"  # what doccano counts
    out = tmp_path / "d.jsonl"
    message = export_and_wait(qtbot, dialog, out)
    assert lines(out)[0]["label"] == [[16, 25, "quote"]] and "Note:" not in message.text()

    dialog.form.offset_unit.setCurrentText("codepoint")
    message = export_and_wait(qtbot, dialog, tmp_path / "c.jsonl")
    assert "Note: offsets count code points, as asked" in message.text()
    assert "--offset-unit utf16" in message.text()
    dialog.form.format.setCurrentText("label-studio")  # Label Studio counts code points
    assert dialog.form.offset_unit.currentText() == "codepoint"


def test_each_alt_letter_reaches_its_field(qtbot, stored, dialog_on):
    """Alt+O went to Sources (both had O); Alt+P and Alt+T named a row of fields, which
    takes no focus, and did nothing."""
    dialog = dialog_on(stored)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    form = dialog.form
    form.format.setFocus()
    qtbot.waitUntil(form.format.hasFocus)
    for letter, field in (("O", form.output), ("R", form.sources), ("P", form.since),
                          ("T", form.split)):
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"),
                       Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field, letter
    assert form.since.accessibleName() == "Published from"


def test_the_gold_layer_says_what_it_leaves_out_and_what_is_unsettled(qtbot, stored, dialog_on,
                                                                      tmp_path):
    from annotator.core.layers import GOLD
    from annotator.core.model import make_span

    first = stored.first_document_id()  # adjudicated in part: the claim in gold, bo's denial open
    text = stored.document_text(first)
    stored.add_span(first, make_span(text, 3, 15, "claim", annotator=GOLD))
    stored.add_span(first, make_span(text, 16, 22, "denial", annotator="bo"))
    dialog = dialog_on(stored)
    dialog.form.layer.setCurrentIndex(dialog.form.layer.findData(GOLD))
    left_out = "2 documents nobody has adjudicated (no gold span, no decision) left out"
    assert dialog.preview.text() == ("1 document, 1 span — claim 1 · denial 0 · demand 0 · "
                                     f"quote 0\n{left_out}.")
    message = export_and_wait(qtbot, dialog, tmp_path / "gold.jsonl")
    assert message.icon() == QMessageBox.Icon.Information
    assert f"Note: {left_out}: the gold layer says nothing about them yet" in message.text()
    assert (f"Note: 1 cluster not settled yet in 1 document exported, where gold may lack "
            "spans the annotators marked (settle them in View → Adjudicate): document "
            f"{first} (Story 0): 1") in message.text()
    assert [record["title"] for record in lines(tmp_path / "gold.jsonl")] == ["Story 0"]
