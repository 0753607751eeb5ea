"""The attribution panel: shows the selected span, commits an edit only when a field is left."""
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget

from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession
from annotator.ui.attribution_panel import HINT, AttributionPanel

TEXT = "Le Drian said Iran must stop. Tehran denied <b>it</b> <img src=x>."
NOTE = "<b>x</b> <img src=x>\nsecond line"


@pytest.fixture
def session(project):
    spans = [make_span(TEXT, 0, 29, "claim", speaker="Le Drian", cue="said"),
             make_span(TEXT, 30, len(TEXT), "denial", note=NOTE)]
    document = project.add_document(Document(text=TEXT), spans)
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    return session


@pytest.fixture
def show(qtbot, project):
    """Show a widget as the active window; leave its focused field and close it while
    the project is still open (leaving a field commits what was typed in it)."""
    shown = []

    def show_widget(widget, size=None):
        qtbot.addWidget(widget)
        if size:
            widget.resize(*size)
        widget.show()
        widget.activateWindow()
        qtbot.waitActive(widget)
        shown.append(widget)
        return widget

    yield show_widget
    for widget in shown:
        if widget.focusWidget() is not None:
            widget.focusWidget().clearFocus()
        widget.close()


@pytest.fixture
def panel(show, session):
    return show(AttributionPanel(session))


def span_id(session, label):
    return next(s.id for s in session.index if s.label == label)


def undo_depth(session):
    return len(session.history._undo)


def field(panel, name):
    return panel.fields[name]


def focus(qtbot, widget):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_without_a_selection_the_fields_are_disabled_and_empty(panel):
    assert panel.hint.isVisible() and panel.hint.text() == HINT
    assert not panel.span_text.isVisible()
    for name in ("speaker", "target", "cue"):
        assert not field(panel, name).isEnabled() and field(panel, name).text() == ""
    assert not field(panel, "note").isEnabled() and field(panel, "note").toPlainText() == ""


def test_selecting_a_span_shows_its_values_without_writing(panel, session):
    session.select(span_id(session, "claim"))
    assert field(panel, "speaker").text() == "Le Drian"
    assert field(panel, "cue").text() == "said"
    assert field(panel, "target").text() == ""
    assert all(f.isEnabled() for f in panel.fields.values())
    assert panel.label_name.text() == "claim"
    assert panel.span_text.full_text() == TEXT[0:29]
    assert not panel.hint.isVisible() and panel.swatch.isVisible()
    session.select(span_id(session, "denial"))
    assert field(panel, "speaker").text() == "" and field(panel, "cue").text() == ""
    assert field(panel, "note").toPlainText() == NOTE
    session.select(None)
    assert field(panel, "note").toPlainText() == "" and not field(panel, "note").isEnabled()
    assert undo_depth(session) == 0


def test_typing_a_speaker_and_enter_stores_it_as_one_undoable_edit(qtbot, panel, session):
    denial = span_id(session, "denial")
    session.select(denial)
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    qtbot.keyClicks(speaker, "Tehran")
    assert session.project.get_span(denial).speaker == ""  # nothing per keystroke
    assert undo_depth(session) == 0
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert session.project.get_span(denial).speaker == "Tehran"
    assert undo_depth(session) == 1
    session.undo()
    assert session.project.get_span(denial).speaker == ""
    assert speaker.text() == ""  # the field follows the undo


def test_leaving_a_field_with_tab_commits_it_and_moves_on(qtbot, panel, session):
    claim = span_id(session, "claim")
    session.select(claim)
    target = field(panel, "target")
    focus(qtbot, target)
    qtbot.keyClicks(target, "Iran")
    qtbot.keyClick(target, Qt.Key.Key_Tab)
    assert field(panel, "cue").hasFocus()
    assert session.project.get_span(claim).target == "Iran"
    qtbot.keyClick(field(panel, "cue"), Qt.Key.Key_Tab)
    assert field(panel, "note").hasFocus()
    assert undo_depth(session) == 1  # leaving an unchanged field writes nothing


