"""The annotation browser's queries: filters, sorts, counts, pages and exact contexts."""
import pytest
from hypothesis import given, settings

from annotator.core.concordance import BrowserQuery
from annotator.core.model import ContractError, Document, make_span
from annotator.store.browser import all_spans, count_spans, first_page, span_page
from annotator.store.migrations import known_names
from tests.strategies import text_and_range
from tests.ui.conftest import expected_spans, tricky_text

ARTICLE = ("Le Drian said Iran must stop now. Tehran DENIED it flatly.\r\n"
           "Zarif said 100% of the_deal stands. Paris urged restraint.")
# (phrase, label, speaker, annotator)
SPANS = [("Le Drian said Iran must stop now.", "claim", "Le Drian", "ana"),
         ("Iran must stop now", "demand", "Le Drian", "ana"),
         ("Tehran DENIED it flatly.", "denial", "Tehran", "ben"),
         ("100% of the_deal stands", "claim", "Javad Zarif", "ben"),
         ("Paris urged restraint.", "demand", "Paris", "ana")]
OTHER = "Officials denied the report. Analysts said it was true."


def add(project, text, spans):
    made = []
    for phrase, label, speaker, annotator in spans:
        start = text.index(phrase)
        made.append(make_span(text, start, start + len(phrase), label, speaker=speaker,
                              annotator=annotator))
    return project.add_document(Document(text=text, title=text[:9]), made)


@pytest.fixture
def filled(project):
    add(project, ARTICLE, SPANS)
    add(project, OTHER, [("denied the report", "denial", "Officials", "ana"),
                         ("Analysts said it was true.", "claim", "analysts", "ben")])
    return project


def texts(project, **query):
    return [row.text for row in span_page(project, BrowserQuery(**query), 0, 100)]


def test_every_span_in_document_then_position_order_with_its_document(filled):
    rows = span_page(filled, BrowserQuery(), 0, 100)
    assert [(row.document_id, row.start) for row in rows] == sorted((r.document_id, r.start) for r in rows)
    assert [row.text for row in rows] == [phrase for phrase, *_ in SPANS] + [
        "denied the report", "Analysts said it was true."]
    assert rows[-1].document_title == OTHER[:9]
    assert count_spans(filled, BrowserQuery()) == 7


@pytest.mark.parametrize("query, expected", [
    ({"labels": ("denial",)}, ["Tehran DENIED it flatly.", "denied the report"]),
    ({"labels": ("denial", "demand")},
     ["Iran must stop now", "Tehran DENIED it flatly.", "Paris urged restraint.", "denied the report"]),
    ({"speaker": "Le Drian", "speaker_exact": True},
     ["Le Drian said Iran must stop now.", "Iran must stop now"]),
    ({"speaker": "zarif"}, ["100% of the_deal stands"]),  # contained, case ignored
    ({"speaker": "Zarif", "speaker_exact": True}, []),  # the whole name only
    ({"text": "denied"}, ["Tehran DENIED it flatly.", "denied the report"]),
    ({"text": "100%"}, ["100% of the_deal stands"]),  # % and _ are literal characters
    ({"text": "0%"}, ["100% of the_deal stands"]),
    ({"text": "%"}, ["100% of the_deal stands"]),
    ({"text": "e_d"}, ["100% of the_deal stands"]),
    ({"text": "s_i"}, []),  # would match "said" if _ were a wildcard
    ({"text": "\\"}, []),
    ({"annotator": "ben"}, ["Tehran DENIED it flatly.", "100% of the_deal stands",
                            "Analysts said it was true."]),
    ({"annotator": "ben", "labels": ("claim",), "text": "said"}, ["Analysts said it was true."]),
])
def test_filters_narrow_the_rows_and_the_count(filled, query, expected):
    assert texts(filled, **query) == expected
    assert count_spans(filled, BrowserQuery(**query)) == len(expected)


def test_text_and_speaker_filters_ignore_case_and_accents_in_every_script(project):
    """LIKE ignored the case of the 26 ASCII letters only: "путин" missed "Путин",
    "café" missed "CAFÉ", while corpus search and find in document found both."""
    text = "Владимир Путин said the CAFÉ deal stands. Ελλάδα agreed."
    add(project, text, [("the CAFÉ deal stands", "claim", "Владимир Путин", "ana"),
                        ("Ελλάδα agreed", "claim", "ΕΛΛΆΔΑ", "ana")])
    for query, expected in (({"speaker": "путин"}, ["the CAFÉ deal stands"]),
                            ({"text": "café"}, ["the CAFÉ deal stands"]),
                            ({"text": "cafe deal"}, ["the CAFÉ deal stands"]),
                            ({"speaker": "ελλαδα"}, ["Ελλάδα agreed"]),
                            ({"text": "100%"}, [])):
        assert texts(project, **query) == expected, query
        assert count_spans(project, BrowserQuery(**query)) == len(expected)


