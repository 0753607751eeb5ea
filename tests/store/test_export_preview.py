"""Project.export_preview counts in SQL what exporting.select would load: they must agree."""
from collections import Counter

import pytest

from annotator.core.model import Document, make_span
from annotator.exporting import ExportError, ExportFilter
from annotator.exporting.selection import select
from annotator.store import Project

TEXT = "The minister denied it. Officials demanded more."
ROWS = [  # status, source, published, spans as (label, annotator)
    ("done", "wire", "2024-01-05", [("denial", "ana"), ("demand", "bo")]),
    ("done", "wire", "2024-02-10T08:30:00+00:00", [("claim", "ana")]),
    ("done", "daily", "", [("quote", "bo"), ("denial", "bo")]),
    ("done", "daily", "2024-03-01", []),
    ("in-progress", "wire", "2024-01-20", [("denial", "ana"), ("claim", "bo")]),
    ("new", "weekly", "2023-12-31", []),
    ("skipped", "weekly", "2024-02-29 noon", [("demand", "ana")]),
]
SPAN_PLACES = {"claim": (0, 12), "denial": (13, 19), "demand": (34, 42), "quote": (24, 48)}


@pytest.fixture
def small():
    project = Project.in_memory()
    for number, (status, source, published, spans) in enumerate(ROWS):
        text = f"{number}. {TEXT}"  # distinct texts: the store refuses duplicates
        made = [make_span(text, start + 3, end + 3, label, annotator=annotator)
                for label, annotator in spans
                for start, end in [SPAN_PLACES[label]]]
        doc = project.add_document(Document(text=text, source=source, published=published), made)
        project.set_status(doc.id, status)
    yield project
    project.close()


def selected(project: Project, chosen: ExportFilter) -> tuple[int, dict[str, int]]:
    try:
        docs = select(project, chosen)
    except ExportError:  # nothing matches
        return 0, {}
    return len(docs), dict(Counter(span.label for doc in docs for span in doc.spans))


FILTERS = [
    ExportFilter(),
    ExportFilter(statuses=None),
    ExportFilter(statuses=["done", "in-progress"], labels=["denial", "claim"]),
    ExportFilter(statuses=None, annotators=["bo"]),
    ExportFilter(statuses=None, sources=["wire", "weekly"], labels=["demand"], annotators=["ana"]),
    ExportFilter(statuses=None, since="2024-01-20"),
    ExportFilter(statuses=None, until="2024-02-10"),
    ExportFilter(statuses=None, since="2024-02-01", until="2024-02-29"),
    ExportFilter(statuses=["done"], since="", until=""),  # empty dates: no filter, as in select
    ExportFilter(statuses=["new"], labels=["quote"]),
    ExportFilter(statuses=[]),
    ExportFilter(statuses=None, sources=[]),
    ExportFilter(statuses=None, labels=[], annotators=["ana"]),
]


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: repr(f.describe()))
def test_the_preview_agrees_with_the_selection(small, chosen):
    preview = small.export_preview(chosen.statuses, chosen.labels, chosen.annotators,
                                   chosen.sources, chosen.since, chosen.until)
    assert preview == selected(small, chosen)


def test_the_preview_of_everything_counts_every_document_and_span(small):
    documents, by_label = small.export_preview(None, None, None, None, None, None)
    assert documents == len(ROWS)
    assert by_label == small.counts_by_label()


def test_the_preview_refuses_an_unknown_status(small):
    with pytest.raises(ValueError, match="unknown status"):
        small.export_preview(["finished"], None, None, None, None, None)
