"""Case- and accent-blind find with exact code-point positions."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.folding import FoldedText, find_all, fold
from annotator.core.selection import cluster_safe
from tests.conftest import CORPUS, read_exact
from tests.strategies import tricky_texts


def tricky(stem):
    return read_exact(CORPUS / "tricky" / f"{stem}.txt")


def found(text, needle):
    return [text[start:end] for start, end in find_all(text, needle)]


def test_case_does_not_matter():
    text = "The Minister met the MINISTER and the minister."
    assert found(text, "minister") == ["Minister", "MINISTER", "minister"]
    assert find_all(text, "MiNiStEr")[0] == (4, 12)


def test_accents_do_not_matter_and_a_decomposed_letter_is_found_whole():
    text = tricky("combining_zwj")  # "Zo\u0308e Mu\u0308ller", "Cafe\u0301": decomposed accents
    assert found(text, "Zöe") == ["Zo\u0308e"]  # typed precomposed, stored decomposed
    assert found(text, "zoe") == ["Zo\u0308e"]
    assert found(text, "muller") == ["Mu\u0308ller"]
    # a match never stops between a letter and its accent
    assert found(text, "cafe") == ["Cafe\u0301"]
    assert found("café au lait", "CAFE\u0301") == ["café"]


def test_a_letter_that_folds_to_two_is_matched_whole():
    text = "Die Straße und die STRASSE"
    assert found(text, "strasse") == ["Straße", "STRASSE"]
    assert found(text, "straße") == ["Straße", "STRASSE"]
    assert found(text, "s") == ["S", "ß", "S", "S", "S"]  # "ß" once, though it folds to "ss"
    assert found("İstanbul", "istanbul") == ["İstanbul"]


def test_emoji_flags_and_zwj_sequences_are_never_cut():
    text = tricky("emoji_flags")
    assert found(text, "😤") == ["😤"]
    assert found(text, "🇮🇷") == ["🇮🇷"]
    family = "👩\u200d👩\u200d👧"
    assert found(text, "👩") == [family]  # the first woman alone would cut the family
    start, end = find_all(text, "nowhere 😤")[0]
    assert text[start:end] == "nowhere 😤" and start == text.index("nowhere")


def test_positions_after_crlf_and_lone_cr_count_code_points():
    text = tricky("crlf_mixed")
    for word in ("harbour", "inquiry", "water", "smell"):
        for start, end in find_all(text, word):
            assert text[start:end].lower() == word
    assert [s for s, _ in find_all(text, "harbour")] == [i for i in range(len(text))
                                                         if text.startswith("harbour", i)]


def test_matches_do_not_overlap_and_come_in_order():
    assert find_all("aaaa", "aa") == [(0, 2), (2, 4)]
    assert find_all("abc", "") == [] and find_all("", "a") == []
    assert find_all("e\u0301", "\u0301") == []  # an accent alone folds to nothing


def test_right_to_left_text():
    text = tricky("rtl_persian")
    assert found(text, "برنامه") == ["برنامه"]
    assert found(text, "zarif") == ["Zarif"]


@pytest.mark.parametrize("stem", ["combining_zwj", "crlf_mixed", "emoji_flags", "rtl_persian"])
def test_every_word_of_a_tricky_text_is_found_where_it_is(stem):
    text = tricky(stem)
    folded = FoldedText(text)
    for word in set(text.split()):
        for start, end in folded.find_all(word):
            assert fold(word) in fold(text[start:end])
            assert cluster_safe(text, start, end) == (start, end)


@given(tricky_texts, st.data())
def test_each_match_holds_the_needle_folded_and_never_cuts_a_cluster(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = text[start:end]
    matches = find_all(text, needle)
    for (a, b), (c, _) in zip(matches, matches[1:]):
        assert b <= c
    for a, b in matches:
        assert cluster_safe(text, a, b) == (a, b)
        assert fold(needle) in fold(text[a:b])
    if fold(needle):  # the place the needle was taken from lies in a match
        assert any(a < end and start < b for a, b in matches)


@given(tricky_texts)
def test_folding_maps_every_folded_position_back_into_the_text(text):
    folded = FoldedText(text)
    for position in range(len(folded.folded)):
        index = folded.char_at(position)
        assert 0 <= index < len(text)
        assert folded.folded[position] in fold(text[index])


# -- find what the analyst sees: white space and invisible characters -------------------

WHITE_SPACE = [" ", "\u00a0", "\u202f", "\t", "\r\n", "\r", "\n", "\u2028", "\u2029", "\u3000",
               "\u2009", "\x0b", "\x0c", "\x85", " \r\n\t\u00a0"]
INVISIBLE = ["\u00ad", "\u200b", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c", "\u202a",
             "\u202c", "\u2066", "\u2069"]


def test_a_typed_space_finds_the_stored_no_break_space_tab_and_line_breaks():
    text = tricky("combining_zwj")  # "demanded\u00a0a\u00a0meeting\twith the mayor"
    assert found(text, "a meeting") == ["a\u00a0meeting"]
    assert found(text, "meeting with") == ["meeting\twith"]
    assert found(text, "demanded a meeting with the mayor") == [
        "demanded\u00a0a\u00a0meeting\twith the mayor"]
    assert found(text, "consultation”. its chair") == ["consultation”.\u2028Its chair"]
    assert found(text, "rise. “we") == ["rise.\u2029“We"]
    crlf = tricky("crlf_mixed")
    assert found(crlf, "harbour. fishermen") == ["harbour.\r\nFishermen"]
    assert found(crlf, "inquiry. \"the") == ["inquiry.\r\"The"]


@pytest.mark.parametrize("space", WHITE_SPACE)
def test_any_run_of_white_space_is_one_typed_space(space):
    text = f"The talks{space}collapsed."
    assert found(text, "talks collapsed") == [f"talks{space}collapsed"]
    assert found(text, "TALKS   COLLAPSED") == [f"talks{space}collapsed"]  # spaces typed twice too
    assert found(text, "talkscollapsed") == []  # a space is still needed


def test_a_space_at_either_end_of_the_needle_takes_the_whole_run():
    assert found("deal \t\r\nagreed", "deal ") == ["deal \t\r\n"]
    assert found("deal\u00a0\u00a0agreed", " agreed") == ["\u00a0\u00a0agreed"]
    assert found("a \u00ad\tb", "a b") == ["a \u00ad\tb"]  # an invisible inside the run goes with it


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_invisible_format_characters_are_skipped_and_kept_in_the_match(invisible):
    text = f"a spokes{invisible}woman said"
    assert found(text, "spokeswoman") == [f"spokes{invisible}woman"]
    assert found(text, "Spokeswoman said") == [f"spokes{invisible}woman said"]
    assert found(text, "spokes") == ["spokes"] and found(text, "woman") == ["woman"]
    assert found(text, invisible) == []  # it folds to nothing: nothing to look for


def test_the_stored_soft_hyphen_and_zero_width_space():
    text = tricky("combining_zwj")  # "spokes\u00adwoman", "denied\u200bthat"
    assert found(text, "spokeswoman") == ["spokes\u00adwoman"]
    assert found(text, "a spokeswoman said") == ["a spokes\u00adwoman said"]
    assert found(text, "deniedthat") == ["denied\u200bthat"]


def test_zwj_and_zwnj_still_tell_texts_apart():
    # a ZWJ makes one family emoji of three, a ZWNJ keeps Persian letters from joining:
    # what is drawn differs, so the text without them is another text
    assert found(tricky("emoji_flags"), "👩👩👧") == []
    persian = "او می\u200cخواهد برود"
    assert found(persian, "میخواهد") == []
    assert found(persian, "می\u200cخواهد") == ["می\u200cخواهد"]


def test_folded_as_the_corpus_index_reads_invisible_characters_and_white_space_stay():
    text = "a spokes\u00adwoman said\u00a0it"
    assert fold(text, as_indexed=True) == text  # word breaks there, as any white space
    assert FoldedText(text, as_indexed=True).find_all("spokeswoman") == []
    assert fold(text) == "a spokeswoman said it"


_WORDS = ["Talks", "zoë", "Zo\u0308e", "a", "MEETING", "spokes", "woman", "Straße", ",", "."]
typed_texts = st.lists(st.sampled_from(_WORDS + WHITE_SPACE + INVISIBLE), max_size=25).map("".join)


def as_typed(stored: str) -> str:
    """What an analyst types for text they read: no invisible characters, one space for
    each run of white space, case as it comes."""
    visible = "".join(ch for ch in stored if ch not in INVISIBLE)
    return re.sub(r"\s+", " ", visible).swapcase()


@given(typed_texts, st.data())
def test_every_match_folds_to_the_needle_exactly_and_holds_no_invisible_at_its_ends(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = as_typed(text[start:end])
    matches = find_all(text, needle)
    for a, b in matches:
        assert fold(text[a:b]) == fold(needle)  # the range is the match, no more, no less
        assert text[a] not in INVISIBLE and text[b - 1] not in INVISIBLE
    if fold(needle):  # and the place the needle was read from is found
        assert any(a < end and start < b for a, b in matches)
