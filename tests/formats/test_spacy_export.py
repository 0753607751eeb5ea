"""The spaCy DocBin export and its reader: alignment modes, notes, and the round trip."""
import io
import sys
from functools import lru_cache

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from annotator.core.model import Document, make_span
from annotator.formats import spacy_docbin, spacy_export
from annotator.formats.export_base import ExportDoc, WriteError, WriterOptions
from annotator.formats.records import FormatError
from annotator.importing import import_paths
from annotator.importing.resolve import resolve
from tests.strategies import text_and_range, tricky_texts

LABELS = {"claim": "claim", "denial": "denial", "demand": "demand", "quote": "quote"}
TEXT = "The minister said reforms were overdue."
# "ministe" ends inside "minister"; "r said" starts inside it
MISALIGNED = make_span(TEXT, 4, 11, "claim", speaker="aide")
SAID = make_span(TEXT, 13, 17, "quote")


@lru_cache(maxsize=1)
def nlp():
    return spacy.blank("en")


def export(tmp_path, spans, text=TEXT, **options):
    target = tmp_path / "out.spacy"
    notes = spacy_export.write([ExportDoc(Document(text=text, id=7), spans)], target,
                               WriterOptions(**options))
    [doc] = DocBin().from_disk(target).get_docs(nlp().vocab)
    return doc, notes


def read_back(path):
    with path.open("rb") as stream:
        return list(spacy_docbin.read(stream, path.name))


def test_strict_mode_names_the_misaligned_span(tmp_path):
    with pytest.raises(WriteError) as raised:
        export(tmp_path, [MISALIGNED, SAID])
    message = str(raised.value)
    assert "1 span does not fall on spaCy token boundaries" in message
    assert "document 7 [4, 11) claim 'ministe'" in message
    assert "--alignment expand" in message and "contract" in message
    assert not (tmp_path / "out.spacy").exists()


def test_strict_mode_shows_ten_examples_and_the_count(tmp_path):
    text = "abc " * 12
    spans = [make_span(text, 4 * i, 4 * i + 2, "claim") for i in range(12)]
    with pytest.raises(WriteError) as raised:
        export(tmp_path, spans, text=text)
    message = str(raised.value)
    assert message.startswith("12 spans do not") and "and 2 more" in message
    assert message.count(" claim 'ab'") == 10


def test_expand_widens_to_whole_tokens_and_says_so(tmp_path):
    doc, notes = export(tmp_path, [MISALIGNED, SAID], alignment="expand")
    assert [(s.start_char, s.end_char, s.text) for s in doc.spans["sc"]] == [
        (4, 12, "minister"), (13, 17, "said")]
    assert notes == ["1 span(s) moved to spaCy token boundaries (--alignment expand: widened "
                     "to the tokens they touch)"]
    assert doc.user_data[("annotator", "spans", "sc")][0]["speaker"] == "aide"


def test_contract_narrows_and_says_so(tmp_path):
    span = make_span(TEXT, 2, 17, "claim")  # "e minister said"
    doc, notes = export(tmp_path, [span], alignment="contract")
    assert [s.text for s in doc.spans["sc"]] == ["minister said"]
    assert notes == ["1 span(s) moved to spaCy token boundaries (--alignment contract: "
                     "narrowed to the tokens inside them)"]


def test_a_span_that_would_vanish_stops_the_export(tmp_path):
    """Inside one token, contract leaves nothing: an error naming it, never a silent loss."""
    with pytest.raises(WriteError) as raised:
        export(tmp_path, [MISALIGNED, SAID], alignment="contract")
    message = str(raised.value)
    assert "would vanish with --alignment contract" in message and "'ministe'" in message
    assert "--alignment expand keeps them" in message


def test_a_space_alone_vanishes_even_when_expanding(tmp_path):
    space = make_span(TEXT, 3, 4, "claim")  # the space after "The" belongs to no token
    with pytest.raises(WriteError, match="would vanish with --alignment expand"):
        export(tmp_path, [space], alignment="expand")


