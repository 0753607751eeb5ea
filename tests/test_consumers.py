"""The exports, loaded by the tools they are made for: spaCy and Hugging Face datasets.

The texts are the shared interop corpus (emoji, ZWJ sequences, CRLF, right-to-left) and
the seed article with its 17 nested spans.
"""
import json

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.model import Document, make_span
from annotator.formats import native, spacy_export
from annotator.formats.export_base import ExportDoc, WriterOptions
from annotator.importing import ImportOptions, import_paths
from annotator.paths import seeds_dir
from annotator.store import Project
from tests.conftest import read_exact

ATTRIBUTION = ("speaker", "target", "cue")


def interop_docs(corpus) -> list[ExportDoc]:
    expected = json.loads((corpus / "interop" / "EXPECTED.json").read_text(encoding="utf-8"))
    docs = []
    for number, (stem, facts) in enumerate(sorted(expected.items()), start=1):
        text = read_exact(corpus / "tricky" / f"{stem}.txt")  # bytes as UTF-8: CRLF kept
        assert len(text) == facts["text_len"]
        spans = [make_span(text, start, end, label, speaker=f"{stem} speaker {i}", annotator="a")
                 for i, (start, end, label, _) in enumerate(facts["spans"])]
        assert [s.text for s in spans] == [item[3] for item in facts["spans"]]
        docs.append(ExportDoc(Document(text=text, title=stem, id=number), spans))
    return docs


def seed_doc() -> ExportDoc:
    line = (seeds_dir() / "seed_example_annotations.jsonl").read_text(encoding="utf-8")
    record = json.loads(line)
    text = record["text"]
    spans = [make_span(text, s["start"], s["end"], s["label"], annotator=s["annotator"],
                       **{key: s.get(key) or "" for key in ATTRIBUTION})
             for s in record["spans"]]
    assert [s.text for s in spans] == [s["text"] for s in record["spans"]]
    spans.sort(key=lambda s: (s.start, s.end))
    return ExportDoc(Document(text=text, title=record["meta"]["title"], id=99), spans)


@pytest.fixture
def all_docs(corpus) -> list[ExportDoc]:
    docs = interop_docs(corpus) + [seed_doc()]
    assert len(docs[-1].spans) == 17
    return docs


def key(span) -> tuple:
    return (span.start_char, span.end_char, span.label_, span.text)


# ---- spaCy ---------------------------------------------------------------------------


def test_every_span_falls_on_a_spacy_token_boundary(all_docs):
    """So strict mode (the default) holds and the spans below are compared exactly."""
    nlp = spacy.blank("en")
    for item in all_docs:
        doc = nlp.make_doc(item.document.text)
        misaligned = [s for s in item.spans if doc.char_span(s.start, s.end) is None]
        assert misaligned == [], item.document.title


def test_spacy_rebuilds_every_span_from_the_docbin(all_docs, tmp_path):
    target = tmp_path / "out.spacy"
    notes = spacy_export.write(all_docs, target, WriterOptions())
    docs = list(DocBin().from_disk(target).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [item.document.text for item in all_docs]
    for doc, item in zip(docs, all_docs):
        assert [key(s) for s in doc.spans["sc"]] == [
            (s.start, s.end, s.label, s.text) for s in item.spans]
    assert any("doc.ents" in note for note in notes)  # the seed's nested spans


def test_doc_ents_never_overlap_and_prefer_the_longest_span(all_docs, tmp_path):
    target = tmp_path / "out.spacy"
    spacy_export.write(all_docs, target, WriterOptions())
    for doc in DocBin().from_disk(target).get_docs(spacy.blank("en").vocab):
        tokens = [i for ent in doc.ents for i in range(ent.start, ent.end)]
        assert len(tokens) == len(set(tokens))
        for span in doc.spans["sc"]:  # every span left out overlaps a kept one at least as long
            if key(span) not in {key(e) for e in doc.ents}:
                assert any(e.start < span.end and span.start < e.end and len(e) >= len(span)
                           for e in doc.ents)


def test_attribution_and_document_facts_travel_in_user_data(all_docs, tmp_path):
    target = tmp_path / "out.spacy"
    spacy_export.write(all_docs, target, WriterOptions())
    docs = list(DocBin().from_disk(target).get_docs(spacy.blank("en").vocab))
    for doc, item in zip(docs, all_docs):
        attribution = doc.user_data[("annotator", "spans", "sc")]
        assert len(attribution) == len(doc.spans["sc"])
        assert [a["speaker"] for a in attribution] == [s.speaker for s in item.spans]
        assert [a["cue"] for a in attribution] == [s.cue for s in item.spans]
        facts = doc.user_data["annotator_document"]
        assert (facts["id"], facts["title"]) == (item.document.id, item.document.title)
    assert "Le Drian" in [a["speaker"] for a in docs[-1].user_data[("annotator", "spans", "sc")]]


# ---- Hugging Face datasets -------------------------------------------------------------


@pytest.fixture
def offline_hf(tmp_path, monkeypatch):
    """Nothing fetched, nothing cached outside tmp_path."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf" / "datasets"))
    return tmp_path / "hf" / "datasets"


@pytest.fixture
def project(tmp_path):
    opened = Project.open(tmp_path / "p.annotator")  # a file: import_paths reads real files
    yield opened
    opened.close()


def test_datasets_loads_the_native_jsonl_export(corpus, project, tmp_path, offline_hf):
    import datasets  # imported here: it takes a second, and only this test needs it

    interop = corpus / "interop"
    report = import_paths(project, [interop / "doccano.jsonl", interop / "prodigy.jsonl",
                                    interop / "label_studio.json", interop / "brat",
                                    seeds_dir() / "seed_example_annotations.jsonl"],
                          ImportOptions(offset_unit="codepoint"))  # the doccano sample's unit
    assert report.ok, report.problems
    docs = [ExportDoc(d, project.spans(d.id)) for d in project.documents()]
    assert len(docs) == 5 and any(d.document.metadata for d in docs)  # metadata varies by row
    target = tmp_path / "export.jsonl"
    native.write(docs, target, WriterOptions())
    rows = datasets.load_dataset("json", data_files=str(target), split="train",
                                 cache_dir=str(offline_hf))
    assert len(rows) == len(docs)
    for row, item in zip(rows, docs):
        assert row["text"] == item.document.text
        assert row["metadata"] == item.document.metadata
        assert [(s["start"], s["end"], s["label"], s["text"], s["speaker"]) for s in row["spans"]] \
            == [(s.start, s.end, s.label, s.text, s.speaker) for s in item.spans]
        assert all(row["text"][s["start"]:s["end"]] == s["text"] for s in row["spans"])