def test_the_spans_no_speaker_is_named_for(filled):
    add(filled, "Sources said talks failed. Nobody denied it.",
        [("talks failed", "claim", "", "ana"), ("Nobody denied it.", "denial", " ", "ben")])
    missing = ["talks failed", "Nobody denied it."]  # only spaces name no one either
    assert texts(filled, speaker_missing=True) == missing
    assert texts(filled, speaker_missing=True, speaker="Le Drian") == missing  # ignored
    assert texts(filled, speaker_missing=True, labels=("denial",)) == ["Nobody denied it."]
    assert count_spans(filled, BrowserQuery(speaker_missing=True)) == 2


def test_sorts_with_ties_in_document_order(filled):
    assert texts(filled, sort="label") == [
        "Le Drian said Iran must stop now.", "100% of the_deal stands", "Analysts said it was true.",
        "Iran must stop now", "Paris urged restraint.", "Tehran DENIED it flatly.", "denied the report"]
    assert [row.speaker for row in span_page(filled, BrowserQuery(sort="speaker"), 0, 9)] == [
        "Javad Zarif", "Le Drian", "Le Drian", "Officials", "Paris", "Tehran", "analysts"]
    assert texts(filled, sort="text") == [  # letter case ignored
        "100% of the_deal stands", "Analysts said it was true.", "denied the report",
        "Iran must stop now", "Le Drian said Iran must stop now.", "Paris urged restraint.",
        "Tehran DENIED it flatly."]
    assert texts(filled, sort="text", descending=True) == list(reversed(texts(filled, sort="text")))
    assert texts(filled, descending=True) == list(reversed(texts(filled)))


def test_an_unknown_sort_is_refused():
    with pytest.raises(ContractError):
        BrowserQuery(sort="colour")


def test_pages_and_the_whole_view_list_the_same_rows(filled):
    query = BrowserQuery(sort="speaker")
    pages = [row for offset in range(0, 7, 3) for row in span_page(filled, query, offset, 3)]
    assert pages == list(all_spans(filled, query)) == span_page(filled, query, 0, 100)
    assert span_page(filled, query, 7, 3) == []


def test_contexts_are_the_characters_either_side(filled):
    [row] = span_page(filled, BrowserQuery(text="DENIED it"), 0, 5, context=8)
    assert (row.left, row.text, row.right) == ("op now. ", "Tehran DENIED it flatly.", "\r\nZarif ")
    assert row.speaker == "Tehran" and row.annotator == "ben"


@pytest.mark.parametrize("stem", sorted(expected_spans()))
def test_contexts_are_exact_slices_of_tricky_texts(project, stem):
    text = tricky_text(stem)
    spans = [make_span(text, start, end, label) for start, end, label, _ in expected_spans()[stem]["spans"]]
    project.add_document(Document(text=text), spans)
    for width in (0, 1, 5, 40, 10_000):
        for row in all_spans(project, BrowserQuery(), context=width):
            first, last = row.start - len(row.left), row.end + len(row.right)
            assert row.left + row.text + row.right == text[first:last]
            assert row.text == text[row.start:row.end]
            # the width asked for, or a little more so that no cluster is cut
            assert len(row.left) >= min(width, row.start) and len(row.right) >= min(width, len(text) - row.end)
            assert len(row.left) <= width + 8 and len(row.right) <= width + 8


@settings(max_examples=80, deadline=None)
@given(text_and_range())
def test_left_span_right_is_always_a_slice_of_the_text(case):
    from annotator.store import Project

    text, start, end = case
    project = Project.in_memory()
    try:
        project.add_document(Document(text=text), [make_span(text, start, end, "claim")])
        [row] = list(all_spans(project, BrowserQuery(), context=3))
        first = start - len(row.left)
        assert row.left + row.text + row.right == text[first:end + len(row.right)]
    finally:
        project.close()


def test_the_browser_indexes_come_in_their_own_migration(project):
    assert known_names().index("0003_span_browser_indexes") >= 2
    indexes = {row[0] for row in project.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spans'")}
    assert {"spans_label_position", "spans_speaker_position", "spans_annotator_position",
            "spans_text_position"} <= indexes


def test_the_first_page_comes_with_the_count(filled):
    rows, total = first_page(filled, BrowserQuery(labels=("claim",)), 2)
    assert [row.label for row in rows] == ["claim", "claim"] and total == 3
    rows, total = first_page(filled, BrowserQuery(labels=("claim",)), 5)  # short: all of them
    assert len(rows) == total == 3
    assert first_page(filled, BrowserQuery(text="nowhere"), 5) == ([], 0)
