"""Selections becoming spans: snapping to words, trimming, never cutting a character."""
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.selection import is_space, sentence_starts, shortened, snap, step

from ..strategies import text_and_range

FAMILY = "👩\u200d👩\u200d👧"
FLAG = "🇫🇷"
THUMB = "👍🏽"  # thumbs up + skin tone modifier
SCOTLAND = "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"


def snapped(text, start, end, whole_words=True):
    bounds = snap(text, start, end, whole_words)
    return None if bounds is None else text[bounds[0]:bounds[1]]


def select(text, part, whole_words=True):
    """Snap a selection of the first occurrence of ``part``."""
    start = text.index(part)
    return snapped(text, start, start + len(part), whole_words)


def splits_cluster(text: str, i: int) -> bool:
    """An independent statement of where a span may not begin or end: inside a
    user-perceived character (the clusters tests/strategies.py generates)."""
    if not 0 < i < len(text):
        return False
    before, ch = text[i - 1], text[i]
    if before == "\r":
        return ch == "\n"
    if before in "\n\u2028\u2029\u200b\ufeff" or unicodedata.category(before) == "Cc":
        return False
    if unicodedata.category(ch).startswith("M") or ch in "\u200d\ufe0e\ufe0f":
        return True
    if "\U0001F3FB" <= ch <= "\U0001F3FF" or "\U000E0020" <= ch <= "\U000E007F":
        return True
    if before == "\u200d" and not is_space(ch):
        return True
    regional_run = 0
    while i - regional_run - 1 >= 0 and "\U0001F1E6" <= text[i - regional_run - 1] <= "\U0001F1FF":
        regional_run += 1
    return "\U0001F1E6" <= ch <= "\U0001F1FF" and regional_run % 2 == 1


def core(text, start, end):
    """The non-whitespace part of a selection, as (start, end), or None."""
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


# -- snapping to whole words ----------------------------------------------------------

@pytest.mark.parametrize("text, part, expected", [
    ("Le Drian said", "rian sa", "Drian said"),
    ("Le Drian said", "D", "Drian"),
    ("Le Drian said", " Drian ", "Drian"),
    ("first line\n  second line", "line\n  sec", "line\n  second"),
    ("He said:\n\n Iran must stop.", "\n\n Iran", "Iran"),
    ("They won't sign", "on't si", "won't sign"),
    ("a re-negotiation now", "nego", "re-negotiation"),
    ("a re-negotiation now", "re-", "re-negotiation"),
    ("Le Drian\u2019s aide", "Dr", "Drian\u2019s"),
    ("\u201cWe will not,\u201d he said", "We will not,\u201d", "We will not,\u201d"),
    ("He said \u201cno\u201d.", "no", "no"),
    ("Zo\u0308e won", "o", "Zo\u0308e"),
    ("جواد ظريف قال", "واد ظ", "جواد ظريف"),
])
def test_a_drag_snaps_outward_to_whole_words(text, part, expected):
    assert select(text, part) == expected


@pytest.mark.parametrize("emoji", [FAMILY, FLAG, THUMB, SCOTLAND, "e\u0301"])
def test_no_selection_cuts_an_emoji_or_accent(emoji):
    text = f"x {emoji} y"
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            for whole_words in (True, False):
                got = snapped(text, start, end, whole_words)
                if got is not None and set(got) & set(emoji):
                    assert emoji in got, (start, end, whole_words, got)


@pytest.mark.parametrize("text", [" ", "\n\r\n", "\u2029\t\u00a0", "\u200b\ufeff"])
def test_a_whitespace_only_selection_makes_no_span(text):
    assert snap(f"a{text}b", 1, 1 + len(text)) is None
    assert snap(f"a{text}b", 1, 1 + len(text), whole_words=False) is None


def test_a_backwards_or_out_of_range_selection_is_put_in_order():
    assert snap("Le Drian said", 8, 3) == (3, 8)
    assert snap("Le Drian said", -5, 99) == (0, 13)


# -- exact mode --------------------------------------------------------------------------

@pytest.mark.parametrize("text, part, expected", [
    ("Le Drian said", "rian sa", "rian sa"),
    ("Le Drian\nsaid", " Drian\n", "Drian"),
    ("Zo\u0308e", "\u0308e", "o\u0308e"),  # never starts on a combining mark
    ("Zo\u0308e", "Zo", "Zo\u0308"),  # nor ends before one
    (f"x{FAMILY}y", "\u200d👩", FAMILY),  # never starts after a ZWJ
    (f"a{FLAG}{FLAG}b", FLAG[1] + FLAG[0], FLAG + FLAG),  # never splits a flag pair
    (f"ok {THUMB}", "👍", THUMB),  # keeps the skin tone with its emoji
    ("line\r\nnext", "line\r", "line"),
])
def test_exact_mode_keeps_the_characters_but_not_half_a_cluster(text, part, expected):
    assert select(text, part, whole_words=False) == expected


def test_selecting_a_tag_on_a_word_takes_the_whole_word():
    # found by hypothesis in CI: the tag character joins the cluster of the "0" before
    # it, and snapping to that cluster used to start the span inside "00000"
    text = "00000\U000e0020 next"
    assert snapped(text, 5, 6) == "00000\U000e0020"
    assert snapped(text, 5, 6, whole_words=False) == "0\U000e0020"