def test_the_note_commits_on_ctrl_enter_or_when_left_not_on_enter(qtbot, panel, session):
    claim = span_id(session, "claim")
    session.select(claim)
    note = field(panel, "note")
    focus(qtbot, note)
    qtbot.keyClicks(note, "first")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "second")
    assert session.project.get_span(claim).note == ""
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.project.get_span(claim).note == "first\nsecond"
    assert note.hasFocus()
    qtbot.keyClicks(note, "!")
    focus(qtbot, field(panel, "speaker"))
    assert session.project.get_span(claim).note == "first\nsecond!"
    assert undo_depth(session) == 2


def test_the_completer_offers_speakers_already_used(qtbot, panel, session):
    session.select(span_id(session, "denial"))
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    qtbot.keyClicks(speaker, "dri")  # any case, anywhere in the name
    completer = speaker.completer()
    offered = [completer.completionModel().index(row, 0).data()
               for row in range(completer.completionModel().rowCount())]
    assert offered == ["Le Drian"]
    qtbot.waitUntil(completer.popup().isVisible)


def test_a_new_speaker_is_offered_after_it_is_used(qtbot, panel, session):
    session.select(span_id(session, "denial"))
    session.set_attribute("speaker", "Tehran")
    session.select(span_id(session, "claim"))
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    assert speaker.completer().model().stringList() == ["Le Drian", "Tehran"]


def test_markup_in_notes_and_span_text_is_shown_literally(qtbot, panel, session):
    session.select(span_id(session, "denial"))
    assert field(panel, "note").toPlainText() == NOTE
    assert panel.span_text.textFormat() == Qt.TextFormat.PlainText
    assert panel.label_name.textFormat() == Qt.TextFormat.PlainText
    assert "<b>it</b> <img src=x>" in panel.span_text.full_text()
    assert "&lt;b&gt;it&lt;/b&gt;" in panel.span_text.toolTip()


def test_a_long_span_text_is_elided_on_one_line(show, project):
    text = "word " * 200 + "\nlast"
    document = project.add_document(Document(text=text), [make_span(text, 0, len(text), "quote")])
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    panel = show(AttributionPanel(session), size=(300, 300))
    session.select(session.index.in_order()[0].id)
    shown = panel.span_text.text()
    assert shown.endswith("\u2026") and len(shown) < 100 and "\n" not in shown
    assert "\u23ce" in panel.span_text.full_text()


def test_changing_the_selection_while_typing_commits_to_the_span_typed_for(qtbot, panel, session):
    """A shortcut moves the selection with the keyboard still in the field: the text goes
    to the span it was typed for (it was dropped), never to the newly selected one."""
    claim, denial = span_id(session, "claim"), span_id(session, "denial")
    session.select(claim)
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    qtbot.keyClicks(speaker, " (minister)")
    session.select(denial)
    assert speaker.text() == ""  # the denial's own speaker
    speaker.clearFocus()
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert undo_depth(session) == 1
    assert session.project.get_span(claim).speaker == "Le Drian (minister)"
    assert session.project.get_span(denial).speaker == ""


def test_escape_gives_the_keyboard_back_to_the_text_view(qtbot, show, session):
    window = QWidget()
    view = QPlainTextEdit(window)
    view.setObjectName("annotationView")
    panel = AttributionPanel(session, window)
    layout = QHBoxLayout(window)
    layout.addWidget(view)
    layout.addWidget(panel)
    show(window)
    claim = span_id(session, "claim")
    session.select(claim)
    cue = field(panel, "cue")
    focus(qtbot, cue)
    qtbot.keyClicks(cue, "ed")
    qtbot.keyClick(cue, Qt.Key.Key_Escape)
    assert view.hasFocus()
    assert session.project.get_span(claim).cue == "saided"  # leaving commits, as Tab does


def test_escape_without_a_text_view_just_leaves_the_field(qtbot, panel, session):
    session.select(span_id(session, "claim"))
    cue = field(panel, "cue")
    focus(qtbot, cue)
    qtbot.keyClick(cue, Qt.Key.Key_Escape)
    assert not cue.hasFocus()


