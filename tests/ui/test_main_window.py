import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.paths import seeds_dir
from annotator.ui.main_window import MainWindow
from annotator.ui.shortcuts_dialog import attribution_keys

from .conftest import active_window, add_article, expected_spans, tricky_text

PARAGRAPH = "\u2029"
TRICKY_STEMS = sorted(expected_spans())  # the tricky files that decode as UTF-8


def as_paragraphs(text: str) -> str:
    """What a QTextDocument holds for ``text``: every CRLF, CR and LF becomes one
    U+2029 (U+2028 and U+2029 stay as they are)."""
    return text.replace("\r\n", PARAGRAPH).replace("\r", PARAGRAPH).replace("\n", PARAGRAPH)


def as_plain_text(text: str) -> str:
    """What ``toPlainText()`` returns for ``text``: all line breaks as LF, and
    (measured, not in QT_TEXT_FACTS.md) no-break spaces as plain spaces."""
    for separator in ("\r\n", "\r", "\u2028", "\u2029"):
        text = text.replace(separator, "\n")
    return text.replace("\u00a0", " ")


def open_window(qtbot, project, document_id=None) -> MainWindow:
    window = MainWindow(project, document_id)
    qtbot.addWidget(window)
    return window


def tricky_window(qtbot, project, stem):
    text = tricky_text(stem)
    spans = [(start, end, label) for start, end, label, _ in expected_spans()[stem]["spans"]]
    document = add_article(project, text, spans, title=stem)
    return open_window(qtbot, project), document


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_the_text_is_shown_exactly(qtbot, project, stem):
    window, document = tricky_window(qtbot, project, stem)
    view = window.view
    assert view.document().toRawText() == as_paragraphs(document.text)
    assert view.toPlainText() == as_plain_text(document.text)


def shown_text(view, span) -> str:
    """What the view holds between a span's offsets, mapped at the widget edge."""
    view.set_selection(span.start, span.end)
    return view.textCursor().selectedText()


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_each_span_maps_to_exactly_its_text_in_the_view(qtbot, project, stem):
    window, document = tricky_window(qtbot, project, stem)
    spans = project.spans(document.id)
    assert len(spans) == len(expected_spans()[stem]["spans"])
    for span in spans:
        assert as_paragraphs(shown_text(window.view, span)) == as_paragraphs(span.text)


def test_spans_cross_every_kind_of_line_break(qtbot, project):
    text = "a😀\r\nb\rc\nd\u2028e\u2029f 👩\u200d👧 g"
    document = add_article(project, text, [(0, len(text), "quote"), (1, 6, "claim"),
                                           (6, 10, "demand"), (12, 15, "denial")])
    window = open_window(qtbot, project)
    for span in project.spans(document.id):
        assert as_paragraphs(shown_text(window.view, span)) == as_paragraphs(span.text)


def test_the_seed_article_paints_all_its_nested_spans(qtbot, project):
    seed = json.loads((seeds_dir() / "seed_example_annotations.jsonl").read_text("utf-8"))
    spans = [(s["start"], s["end"], s["label"]) for s in seed["spans"]]
    document = add_article(project, seed["text"], spans, title=seed["meta"]["title"])
    window = open_window(qtbot, project)
    assert len(window.session.index) == 17
    for span in project.spans(document.id):
        assert as_paragraphs(shown_text(window.view, span)) == as_paragraphs(span.text)


def test_a_span_is_painted_in_its_label_colour(qtbot, project):
    add_article(project, "He firmly denied it all.", [(10, 16, "denial")])
    window = open_window(qtbot, project)
    window.show()
    qtbot.waitExposed(window)
    view = window.view
    view.clear_selection()
    image = view.viewport().grab().toImage()
    rect = view.cursorRect(view.textCursor())  # caret at the start: find the span's line
    view.set_selection(10, 16)
    first = view.cursorRect(view.textCursor())
    view.clear_selection()
    y = first.center().y()
    xs = range(max(0, first.x() - 60), first.x() + 1)
    tinted = [QColor(image.pixel(x, y)) for x in xs]
    assert any(c.red() > c.blue() + 20 for c in tinted), "no reddish denial tint under the span"
    assert rect.isValid()


