"""Pages of the document list: sorted, filtered, counted per label, and a document's row."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import STATUSES, Document, make_span
from annotator.store import Project
from annotator.store.navigator import (SORT_KEYS, DocumentFilter, DocumentOrder, count_documents,
                                       document_page, document_rows, fts_words, is_listed,
                                       listed_ids, neighbour_in_list, progress, row_of_document,
                                       sort_values, sources)

LABELS = ["claim", "denial", "demand", "quote"]
TEXT = "Le Drian said talks must resume. Tehran denied it. Paris urged calm."
PLACES = {"claim": (0, 32), "denial": (33, 50), "demand": (51, 68), "quote": (14, 31)}
DOCUMENTS = [  # title, source, published, status, labels of its spans
    ("Talks resume", "wire", "2024-03-01", "done", ["claim", "claim", "quote"]),
    ("beta 100% sure", "daily", "2024-01-15", "new", []),
    ("Tehran denies", "wire", "", "in-progress", ["denial"]),
    ("Alpha_report", "weekly", "2023-12-31", "skipped", ["demand", "denial", "denial"]),
    ("Paris urges calm", "", "2024-02-10T08:30:00+00:00", "done", ["demand"]),
]

ALL_TITLES = [row[0] for row in DOCUMENTS]


def add(project, number, title, source, published, status, labels, text=TEXT):
    text = f"{number}. {text}"  # distinct texts: the store refuses duplicates
    spans = [make_span(text, start + 3, end + 3, label)
             for label in labels for start, end in [PLACES[label]]]
    document = project.add_document(
        Document(text=text, title=title, source=source, published=published), spans)
    project.set_status(document.id, status)
    return document.id


@pytest.fixture
def listed(project):
    for number, row in enumerate(DOCUMENTS):
        add(project, number, *row)
    return project


def page(project, where=DocumentFilter(), order=DocumentOrder(), offset=0, limit=100):
    return document_page(project, LABELS, offset, limit, where, order)


def titles(project, where=DocumentFilter(), order=DocumentOrder()):
    return [row.title for row in page(project, where, order)]


def test_a_page_holds_the_documents_with_their_spans_per_label(listed):
    rows = page(listed)
    assert [(r.id, r.title, r.source, r.published, r.status) for r in rows] == [
        (1, "Talks resume", "wire", "2024-03-01", "done"),
        (2, "beta 100% sure", "daily", "2024-01-15", "new"),
        (3, "Tehran denies", "wire", "", "in-progress"),
        (4, "Alpha_report", "weekly", "2023-12-31", "skipped"),
        (5, "Paris urges calm", "", "2024-02-10T08:30:00+00:00", "done")]
    assert [r.counts for r in rows] == [
        {"claim": 2, "denial": 0, "demand": 0, "quote": 1},
        {"claim": 0, "denial": 0, "demand": 0, "quote": 0},
        {"claim": 0, "denial": 1, "demand": 0, "quote": 0},
        {"claim": 0, "denial": 2, "demand": 1, "quote": 0},
        {"claim": 0, "denial": 0, "demand": 1, "quote": 0}]


def test_rows_are_read_by_id_in_the_order_asked_and_a_missing_one_is_left_out(listed):
    rows = document_rows(listed, LABELS, [5, 99, 1])
    assert [(row.id, row.title) for row in rows] == [(5, "Paris urges calm"), (1, "Talks resume")]
    assert rows[1].counts == {"claim": 2, "denial": 0, "demand": 0, "quote": 1}
    assert document_rows(listed, LABELS, []) == []
    assert sort_values(listed, DocumentOrder("spans", label="denial"), [4, 1, 99]) == {4: 2, 1: 0}
    assert sort_values(listed, DocumentOrder("spans"), [4]) == {4: 3}
    assert sort_values(listed, DocumentOrder("status"), [2]) == {2: "new"}


def test_pages_are_slices_of_the_whole_list(listed):
    order = DocumentOrder("title")
    assert [r.id for r in page(listed, order=order, offset=1, limit=2)] == \
        [r.id for r in page(listed, order=order)][1:3]
    assert page(listed, offset=5) == []


@pytest.mark.parametrize("order, expected", [
    (DocumentOrder("title"), ["Alpha_report", "Paris urges calm", "Talks resume",
                              "Tehran denies", "beta 100% sure"]),
    (DocumentOrder("title", descending=True), ["beta 100% sure", "Tehran denies", "Talks resume",
                                               "Paris urges calm", "Alpha_report"]),
    (DocumentOrder("source"), ["Paris urges calm", "beta 100% sure", "Alpha_report",
                               "Talks resume", "Tehran denies"]),
    (DocumentOrder("published"), ["Tehran denies", "Alpha_report", "beta 100% sure",
                                  "Paris urges calm", "Talks resume"]),
    (DocumentOrder("status"), ["Talks resume", "Paris urges calm", "Tehran denies",
                               "beta 100% sure", "Alpha_report"]),
    (DocumentOrder("spans", descending=True), ["Alpha_report", "Talks resume", "Paris urges calm",
                                               "Tehran denies", "beta 100% sure"]),
    (DocumentOrder("spans", label="denial", descending=True),
     ["Alpha_report", "Tehran denies", "Paris urges calm", "beta 100% sure", "Talks resume"]),
    (DocumentOrder("id", descending=True), ["Paris urges calm", "Alpha_report", "Tehran denies",
                                            "beta 100% sure", "Talks resume"]),
])
def test_sorting_breaks_ties_by_id_in_the_same_direction(listed, order, expected):
    assert titles(listed, order=order) == expected


def test_an_unknown_sort_key_is_refused():
    with pytest.raises(ValueError, match="cannot sort documents by 'text'"):
        DocumentOrder("text")


@pytest.mark.parametrize("where, expected", [
    (DocumentFilter(statuses=("done",)), ["Talks resume", "Paris urges calm"]),
    (DocumentFilter(statuses=("new", "in-progress")), ["beta 100% sure", "Tehran denies"]),
    (DocumentFilter(statuses=()), []),
    (DocumentFilter(source="wire"), ["Talks resume", "Tehran denies"]),
    (DocumentFilter(source=""), ["Paris urges calm"]),
    (DocumentFilter(label="denial"), ["Tehran denies", "Alpha_report"]),
    (DocumentFilter(label="quote", statuses=("new",)), []),
    (DocumentFilter(text="TEHRAN"), ["Tehran denies"]),
    (DocumentFilter(text="  ur  "), ["beta 100% sure", "Paris urges calm"]),
    (DocumentFilter(text="100%"), ["beta 100% sure"]),
    (DocumentFilter(text="a_r"), ["Alpha_report"]),  # _ and % are letters here, not wildcards
    (DocumentFilter(text="%"), ["beta 100% sure"]),
    (DocumentFilter(text="urged"), []),  # the title only, unless asked
    (DocumentFilter(text="urged", full_text=True), ALL_TITLES),
    (DocumentFilter(text="Tehr DENIED", full_text=True), ALL_TITLES),  # words, as prefixes
    (DocumentFilter(text="rebels", full_text=True), []),
    (DocumentFilter(text="sure", full_text=True, statuses=("new",)), ["beta 100% sure"]),
])
def test_filters(listed, where, expected):
    assert titles(listed, where) == expected
    assert count_documents(listed, where) == len(expected)


@pytest.mark.parametrize("typed", ['"', "AND", "OR (", "NEAR(a b)", "a*", "col:umn", "-x", "^"])
def test_any_typed_text_is_a_valid_full_text_query(listed, typed):
    count_documents(listed, DocumentFilter(text=typed, full_text=True))  # no syntax error
    assert fts_words('say "no"') == '"say"* """no"""*'


def test_a_documents_row_under_each_order_and_filter(listed):
    assert row_of_document(listed, 4, order=DocumentOrder("title")) == 0
    assert row_of_document(listed, 2, order=DocumentOrder("title")) == 4
    assert row_of_document(listed, 1, order=DocumentOrder("spans", descending=True)) == 1
    assert row_of_document(listed, 5, DocumentFilter(statuses=("done",))) == 1
    assert row_of_document(listed, 2, DocumentFilter(statuses=("done",))) is None
    assert row_of_document(listed, 99) is None


def walk(project, start, step, where=DocumentFilter(), order=DocumentOrder()):
    """The ids met going from ``start`` by ``step`` until the list ends."""
    met, at = [], neighbour_in_list(project, start, step, where, order)
    while at is not None:
        met.append(at)
        at = neighbour_in_list(project, at, step, where, order)
    return met


def test_a_rows_neighbours_follow_the_lists_sort_and_filter(listed):
    by_title = DocumentOrder("title", descending=True)  # beta, Tehran, Talks, Paris, Alpha
    assert walk(listed, 2, +1, order=by_title) == [3, 1, 5, 4]
    assert walk(listed, 4, -1, order=by_title) == [5, 1, 3, 2]
    to_do = DocumentFilter(statuses=("new", "in-progress"))
    assert walk(listed, 2, +1, to_do) == [3]
    assert walk(listed, 3, +1, to_do, by_title) == []  # the last row
    assert walk(listed, 99, +1) == []  # no such document


def test_a_hidden_documents_neighbours_are_the_nearest_rows_around_its_place(listed):
    # Paris (5) is done: out of a list of documents to do, its place is still between
    # Talks (1) and Alpha (4) by title, descending: Tehran (3) before it, nothing after.
    to_do = DocumentFilter(statuses=("new", "in-progress"))
    by_title = DocumentOrder("title", descending=True)
    assert neighbour_in_list(listed, 5, -1, to_do, by_title) == 3
    assert neighbour_in_list(listed, 5, +1, to_do, by_title) is None
    assert neighbour_in_list(listed, 1, +1, to_do) == 2  # by id: the next one to do
    assert neighbour_in_list(listed, 4, -1, to_do) == 3


def test_progress_counts_done_documents_of_all(listed):
    assert progress(listed) == (2, 5)


def test_progress_of_an_empty_project():
    empty = Project.in_memory()
    assert progress(empty) == (0, 0) and count_documents(empty) == 0 and page(empty) == []
    empty.close()


def test_sources_include_the_empty_one(listed):
    assert sources(listed) == ["", "daily", "weekly", "wire"]


# -- the SQL agrees with a plain Python sort and filter, for any documents --------------------
documents = st.lists(st.tuples(st.sampled_from(["a", "B", "b", "", "c d"]),
                               st.sampled_from(["wire", "", "daily"]),
                               st.sampled_from(["", "2024-01-01", "2023-05-05"]),
                               st.sampled_from(STATUSES),
                               st.lists(st.sampled_from(LABELS), max_size=4)),
                     min_size=1, max_size=12)
orders = st.builds(DocumentOrder, st.sampled_from(SORT_KEYS),
                   st.sampled_from([None, *LABELS]), st.booleans())
filters = st.builds(DocumentFilter, st.sampled_from([None, ("done",), ("new", "in-progress")]),
                    st.sampled_from([None, "wire", ""]), st.sampled_from([None, "denial"]),
                    st.sampled_from(["", "b", "C"]))


def expected_ids(rows, where: DocumentFilter, order: DocumentOrder) -> list[int]:
    def kept(row):
        _id, title, source, _published, status, labels = row
        return ((where.statuses is None or status in where.statuses)
                and (where.source is None or source == where.source)
                and (where.label is None or where.label in labels)
                and where.text.lower() in title.lower())

    def key(row):
        labels = row[5]
        value = {"id": row[0], "title": row[1], "source": row[2], "published": row[3],
                 "status": row[4]}.get(order.key)
        if order.key == "spans":
            value = len(labels) if order.label is None else labels.count(order.label)
        return value, row[0]

    return [row[0] for row in sorted(filter(kept, rows), key=key, reverse=order.descending)]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents, orders, filters)
def test_pages_rows_and_neighbours_agree_with_python(rows, order, where):
    project = Project.in_memory()
    stored = [(add(project, number, *row), *row) for number, row in enumerate(rows)]
    rows = page(project, where, order)
    ids = [row.id for row in rows]
    assert ids == expected_ids(stored, where, order)
    assert count_documents(project, where) == len(ids)
    assert listed_ids(project, where, order) == ids
    assert document_rows(project, LABELS, list(reversed(ids))) == list(reversed(rows))
    values = sort_values(project, order, [row[0] for row in stored])
    assert sorted(values, key=lambda document_id: (values[document_id], document_id),
                  reverse=order.descending) == expected_ids(stored, DocumentFilter(), order)
    everything = expected_ids(stored, DocumentFilter(), order)
    for document_id, *_ in stored:
        expected_row = ids.index(document_id) if document_id in ids else None
        assert row_of_document(project, document_id, where, order) == expected_row
        assert is_listed(project, document_id, where) == (document_id in ids)
        # listed or not, its neighbours are the nearest listed documents on either side
        # of its place in the whole sorted list
        place = everything.index(document_id)
        after = [i for i in everything[place + 1:] if i in ids]
        before = [i for i in everything[:place] if i in ids]
        assert neighbour_in_list(project, document_id, +1, where, order) == next(iter(after), None)
        assert neighbour_in_list(project, document_id, -1, where, order) == next(
            reversed(before), None)
    project.close()