def test_unknown_alignment_is_refused(tmp_path):
    with pytest.raises(WriteError, match="unknown alignment 'loose'"):
        export(tmp_path, [SAID], alignment="loose")


def test_overlaps_stay_in_the_span_group_and_the_longest_goes_to_ents(tmp_path):
    outer = make_span(TEXT, 4, 38, "claim")  # "minister said reforms were overdue"
    inner = make_span(TEXT, 18, 38, "quote")
    doc, notes = export(tmp_path, [outer, SAID, inner], span_key="claims")
    assert [s.label_ for s in doc.spans["claims"]] == ["claim", "quote", "quote"]
    assert [(e.text, e.label_) for e in doc.ents] == [(outer.text, "claim")]
    assert notes == ["2 overlapping span(s) left out of doc.ents, which cannot overlap (the "
                     "longest span wins); all spans are in doc.spans['claims']"]


def test_document_without_spans_is_written(tmp_path):
    doc, notes = export(tmp_path, [])
    assert (doc.text, list(doc.spans["sc"]), doc.ents, notes) == (TEXT, [], (), [])


# ---- reading .spacy files ---------------------------------------------------------------


def test_reader_restores_text_spans_attribution_and_document(tmp_path):
    span = make_span(TEXT, 4, 12, "claim", speaker="aide", target="t", cue="said", note="n",
                     annotator="ann")
    document = Document(text=TEXT, title="T", source="S", url="http://u", author="A",
                        published="2024-01-02", id=3)
    spacy_export.write([ExportDoc(document, [span, SAID])], tmp_path / "x.spacy", WriterOptions())
    [raw] = read_back(tmp_path / "x.spacy")
    assert (raw.text, raw.title, raw.source, raw.url, raw.author, raw.published) == (
        TEXT, "T", "S", "http://u", "A", "2024-01-02")
    assert raw.file == "x.spacy, document 1" and raw.offset_unit == "codepoint"
    first = raw.spans[0]
    assert (first.start, first.end, first.label, first.text) == (4, 12, "claim", "minister")
    assert (first.speaker, first.target, first.cue, first.note, first.annotator) == (
        "aide", "t", "said", "n", "ann")
    assert raw.warnings == []


def test_reader_takes_ents_from_a_docbin_without_span_groups(tmp_path):
    doc = nlp().make_doc(TEXT)
    doc.ents = [doc.char_span(4, 12, label="CLAIM")]
    DocBin(docs=[doc]).to_disk(tmp_path / "ner.spacy")
    [raw] = read_back(tmp_path / "ner.spacy")
    assert [(s.start, s.end, s.label) for s in raw.spans] == [(4, 12, "CLAIM")]


def test_reader_reads_every_span_group_and_drops_attribution_that_no_longer_fits(tmp_path):
    doc = nlp().make_doc(TEXT)
    doc.spans["a"] = [doc.char_span(4, 12, label="claim")]
    doc.spans["b"] = [doc.char_span(13, 17, label="quote")]
    doc.user_data[("annotator", "spans", "b")] = [{"speaker": "x"}, {"speaker": "y"}]
    DocBin(docs=[doc], store_user_data=True).to_disk(tmp_path / "two.spacy")
    [raw] = read_back(tmp_path / "two.spacy")
    assert [(s.label, s.speaker) for s in raw.spans] == [("claim", ""), ("quote", "")]
    assert raw.warnings and "span group 'b'" in raw.warnings[0]


def test_reader_refuses_a_file_that_is_not_a_docbin():
    with pytest.raises(FormatError, match="not a spaCy DocBin file"):
        list(spacy_docbin.read(io.BytesIO(b"PK\x03\x04 not zlib"), "x.spacy"))


def test_reader_says_when_spacy_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy.tokens", None)  # import now raises ImportError
    with pytest.raises(FormatError, match="spaCy is not installed"):
        list(spacy_docbin.read(io.BytesIO(b""), "x.spacy"))


