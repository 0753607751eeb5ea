"""The import's bulk insert path: new texts stored together, every check kept."""
import json
import sqlite3

import pytest

from annotator.core.model import ContractError, Document, Span
from annotator.importing import import_paths
from annotator.importing.resolve import TITLE_SEARCH
from annotator.store.bulk import add_documents, ids_by_sha256

TEXT_A = "The minister denied the report. Officials claimed success."
TEXT_B = "The envoy demanded guarantees before the talks."


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_a_text_twice_in_one_file_is_stored_once_with_both_lines_spans(project, tmp_path):
    path = write_jsonl(tmp_path / "twice.jsonl", [
        {"text": TEXT_A, "label": [[4, 12, "claim"]]},
        {"text": TEXT_B, "label": [[4, 9, "demand"]]},
        {"text": TEXT_A, "label": [[4, 12, "claim"], [13, 19, "denial"]]},
    ])
    report = import_paths(project, [path])
    assert report.ok, report.problems
    first, second = report.files[0].added
    assert report.files[0].document_ids == [first, second, first]
    assert report.files[0].merged == {first: 1}  # the repeated span is not stored twice
    assert [(s.start, s.end, s.label) for s in project.spans(first)] == [
        (4, 12, "claim"), (13, 19, "denial")]
    assert project.document_count() == 2 and report.spans_added == 3


def test_texts_already_stored_are_merged_and_new_ones_added_in_file_order(project, tmp_path):
    import_paths(project, [write_jsonl(tmp_path / "one.jsonl", [{"text": TEXT_B, "label": []}])])
    [known] = [d.id for d in project.documents()]
    path = write_jsonl(tmp_path / "two.jsonl", [
        {"text": TEXT_A, "label": [[4, 12, "claim"]]},
        {"text": TEXT_B, "label": [[4, 9, "demand"]]},
    ])
    report = import_paths(project, [path]).files[0]
    assert report.document_ids == [report.added[0], known]
    assert report.merged == {known: 1}
    assert project.document(report.added[0]).status == "in-progress"  # it came with a span


def test_a_lone_surrogate_is_rejected_with_its_place(project, tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "ab\\ud800cd", "label": []}\n', "utf-8")
    report = import_paths(project, [path])
    [problem] = report.problems
    assert problem.line == 1
    assert "unpaired surrogate (U+D800) at character 2" in problem.reason
    assert project.document_count() == 0


def test_the_title_is_the_first_line_with_text_even_far_into_a_long_text(project, tmp_path):
    text = " \n" * TITLE_SEARCH + "  Late headline  \nBody text follows here."
    path = write_jsonl(tmp_path / "late.jsonl", [{"text": text, "label": []},
                                                 {"text": "Headline\r\nBody", "label": []}])
    import_paths(project, [path])
    assert sorted(d.title for d in project.documents()) == ["Headline", "Late headline"]


def test_a_span_that_does_not_match_its_text_stops_everything_before_writing(project):
    good = (Document(text=TEXT_A), [Span(4, 12, "claim", "minister")])
    bad = (Document(text=TEXT_B), [Span(4, 9, "demand", "XXXXX")])
    with pytest.raises(ContractError, match="does not match"):
        add_documents(project, [good, bad])
    assert project.document_count() == 0


def test_an_unknown_label_rolls_the_whole_batch_back(project):
    first = (Document(text=TEXT_A), [Span(4, 12, "claim", "minister")])
    second = (Document(text=TEXT_B), [Span(4, 9, "rumour", "envoy")])
    with pytest.raises(sqlite3.IntegrityError):
        add_documents(project, [first, second])
    assert project.document_count() == 0 and project.span_count() == 0


def test_stored_documents_are_found_by_their_hash(project):
    ids = add_documents(project, [(Document(text=TEXT_A), []), (Document(text=TEXT_B), [])])
    found = ids_by_sha256(project, [Document(text=TEXT_B).sha256, "0" * 64])
    assert found == {Document(text=TEXT_B).sha256: ids[1]}
    assert project.document(ids[0]).status == "new"  # no spans: still new
