"""Each exporter on one small document, its output written out in full; and the reader
extensions that let our own readers take those files back."""
import csv
import io
import json
import zipfile

import pytest

from annotator.core.model import Document, make_span
from annotator.formats import brat, brat_export, csv_export, doccano_export, label_studio
from annotator.formats import label_studio_export, prodigy_export
from annotator.formats.export_base import ExportDoc, WriteError, WriterOptions
from annotator.formats.records import Problem, RawSpan

# "😀" is one code point but two UTF-16 units: offsets after it differ by unit.
TEXT = "Le Drian said:\r\nIran must stop 😀 now.\nIran denied it."
DOCUMENT = Document(text=TEXT, title="Talks", source="AFP", url="https://x.example/a",
                    published="2024-05-01", metadata={"desk": "world", "title": "stray"}, id=5)
SAID = make_span(TEXT, 9, 30, "claim", speaker="Le Drian", target="Iran", cue="said",
                 note="firm", annotator="kim", id=11)
EMOJI = make_span(TEXT, 31, 32, "quote", annotator="kim", id=13)
DENIED = make_span(TEXT, 38, 52, "denial", annotator="lee", id=12)
DOC = ExportDoc(DOCUMENT, [SAID, EMOJI, DENIED])
FACTS = {"title": "Talks", "source": "AFP", "url": "https://x.example/a",
         "published": "2024-05-01", "desk": "world"}


