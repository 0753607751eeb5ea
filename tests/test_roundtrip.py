"""Export then import gives back identical documents and spans, on any text."""
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, make_span
from annotator.formats import jsonl, native
from annotator.importing.resolve import resolve
from annotator.store import Project
from tests.strategies import tricky_texts

LABELS = {"claim": "claim", "denial": "denial", "demand": "demand", "quote": "quote"}
printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)


@st.composite
def documents_with_spans(draw):
    text = draw(tricky_texts.filter(lambda t: t.strip()))
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(make_span(text, start, end, draw(st.sampled_from(sorted(LABELS))),
                               speaker=draw(printable), note=draw(printable), annotator="a"))
    doc = Document(text=text, title=draw(printable), source=draw(printable),
                   metadata={"k": draw(printable)})
    return doc, spans


def export_then_read(doc, spans, unit):
    out = io.StringIO()
    native.write_lines(out, [(doc, spans)], offset_unit=unit)
    [raw] = list(jsonl.read(io.BytesIO(out.getvalue().encode("utf-8")), "x.jsonl"))
    return resolve(raw, LABELS, None, "someone")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_spans(), st.sampled_from(["codepoint", "utf16", "utf8"]))
def test_native_jsonl_round_trips_in_every_offset_unit(case, unit):
    doc, spans = case
    back = export_then_read(doc, spans, unit)
    assert not isinstance(back, list), back
    assert back.document.text == doc.text
    assert back.document.metadata == doc.metadata and back.document.source == doc.source
    key = lambda s: (s.start, s.end, s.label, s.text, s.speaker, s.note, s.annotator)
    assert sorted(map(key, back.spans)) == sorted(map(key, spans))


def test_round_trip_through_two_projects(tmp_path):
    from annotator.exporting import ExportFilter, ExportRequest, export
    from annotator.importing import import_paths
    text = "A 👩\u200d👩\u200d👧 family\r\nsaid «نه»\u2028and left.\rEnd"
    first = Project.open(tmp_path / "a.annotator")
    doc = first.add_document(Document(text=text, title="T", url="http://x"),
                             [make_span(text, 2, 10, "quote", speaker="family"),
                              make_span(text, 19, 22, "denial", cue="said")])
    export(first, ExportRequest(tmp_path / "out.jsonl", filters=ExportFilter(statuses=None)))
    second = Project.open(tmp_path / "b.annotator")
    report = import_paths(second, [tmp_path / "out.jsonl"])
    assert report.ok, report.problems
    [copy] = list(second.documents())
    assert (copy.text, copy.title, copy.url, copy.status) == (text, "T", "http://x", "in-progress")
    strip = lambda spans: [(s.start, s.end, s.label, s.text, s.speaker, s.cue) for s in spans]
    assert strip(second.spans(copy.id)) == strip(first.spans(doc.id))
