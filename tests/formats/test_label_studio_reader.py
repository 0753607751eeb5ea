import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats import label_studio
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan


def labels_result(start, end, labels, text=None):
    value = {"start": start, "end": end, "labels": labels}
    if text is not None:
        value["text"] = text
    return {"type": "labels", "from_name": "label", "to_name": "text", "value": value}


def task(**overrides):
    base = {
        "id": 9,
        "data": {"text": "Ana said no.", "source": "Wire", "desk": "world"},
        "annotations": [{"id": 101, "completed_by": 4, "result": [labels_result(0, 3, ["claim"], "Ana")]}],
        "predictions": [],
    }
    return {**base, **overrides}


def read_json(value, name="ls.json") -> list:
    return list(label_studio.read(io.BytesIO(json.dumps(value, indent=1).encode()), name))


def test_task_becomes_a_document():
    assert read_json([task()]) == [RawDocument(
        text="Ana said no.", file="ls.json", line=2, source="Wire",
        metadata={"desk": "world", "label_studio_id": 9},
        spans=[RawSpan(0, 3, "claim", text="Ana", annotator="4")],
        format_unit="codepoint",  # Label Studio's unit, used when nothing else names one
    )]


def test_single_task_object_is_accepted():
    (document,) = read_json(task())
    assert (document.text, document.line) == ("Ana said no.", 1)


def test_one_span_per_label_and_annotator_email():
    annotation = {"completed_by": {"id": 4, "email": "kim@example.org"},
                  "result": [labels_result(0, 3, ["claim", "quote"])]}
    (document,) = read_json([task(annotations=[annotation])])
    assert document.spans == [
        RawSpan(0, 3, "claim", annotator="kim@example.org"),
        RawSpan(0, 3, "quote", annotator="kim@example.org"),
    ]


def test_cancelled_annotations_other_results_and_predictions():
    annotations = [
        {"completed_by": 1, "was_cancelled": True, "result": [labels_result(0, 3, ["claim"])]},
        {"completed_by": 2, "result": [labels_result(4, 8, ["quote"]),
                                       {"type": "relation", "from_id": "a", "to_id": "b"},
                                       {"type": "choices", "value": {"choices": ["x"]}}]},
    ]
    (document,) = read_json([task(annotations=annotations, predictions=[{"result": []}])])
    assert document.spans == [RawSpan(4, 8, "quote", annotator="2")]
    assert document.warnings == [
        '1 result of type "relation" was not imported',
        '1 result of type "choices" was not imported',
        "1 prediction was not imported",
    ]


def test_text_under_another_key_when_it_is_the_only_string():
    (document,) = read_json([task(data={"article": "Body.", "n": 3})])
    assert (document.text, document.metadata) == ("Body.", {"n": 3, "label_studio_id": 9})


def test_problems_name_the_line_of_their_task_and_others_still_import():
    export = "\n".join([
        "[",
        json.dumps(task()) + ",",
        json.dumps(task(data={"a": "x", "b": "y"})) + ",",
        '"nonsense",',
        json.dumps(task(annotations=[{"id": 5, "result": [{"type": "labels"}]}])),
        "]",
    ])
    results = list(label_studio.read(io.BytesIO(export.encode()), "ls.json"))
    assert results[0].line == 2
    assert results[1:] == [
        Problem("ls.json", 3, 'missing the "data.text" field'),
        Problem("ls.json", 4, "the task is not a JSON object (found a string)"),
        Problem("ls.json", 5, "annotation 5, result 1 has no start, end and labels"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'[{"id": 1,\n  "data": {"text": "a"} "x"}]',
         "invalid JSON (Expecting ',' delimiter at line 2, column 25)"),
        (b'[{"data": {"text": "a"}}\n{"data": {}}]', "invalid JSON (Expecting ',' delimiter or ']' at line 2, column 1)"),
        (b'[{"data": {"text": "a"}}] []', "invalid JSON (Extra data at line 1, column 27)"),
        (b'"just a string"', "not a Label Studio export (expected a JSON list of tasks)"),
        (b'{"emoji_flags": {"text_len": 3}}', "not a Label Studio export (expected a JSON list of tasks)"),
    ],
)
def test_broken_json_rejects_the_whole_file(data, reason):
    with pytest.raises(FormatError) as error:
        list(label_studio.read(io.BytesIO(data), "ls.json"))
    assert error.value.problem.reason == reason


def test_empty_list_has_no_documents():
    assert list(label_studio.read(io.BytesIO(b" [ ] \n"), "ls.json")) == []


def test_undecodable_export():
    with pytest.raises(FormatError) as error:
        list(label_studio.read(io.BytesIO(b'\xef\xbb\xbf[{"data": {"text": "caf\xe9"}}]'), "ls.json"))
    assert error.value.problem.reason == "not valid UTF-8 (byte 0xe9 at offset 26)"


KEYS = st.sampled_from(["id", "data", "text", "annotations", "predictions", "result", "type",
                        "value", "start", "end", "labels", "completed_by", "was_cancelled", "email"])
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(["labels", "text", "x"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=16,
)


@settings(max_examples=200)
@given(st.lists(JSON_VALUE, max_size=3))
def test_any_list_of_tasks_gives_documents_or_problems_never_an_exception(tasks):
    results = list(label_studio.read(io.BytesIO(json.dumps(tasks).encode()), "ls.json"))
    assert len(results) == len(tasks)
    assert all(isinstance(result, (RawDocument, Problem)) for result in results)


def test_a_region_meta_that_holds_no_text_refuses_the_task_naming_the_field():
    result = {**labels_result(0, 3, ["claim"], "Ana"), "meta": {"speaker": ["Ana", "Bo"]}}
    annotations = [{"id": 101, "result": [result]}]
    [problem] = read_json([task(annotations=annotations)])
    assert problem == Problem("ls.json", 2, 'annotation 101, result 1: meta: the "speaker" field '
                                            'is a list (["Ana", "Bo"]), not text: write it as '
                                            "one string")


def test_label_studio_notes_and_numbers_are_text_not_reprs():
    result = {**labels_result(0, 3, ["claim"], "Ana"), "meta": {"text": ["firm", 2], "cue": 5}}
    [document] = read_json([task(annotations=[{"id": 1, "result": [result]}])])
    assert (document.spans[0].note, document.spans[0].cue) == ("firm\n2", "5")
