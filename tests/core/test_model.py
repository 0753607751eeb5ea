import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import (DEFAULT_LABELS, ContractError, Document, Span, check_span_against,
                                  make_span, text_sha256)
from tests.strategies import text_and_range, tricky_texts


@given(text_and_range())
def test_a_span_made_from_a_text_holds_exactly_its_slice(case):
    text, start, end = case
    span = make_span(text, start, end, "claim")
    assert span.text == text[start:end]
    check_span_against(text, span)  # does not raise


@given(text_and_range(), st.text(min_size=1, max_size=3))
def test_a_span_whose_text_differs_from_the_document_is_refused(case, noise):
    text, start, end = case
    wrong = (text[start:end] + noise)[: end - start]
    if wrong == text[start:end]:
        wrong = "x" * (end - start) if text[start:end] != "x" * (end - start) else "y" * (end - start)
    with pytest.raises(ContractError):
        check_span_against(text, Span(start, end, "claim", wrong))


@pytest.mark.parametrize("start,end,reason", [
    (-1, 3, "negative"), (3, 3, "not before"), (5, 2, "not before")])
def test_impossible_offsets_cannot_make_a_span(start, end, reason):
    with pytest.raises(ContractError, match=reason):
        Span(start, end, "claim", "x" * max(0, end - start))


def test_offsets_outside_the_text_are_refused():
    with pytest.raises(ContractError, match="outside the text"):
        make_span("short", 2, 9, "claim")


def test_span_text_length_must_match_its_offsets():
    with pytest.raises(ContractError, match="covers 3"):
        Span(0, 3, "claim", "ab")


def test_offsets_are_code_points_not_utf16_units():
    text = "a😀b 👩\u200d👩\u200d👧 c"
    span = make_span(text, 1, 2, "quote")
    assert span.text == "😀"
    assert make_span(text, 4, 9, "quote").text == "👩\u200d👩\u200d👧"


@given(tricky_texts)
def test_document_hash_is_sha256_of_the_exact_text(text):
    doc = Document(text=text)
    assert doc.sha256 == text_sha256(text)
    assert Document(text=text + "\r").sha256 != doc.sha256


def test_document_refuses_unknown_status():
    with pytest.raises(ContractError, match="unknown status"):
        Document(text="x", status="finished")


def test_default_schema_has_four_labels_with_distinct_colours_and_keys_1_to_4():
    assert [label.name for label in DEFAULT_LABELS] == ["claim", "denial", "demand", "quote"]
    assert [label.key for label in DEFAULT_LABELS] == ["1", "2", "3", "4"]
    assert len({label.colour for label in DEFAULT_LABELS}) == 4
    assert all(label.description for label in DEFAULT_LABELS)