def test_title_and_metadata_are_plain_text(qtbot, project):
    add_article(project, "Body.", title="<b>bold</b>", source="<i>Wire</i>",
                url="https://example.org/a?x=1&y=2", published="2024-05-01")
    window = open_window(qtbot, project)
    header = window.header
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert header.metadata.textFormat() == Qt.TextFormat.PlainText
    assert header.title.text() == "<b>bold</b>"
    isolated = [f"\u2068{part}\u2069" for part in ("<i>Wire</i>", "2024-05-01",
                                                    "https://example.org/a?x=1&y=2")]
    assert header.metadata.text() == " · ".join(isolated)
    assert window.windowTitle() == "annotator — <b>bold</b> — unsaved project"


def test_window_title_names_the_project_file(qtbot, tmp_path):
    from annotator.store import Project

    project = Project.open(tmp_path / "news.annotator")
    try:
        add_article(project, "Text.", title="Talks stall")
        assert open_window(qtbot, project).windowTitle() == "annotator — Talks stall — news.annotator"
    finally:
        project.close()


def test_typing_does_not_change_the_text(qtbot, project):
    add_article(project, "Read me.\r\nTwice.")
    window = open_window(qtbot, project)
    before = window.view.document().toRawText()
    qtbot.keyClicks(window.view, "xyz")
    qtbot.keyClick(window.view, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window, "abc")
    assert window.view.isReadOnly()
    assert window.view.document().toRawText() == before


def test_the_label_bar_counts_spans_of_this_document(qtbot, project):
    text = "A said B; C denied D; E said F."
    add_article(project, "Other.", [(0, 5, "quote")])
    add_article(project, text, [(0, 8, "claim"), (10, 20, "denial"), (22, 30, "claim")])
    window = open_window(qtbot, project, document_id=2)
    shown = {name: button.text() for name, button in window.label_bar.buttons.items()}
    assert shown == {"claim": "claim  1 · 2", "denial": "denial  2 · 1",
                     "demand": "demand  3 · 0", "quote": "quote  4 · 0"}


def test_opens_the_last_read_document_else_the_first(qtbot, project):
    add_article(project, "First.", title="one")
    add_article(project, "Second.", title="two")
    assert open_window(qtbot, project).session.document.title == "one"
    project.set_setting("last_document", "2")
    assert open_window(qtbot, project).session.document.title == "two"
    project.set_setting("last_document", "99")  # deleted since
    assert open_window(qtbot, project).session.document.title == "one"


def test_showing_a_document_remembers_it(qtbot, project):
    add_article(project, "First.")
    add_article(project, "Second.")
    open_window(qtbot, project).open_document(2)
    qtbot.waitUntil(lambda: project.setting("last_document") == "2")  # written after the paint


def test_an_empty_project_shows_a_hint(qtbot, project):
    window = open_window(qtbot, project)
    assert window.session.document is None
    assert window.header.title.text() == "No documents"
    assert window.view.toPlainText() == ""
    assert window.windowTitle() == "annotator — unsaved project"


def test_the_window_paints(qtbot, project):
    add_article(project, "Painted 😀 text.", [(0, 7, "claim")])
    window = open_window(qtbot, project)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    assert not image.isNull()
    assert QColor(image.pixel(5, image.height() - 5)).isValid()


def test_an_unreadable_label_colour_falls_back_to_grey():
    from annotator.ui.span_painter import label_colour
    assert label_colour("not a colour").name().upper() == "#9AA0A6"
    assert label_colour("#E8684C", 80).alpha() == 80


