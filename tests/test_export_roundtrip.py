"""Export with each writer, import the files back: the same texts and spans, on any text.

Also: the interop samples survive import then export, and spaCy reads the Prodigy export.
"""
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, make_span
from annotator.formats import brat, brat_export, doccano_export, jsonl, label_studio
from annotator.formats import label_studio_export, native, prodigy_export
from annotator.formats.export_base import ExportDoc, WriterOptions
from annotator.importing import ImportOptions, import_paths
from annotator.store import Project
from tests.strategies import tricky_texts

LABELS = ("claim", "denial", "demand", "quote")
words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
ROUND_TRIP = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVERYTHING = ("start", "end", "label", "text", "speaker", "target", "cue", "note", "annotator")
NO_ATTRIBUTES = ("start", "end", "label", "text")


@st.composite
def export_docs(draw):
    """One or two documents (distinct texts, so the importer stores both) with spans."""
    texts = draw(st.lists(tricky_texts.filter(str.strip), min_size=1, max_size=2, unique=True))
    return [ExportDoc(_document(draw, text, number), _spans(draw, text, number))
            for number, text in enumerate(texts, 1)]


def _document(draw, text, number):
    return Document(text=text, title=draw(words).strip(), source=draw(words),
                    metadata={"desk": draw(words)}, id=number)


def _spans(draw, text, number):
    spans = []
    for count in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(make_span(
            text, start, end, draw(st.sampled_from(LABELS)), speaker=draw(words),
            target=draw(words), cue=draw(words), note=draw(words),
            annotator=draw(st.sampled_from(["kim", "lee"])), id=number * 10 + count))
    return sorted(spans, key=lambda span: (span.start, span.end))


def export_and_import(writer, docs, target, options=None, import_options=None):
    """Write, then import into a fresh project naming the unit the export used (as the
    manifest does): random spans may cut words, which the importer's guess at the unit
    of unlabelled offsets would otherwise question."""
    options = options or WriterOptions()
    writer.write(docs, target, options)
    project = Project.in_memory()
    import_options = import_options or ImportOptions(offset_unit=options.offset_unit,
                                                     annotator="importer")
    return project, import_paths(project, [target], import_options)


def assert_same(project, docs, keys, facts=("title", "source"), expected_spans=None):
    back = list(project.documents())
    assert [d.text for d in back] == [doc.document.text for doc in docs]
    for copy, doc in zip(back, docs):
        for name in facts:
            if getattr(doc.document, name):
                assert getattr(copy, name) == getattr(doc.document, name)
        want = (expected_spans or (lambda d: d.spans))(doc)
        assert spans_key(project.spans(copy.id), keys) == spans_key(want, keys)


def spans_key(spans, keys):
    return sorted(tuple(getattr(span, key) for key in keys) for span in spans)


# -- the JSON formats ----------------------------------------------------------

@ROUND_TRIP
@given(export_docs(), st.sampled_from(["codepoint", "utf16", "utf8"]))
def test_native_jsonl(docs, unit):
    with tempfile.TemporaryDirectory() as folder:
        project, report = export_and_import(native, docs, Path(folder) / "n.jsonl",
                                            WriterOptions(offset_unit=unit))
        assert report.ok, report.problems
        assert_same(project, docs, EVERYTHING)


@ROUND_TRIP
@given(export_docs(), st.sampled_from(["label", "entities"]), st.sampled_from(["codepoint", "utf16"]))
def test_doccano(docs, variant, unit):
    options = WriterOptions(offset_unit=unit, doccano_variant=variant)
    with tempfile.TemporaryDirectory() as folder:
        project, report = export_and_import(doccano_export, docs, Path(folder) / "d.jsonl", options)
        assert report.ok, report.problems
        assert_same(project, docs, NO_ATTRIBUTES)


@ROUND_TRIP
@given(export_docs())
def test_prodigy(docs):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "p.jsonl"
        project, report = export_and_import(prodigy_export, docs, target)
        assert report.ok, report.problems
        assert_same(project, docs, EVERYTHING)
        for line in target.read_text("utf-8").splitlines():
            assert_tokens_fit(json.loads(line))


def assert_tokens_fit(task):
    """Tokens are the text's own characters, in order; token_end is inclusive."""
    tokens, text = task["tokens"], task["text"]
    assert [token["id"] for token in tokens] == list(range(len(tokens)))
    assert all(text[t["start"]:t["end"]] == t["text"] for t in tokens)
    assert all(a["end"] <= b["start"] for a, b in zip(tokens, tokens[1:]))
    for span in task["spans"]:
        if "token_start" in span:
            first, last = tokens[span["token_start"]], tokens[span["token_end"]]
            assert first["start"] < span["end"] and span["start"] < last["end"]