def test_a_stray_joiner_does_not_pull_in_a_line_break():
    text = "yes\u200d\r\nno"
    assert snapped(text, 0, 3, whole_words=False) == "yes\u200d"
    assert snapped(text, 5, 8, whole_words=False) == "no"


# -- properties over tricky texts ----------------------------------------------------------

@given(text_and_range(), st.booleans())
def test_a_snapped_span_lies_in_the_text_and_holds_the_selection(case, whole_words):
    text, start, end = case
    bounds = snap(text, start, end, whole_words)
    selected = core(text, start, end)
    assert (bounds is None) == (selected is None)
    if bounds is None:
        return
    s, e = bounds
    assert 0 <= s < e <= len(text)
    assert s <= selected[0] and selected[1] <= e


@given(text_and_range(), st.booleans())
def test_a_snapped_span_has_no_outer_whitespace_and_cuts_no_cluster(case, whole_words):
    text, start, end = case
    bounds = snap(text, start, end, whole_words)
    if bounds is None:
        return
    s, e = bounds
    assert not splits_cluster(text, s) and not splits_cluster(text, e)
    assert not is_space(text[e - 1])
    # a space may lead only when a combining mark sits on it: " \u0301" is one character
    assert not is_space(text[s]) or splits_cluster(text, s + 1)


@example(("00000\U000e0020", 5, 6))
@given(text_and_range())
def test_whole_words_never_begin_or_end_inside_a_word(case):
    text, start, end = case
    bounds = snap(text, start, end)
    if bounds is None:
        return
    s, e = bounds
    assert s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())
    assert e == len(text) or not (text[e - 1].isalnum() and text[e].isalnum())


@given(text_and_range())
def test_exact_mode_adds_only_what_completes_a_cluster(case):
    text, start, end = case
    bounds = snap(text, start, end, whole_words=False)
    selected = core(text, start, end)
    if bounds is None:
        return
    s, e = bounds
    assert all(splits_cluster(text, i) for i in range(s + 1, selected[0] + 1))
    assert all(splits_cluster(text, i) for i in range(selected[1], e))


# -- moving the caret ------------------------------------------------------------------------

@pytest.mark.parametrize("text, index, direction, by_word, expected", [
    ("Le Drian said", 0, +1, False, 1),
    ("Le Drian said", 0, +1, True, 2),
    ("Le Drian said", 2, +1, True, 8),
    ("Le Drian said", 13, -1, True, 9),
    ("Le Drian said", 9, -1, True, 3),
    ("\u201cHello,\u201d he said", 0, +1, True, 6),  # from the very start, past the quote mark
    ("They won't go", 5, +1, True, 10),
    (f"a{FAMILY}b", 1, +1, False, 1 + len(FAMILY)),
    (f"a{FAMILY}b", 1 + len(FAMILY), -1, False, 1),
    (f"{FLAG}{FLAG}", 2, +1, False, 4),
    ("a\r\nb", 1, +1, False, 3),
    ("a\r\nb", 3, -1, False, 1),
    ("Zo\u0308e", 1, +1, False, 3),
    ("abc", 3, +1, False, 3),
    ("abc", 0, -1, True, 0),
])
def test_step(text, index, direction, by_word, expected):
    assert step(text, index, direction, by_word) == expected


@given(text_and_range(), st.sampled_from([-1, +1]), st.booleans())
def test_step_moves_and_never_lands_inside_a_cluster(case, direction, by_word):
    text, index, _ = case
    landed = step(text, index, direction, by_word)
    assert 0 <= landed <= len(text)
    assert not splits_cluster(text, landed)
    can_move = index < len(text) if direction > 0 else index > 0
    assert (landed - index) * direction > 0 if can_move else landed == index


# -- sentences ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("One. Two!  Three?", [0, 5, 11]),
    ("He said: \u201cNo.\u201d Then left.", [0, 15]),
    ("Title\n\nFirst line.\r\nSecond", [0, 7, 20]),
    ("It rose 3.5 percent. Wait\u2026 what", [0, 21, 27]),
    ("", [0]),
    ("No ending", [0]),
])
def test_sentence_starts(text, expected):
    assert sentence_starts(text) == expected


# -- text cut short for messages and tooltips ------------------------------------------------

@pytest.mark.parametrize("emoji", [FAMILY, FLAG, THUMB, SCOTLAND, "e\u0301"])
def test_a_shortened_text_never_shows_half_a_character(emoji):
    text = "Le Drian said " + emoji * 8
    for limit in range(2, len(text) + 2):
        shown = shortened(text, limit)
        assert len(shown) <= limit
        if shown != text:
            kept = shown[:-1]
            assert shown.endswith("…") and text.startswith(kept)
            assert not splits_cluster(text, len(kept)), (limit, shown)


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_shortened_keeps_a_short_text_and_cuts_a_long_one_to_its_limit(text, limit):
    shown = shortened(text, limit)
    if len(text) <= limit:
        assert shown == text
    else:
        assert len(shown) <= limit and shown.endswith("…")
        assert text.startswith(shown[:-1])