def lines_of(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


# -- doccano -------------------------------------------------------------------

def test_doccano_label_variant_in_code_points(tmp_path):
    notes = doccano_export.write([DOC], tmp_path / "d.jsonl", WriterOptions())
    assert lines_of(tmp_path / "d.jsonl") == [{
        "id": 5, "text": TEXT,
        "label": [[9, 30, "claim"], [31, 32, "quote"], [38, 52, "denial"]],
        "Comments": [], **FACTS,
    }]
    assert notes == ["offsets count code points, as asked (the manifest says so); doccano counts "
                     "UTF-16 units and would misplace the spans after a character beyond U+FFFF "
                     "(an emoji, say) in 1 document(s): export with --offset-unit utf16 (the "
                     "default for doccano) to load it in doccano",
                     "doccano has no place for speaker, target, cue or note: 1 span carries them; "
                     "use jsonl or label-studio to keep them"]


@pytest.mark.parametrize(("unit", "text", "warned"), [
    ("utf16", TEXT, False),  # doccano's own unit
    ("codepoint", "Iran denied it. «Non», said the €-zone.", False),  # all within U+FFFF
    ("utf8", "Iran denied it. «Non».", True),  # « is two UTF-8 bytes, one UTF-16 unit
])
def test_doccano_warns_only_where_doccano_would_count_otherwise(tmp_path, unit, text, warned):
    doc = ExportDoc(Document(text=text, id=1), [make_span(text, 5, 11, "denial")])
    notes = doccano_export.write([doc], tmp_path / "d.jsonl", WriterOptions(offset_unit=unit))
    assert any("--offset-unit utf16" in note for note in notes) == warned, notes


def test_doccano_entities_variant_in_utf16_units(tmp_path):
    options = WriterOptions(offset_unit="utf16", doccano_variant="entities")
    doccano_export.write([DOC], tmp_path / "d.jsonl", options)
    assert lines_of(tmp_path / "d.jsonl") == [{
        "id": 5, "text": TEXT,
        "entities": [
            {"id": 11, "label": "claim", "start_offset": 9, "end_offset": 30},
            {"id": 13, "label": "quote", "start_offset": 31, "end_offset": 33},
            {"id": 12, "label": "denial", "start_offset": 39, "end_offset": 53},
        ],
        "relations": [], **FACTS,
    }]


def test_doccano_metadata_never_takes_over_the_record(tmp_path):
    document = Document(text="Iran denied it.", id=1,
                        metadata={"id": 99, "label": "x", "text": "y", "entities": [], "k": 1})
    doccano_export.write([ExportDoc(document)], tmp_path / "d.jsonl", WriterOptions())
    assert lines_of(tmp_path / "d.jsonl") == [
        {"id": 1, "text": "Iran denied it.", "label": [], "Comments": [], "k": 1}]


def test_doccano_line_separators_are_escaped_so_each_record_stays_one_line(tmp_path):
    text = "a\u2028b\u2029c\x85d"
    doccano_export.write([ExportDoc(Document(text=text, id=1))], tmp_path / "d.jsonl",
                         WriterOptions())
    raw = (tmp_path / "d.jsonl").read_text("utf-8")
    assert len(raw.splitlines()) == 1 and json.loads(raw)["text"] == text


def test_doccano_unknown_variant_stops_the_export(tmp_path):
    with pytest.raises(WriteError, match="unknown doccano variant"):
        doccano_export.write([DOC], tmp_path / "d.jsonl", WriterOptions(doccano_variant="x"))


# -- Prodigy -------------------------------------------------------------------

def test_prodigy_task_with_tokens_and_inclusive_token_end(tmp_path):
    notes = prodigy_export.write([DOC], tmp_path / "p.jsonl", WriterOptions())
    # "ws" is one space (U+0020) after the token, as spaCy's; a line break is a token
    words = [("Le", 0, 2, True), ("Drian", 3, 8, True), ("said", 9, 13, False), (":", 13, 14, False),
             ("\r\n", 14, 16, False), ("Iran", 16, 20, True), ("must", 21, 25, True),
             ("stop", 26, 30, True), ("😀", 31, 32, True), ("now", 33, 36, False),
             (".", 36, 37, False), ("\n", 37, 38, False), ("Iran", 38, 42, True),
             ("denied", 43, 49, True), ("it", 50, 52, False), (".", 52, 53, False)]
    none = {"speaker": "", "target": "", "cue": "", "note": ""}
    assert lines_of(tmp_path / "p.jsonl") == [{
        "text": TEXT,
        "tokens": [{"text": t, "start": s, "end": e, "id": n, "ws": ws}
                   for n, (t, s, e, ws) in enumerate(words)],
        "spans": [
            {"start": 9, "end": 30, "token_start": 2, "token_end": 7, "label": "claim",
             "text": "said:\r\nIran must stop", "speaker": "Le Drian", "target": "Iran",
             "cue": "said", "note": "firm", "annotator": "kim"},
            {"start": 31, "end": 32, "token_start": 8, "token_end": 8, "label": "quote",
             "text": "😀", **none, "annotator": "kim"},
            {"start": 38, "end": 52, "token_start": 12, "token_end": 14, "label": "denial",
             "text": "Iran denied it", **none, "annotator": "lee"},
        ],
        "answer": "accept",
        "meta": FACTS,
    }]
    assert notes == []


def test_prodigy_span_off_token_boundaries_keeps_its_characters_and_is_counted(tmp_path):
    text = "Iran denied it. \n"
    # [15, 16) is the space after ".", its "ws": no token holds it
    spans = [make_span(text, 1, 8, "denial"), make_span(text, 15, 16, "claim")]
    notes = prodigy_export.write([ExportDoc(Document(text=text), spans)], tmp_path / "p.jsonl",
                                 WriterOptions())
    [task] = lines_of(tmp_path / "p.jsonl")
    inside, blank = task["spans"]
    assert (inside["start"], inside["end"], inside["token_start"], inside["token_end"]) == (1, 8, 0, 1)
    assert "token_start" not in blank and (blank["start"], blank["end"]) == (15, 16)
    assert notes == [
        "1 span(s) do not start and end on token boundaries: they keep their exact character "
        "offsets, and their token_start/token_end name the tokens they overlap",
        '1 span(s) cover no token (only the space after a token, its "ws"): they have no '
        "token_start/token_end",
    ]


# -- Label Studio --------------------------------------------------------------

def result(ident, start, end, text, label, meta=None):
    item = {"id": ident, "from_name": "label", "to_name": "text", "type": "labels",
            "origin": "manual", "value": {"start": start, "end": end, "text": text, "labels": [label]}}
    return {**item, "meta": meta} if meta else item


def test_label_studio_task_has_one_annotation_per_annotator(tmp_path):
    notes = label_studio_export.write([DOC], tmp_path / "ls.json", WriterOptions())
    assert json.loads((tmp_path / "ls.json").read_text("utf-8")) == [{
        "id": 5,
        "data": {"text": TEXT, **FACTS},
        # no "completed_by": Label Studio refuses any value but one of its own user ids
        # or member emails; the annotator's name rides in each result's meta
        "annotations": [
            {"id": 1, "result": [
                result("s11", 9, 30, "said:\r\nIran must stop", "claim",
                       {"text": ["firm"], "speaker": "Le Drian", "target": "Iran", "cue": "said",
                        "annotator": "kim"}),
                result("s13", 31, 32, "😀", "quote", {"annotator": "kim"}),
            ]},
            {"id": 2, "result": [
                result("s12", 38, 52, "Iran denied it", "denial", {"annotator": "lee"}),
            ]},
        ],
        "predictions": [],
    }]
    assert notes == []


def test_label_studio_in_utf16_units_warns_that_label_studio_counts_code_points(tmp_path):
    notes = label_studio_export.write([DOC], tmp_path / "ls.json", WriterOptions(offset_unit="utf16"))
    [task] = json.loads((tmp_path / "ls.json").read_text("utf-8"))
    assert [r["value"]["start"] for a in task["annotations"] for r in a["result"]] == [9, 31, 39]
    assert len(notes) == 1 and "Label Studio itself counts code points" in notes[0]


def test_label_studio_reader_takes_attributes_notes_and_annotator_from_meta():
    task = {"data": {"text": "Ana said no."}, "annotations": [{"completed_by": 4, "result": [
        result("a", 0, 3, "Ana", "claim", {"text": ["one", "two"], "speaker": "Ana", "cue": "said",
                                           "annotator": "kim"}),
        result("b", 4, 8, "said", "quote", {"text": "plain", "target": 7}),
        result("c", 9, 11, "no", "denial", ["not", "a", "dict"]),
    ]}]}
    (document,) = label_studio.read(io.BytesIO(json.dumps([task]).encode()), "ls.json")
    assert document.spans == [
        RawSpan(0, 3, "claim", text="Ana", annotator="kim", speaker="Ana", cue="said", note="one\ntwo"),
        RawSpan(4, 8, "quote", text="said", annotator="4", target="7", note="plain"),
        RawSpan(9, 11, "denial", text="no", annotator="4"),
    ]


# -- brat ----------------------------------------------------------------------

BRAT_ANN = (
    "T1\tclaim 9 14;16 30\tsaid: Iran must stop\n"
    "#1\tAnnotatorNotes T1\tspeaker=Le Drian; target=Iran; cue=said; note=firm\n"
    "T2\tquote 31 32\t😀\n"
    "T3\tdenial 38 52\tIran denied it\n"
)
BRAT_CONF = ("# The labels of this annotator export, so brat can open the folder as it is.\n"
             "[entities]\nclaim\ndenial\nquote\n[relations]\n[events]\n[attributes]\n")
CR_NOTE = ("1 document(s) contain carriage returns (\\r); brat reads .txt files with universal "
           "newlines, so its offsets drift in them (brat issue #853); our importer reads them exactly")


def test_brat_folder_with_text_annotations_and_conf(tmp_path):
    notes = brat_export.write([DOC], tmp_path / "out", WriterOptions())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "000005-talks.ann", "000005-talks.txt", "annotation.conf"]
    assert (tmp_path / "out" / "000005-talks.txt").read_bytes() == TEXT.encode("utf-8")
    assert (tmp_path / "out" / "000005-talks.ann").read_bytes().decode("utf-8") == BRAT_ANN
    assert (tmp_path / "out" / "annotation.conf").read_text("utf-8") == BRAT_CONF
    assert notes == [CR_NOTE]


