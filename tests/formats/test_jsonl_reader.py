import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats import jsonl
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def read_lines(*lines: str, name: str = "a.jsonl", **options) -> list:
    return list(jsonl.read(io.BytesIO("\n".join(lines).encode("utf-8")), name, **options))


def test_native_record_with_all_fields():
    record = {
        "schema_version": 1, "offset_unit": "codepoint", "id": 7, "title": "T", "text": "Ana said no.",
        "source": "Wire", "url": "https://x", "author": "Bo", "published": "2024-01-02",
        "status": "done", "metadata": {"desk": "world"}, "sha256": "abc", "created": "c", "updated": "u",
        "spans": [{"id": 3, "start": 0, "end": 12, "label": "Claim", "text": "Ana said no.",
                   "speaker": "Ana", "target": "", "cue": "said", "note": "n", "annotator": "kim"}],
    }
    assert read_lines(json.dumps(record)) == [RawDocument(
        text="Ana said no.", file="a.jsonl", line=1, title="T", source="Wire", url="https://x",
        author="Bo", published="2024-01-02", metadata={"desk": "world"}, status="done",
        spans=[RawSpan(0, 12, "Claim", text="Ana said no.", speaker="Ana", cue="said", note="n",
                       annotator="kim")],
        offset_unit="codepoint",
    )]


def test_native_metadata_is_kept_verbatim_for_exact_round_trips():
    line = '{"schema_version": 1, "text": "t", "source": "", "metadata": {"source": "s", "url": "u"}}'
    (document,) = read_lines(line)
    assert (document.source, document.url) == ("", "")
    assert document.metadata == {"source": "s", "url": "u"}


def test_doccano_label_variant_keeps_labels_and_odd_offsets_as_given():
    (document,) = read_lines('{"id": 3, "text": "abc", "label": [[0, 2, "ORG"], ["x", -1, 5]], "Comments": []}')
    assert document.spans == [RawSpan(0, 2, "ORG"), RawSpan("x", -1, 5)]
    assert document.metadata == {"id": 3}


def test_doccano_entities_variant_warns_about_relations():
    (document,) = read_lines(json.dumps({
        "text": "abcdef", "source": "emoji_flags",
        "entities": [{"id": 1, "label": "claim", "start_offset": 0, "end_offset": 3},
                     {"id": 2, "label": "quote", "start_offset": 3, "end_offset": 6}],
        "relations": [{"id": 0, "from_id": 1, "to_id": 2, "type": "says"}],
    }))
    assert document.spans == [RawSpan(0, 3, "claim"), RawSpan(3, 6, "quote")]
    assert document.source == "emoji_flags"
    assert document.warnings == ["1 relation was not imported"]


def test_prodigy_meta_maps_to_fields_and_token_indices_are_ignored():
    (document,) = read_lines(json.dumps({
        "text": "abc", "meta": {"source": "feed", "date": 2024, "file": "x.txt"},
        "spans": [{"start": 0, "end": 3, "token_start": 0, "token_end": 0, "label": "CLAIM"}],
        "tokens": [], "answer": "accept", "_input_hash": 1, "_task_hash": 2, "_view_id": "ner_manual",
    }))
    assert (document.source, document.published) == ("feed", "2024")
    assert document.metadata == {"file": "x.txt"}
    assert document.spans == [RawSpan(0, 3, "CLAIM")]


def test_aliases_outlet_and_link():
    (document,) = read_lines('{"text": "t", "outlet": "Daily", "link": "https://d"}')
    assert (document.source, document.url) == ("Daily", "https://d")


def test_offset_unit_argument_applies_when_the_record_declares_none():
    assert read_lines('{"text": "t"}', offset_unit="utf16")[0].offset_unit == "utf16"
    assert read_lines('{"text": "t", "offset_unit": "codepoint"}', offset_unit="utf16")[0].offset_unit == "codepoint"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "a",', "invalid JSON (Expecting property name enclosed in double quotes at column 14)"),
        ("[1, 2]", "not a JSON object (found a list)"),
        ('{"title": "x"}', 'missing the "text" field'),
        ('{"text": 5}', 'the "text" field is not a string (found a number)'),
        ('{"text": "a", "answer": "reject"}', 'Prodigy answer is "reject"; not imported'),
        ('{"text": "a", "answer": "ignore"}', 'Prodigy answer is "ignore"; not imported'),
        ('{"text": "a", "label": ["positive"]}', "document-level labels are not spans; not supported"),
        ('{"text": "a", "label": "positive"}', "document-level labels are not spans; not supported"),
        ('{"text": "a", "label": [[0, 1, "x"], [0, 1, "x"], [0, 1]]}', "span 3 is not [start, end, label]"),
        ('{"text": "a", "spans": {"start": 0}}', 'the "spans" field is not a list (found an object)'),
        ('{"text": "a", "spans": [{"start": 0, "end": 1}]}',
         'span 1 is not an object with "start", "end" and "label"'),
        ('{"text": "a", "entities": [[0, 1, "x"]]}',
         'entity 1 is not an object with "start_offset", "end_offset" and "label"'),
    ],
)
def test_unreadable_lines_become_problems(line, reason):
    assert read_lines(line) == [Problem(file="a.jsonl", line=1, reason=reason)]


def test_invalid_utf8_line_is_a_problem_and_the_next_line_still_reads():
    data = b'{"text": "caf\xe9"}\n{"text": "ok"}\n'
    problem, document = jsonl.read(io.BytesIO(data), "a.jsonl")
    assert problem == Problem("a.jsonl", 1, "not valid UTF-8 (byte 0xe9 at byte 14 of the line)")
    assert (document.text, document.line) == ("ok", 2)