def test_opening_another_document_empties_the_panel(qtbot, panel, session, project):
    session.select(span_id(session, "claim"))
    other = project.add_document(Document(text="Another article."))
    session.open_document(other.id)
    assert field(panel, "speaker").text() == "" and not field(panel, "speaker").isEnabled()
    assert panel.hint.isVisible()


def test_choosing_a_completion_with_the_keyboard_stores_it(qtbot, panel, session):
    denial = span_id(session, "denial")
    session.select(denial)
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    qtbot.keyClicks(speaker, "le d")
    popup = speaker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert speaker.text() == "Le Drian"
    assert session.project.get_span(denial).speaker == "Le Drian"
    assert undo_depth(session) == 1


def test_commit_pending_saves_a_field_still_being_typed_in(qtbot, panel, session):
    claim = span_id(session, "claim")
    session.select(claim)
    cue = field(panel, "cue")
    focus(qtbot, cue)
    qtbot.keyClicks(cue, " firmly")
    panel.commit_pending()  # what the window does before a shortcut moves on
    assert session.project.get_span(claim).cue == "said firmly"
    assert undo_depth(session) == 1


def test_hiding_the_panel_commits_the_field_being_typed_in(qtbot, panel, session):
    claim = span_id(session, "claim")
    session.select(claim)
    cue = field(panel, "cue")
    focus(qtbot, cue)
    qtbot.keyClicks(cue, "!")
    panel.hide()
    assert session.project.get_span(claim).cue == "said!"


def test_spaces_around_a_name_are_not_stored(qtbot, panel, session):
    claim = span_id(session, "claim")
    session.select(claim)
    speaker = field(panel, "speaker")
    focus(qtbot, speaker)
    qtbot.keyClicks(speaker, "  ")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert undo_depth(session) == 0 and speaker.text() == "Le Drian"
    speaker.clear()
    qtbot.keyClicks(speaker, " Jean-Yves Le Drian ")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert session.project.get_span(claim).speaker == "Jean-Yves Le Drian" == speaker.text()


def test_values_an_import_gave_stay_exactly_as_stored_until_edited(qtbot, show, project):
    # A speaker with spaces around it and a note with Windows line ends, as a JSONL or
    # CSV import may store them. Committing the untouched fields (before an undo, a
    # move to the next document, an export) used to write " Zarif " as "Zarif" and the
    # note's "\r\n" as "\n": edits nobody made, each undone by the next Ctrl+Z.
    note = "line one\r\nline two\u2028line three"
    span = make_span(TEXT, 0, 29, "quote", speaker=" Zarif ", note=note)
    document = project.add_document(Document(text=TEXT, title="imported"), [span])
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    panel = show(AttributionPanel(session))
    stored = session.project.spans(document.id)[0]
    session.select(stored.id)
    focus(qtbot, field(panel, "note"))  # the caret in the note, as on its way through
    assert not panel.holds_unsaved_text()  # its "\n" is how Qt shows the stored "\r\n"

    panel.commit_pending()
    focus(qtbot, field(panel, "speaker"))
    qtbot.keyClick(field(panel, "speaker"), Qt.Key.Key_Tab)  # left without a change

    kept = session.project.get_span(stored.id)
    assert (kept.speaker, kept.note) == (" Zarif ", note)
    assert undo_depth(session) == 0
    qtbot.keyClick(field(panel, "target"), Qt.Key.Key_A)  # an edit is still an edit
    panel.commit_pending()
    assert session.project.get_span(stored.id).target == "a" and undo_depth(session) == 1
    assert session.project.get_span(stored.id).note == note


def test_the_notes_own_context_menu_does_not_finish_the_edit(qtbot, panel, session):
    """Every focus-out committed: the menu's too, giving two undo steps for one note."""
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication
    note = field(panel, "note")
    finished = []
    note.editing_finished.connect(lambda: finished.append(True))
    QApplication.sendEvent(note, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.PopupFocusReason))
    assert finished == []
    QApplication.sendEvent(note, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    assert finished == [True]