def test_brat_zip_holds_the_same_files(tmp_path):
    brat_export.write([DOC], tmp_path / "out.zip", WriterOptions())
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == ["000005-talks.ann", "000005-talks.txt", "annotation.conf"]
        assert archive.read("000005-talks.txt") == TEXT.encode("utf-8")
        assert archive.read("000005-talks.ann").decode("utf-8") == BRAT_ANN


def test_brat_stem_slug_is_ascii_letters_and_digits():
    assert brat_export.slugify("Café «owners» protest: new rules!") == "cafe-owners-protest-new-rules"
    assert brat_export.slugify("جواد ظریف") == ""
    assert brat_export.file_stem(ExportDoc(Document(text="x", title="جواد")), 3) == "000003"


def test_brat_line_breaks_at_span_edges_labels_with_spaces_and_multiline_notes(tmp_path):
    text = "Title\n\nHe said: no\u2028more.\n"
    spans = [make_span(text, 5, 9, "claim"),  # "\n\nHe": leading breaks are left out
             make_span(text, 5, 7, "claim"),  # only line breaks: cannot be written
             make_span(text, 15, 23, "my label", note="one\r\ntwo", speaker="A;B\\C")]
    notes = brat_export.write([ExportDoc(Document(text=text, id=1), spans)], tmp_path / "b",
                              WriterOptions())
    assert (tmp_path / "b" / "000001.ann").read_text("utf-8") == (
        "T1\tclaim 7 9\tHe\n"
        "T2\tmy_label 15 18;19 23\t no more\n"
        "#1\tAnnotatorNotes T2\tspeaker=A\\;B\\\\C; note=one two\n")
    assert notes == [
        "1 span(s) began or ended with a line break; brat spans cannot hold line breaks, "
        "so those breaks were left out of the span",
        "1 span(s) held nothing but line breaks and were left out",
        "1 span(s) had line breaks in a note, speaker, target or cue; brat notes are one "
        "line, so they became spaces",
        "brat label names cannot hold spaces: wrote 'my label' as 'my_label'; rename the "
        "label in the project (or in the files) before importing them back",
    ]