def test_u2028_inside_a_string_does_not_split_the_line():
    (document,) = jsonl.read(io.BytesIO('{"text": "a\u2028b\u0085c"}\r\n'.encode()), "a.jsonl")
    assert document.text == "a\u2028b\u0085c"


def test_bom_is_allowed():
    (document,) = jsonl.read(io.BytesIO(b'\xef\xbb\xbf{"text": "t"}'), "a.jsonl")
    assert document.text == "t"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"\n \n", "no records (only blank lines)"),
     (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image), not text")],
)
def test_unusable_files(data, reason):
    with pytest.raises(FormatError) as error:
        list(jsonl.read(io.BytesIO(data), "a.jsonl"))
    assert error.value.problem == Problem("a.jsonl", None, reason)


def test_malformed_corpus_file_reports_bad_lines_and_keeps_the_rest():
    path = SHARED / "corpus" / "bad" / "malformed.jsonl"
    results = list(jsonl.read(path.open("rb"), "malformed.jsonl"))
    assert [r.line for r in results if isinstance(r, RawDocument)] == [1, 3, 4, 5, 8]
    problems = [r for r in results if isinstance(r, Problem)]
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (2, "invalid JSON"), (6, 'missing the "text" field'),
    ]
    assert results[3].spans == [RawSpan(9, 3, "claim")]  # nonsense offsets are the service's job


def test_seed_file_has_seventeen_spans_with_speakers():
    path = SHARED / "seeds" / "seed_example_annotations.jsonl"
    (document,) = jsonl.read(path.open("rb"), path.name)
    assert document.title == "Iran Says Missile Work Will Continue Despite Western Pressure"
    assert document.offset_unit == "codepoint"
    assert document.metadata == {"file": "000_fac5c2d2a8dff73e.txt"}
    assert len(document.spans) == 17
    first = document.spans[0]
    assert (first.label, first.speaker, first.target, first.cue) == ("demand", "Le Drian", "Iran", "said")
    assert all(document.text[s.start:s.end] == s.text for s in document.spans)


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
JSON_SCALAR = st.one_of(st.integers(), st.text(), st.none(), st.booleans())
SPAN = st.fixed_dictionaries(
    {"start": JSON_SCALAR, "end": JSON_SCALAR, "label": JSON_SCALAR},
    optional={"text": ANY_TEXT, "speaker": ANY_TEXT, "note": ANY_TEXT},
)


@settings(max_examples=150)
@given(ANY_TEXT, st.lists(SPAN, max_size=4), st.booleans())
def test_any_record_round_trips(text, spans, ensure_ascii):
    line = json.dumps({"text": text, "spans": spans}, ensure_ascii=ensure_ascii)
    (document,) = jsonl.read(io.BytesIO(line.encode("utf-8")), "a.jsonl")
    assert document.text == text
    assert document.spans == [
        RawSpan(s["start"], s["end"], s["label"], text=s.get("text"), speaker=s.get("speaker", ""),
                note=s.get("note", ""))
        for s in spans
    ]


KEYS = st.sampled_from(["text", "spans", "label", "entities", "relations", "Comments", "answer",
                        "meta", "metadata", "status", "offset_unit", "title", "date", "start",
                        "end", "start_offset", "end_offset", "labels", "id"])
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=12,
)


@settings(max_examples=200)
@given(st.dictionaries(KEYS, JSON_VALUE, max_size=6))
def test_any_json_object_gives_a_document_or_a_problem_never_an_exception(record):
    (result,) = jsonl.read(io.BytesIO(json.dumps(record).encode()), "a.jsonl")
    assert isinstance(result, (RawDocument, Problem))
    assert result.line == 1


# -- fields that hold text: a number is its JSON text, never a Python repr --------------

@pytest.mark.parametrize(("span_fields", "reason"), [
    ({"speaker": ["Ana", "Bo"]},
     'span 1: the "speaker" field is a list (["Ana", "Bo"]), not text: write it as one string'),
    ({"note": {"conf": 0.9}},
     'span 1: the "note" field is an object ({"conf": 0.9}), not text: write it as one string'),
    ({"cue": True}, 'span 1: the "cue" field is true/false (true), not text: write it as one string'),
])
def test_a_span_field_that_holds_no_text_refuses_the_record_naming_it(span_fields, reason):
    span = {"start": 8, "end": 18, "label": "claim", **span_fields}
    assert read_lines(json.dumps({"text": "Ana and Bo said no.", "spans": [span]})) == [
        Problem("a.jsonl", 1, reason)]


def test_a_document_field_that_holds_no_text_refuses_the_record_naming_it():
    [problem] = read_lines(json.dumps({"text": "t", "meta": {"source": ["AFP", "Reuters"]}}))
    assert problem == Problem("a.jsonl", 1, 'the "source" field is a list (["AFP", "Reuters"]), '
                                            "not text: write it as one string")


def test_numbers_in_text_fields_are_read_as_their_json_text():
    record = {"text": "Ana said no.", "date": 2024, "author": 7.5,
              "spans": [{"start": 0, "end": 3, "label": "claim", "note": 3, "speaker": None}]}
    [document] = read_lines(json.dumps(record))
    assert (document.published, document.author) == ("2024", "7.5")
    assert (document.spans[0].note, document.spans[0].speaker) == ("3", "")
