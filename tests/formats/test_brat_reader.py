import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats import brat
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan

TEXT = "Le Drian said Iran must stop.\r\nIran denied it.\r\n"


def read(ann: str, text: str = TEXT) -> list:
    return list(brat.read(io.BytesIO(text.encode()), io.BytesIO(ann.encode()), "d/a.txt", "d/a.ann"))


def test_spans_notes_and_speaker_attributes():
    ann = (
        "T1\tDemand 14 28\tIran must stop\n"
        "#1\tAnnotatorNotes T1\tstrong wording\n"
        "A1\tSpeaker T1 Le_Drian\n"
        "A2\tTARGET T1 Iran\n"
        "A3\tcue T1 said\n"
        "T2\tDenial 36 42\tdenied\n"
    )
    assert read(ann) == [RawDocument(
        text=TEXT, file="d/a.ann", title="Le Drian said Iran must stop.",
        metadata={"encoding": "utf-8", "filename": "a.txt", "annotations": "a.ann"},
        spans=[
            RawSpan(14, 28, "Demand", text="Iran must stop", speaker="Le_Drian", target="Iran",
                    cue="said", note="strong wording", line=1),
            RawSpan(36, 42, "Denial", text="denied", line=6),
        ],
        format_unit="codepoint",
    )]


def test_attributes_may_come_before_their_span():
    (document,) = read("A1\tSpeaker T1 Iran\nT1\tDenial 36 42\tdenied\n")
    assert document.spans[0].speaker == "Iran"


def test_what_cannot_be_kept_is_counted_in_warnings():
    ann = (
        "T1\tClaim 0 8\tLe Drian\nT2\tDenial 36 42\tdenied\n"
        "R1\tDisputes Arg1:T2 Arg2:T1\n*\tEquiv T1 T2\nE1\tDeny:T2\n"
        "N1\tReference T1 Wikidata:Q1\tLe Drian\nA1\tNegation T2\nM1\tUncertain T1\n"
        "#1\tAnnotatorNotes R1\tabout the relation\n"
    )
    (document,) = read(ann)
    assert len(document.spans) == 2
    assert document.warnings == [
        "2 relations were not imported",
        "1 event was not imported",
        "1 normalisation was not imported",
        "2 attributes were not imported",
        "1 note on a relation or event was not imported",
    ]


def test_discontinuous_span_skips_the_whole_document():
    ann = "T1\tClaim 0 8\tLe Drian\nT3\tQuote 0 5;16 23\tLe Dr said\nA1\tSpeaker T3 x\n"
    assert read(ann) == [Problem("d/a.ann", 2, "discontinuous span T3 (0 5;16 23) is not supported")]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("T1\tClaim zero 8\tLe Drian", "malformed span T1: expected 'T1<TAB>Label start end<TAB>text'"),
        ("T1 Claim 0 8", "not a brat annotation line: 'T1 Claim 0 8'"),
        ("A1\tSpeaker", "malformed attribute A1: expected 'A1<TAB>Name T1 Value'"),
        ("A1\tSpeaker T7 x", "refers to T7, which is not defined"),
        ("#1\tAnnotatorNotes\tnote", "malformed note: expected '#1<TAB>AnnotatorNotes T1<TAB>note', "
                                      "got 'AnnotatorNotes\\tnote'"),
        ("X1\twhat", "not a brat annotation line: 'X1\\twhat'"),
    ],
)
def test_malformed_lines_skip_the_document(line, reason):
    assert read(f"T2\tDenial 36 42\tdenied\n{line}\n") == [Problem("d/a.ann", 2, reason)]


def test_crlf_ann_and_empty_ann():
    (document,) = read("T1\tDenial 36 42\tdenied\r\n")
    assert document.spans == [RawSpan(36, 42, "Denial", text="denied", line=1)]
    (document,) = read("")
    assert document.spans == []


def test_undecodable_ann_rejects_the_file():
    with pytest.raises(FormatError) as error:
        list(brat.read(io.BytesIO(b"text"), io.BytesIO(b"T1\tX 0 1\t\xff"), "a.txt", "a.ann"))
    assert error.value.problem == Problem("a.ann", None, "not valid UTF-8 (byte 0xff at offset 9)")


def test_ann_bom_is_dropped_and_offsets_in_errors_count_it():
    (document,) = brat.read(io.BytesIO(b"text"), io.BytesIO(b"\xef\xbb\xbfT1\tX 0 4\ttext"), "a.txt", "a.ann")
    assert document.spans == [RawSpan(0, 4, "X", text="text", line=1)]
    with pytest.raises(FormatError) as error:
        list(brat.read(io.BytesIO(b"text"), io.BytesIO(b"\xef\xbb\xbf\xff"), "a.txt", "a.ann"))
    assert error.value.problem.reason == "not valid UTF-8 (byte 0xff at offset 3)"


ANN_LINE = st.lists(
    st.one_of(st.sampled_from(["T1", "T2", "A1", "#1", "R1", "E1", "N1", "M1", "*", "\t", " ", ";",
                               "0", "5", "12", "Speaker", "AnnotatorNotes", "Claim"]),
              st.text(max_size=3)),
    max_size=8,
).map("".join)


@settings(max_examples=200)
@given(st.lists(ANN_LINE, max_size=5))
def test_any_ann_gives_one_document_or_problems_never_an_exception(lines):
    results = read("\n".join(lines))
    documents = [r for r in results if isinstance(r, RawDocument)]
    problems = [r for r in results if isinstance(r, Problem)]
    assert (len(documents), len(problems)) in {(1, 0), (0, len(results))}
    assert all(problem.file == "d/a.ann" and problem.line for problem in problems)