def test_brat_plain_note_that_looks_like_fields_is_written_as_a_note_field(tmp_path):
    text = "Iran denied it."
    spans = [make_span(text, 0, 4, "claim", note="cue=said"), make_span(text, 5, 11, "denial", note="ok")]
    brat_export.write([ExportDoc(Document(text=text, id=1), spans)], tmp_path / "b", WriterOptions())
    ann = (tmp_path / "b" / "000001.ann").read_text("utf-8")
    assert "#1\tAnnotatorNotes T1\tnote=cue=said\n" in ann and "#2\tAnnotatorNotes T2\tok\n" in ann


def read_brat(ann: str, text: str = TEXT, txt_bytes: bytes | None = None) -> list:
    data = text.encode("utf-8") if txt_bytes is None else txt_bytes
    return list(brat.read(io.BytesIO(data), io.BytesIO(ann.encode("utf-8")), "d/a.txt", "d/a.ann"))


def test_brat_reader_joins_fragments_split_at_line_breaks_and_reads_note_fields():
    (document,) = read_brat(BRAT_ANN)
    assert document.spans == [
        RawSpan(9, 30, "claim", text="said:\r\nIran must stop", speaker="Le Drian", target="Iran",
                cue="said", note="firm", line=1),
        RawSpan(31, 32, "quote", text="😀", line=3),
        RawSpan(38, 52, "denial", text="Iran denied it", line=4),
    ]


