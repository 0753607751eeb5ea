"""Case- and accent-blind find with exact code-point positions."""
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