@ROUND_TRIP
@given(export_docs(), st.sampled_from(["codepoint", "utf16"]))
def test_label_studio(docs, unit):
    with tempfile.TemporaryDirectory() as folder:
        project, report = export_and_import(label_studio_export, docs, Path(folder) / "ls.json",
                                            WriterOptions(offset_unit=unit))
        assert report.ok, report.problems
        assert_same(project, docs, EVERYTHING)


# -- brat ----------------------------------------------------------------------

BREAK = "(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])"
EDGES = re.compile(f"({BREAK}*)(.*?)({BREAK}*)", re.DOTALL)
BRAT_KEYS = ("start", "end", "label", "text", "speaker", "target", "cue", "note")
# brat files are UTF-8 by definition; naming it lets a text holding NUL import
BRAT_IMPORT = ImportOptions(offset_unit="codepoint", encoding="utf-8", annotator="importer")


def as_brat_keeps_them(doc):
    """brat holds no line break inside a span: breaks at a span's edges are left out, a
    span of nothing but breaks is dropped, breaks in notes and attributes become spaces."""
    kept = []
    for span in doc.spans:
        lead, middle, trail = EDGES.fullmatch(span.text).groups()
        if middle:
            flat = {key: re.sub(BREAK, " ", getattr(span, key))
                    for key in ("speaker", "target", "cue", "note")}
            kept.append(make_span(doc.document.text, span.start + len(lead),
                                  span.end - len(trail), span.label, **flat))
    return kept


def assert_brat_import(project, report, docs):
    # brat's annotation.conf is not a document; the importer may say it cannot read it
    assert all(p.file.endswith("annotation.conf") for p in report.problems), report.problems
    assert_same(project, docs, BRAT_KEYS, facts=(), expected_spans=as_brat_keeps_them)


@ROUND_TRIP
@given(export_docs())
def test_brat_folder(docs):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "brat"
        project, report = export_and_import(brat_export, docs, target, import_options=BRAT_IMPORT)
        assert_brat_import(project, report, docs)


@ROUND_TRIP
@given(export_docs())
def test_brat_zip(docs):
    with tempfile.TemporaryDirectory() as folder:
        archive, unpacked = Path(folder) / "brat.zip", Path(folder) / "unpacked"
        brat_export.write(docs, archive, WriterOptions())
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(unpacked)
        project = Project.in_memory()
        report = import_paths(project, [unpacked], BRAT_IMPORT)
        assert_brat_import(project, report, docs)


# -- the interop samples, imported and exported again --------------------------

def expected(corpus):
    return json.loads((corpus / "interop" / "EXPECTED.json").read_text("utf-8"))


def imported(corpus, sample):
    project = Project.in_memory()
    report = import_paths(project, [corpus / "interop" / sample], ImportOptions(offset_unit="codepoint"))
    assert report.ok, report.problems
    return [ExportDoc(document, spans) for document, spans in project.documents_with_spans()]


def spans_by_source(raw_documents):
    return {doc.source: [[s.start, s.end, s.label.lower(), doc.text[s.start:s.end]] for s in doc.spans]
            for doc in raw_documents}


def read_back(reader, path):
    with path.open("rb") as stream:
        return list(reader(stream, str(path)))


@pytest.mark.parametrize(("sample", "writer", "reader"), [
    ("doccano.jsonl", doccano_export, jsonl.read),
    ("prodigy.jsonl", prodigy_export, jsonl.read),
    ("label_studio.json", label_studio_export, label_studio.read),
])
def test_json_samples_export_to_the_expected_spans(corpus, tmp_path, sample, writer, reader):
    want = expected(corpus)
    target = tmp_path / f"out{writer.SUFFIX}"
    writer.write(imported(corpus, sample), target, WriterOptions())
    assert spans_by_source(read_back(reader, target)) == {
        source: case["spans"] for source, case in want.items()}


