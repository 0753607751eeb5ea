"""The statistics queries on a small project, with the numbers worked out by hand."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, make_span
from annotator.store import Project, stats

TEXT = "The minister said the talks would continue. The envoy denied it."


def add(project, title, source, status, spans):
    """``spans``: (label, speaker, created) each, all over the first word."""
    made = [make_span(TEXT, 0, 3, label, speaker=speaker, created=created)
            for label, speaker, created in spans]
    document = project.add_document(Document(text=f"{TEXT} {title}", title=title,
                                             source=source), made)
    project.set_status(document.id, status)


@pytest.fixture
def filled(project):
    add(project, "a", "AFP", "done", [
        ("claim", "Le Drian", "2024-03-01T09:00:00.000+00:00"),
        ("claim", "Le Drian", "2024-03-01T17:30:00.000+00:00"),
        ("denial", "Zarif", "2024-03-03T08:00:00.000+00:00"),
    ])
    add(project, "b", "Reuters", "in-progress", [
        ("quote", "Zarif", "2024-03-03T10:00:00.000+00:00"),
        ("claim", "", "2024-03-05T10:00:00.000+00:00"),
    ])
    add(project, "c", "AFP", "done", [("claim", "Amano", "2024-03-05T11:00:00.000+00:00")])
    add(project, "d", "", "skipped", [("quote", "Le Drian", "not a date"),
                                      ("quote", "", "2024-W09-5 as a week date")])
    add(project, "e", "Reuters", "new", [])
    return project


def test_spans_per_label_lists_every_label_in_schema_order(filled):
    assert stats.spans_per_label(filled) == [
        ("claim", 4), ("denial", 1), ("demand", 0), ("quote", 3)]


def test_documents_per_status_in_the_order_of_work(filled):
    assert stats.documents_per_status(filled) == [
        ("new", 1), ("in-progress", 1), ("done", 2), ("skipped", 1)]


def test_speakers_ranked_with_the_rest_and_the_unnamed_apart(filled):
    assert stats.spans_per_speaker(filled, top=2) == stats.Ranking(
        top=[("Le Drian", 3), ("Zarif", 2)], others=1, other_names=1, unnamed=2)


def test_ties_are_ranked_by_name(filled):
    assert stats.spans_per_speaker(filled, top=1).top == [("Le Drian", 3)]
    assert stats.spans_per_speaker(filled, top=3).top[2] == ("Amano", 1)


def test_a_top_larger_than_the_names_leaves_no_others(filled):
    ranking = stats.spans_per_speaker(filled, top=10)
    assert (ranking.others, ranking.other_names, ranking.total) == (0, 0, 8)


def test_spans_per_source_counts_the_spans_of_each_documents_source(filled):
    assert stats.spans_per_source(filled, top=1) == stats.Ranking(
        top=[("AFP", 4)], others=2, other_names=1, unnamed=2)


def test_an_empty_project_has_zeros_and_no_days(project):
    assert stats.spans_per_label(project) == [
        ("claim", 0), ("denial", 0), ("demand", 0), ("quote", 0)]
    assert stats.spans_per_speaker(project) == stats.Ranking()
    assert stats.spans_per_source(project) == stats.Ranking()
    assert stats.spans_per_day(project) == []


def test_days_run_from_the_first_to_the_last_with_spans_shown_as_a_week(filled):
    # the undated spans are left out; two spans on the 1st, two on the 3rd, two on the 5th
    assert stats.spans_per_day(filled) == [
        ("2024-02-28", 0), ("2024-02-29", 0), ("2024-03-01", 2), ("2024-03-02", 0),
        ("2024-03-03", 2), ("2024-03-04", 0), ("2024-03-05", 2)]


def test_days_keep_to_the_last_days_asked_for(filled):
    assert stats.spans_per_day(filled, days=3) == [
        ("2024-03-03", 2), ("2024-03-04", 0), ("2024-03-05", 2)]


def test_an_explicit_range_lists_each_of_its_days(filled):
    assert stats.spans_per_day(filled, since="2024-03-03", until="2024-03-04") == [
        ("2024-03-03", 2), ("2024-03-04", 0)]
    assert stats.spans_per_day(filled, since="2023-01-01", until="2023-01-02") == [
        ("2023-01-01", 0), ("2023-01-02", 0)]


def test_half_a_range(filled):
    assert stats.spans_per_day(filled, since="2024-03-04") == [
        ("2024-03-04", 0), ("2024-03-05", 2)]
    assert stats.spans_per_day(filled, until="2024-03-02", days=2) == [
        ("2024-03-01", 2), ("2024-03-02", 0)]


def test_a_malformed_range_is_refused(filled):
    with pytest.raises(ValueError):
        stats.spans_per_day(filled, since="March")
    with pytest.raises(ValueError):
        stats.spans_per_day(filled, days=0)


@settings(max_examples=30, deadline=None)
@given(speakers=st.lists(st.sampled_from(["", "A", "B", "C", "D", "E"]), max_size=20),
       top=st.integers(0, 6))
def test_a_ranking_always_accounts_for_every_span(speakers, top):
    project = Project.in_memory()
    try:
        spans = [make_span(TEXT, 0, 3, "claim", speaker=name) for name in speakers]
        project.add_document(Document(text=TEXT), spans)
        ranking = stats.spans_per_speaker(project, top=top)
        assert ranking.total == len(speakers)
        assert len(ranking.top) == min(top, len(set(speakers) - {""}))
        counts = [n for _, n in ranking.top]
        assert counts == sorted(counts, reverse=True)
    finally:
        project.close()