def test_the_project_writer_is_ready_soon_after_the_first_paint(qtbot, tmp_path):
    # sqlite-utils stays out of the start-up; the window has it loaded before the
    # analyst's first label (Project.db, MainWindow._after_opening)
    from annotator.store import Project
    project = Project.open(tmp_path / "p.annotator")
    add_article(project, "Zarif said no.", [])
    project.close()
    project = Project.open(tmp_path / "p.annotator")
    window = open_window(qtbot, project)
    window.show()
    assert project._db is None
    qtbot.waitUntil(lambda: project._db is not None, timeout=3000)
    window.close()
    project.close()


def test_a_project_on_a_network_drive_is_marked_in_the_status_bar(qtbot, tmp_path, monkeypatch):
    from annotator.store import Project
    from annotator.ui import network_notice
    monkeypatch.setattr(network_notice, "network_filesystem", lambda path: "nfs4")
    project = Project.open(tmp_path / "p.annotator")
    window = open_window(qtbot, project)
    window.show()
    qtbot.waitUntil(lambda: window.network_notice is not None, timeout=3000)
    notice = window.network_notice
    assert notice is not None and notice.text() == "\u26a0 On a network drive (nfs4)"
    assert "one computer at a time" in notice.toolTip()
    assert "network drive" in window.statusBar().currentMessage()
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    box = window.network_explanation
    assert box.isVisible() and "two computers writing to it at once" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    window.close()
    project.close()


def test_a_project_on_a_local_disk_has_no_network_mark(qtbot, tmp_path, monkeypatch):
    from annotator.store import Project
    from annotator.ui import main_window
    asked = []
    real = main_window.show_network_notice
    monkeypatch.setattr(main_window, "show_network_notice",
                        lambda window: asked.append(window) or real(window))
    project = Project.open(tmp_path / "p.annotator")  # on this machine's local disk
    window = open_window(qtbot, project)
    window.show()
    qtbot.waitUntil(lambda: asked == [window], timeout=3000)
    assert window.network_notice is None
    window.close()
    project.close()


def test_the_rest_of_the_spans_and_the_place_wait_for_the_first_paint_of_a_shown_window(
        qtbot, project):
    # A zero timer set while the window is built fires before its first paint: the
    # work meant for after it (the rest of a long document's spans, remembering the
    # document, a write) would hold the paint back.
    document = add_article(project, "Le Drian said Iran should address concerns.",
                           [(0, 8, "claim")])
    window = open_window(qtbot, project)
    happened = []
    window.view.document_painted.connect(lambda: happened.append("painted"))
    load_rest = window.session.load_rest
    window.session.load_rest = lambda: happened.append("rest") or load_rest()
    window.show()
    qtbot.waitUntil(lambda: "rest" in happened)
    assert happened == ["painted", "rest"]
    assert project.setting("last_document") == str(document.id)


def test_a_window_never_shown_still_loads_the_rest_and_remembers_the_place(qtbot, project):
    document = add_article(project, "Zarif countered.", [(0, 5, "claim")])
    window = open_window(qtbot, project)
    loaded = []
    load_rest = window.session.load_rest
    window.session.load_rest = lambda: loaded.append(True) or load_rest()
    qtbot.waitUntil(lambda: loaded == [True])
    assert not window.view.shown_document_painted
    assert project.setting("last_document") == str(document.id)


@pytest.mark.parametrize("keys, name", [("S", "speaker"), ("T", "target"), ("U", "cue"),
                                         ("N", "note")])
def test_after_labelling_with_a_key_alt_and_a_letter_reaches_each_attribution_field(
        qtbot, project, keys, name):
    # the keyboard route F1 names: label, Alt+S, type the speaker, Enter, Esc
    add_article(project, "Zarif said talks must resume.", [])
    window = active_window(qtbot, project)
    view = window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert window.session.selected is not None  # the new span, ready for its attribution
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{keys}"), Qt.KeyboardModifier.AltModifier)
    field = window.attribution.fields[name]
    qtbot.waitUntil(field.hasFocus)
    (letters, fields), *_rest = attribution_keys()  # what F1 says, word by word
    assert f"Alt+{keys}" in letters.split(" / ") and name in fields


