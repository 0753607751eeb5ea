import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import (OffsetError, as_utf16_units, map_for, qt_document_map, utf8_map,
                                    utf16_map)
from tests.strategies import tricky_texts


def utf16_len(text):
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def qt_len(text):
    # what a QTextDocument holds: CRLF becomes one paragraph separator
    return utf16_len(text.replace("\r\n", "\u2029"))


@given(tricky_texts, st.data())
def test_utf16_map_matches_the_encoder_both_ways(text, data):
    index = data.draw(st.integers(0, len(text)))
    offsets = utf16_map(text)
    assert offsets.to_units(index) == utf16_len(text[:index])
    assert offsets.to_index(offsets.to_units(index)) == index
    assert offsets.unit_length == utf16_len(text)


@given(tricky_texts, st.data())
def test_utf8_map_matches_the_encoder_both_ways(text, data):
    index = data.draw(st.integers(0, len(text)))
    offsets = utf8_map(text)
    assert offsets.to_units(index) == len(text[:index].encode("utf-8"))
    assert offsets.to_index(offsets.to_units(index)) == index


@given(tricky_texts, st.data())
def test_qt_map_counts_crlf_once_and_astral_characters_twice(text, data):
    index = data.draw(st.integers(0, len(text)))
    offsets = qt_document_map(text)
    if index and text[index - 1:index + 1] == "\r\n":
        return  # inside a CRLF: no Qt position of its own (checked below)
    assert offsets.to_units(index) == qt_len(text[:index])
    assert offsets.to_index(offsets.to_units(index)) == index
    assert offsets.unit_length == qt_len(text)


def test_qt_position_after_a_crlf_maps_past_the_lf():
    text = "a\r\nb"
    offsets = qt_document_map(text)
    assert [offsets.to_units(i) for i in range(5)] == [0, 1, 2, 2, 3]
    assert [offsets.to_index(u) for u in range(4)] == [0, 1, 3, 4]


def test_a_position_inside_a_surrogate_pair_is_refused():
    offsets = utf16_map("a😀b")
    assert offsets.to_index(1) == 1 and offsets.to_index(3) == 2
    with pytest.raises(OffsetError, match="inside a character"):
        offsets.to_index(2)


def test_out_of_range_is_refused():
    with pytest.raises(OffsetError):
        utf16_map("abc").to_index(4)
    with pytest.raises(OffsetError):
        map_for("abc", "codepoint").to_units(-1)


def test_unknown_unit_is_refused():
    with pytest.raises(OffsetError, match="unknown offset unit"):
        map_for("abc", "graphemes")


@given(tricky_texts)
def test_the_utf16_view_has_one_character_per_unit_and_keeps_the_others(text):
    view = as_utf16_units(text)
    assert len(view) == utf16_len(text)
    positions = utf16_map(text)
    for index, character in enumerate(text):
        at = view[positions.to_units(index)]
        assert at == (character if ord(character) < 0x10000 else "\ufffd")