def test_brat_sample_exports_to_the_expected_spans_and_note(corpus, tmp_path):
    [doc] = imported(corpus, "brat")
    assert brat_export.write([doc], tmp_path / "out", WriterOptions()) == []
    [ann] = (tmp_path / "out").glob("*.ann")
    with ann.with_suffix(".txt").open("rb") as text, ann.open("rb") as annotations:
        [back] = brat.read(text, annotations, "x.txt", "x.ann")
    assert [[s.start, s.end, s.label, s.text] for s in back.spans] == expected(corpus)["emoji_flags"]["spans"]
    assert [s.note for s in back.spans if s.note] == ["envoy speaking to press"]


# -- spaCy reads the Prodigy export --------------------------------------------

def prodigy_records(docs, tmp_path):
    target = tmp_path / "p.jsonl"
    prodigy_export.write(docs, target, WriterOptions())
    return [json.loads(line) for line in target.read_text("utf-8").splitlines()]


def assert_spacy_finds_every_span(records):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    assert records and all(record["spans"] for record in records)
    for record in records:
        doc = nlp(record["text"])
        for span in record["spans"]:
            found = doc.char_span(span["start"], span["end"], label=span["label"],
                                  alignment_mode="expand")
            assert found is not None, span
            assert span["text"] in found.text and found.label_ == span["label"]


def test_spacy_reads_the_prodigy_export_of_the_interop_texts(corpus, tmp_path):
    assert_spacy_finds_every_span(prodigy_records(imported(corpus, "doccano.jsonl"), tmp_path))


def doc_of_tokens(nlp, record):
    """What a consumer of Prodigy's format builds: a Doc of the tokens, "ws" the spaces."""
    from spacy.tokens import Doc
    tokens = record["tokens"]
    return Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])


def assert_tokens_spell_the_text(nlp, record):
    doc = doc_of_tokens(nlp, record)
    assert doc.text == record["text"]
    assert [(t.idx, t.idx + len(t)) for t in doc] == [(t["start"], t["end"])
                                                     for t in record["tokens"]]
    for span in record["spans"]:
        if "token_start" not in span:  # only the space after a token: none holds it
            continue
        tokens = doc[span["token_start"]:span["token_end"] + 1]  # token_end is inclusive
        on_edges = (tokens.start_char, tokens.end_char) == (span["start"], span["end"])
        exact = doc.char_span(span["start"], span["end"])
        # on token edges the token and the character offsets name the same span
        assert on_edges == (exact is not None), span
        assert exact is None or (exact.start, exact.end - 1) == (span["token_start"],
                                                                 span["token_end"])


def test_a_doc_of_the_prodigy_tokens_is_the_text_with_every_span_in_place(corpus, tmp_path):
    spacy = pytest.importorskip("spacy")
    from annotator.paths import seeds_dir
    project = Project.in_memory()
    import_paths(project, [seeds_dir() / "seed_example_annotations.jsonl"])
    docs = imported(corpus, "label_studio.json") + [
        ExportDoc(document, spans) for document, spans in project.documents_with_spans()]
    records = prodigy_records(docs, tmp_path)
    nlp = spacy.blank("en")
    for record in records:
        assert_tokens_spell_the_text(nlp, record)
    # every span of these texts (line breaks, CRLF, a tab, no-break spaces inside them)
    # lies on tokens, and spaCy finds each exactly
    found = {r["text"][s["start"]:s["end"]]: doc_of_tokens(nlp, r).char_span(s["start"], s["end"])
             for r in records for s in r["spans"]}
    assert "demanded\xa0a\xa0meeting\twith the mayor" in found
    assert all(span is not None for span in found.values()), found


@settings(max_examples=100, deadline=None)
@given(tricky_texts.filter(str.strip))
def test_prodigy_tokens_spell_any_text_as_spacy_would(text):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    record = prodigy_export.task(ExportDoc(Document(text=text)))
    assert_tokens_spell_the_text(nlp, record)
    # the whitespace between words is split as spaCy's own tokenizer splits it
    ours = [(t["text"], t["ws"]) for t in record["tokens"] if t["text"].isspace()]
    theirs = [(t.text, bool(t.whitespace_)) for t in nlp.make_doc(text) if t.text.isspace()]
    assert ours == theirs


def test_spacy_reads_the_prodigy_export_of_the_seed_article(tmp_path):
    from annotator.paths import seeds_dir
    project = Project.in_memory()
    report = import_paths(project, [seeds_dir() / "seed_example_annotations.jsonl"])
    assert report.ok, report.problems
    docs = [ExportDoc(document, spans) for document, spans in project.documents_with_spans()]
    assert_spacy_finds_every_span(prodigy_records(docs, tmp_path))
