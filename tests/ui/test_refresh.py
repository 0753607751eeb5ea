"""The window shows what another program writes to its project, when it is activated
and while it is shown, without losing its place, its selection or half-typed text."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.window_refresh import POLL_MS

from .conftest import add_article
from .test_annotation_view import LEFT, point_of

LINES = [f"Line {n}: the minister said the harbour would reopen in spring." for n in range(200)]
TEXT = "\n".join(LINES)


def line_span(n: int, label: str = "claim"):
    start = TEXT.index(LINES[n])
    return make_span(TEXT, start, start + len(f"Line {n}"), label)


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), widget.isActiveWindow())[1])


@pytest.fixture
def path(tmp_path):
    return tmp_path / "shared.annotator"


@pytest.fixture
def own(path):
    project = Project.open(path)
    yield project
    if not project.closed:
        project.close()


@pytest.fixture
def elsewhere(path, own):
    """Another program's connection to the same project file."""
    project = Project.open(path)
    yield project
    project.close()


@pytest.fixture
def window_on(qtbot, own):
    def make() -> MainWindow:
        window = MainWindow(own)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        activate(qtbot, window)
        window.view.setFocus()
        return window
    return make


def click_span(qtbot, window, span) -> None:
    window.view.scroll_to_span(span.id)
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=point_of(window.view, span.start + 1))


def test_on_activation_the_window_shows_what_another_program_added_and_keeps_its_place(
        qtbot, own, elsewhere, window_on, tmp_path):
    document = add_article(own, TEXT, [(line_span(100).start, line_span(100).end, "claim")])
    mine = own.spans(document.id)[0]
    window = window_on()
    click_span(qtbot, window, mine)
    assert window.session.selected_id == mine.id
    scroll = window.view.verticalScrollBar().value()
    assert scroll > 0
    other_window = QWidget()
    qtbot.addWidget(other_window)
    other_window.show()
    activate(qtbot, other_window)  # the analyst switches to the terminal, say

    theirs = elsewhere.add_span(document.id, line_span(102, "quote"))
    elsewhere.add_document(Document(text="An article imported from the command line.",
                                    title="From elsewhere"))
    assert window.session.index.get(theirs.id) is None  # not yet: nobody looked
    activate(qtbot, window)

    assert window.session.index.get(theirs.id) == theirs
    assert window.session.selected_id == mine.id and window.view.painter.selected_id == mine.id
    assert window.view.verticalScrollBar().value() == scroll
    assert window.corpus.navigator.model.rowCount() == 2
    assert window.position_label.text().startswith("document 1 of 2")
    spans = window.span_list.model
    assert [spans.span_at(row).id for row in range(spans.rowCount())] == [mine.id, theirs.id]
    window.grab().save(str(tmp_path / "refreshed.png"))


def in_the_speaker_field(qtbot, own, window_on, speaker=""):
    """A window on an article with one claim (its speaker ``speaker``), the claim
    clicked and the analyst's caret in its Speaker field: (window, claim, field)."""
    document = add_article(own, TEXT, [(line_span(3).start, line_span(3).end, "claim")])
    mine = own.change_span(own.spans(document.id)[0].id, speaker=speaker)
    window = window_on()
    click_span(qtbot, window, mine)
    field = window.attribution.fields["speaker"]
    qtbot.mouseClick(field, LEFT)
    return window, mine, field


def test_a_poll_waits_while_the_analyst_types_and_both_edits_are_kept(
        qtbot, own, elsewhere, window_on):
    window, mine, speaker = in_the_speaker_field(qtbot, own, window_on)
    qtbot.keyClicks(speaker, "Le Dr")
    elsewhere.change_span(mine.id, note="checked in the other window")

    window.refresher.poll()  # the analyst is typing: not now
    assert speaker.text() == "Le Dr"
    assert window.session.selected.note == ""
    qtbot.keyClick(speaker, Qt.Key.Key_Escape)  # leaving the field commits it
    window.refresher.poll()

    stored = own.get_span(mine.id)
    assert (stored.speaker, stored.note) == ("Le Dr", "checked in the other window")
    assert window.attribution.fields["note"].toPlainText() == "checked in the other window"
    assert speaker.text() == "Le Dr"


def test_a_poll_goes_on_while_the_focus_rests_in_a_committed_field(
        qtbot, own, elsewhere, window_on):
    # The analyst types a speaker, presses Enter and reads on, the focus left in the
    # field: the window used to skip every poll until the focus moved.
    window, mine, speaker = in_the_speaker_field(qtbot, own, window_on)
    qtbot.keyClicks(speaker, "Le Drian")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert own.get_span(mine.id).speaker == "Le Drian" and speaker.hasFocus()
    elsewhere.add_document(Document("An imported text.", title="Another article"))
    elsewhere.change_span(mine.id, note="checked in the other window")

    window.refresher.poll()

    assert window.corpus.navigator.model.rowCount() == 2
    assert window.position_label.text().startswith("document 1 of 2")
    assert window.attribution.fields["note"].toPlainText() == "checked in the other window"
    assert speaker.text() == "Le Drian" and speaker.hasFocus()


def test_a_space_typed_after_a_committed_name_holds_the_poll_back(
        qtbot, own, elsewhere, window_on):
    window, mine, speaker = in_the_speaker_field(qtbot, own, window_on, speaker="Jean")
    qtbot.keyClick(speaker, Qt.Key.Key_End)
    qtbot.keyClick(speaker, Qt.Key.Key_Space)  # "Jean-Yves" is on its way, or "Jean Dupont"
    elsewhere.change_span(mine.id, note="checked")

    window.refresher.poll()  # the stored "Jean" shown again would swallow the space

    assert speaker.text() == "Jean "
    qtbot.keyClicks(speaker, "Dupont")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    window.refresher.poll()
    stored = own.get_span(mine.id)
    assert (stored.speaker, stored.note) == ("Jean Dupont", "checked")


def test_the_window_polls_while_it_is_shown(qtbot, own, elsewhere, window_on):
    document = add_article(own, TEXT)
    window = window_on()
    theirs = elsewhere.add_span(document.id, line_span(0, "demand"))
    qtbot.waitUntil(lambda: theirs.id in window.session.index, timeout=3 * POLL_MS)
    assert window.session.counts()["demand"] == 1


def test_undo_of_a_span_another_program_deleted_says_why_in_the_status_bar(
        qtbot, own, elsewhere, window_on):
    add_article(own, TEXT)
    window = window_on()
    span = line_span(1)
    made = window.session.label_selection(span.start, span.end, "claim")
    elsewhere.remove_span(made.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Cannot undo label claim" in window.statusBar().currentMessage()
    assert "another program" in window.statusBar().currentMessage()
    assert made.id not in window.session.index
    assert window.session.selected is None


def test_an_empty_window_opens_the_first_document_another_program_imports(
        qtbot, own, elsewhere, window_on):
    window = window_on()
    assert window.session.document is None
    elsewhere.add_document(Document(text="The first article.", title="First"))
    window.refresher.poll()
    assert window.session.document.title == "First"
    assert window.corpus.navigator.model.rowCount() == 1