def test_ctrl_enter_in_the_note_saves_it_and_stays_on_the_document(qtbot, project):
    """The note's own Ctrl+Enter ("to save") is not the window's Mark done and go to next."""
    first = add_article(project, "Zarif said talks must resume.", [(0, 5, "quote")])
    add_article(project, "A second article.", [])
    window = active_window(qtbot, project)
    window.open_document(first.id)
    qtbot.keyClick(window.view, "]")
    note = window.attribution.fields["note"]
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "check the figure")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == first.id
    assert project.document(first.id).status != "done"
    assert project.spans(first.id)[0].note == "check the figure"
    assert note.hasFocus()
    window.view.setFocus()  # elsewhere, the window's Ctrl+Enter still marks done
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert project.document(first.id).status == "done"


@pytest.mark.parametrize("then", ["label button", "redo"])
def test_a_typed_speaker_is_kept_when_a_label_button_or_redo_comes_next(qtbot, project, then):
    """Tool buttons and Edit → Redo take no focus from the field: its text was wiped
    when the span changed under it, and never stored."""
    document = add_article(project, "Zarif said talks must resume.", [(11, 28, "quote")])
    window = active_window(qtbot, project)
    window.session.select(next(iter(window.session.index)).id)
    if then == "redo":
        window.session.relabel("claim")
        window.session.undo()
    speaker = window.attribution.fields["speaker"]
    speaker.setFocus()
    qtbot.waitUntil(speaker.hasFocus)
    qtbot.keyClicks(speaker, "Zarif")
    if then == "label button":
        qtbot.mouseClick(window.label_bar.buttons["claim"], Qt.MouseButton.LeftButton)
    else:
        window.actions_by_name["redo"].trigger()
    [span] = project.spans(document.id)
    assert span.speaker == "Zarif" and speaker.text() == "Zarif"
    if then == "label button":
        assert span.label == "claim"
        window.session.undo()  # the label first, then the speaker: each its own step
        assert project.spans(document.id)[0].speaker == "Zarif"
    else:  # the typed speaker is an edit, made first: as in any editor, nothing is left to redo
        assert span.label == "quote"


def test_mark_done_and_next_documents_in_an_empty_project_say_so(qtbot, project):
    """Go → Mark done (Ctrl+Enter) with no document raised an AttributeError."""
    window = open_window(qtbot, project)
    for name in ("done", "next", "previous"):
        window.actions_by_name[name].trigger()
        assert "went wrong" not in window.statusBar().currentMessage()
    window.actions_by_name["done"].trigger()
    assert window.statusBar().currentMessage() == "No document is open to mark done"


@pytest.mark.parametrize("view_name", ["statistics", "agreement"])
def test_statistics_and_agreement_windows_close_with_escape_or_ctrl_w(qtbot, project, view_name):
    """Neither has a Close button; Esc and Ctrl+W left them open. (Offscreen, a second
    window cannot be made active for a real key press: the window's own action is
    checked and triggered.)"""
    from PySide6.QtGui import QKeySequence
    add_article(project, "Zarif said talks must resume.", [(0, 5, "quote")])
    window = active_window(qtbot, project)
    window.actions_by_name[view_name].trigger()
    view = window.statistics if view_name == "statistics" else window.agreement_view
    qtbot.waitUntil(view.isVisible)
    [close] = [action for action in view.actions() if action.text() == "Close"]
    keys = {key.toString() for key in close.shortcuts()}
    platform = {key.toString() for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close)}
    assert keys == {"Esc", *platform} and "Ctrl+W" in keys  # Ctrl+F4 alone, on Linux
    assert close.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    close.trigger()
    assert not view.isVisible()