def test_brat_reader_unescapes_note_fields_and_keeps_plain_notes():
    ann = ("T1\tclaim 0 8\tLe Drian\n#1\tAnnotatorNotes T1\tspeaker=A\\;B\\\\C; note=x=y\n"
           "T2\tclaim 9 13\tsaid\n#2\tAnnotatorNotes T2\tspeaker=A; speaker=B\n"
           "#3\tAnnotatorNotes T2\tC:\\dir; mood=calm\n")
    (document,) = read_brat(ann)
    first, second = document.spans
    assert (first.speaker, first.note) == ("A;B\\C", "x=y")
    assert (second.speaker, second.note) == ("", "speaker=A; speaker=B\nC:\\dir; mood=calm")


@pytest.mark.parametrize(("offsets", "column", "reason"), [
    ("9 13;16 20", "said Iran", "discontinuous span T1 (9 13;16 20) is not supported"),
    ("16 20;9 13", "Iran said", "discontinuous span T1 (16 20;9 13) is not supported"),
    ("9 14;16 99", "x", "discontinuous span T1 (9 14;16 99) is not supported"),
    ("9 14;16 20", "said:Iran", "span T1: its text 'said:Iran' does not match the "
                                "document at 9 14;16 20 ('said: Iran')"),
    ("9 14;x 20", "said: Iran", "malformed span T1: expected 'T1<TAB>Label start end<TAB>text'"),
])
def test_brat_reader_refuses_other_discontinuous_spans(offsets, column, reason):
    ann = f"T1\tclaim {offsets}\t{column}\n#1\tAnnotatorNotes T1\tnote\n"
    assert read_brat(ann) == [Problem("d/a.ann", 1, reason)]


def test_brat_reader_keeps_a_byte_order_mark_because_brat_counts_it():
    (document,) = read_brat("T1\tclaim 1 5\tIran\n", txt_bytes=b"\xef\xbb\xbfIran denied it.")
    assert document.text == "\ufeffIran denied it."
    assert document.title == "Iran denied it."
    assert document.spans == [RawSpan(1, 5, "claim", text="Iran", line=1)]


# -- CSV -----------------------------------------------------------------------

def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_csv_one_row_per_span_with_context(tmp_path):
    notes = csv_export.write([DOC], tmp_path / "s.csv", WriterOptions(context=5))
    assert (tmp_path / "s.csv").read_bytes().startswith(b"\xef\xbb\xbfdocument_id,title,")
    common = ["5", "Talks", "AFP", "2024-05-01", "https://x.example/a"]
    assert read_csv(tmp_path / "s.csv") == [
        list(csv_export.COLUMNS),
        common + ["11", "claim", "9", "30", "said:\r\nIran must stop", "rian ", " 😀 no",
                  "Le Drian", "Iran", "said", "firm", "kim"],
        common + ["13", "quote", "31", "32", "😀", "stop ", " now.", "", "", "", "", "kim"],
        common + ["12", "denial", "38", "52", "Iran denied it", "now.⏎", ".", "", "", "", "", "lee"],
    ]
    assert notes == []


def test_csv_cells_that_spreadsheets_would_run_get_an_apostrophe(tmp_path):
    text = "=HYPERLINK(1) said +33 -x @me"
    document = Document(text=text, title="-5 dead", id=1)
    spans = [make_span(text, 0, 13, "claim", note="@home"), make_span(text, 19, 22, "quote")]
    notes = csv_export.write([ExportDoc(document, spans)], tmp_path / "s.csv", WriterOptions(context=2))
    rows = read_csv(tmp_path / "s.csv")[1:]
    assert [(row[1], row[9], row[15]) for row in rows] == [
        ("'-5 dead", "'=HYPERLINK(1)", "'@home"), ("'-5 dead", "'+33", "")]
    assert notes == ["5 cell(s) began with = + - @, a tab or a carriage return; they got a "
                     "leading apostrophe so spreadsheets do not run them as formulas"]
