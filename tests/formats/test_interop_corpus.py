"""The same four annotated articles, exported by four tools, read to the same spans."""
import json
from pathlib import Path

import pytest

from annotator.formats import brat, jsonl, label_studio
from annotator.formats.records import RawDocument

INTEROP = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "interop"
EXPECTED = json.loads((INTEROP / "EXPECTED.json").read_text(encoding="utf-8"))


def spans_by_source(documents: list[RawDocument]) -> dict[str, list]:
    return {
        document.source: [[s.start, s.end, s.label.lower(), document.text[s.start:s.end]] for s in document.spans]
        for document in documents
    }


def expected_spans(sources) -> dict[str, list]:
    return {source: EXPECTED[source]["spans"] for source in sources}


@pytest.mark.parametrize(
    ("file", "reader"),
    [("doccano.jsonl", jsonl.read), ("prodigy.jsonl", jsonl.read), ("label_studio.json", label_studio.read)],
)
def test_exports_give_the_expected_spans(file, reader):
    with (INTEROP / file).open("rb") as stream:
        documents = list(reader(stream, file))
    assert all(isinstance(document, RawDocument) for document in documents)
    assert [len(document.text) for document in documents] == [EXPECTED[d.source]["text_len"] for d in documents]
    assert spans_by_source(documents) == expected_spans(EXPECTED)


def test_label_studio_span_texts_match_the_export():
    with (INTEROP / "label_studio.json").open("rb") as stream:
        for document in label_studio.read(stream, "label_studio.json"):
            assert all(document.text[s.start:s.end] == s.text for s in document.spans)


def test_brat_pair_gives_the_expected_spans_and_the_note():
    folder = INTEROP / "brat"
    with (folder / "emoji_flags.txt").open("rb") as text, (folder / "emoji_flags.ann").open("rb") as ann:
        (document,) = brat.read(text, ann, "emoji_flags.txt", "emoji_flags.ann")
    expected = EXPECTED["emoji_flags"]["spans"]
    assert [[s.start, s.end, s.label.lower(), s.text] for s in document.spans] == expected
    assert [s.note for s in document.spans] == ["", "", "", "", "envoy speaking to press"]
    assert document.title.startswith("Ministers trade barbs")
