"""Corpus search: ranked, paged, snippets as plain text, exact positions, no query errors."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Document
from annotator.core.text_search import parse_query
from annotator.store.search import count_matches, match_expression, one_line, search, unmark
from tests.conftest import CORPUS, read_exact

HOSTILE = ['"', '""', "AND OR", "AND", "OR", "NOT", "*", "**", "NEAR(", "NEAR(a b)", "-x", "x -y",
           "(", ")", "a:b", "title:minister", "^minister", "+", "'", "\\", "minister*s", '"a" "b',
           "\x00", "😀", "مذاکرات", "Zöe", "\u0301", "%", "_", ";DROP TABLE documents;--", "{a b}"]


def add(project, title, text):
    return project.add_document(Document(text=text, title=title)).id


@pytest.fixture
def news(project):
    ids = {
        "talks": add(project, "Talks collapse", "The minister said the talks had collapsed. "
                     "Talks, talks and more talks."),
        "budget": add(project, "Budget row", "Officials denied the budget report.\r\n"
                      "The minister was not available."),
        "title_only": add(project, "Minister resigns", "He left office on Friday."),
        "accents": add(project, "Café owners protest", "Its chair, Zo\u0308e Mu\u0308ller, "
                       "demanded\u00a0a\u00a0meeting."),
    }
    return ids


def test_the_document_with_more_hits_ranks_first(project, news):
    hits = search(project, "talks")
    assert [h.document_id for h in hits] == [news["talks"]]
    hits = search(project, "minister")
    assert {h.document_id for h in hits} == {news["talks"], news["budget"], news["title_only"]}
    assert hits[0].document_id == news["title_only"]  # in the headline: weighs most


def test_the_position_is_the_first_hit_in_the_text_in_code_points(project, news):
    text = project.document_text(news["budget"])
    hit, = search(project, "available minister")
    assert (hit.start, hit.end) == (text.index("minister"), text.index("minister") + 8)
    hit, = search(project, "muller")
    text = project.document_text(news["accents"])
    assert text[hit.start:hit.end] == "Mu\u0308ller"


def test_a_title_only_hit_has_no_position(project, news):
    hit, = search(project, "resigns")
    assert hit.start is None and hit.end is None and hit.title == "Minister resigns"


def test_snippets_are_plain_text_on_one_line_with_the_hits_marked(project, news):
    hit, = search(project, "denied")
    assert "\r" not in hit.snippet and "\n" not in hit.snippet
    assert hit.marked_snippet() == "Officials [denied] the budget report. The minister was not available."
    assert [hit.snippet[a:b] for a, b in hit.snippet_hits] == ["denied"]
    assert hit.marked_snippet("«", "»").startswith("Officials «denied»")


def test_unmark_keeps_text_that_looks_like_markup():
    snippet, hits = unmark("<b>a</b> \x02x\x03\n\n&amp; \x02y\x03…")
    assert snippet == "<b>a</b> x &amp; y…" and [snippet[a:b] for a, b in hits] == ["x", "y"]


def test_phrases_and_prefixes(project, news):
    assert [h.document_id for h in search(project, '"talks had collapsed"')] == [news["talks"]]
    assert search(project, '"talks minister"') == []  # both words, not together
    hits = search(project, "offic*")
    assert {h.document_id for h in hits} == {news["budget"], news["title_only"]}
    hit = next(h for h in hits if h.document_id == news["budget"])
    assert project.document_text(hit.document_id)[hit.start:hit.end] == "Officials"


def test_paging_and_counting(project):
    for number in range(7):
        add(project, f"Report {number}", "sanctions " * (number + 1))
    first, second = search(project, "sanctions", limit=4), search(project, "sanctions", limit=4, offset=4)
    assert len(first) == 4 and len(second) == 3
    assert not {h.document_id for h in first} & {h.document_id for h in second}
    assert first[0].title == "Report 6"  # most occurrences
    assert count_matches(project, "sanctions") == 7 and count_matches(project, "  ") == 0


@pytest.mark.parametrize("query", ["", " ", "\t\n", "*", '"', "😀"])
def test_an_empty_query_finds_nothing_quietly(project, news, query):
    assert search(project, query) == [] and count_matches(project, query) == 0


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(project, news, query):
    search(project, query)
    count_matches(project, query)


def test_operators_are_searched_as_words(project, news):
    add(project, "Logic", "This AND that OR the other, NEAR the end.")
    assert [h.title for h in search(project, "AND OR")] == ["Logic"]
    assert [h.title for h in search(project, "NEAR(")] == ["Logic"]


def test_the_match_expression_quotes_every_term():
    assert match_expression(parse_query('a "b c" d* NEAR(')) == '"a" AND "b c" AND "d" * AND "NEAR("'


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_no_query_raises(project, query):
    if not project.document_count():  # the fixture's project lives across the examples
        add(project, "Some title", "some text, with words: and numbers 42")
    search(project, query)
    count_matches(project, query)


def test_tricky_texts_hits_are_exact(project):
    texts = {stem: read_exact(CORPUS / "tricky" / f"{stem}.txt")
             for stem in ("combining_zwj", "crlf_mixed", "emoji_flags", "rtl_persian")}
    ids = {stem: add(project, stem, text) for stem, text in texts.items()}
    for query, stem, expected in [("harbour", "crlf_mixed", "harbour"),
                                  ('"smell lingered"', "crlf_mixed", "smell lingered"),
                                  ("spokeswoman", "combining_zwj", None),
                                  ("woman", "combining_zwj", "woman"),
                                  ("tariff", "emoji_flags", "tariff"),
                                  ("برنامه", "rtl_persian", "برنامه")]:
        hits = search(project, query)
        if expected is None:
            assert hits == []  # a soft hyphen splits the word for the index
            continue
        hit, = hits
        assert hit.document_id == ids[stem]
        text = texts[stem]
        assert text[hit.start:hit.end] == expected
        # where the snippet shows it (FTS5 picks the passage; "harbour" is there twice)
        shown = hit.snippet[hit.snippet_hits[0][0]:].removesuffix("…")
        assert one_line(text[hit.start:]).startswith(" ".join(shown.split()[:4]))


def test_hits_across_white_space_and_invisible_characters_are_placed_where_the_index_found_them(
        project):
    """The index splits words at a soft hyphen or a zero-width space (find in document
    skips them); the hit's place, folded the index's way, is the stored characters."""
    text = read_exact(CORPUS / "tricky" / "combining_zwj.txt")
    add(project, "combining", text)
    for query, expected in [('"a meeting with"', "a\u00a0meeting\twith"),
                            ('"spokes woman"', "spokes\u00adwoman"),
                            ('"denied that"', "denied\u200bthat"),
                            ("woman", "woman")]:
        hit, = search(project, query)
        assert text[hit.start:hit.end] == expected


def test_the_position_is_the_passage_the_snippet_shows(project):
    """FTS5 shows the passage with the most hits; opening the result lands there, not on
    an earlier lone hit."""
    text = ("Zarif countered that the nuclear programme is peaceful.\n" + "Filler words. " * 40
            + "Le Drian aims to save the 2015 nuclear deal,\r\nwhich the nuclear deal's "
              "critics oppose.")
    document_id = add(project, "Talks", text)
    hit, = search(project, "nuclear deal")
    assert "nuclear deal" in hit.snippet and hit.snippet_hits
    assert (hit.start, hit.end) == (text.index("nuclear deal,"), text.index("nuclear deal,") + 7)
    assert project.document_text(document_id)[hit.start:hit.end] == "nuclear"


def test_a_snippet_not_found_as_it_runs_gives_no_offset():
    """Then the first hit in the text is used (_hit); an empty snippet has none either."""
    from annotator.store.search import snippet_offset
    assert snippet_offset("the talks went on", "talks stalled…", ((0, 5),)) is None
    assert snippet_offset("the talks went\r\non", "talks went on…", ((0, 5),)) == 4
    assert snippet_offset("the talks", "", ()) is None
