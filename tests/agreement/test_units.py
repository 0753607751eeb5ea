"""Agreement compares the CoNLL export's own tokens and token labels, and chooses its
documents by the coverage rule."""
import re
import sys

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.agreement.units import (
    OUTSIDE,
    SPLIT_DIFFERENTLY,
    build_units,
    token_bounds,
    token_edges,
    token_labels,
)
from annotator.core.model import Document, make_span
from annotator.formats import conll_export
from annotator.formats.export_base import ExportDoc
from tests.strategies import tricky_texts

WORDY = st.lists(st.sampled_from(["The", "minister", "said", "talks", "would", "go", "on.",
                                  "\u00abNo\u00bb,", "don't", "U.S.", "Zo\u0308e's", "😀.",
                                  "family-reunification", "(2024)", "...", "\u200b", "\x1c",
                                  " ", "\n", "\r\n", "\t"]),
                 max_size=40).map(" ".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(tricky_texts, WORDY))
def test_tokens_are_the_conll_exports_tokens(text):
    starts, ends = token_edges(text)
    assert list(zip(starts, ends, strict=True)) == conll_export.Tokens(text).bounds
    assert token_bounds(text) == conll_export.Tokens(text).bounds  # again, from the cache


def test_tokens_of_the_shared_corpus_are_the_exports(corpus):
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for path in sorted(corpus.rglob("*")) if path.is_file()]
    assert len(texts) > 10
    for text in texts:
        assert token_bounds(text) == conll_export.Tokens(text).bounds


@st.composite
def text_and_spans(draw):
    text = draw(WORDY.filter(lambda t: len(t) >= 2))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(make_span(text, start, end, draw(st.sampled_from(["claim", "quote"]))))
    return text, spans


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_spans())
def test_token_labels_follow_the_bio_exports_overlap_policy(case):
    text, spans = case
    tokens = conll_export.Tokens(text)
    tags = conll_export.bio_tags(tokens, ExportDoc(Document(text=text, id=1), spans),
                                 conll_export.Tally())
    starts, ends = zip(*token_bounds(text)) if tokens.bounds else ((), ())
    assert token_labels(list(starts), list(ends), spans) == [tag[2:] for tag in tags]


def test_the_longest_span_wins_and_a_loser_is_left_out_whole():
    text = "aa bb cc dd"
    starts, ends = [0, 3, 6, 9], [2, 5, 8, 11]
    long = make_span(text, 0, 8, "quote")  # aa bb cc
    short = make_span(text, 6, 11, "claim")  # cc dd: loses cc, so dd stays O too
    assert token_labels(starts, ends, [short, long]) == ["quote", "quote", "quote", OUTSIDE]


def spans_by(text, *who):
    return [make_span(text, 0, 2, "claim", annotator=name) for name in who]


@pytest.mark.parametrize("coverage, expected", [
    ("all", [1]),  # only the document all three annotated
    ("some", [1, 2]),  # two or more
    ("any", [1, 2, 3]),  # anyone
])
def test_coverage_chooses_the_documents(coverage, expected):
    text = "aa bb"
    pairs = [(Document(text=text, id=1), spans_by(text, "a", "b", "c")),
             (Document(text=text, id=2), spans_by(text, "a", "b")),
             (Document(text=text, id=3), spans_by(text, "c", "x")),
             (Document(text=text, id=4), [])]
    units = build_units(pairs, ["a", "b", "c"], ["claim"], coverage)
    assert [u.document_id for u in units] == expected
    missing = None if coverage == "some" else []
    if coverage != "all":
        assert units[1].spans[2] == missing  # c did not annotate document 2


def test_coverage_counts_spans_of_any_label_before_labels_narrow_them():
    text = "aa bb"
    spans = [make_span(text, 0, 2, "claim", annotator="a"),
             make_span(text, 3, 5, "quote", annotator="b")]
    units = build_units([(Document(text=text, id=1), spans)], ["a", "b"], ["claim"])
    assert len(units) == 1 and units[0].spans[1] == []  # b annotated it; no claim found


def test_the_fast_path_knows_every_character_on_which_the_two_whitespaces_differ():
    """token_edges uses str.isspace runs where they are syntok's [\\s\\u200b] runs."""


    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    python_space = set(re.findall(r"\s", every))
    syntok_space = set(regex.findall(r"[\s\u200b]", every))
    differing = "".join(sorted(python_space ^ syntok_space))
    assert differing == "".join(SPLIT_DIFFERENTLY.findall(every))
