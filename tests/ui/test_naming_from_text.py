"""Who said it, read off the text: with a span selected, words dragged over elsewhere become
its speaker, target or cue (S, T, U in the label popup, in the text, or the right-click
menu), as one undoable edit. Real mouse and key events."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.context_menu import build_menu

from .test_annotation_view import LEFT, drag, point_of, saved, window_on  # noqa: F401 (a fixture)

TEXT = ('"The water is clean," the harbour master\nsaid on Monday. '
        "Fishermen denied it to the port authority.")
QUOTE = TEXT.index('"The'), TEXT.index(",") + 2
MASTER = TEXT.index("harbour"), TEXT.index("\nsaid")
CTRL = Qt.KeyboardModifier.ControlModifier


def double_click(qtbot, view, index):
    """What a mouse sends: a click, then the double click (QTest's alone skips the first)."""
    point = point_of(view, index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)


def labelled_quote(qtbot, window):
    drag(qtbot, window.view, *QUOTE)
    qtbot.keyClick(window.popup, "4")
    assert window.session.selected.label == "quote"
    return window.session.selected.id


def speaker_of(window, span_id):
    return window.project.get_span(span_id).speaker


def test_drag_over_the_speaker_then_s_in_the_popup(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    quote = labelled_quote(qtbot, window)
    drag(qtbot, window.view, *MASTER)
    popup = window.popup
    assert set(popup.naming_buttons) == {"speaker", "target", "cue"}
    assert popup.naming_buttons["speaker"].text() == "as speaker (S)"
    assert "quote span" in popup.naming_buttons["speaker"].toolTip()
    qtbot.keyClick(popup, "s")
    assert speaker_of(window, quote) == "harbour master"
    assert [s[2] for s in saved(window)] == ["quote"]  # no new span
    assert window.session.selected_id == quote
    assert window.view.selected_range() is None
    assert window.attribution.fields["speaker"].text() == "harbour master"
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert speaker_of(window, quote) == ""


def test_the_popups_cue_button_and_the_text_views_t_key(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    quote = labelled_quote(qtbot, window)
    said = TEXT.index("said")
    drag(qtbot, window.view, said, said + 4)
    qtbot.mouseClick(window.popup.naming_buttons["cue"], LEFT)
    assert window.project.get_span(quote).cue == "said"
    authority = TEXT.index("port authority")
    drag(qtbot, window.view, authority, authority + len("port authority"))
    qtbot.keyClick(window.popup, Qt.Key.Key_Escape)  # the popup away, the words still selected
    qtbot.keyClick(window.view, "t")
    assert window.project.get_span(quote).target == "port authority"


def test_with_no_span_selected_the_popup_only_labels(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    drag(qtbot, window.view, *MASTER)
    assert window.popup.naming_buttons == {}
    qtbot.keyClick(window.popup, "s")  # not a key of the popup now: nothing happens
    assert saved(window) == []


def test_s_in_the_text_without_a_span_says_why_nothing_happened(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    drag(qtbot, window.view, *MASTER)
    qtbot.keyClick(window.popup, Qt.Key.Key_Escape)
    qtbot.keyClick(window.view, "s")
    assert "Select a span first" in window.statusBar().currentMessage()
    assert saved(window) == []


def test_the_right_click_menu_names_the_speaker_too(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    quote = labelled_quote(qtbot, window)
    drag(qtbot, window.view, *MASTER)
    qtbot.keyClick(window.popup, Qt.Key.Key_Escape)
    menu = build_menu(window.view, point_of(window.view, MASTER[0] + 2))
    naming = next(a.menu() for a in menu.actions() if a.menu() and "span's" in a.text())
    assert naming.title() == "Use words as the quote span's"
    entry = next(a for a in naming.actions() if a.text().startswith("speaker"))
    entry.trigger()
    QApplication.processEvents()
    assert speaker_of(window, quote) == "harbour master"
    menu.deleteLater()


def test_each_fields_tooltip_tells_its_key(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    for name, letter in (("speaker", "S"), ("target", "T"), ("cue", "U")):
        assert f"press {letter}" in window.attribution.fields[name].toolTip()


def test_a_double_clicked_word_names_the_span_selected_before(qtbot, window_on):  # noqa: F811
    """The double click's first click would select the span under it, or none."""
    window = window_on(TEXT)
    quote = labelled_quote(qtbot, window)
    said = TEXT.index("said")
    double_click(qtbot, window.view, said + 2)
    assert window.session.selected_id == quote
    assert window.popup.naming_buttons  # offered for the quote
    qtbot.keyClick(window.popup, "u")
    assert window.project.get_span(quote).cue == "said"
    # a word inside another span: the quote is still the one named for
    master = MASTER[0] + 2
    drag(qtbot, window.view, *MASTER)
    qtbot.keyClick(window.popup, "1")  # "harbour master" is now a claim, and selected
    claim = window.session.selected_id
    window.session.select(quote)
    double_click(qtbot, window.view, master)
    assert window.session.selected_id == quote != claim
    qtbot.keyClick(window.popup, "s")
    assert speaker_of(window, quote) == "harbour"


def test_a_single_click_on_plain_text_still_drops_the_span_selection(qtbot, window_on):  # noqa: F811
    window = window_on(TEXT)
    labelled_quote(qtbot, window)
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=point_of(window.view, TEXT.index("Monday") + 1))
    assert window.session.selected is None


LONG_QUOTE = "“" + "The talks will go on whatever happens in the region, " * 8 + "” he said."
PARAGRAPH = " ".join(f"word{n}" for n in range(300))


def test_showing_a_long_span_in_the_attribution_panel_moves_no_text(qtbot, project):
    """Showing the span's heading (and hiding the hint) once widened the dock for a
    moment, which rewrapped the article under the pointer mid double click."""
    from .conftest import active_window, add_article
    text = LONG_QUOTE + "\n" + PARAGRAPH
    add_article(project, text, [(0, len(LONG_QUOTE), "quote")])
    window = active_window(qtbot, project)
    window.resize(1280, 800)
    qtbot.wait(100)  # the window's first layout settled
    width, quote = window.view.width(), next(iter(window.session.index)).id
    widths = []
    window.session.subscribe(lambda change: widths.append(window.view.width()))
    window.session.select(quote)
    assert widths == [width] and window.view.width() == width
    target = text.index("word150")
    double_click(qtbot, window.view, target + 3)
    assert window.view.selected_range() == (target, target + len("word150"))
    assert window.session.selected_id == quote


def test_the_keyboard_alone_names_a_speaker_through_the_find_bar(qtbot, window_on):  # noqa: F811
    """] selects the span, Ctrl+F finds the name, Enter selects it, Esc closes the bar
    leaving it selected, and S makes it the span's speaker."""
    window = window_on(TEXT)
    quote = labelled_quote(qtbot, window)
    window.session.select(None)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_BracketRight)
    assert window.session.selected_id == quote
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    field = window.corpus.find_bar.field
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "harbour master")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, "s")
    assert speaker_of(window, quote) == "harbour master"


def test_the_naming_keys_are_the_ones_no_label_may_take():
    """S, T and U in the text name speaker, target and cue; a label with one of those
    keys would win over them (the label editor accepted "s")."""
    from annotator.core.label_rules import NAMING_LETTERS, RESERVED_KEYS
    from annotator.ui.attribution_fields import NAMING_KEYS
    assert NAMING_KEYS == NAMING_LETTERS
    assert all(key in RESERVED_KEYS and key.upper() in RESERVED_KEYS for key in NAMING_KEYS)