def test_import_paths_reads_a_spacy_file(tmp_path, project):
    spacy_export.write([ExportDoc(Document(text=TEXT, id=1), [SAID])], tmp_path / "x.spacy",
                       WriterOptions())
    report = import_paths(project, [tmp_path / "x.spacy"])
    assert report.ok, report.problems
    [document] = project.documents()
    assert [(s.start, s.end, s.label) for s in project.spans(document.id)] == [(13, 17, "quote")]


# ---- round trip on any text -------------------------------------------------------------

printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
# spaCy makes each example slow; tmp_path is shared by the examples, each overwrites its file
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def documents_with_token_spans(draw):
    """Spans built from spaCy token indices, so strict mode always holds."""
    text = draw(tricky_texts.filter(lambda t: t.strip()))
    tokens = nlp().make_doc(text)
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        first = draw(st.integers(0, len(tokens) - 1))
        last = draw(st.integers(first, len(tokens) - 1))
        piece = tokens[first:last + 1]
        spans.append(make_span(text, piece.start_char, piece.end_char,
                               draw(st.sampled_from(sorted(LABELS))), speaker=draw(printable),
                               cue=draw(printable), annotator="a"))
    spans.sort(key=lambda s: (s.start, s.end))
    return Document(text=text, title=draw(printable), id=1), spans


@SETTINGS
@given(documents_with_token_spans())
def test_docbin_round_trips_through_the_reader(tmp_path, case):
    document, spans = case
    target = tmp_path / "rt.spacy"
    spacy_export.write([ExportDoc(document, spans)], target, WriterOptions())
    [raw] = read_back(target)
    assert raw.title == document.title  # (resolve would fill an empty title from the text)
    back = resolve(raw, LABELS, None, "someone")
    assert not isinstance(back, list), back
    assert back.document.text == document.text
    strip = lambda s: (s.start, s.end, s.label, s.text, s.speaker, s.cue, s.annotator)
    assert list(map(strip, back.spans)) == list(map(strip, spans))


@SETTINGS
@given(text_and_range())
def test_expand_keeps_every_visible_character_of_a_span(tmp_path, case):
    text, start, end = case
    piece = text[start:end]
    if not piece.strip():
        return  # whitespace alone may belong to no token: covered by the vanishing test
    try:
        doc, _ = export(tmp_path, [make_span(text, start, end, "claim")], text=text,
                        alignment="expand")
    except WriteError as error:
        pytest.fail(f"expand refused {piece!r}: {error}")
    [span] = doc.spans["sc"]
    visible_start = start + len(piece) - len(piece.lstrip())
    visible_end = end - (len(piece) - len(piece.rstrip()))
    assert span.start_char <= visible_start and span.end_char >= visible_end


def test_an_article_longer_than_spacys_default_limit_is_exported_whole(tmp_path):
    # spacy.blank's max_length is 1,000,000 characters (error E088 beyond it)
    text = "The minister said the talks failed. " * 27_800 + "Aides denied it."
    assert len(text) > 1_000_000
    end = make_span(text, len(text) - 16, len(text) - 1, "denial")
    doc, notes = export(tmp_path, [end], text=text)
    assert doc.text == text and notes == []
    [span] = doc.spans["sc"]
    assert (span.start_char, span.end_char, span.text) == (len(text) - 16, len(text) - 1,
                                                          "Aides denied it")


def test_a_docbin_attribute_that_holds_no_text_is_refused_not_stored_as_a_repr(tmp_path):
    doc = nlp().make_doc(TEXT)
    doc.spans["sc"] = [doc.char_span(13, 17, label="quote")]
    doc.user_data[spacy_export.attribution_key("sc")] = [{"speaker": ["Ana", "Bo"]}]
    path = tmp_path / "x.spacy"
    DocBin(docs=[doc], store_user_data=True).to_disk(path)
    assert [str(item) for item in read_back(path)] == [
        'x.spacy, document 1: span 1: the "speaker" field is a list (["Ana", "Bo"]), not text: '
        "write it as one string"]
