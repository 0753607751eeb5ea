"""The little query syntax, and where a query first matches a text."""
import pytest

from annotator.core.text_search import QueryTerm, first_hit, parse_query, terms_pattern


def hit(text, query):
    found = first_hit(text, terms_pattern(parse_query(query)))
    return None if found is None else text[found[0]:found[1]]


def test_words_phrases_and_prefixes():
    assert parse_query('minister "nuclear deal" minist* "nuclear de"*') == [
        QueryTerm("minister"), QueryTerm("nuclear deal"), QueryTerm("minist", prefix=True),
        QueryTerm("nuclear de", prefix=True)]


@pytest.mark.parametrize("query", ['"', '""', "*", "**", "-", "(", "😀", "   ", "", "\x00", '" *'])
def test_queries_without_a_letter_or_digit_have_no_terms(query):
    assert parse_query(query) == []


def test_operators_and_punctuation_are_words_or_nothing():
    assert [t.text for t in parse_query("AND OR NOT NEAR( -x a:b ^c")] == [
        "AND", "OR", "NOT", "NEAR(", "-x", "a:b", "^c"]
    assert parse_query('"unterminated phrase') == [QueryTerm("unterminated phrase")]
    assert parse_query('one"two') == [QueryTerm("one"), QueryTerm("two")]


def test_terms_are_tokens_as_the_index_sees_them():
    assert parse_query("don't")[0].tokens == ["don", "t"]
    assert parse_query("Zöe")[0].tokens == ["zoe"]
    assert parse_query("snake_case")[0].tokens == ["snake", "case"]


def test_the_first_hit_is_the_earliest_of_any_term_on_word_boundaries():
    text = "An ideal deal, the Deal of the year."
    assert hit(text, "deal") == "deal"
    assert first_hit(text, terms_pattern(parse_query("deal"))) == (9, 13)  # not inside "ideal"
    assert hit(text, "year deal") == "deal"


def test_a_prefix_hit_covers_the_whole_word_and_a_phrase_its_words():
    text = "The Ministry said the nuclear\r\nverification talks went on."
    assert hit(text, "minist*") == "Ministry"
    assert hit(text, '"nuclear verification"') == "nuclear\r\nverification"
    assert hit(text, '"nuclear talks"') is None


def test_accents_and_decomposed_letters():
    text = "Its chair, Zo\u0308e Mu\u0308ller, demanded a meeting."
    assert hit(text, "muller") == "Mu\u0308ller"
    assert hit(text, "Zöe") == "Zo\u0308e"


def test_no_terms_no_hit():
    assert first_hit("anything", terms_pattern([])) is None
