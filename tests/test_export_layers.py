"""Export takes the gold layer, one annotator, or every layer with the annotator on each span."""
import json

import pytest

from annotator.adjudicating import Adjudication
from annotator.core.layers import GOLD
from annotator.core.model import Document, make_span
from annotator.exporting import ExportError
from annotator.exporting.selection import parse_layer
from annotator.main import main
from annotator.session import AnnotationSession
from annotator.store import Project

TEXT = "The minister said the deal is done, and the envoy denied any delay at all."


@pytest.fixture
def adjudicated(tmp_path):
    """A document two annotators marked, with bo's versions accepted into gold."""
    path = tmp_path / "team.annotator"
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT, status="done"), [
        make_span(TEXT, 0, 34, "claim", annotator="ana"),
        make_span(TEXT, 4, 34, "claim", annotator="bo", speaker="minister"),
        make_span(TEXT, 40, 56, "denial", annotator="bo"),
    ])
    session = AnnotationSession(project, "lead")
    session.open_document(doc.id)
    adjudication = Adjudication(session)
    adjudication.accept("bo")  # the claim, then on to the denial
    adjudication.accept("bo")
    project.close()
    return path


def export(capsys, path, out, *options):
    code = main(["export", "--project", str(path), "--out", str(out), *options])
    err = capsys.readouterr().err
    if code:
        return code, err
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return code, [(s["start"], s["end"], s["label"], s["annotator"]) for s in record["spans"]]


def test_the_gold_layer_alone_keeps_gold_as_the_annotator_of_each_span(capsys, adjudicated, tmp_path):
    code, spans = export(capsys, adjudicated, tmp_path / "gold.jsonl", "--layer", "gold")
    assert code == 0
    assert spans == [(4, 34, "claim", GOLD), (40, 56, "denial", GOLD)]


def test_all_layers_export_every_span_with_its_annotator(capsys, adjudicated, tmp_path):
    code, spans = export(capsys, adjudicated, tmp_path / "all.jsonl", "--layer", "all")
    assert code == 0
    assert sorted(spans) == sorted([(0, 34, "claim", "ana"), (4, 34, "claim", "bo"),
                                    (4, 34, "claim", GOLD), (40, 56, "denial", "bo"),
                                    (40, 56, "denial", GOLD)])


def test_one_annotators_layer(capsys, adjudicated, tmp_path):
    code, spans = export(capsys, adjudicated, tmp_path / "ana.jsonl", "--layer", "ana")
    assert (code, spans) == (0, [(0, 34, "claim", "ana")])


def test_layer_and_annotator_together_are_refused_and_nothing_is_written(capsys, adjudicated,
                                                                         tmp_path):
    out = tmp_path / "both.jsonl"
    code, err = export(capsys, adjudicated, out, "--layer", "gold", "--annotator", "ana")
    assert code == 1 and "use --layer or --annotator, not both" in err
    assert "Traceback" not in err and not out.exists()


def test_parse_layer():
    assert parse_layer("all") is None
    assert parse_layer(" gold ") == [GOLD]
    with pytest.raises(ExportError, match="--layer needs"):
        parse_layer(" ")


def test_an_empty_layer_is_said_in_the_notes_and_the_manifest(tmp_path):
    import json

    from annotator.core.model import Document, make_span
    from annotator.exporting import ExportFilter, ExportRequest, export
    from annotator.store import Project

    project = Project.open(tmp_path / "p.annotator")
    text = "The envoy denied it."
    project.add_document(Document(text=text), [make_span(text, 4, 9, "claim", annotator="ana")])
    out = tmp_path / "bo.jsonl"
    result = export(project, ExportRequest(out, filters=ExportFilter(statuses=None,
                                                                     annotators=["bo"])))
    assert result.spans == 0
    assert any("no spans by bo" in note for note in result.notes)
    manifest = json.loads(out.with_name("bo.jsonl.manifest.json").read_text("utf-8"))
    assert any("no spans by bo" in note for note in manifest["notes"])
    assert manifest["adjudication"] is None  # not the gold layer
    project.close()


@pytest.fixture
def team_work(tmp_path):
    """Four documents: adjudicated with a cluster still open, only annotated, read by
    nobody, and adjudicated with nothing in gold (its one cluster rejected)."""
    path = tmp_path / "team.annotator"
    project = Project.open(path)
    adjudicated = project.add_document(Document(text=TEXT, title="Adjudicated"), [
        make_span(TEXT, 0, 34, "claim", annotator="ana"),
        make_span(TEXT, 0, 34, "claim", annotator="bo"),
        make_span(TEXT, 0, 34, "claim", annotator=GOLD),
        make_span(TEXT, 40, 56, "denial", annotator="bo")])  # not settled
    project.add_document(Document(text=TEXT + " Again.", title="Annotated"), [
        make_span(TEXT, 0, 34, "claim", annotator="ana"),
        make_span(TEXT, 4, 34, "claim", annotator="bo")])
    project.add_document(Document(text="Nobody read this.", title="Unread"))
    rejected = project.add_document(Document(text=TEXT + " Rejected.", title="Rejected"), [
        make_span(TEXT, 40, 56, "denial", annotator="ana"),
        make_span(TEXT, 40, 56, "denial", annotator="bo")])
    project.add_decision(rejected.id, 40, 56, annotator="lead")
    project.close()
    return path, adjudicated.id, rejected.id


def test_the_gold_layer_leaves_out_what_nobody_adjudicated_and_counts_what_is_unsettled(
        capsys, team_work, tmp_path):
    path, adjudicated, rejected = team_work
    out = tmp_path / "gold.jsonl"
    code = main(["export", "--project", str(path), "--out", str(out), "--layer", "gold",
                 "--status", "any"])
    printed = capsys.readouterr().out
    assert code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["title"], len(r["spans"])) for r in records] == [
        ("Adjudicated", 1), ("Rejected", 0)]
    left_out = ("2 documents nobody has adjudicated (no gold span, no decision) left out: "
                "the gold layer says nothing about them yet")
    unsettled = ("1 cluster not settled yet in 1 document exported, where gold may lack spans "
                 f"the annotators marked (settle them in View → Adjudicate): document "
                 f"{adjudicated} (Adjudicated): 1")
    assert f"note: {left_out}" in printed and f"note: {unsettled}" in printed
    manifest = json.loads(out.with_name("gold.jsonl.manifest.json").read_text("utf-8"))
    assert left_out in manifest["notes"] and unsettled in manifest["notes"]
    assert manifest["adjudication"] == {
        "documents_not_adjudicated_left_out": 2, "unsettled_clusters": 1,
        "documents_with_unsettled_clusters": 1, "gold_spans_in_rejected_clusters": 0}


def test_a_gold_export_where_nobody_adjudicated_anything_writes_nothing_and_says_why(
        capsys, tmp_path):
    path = tmp_path / "unread.annotator"
    project = Project.open(path)
    project.add_document(Document(text=TEXT, status="done"),
                         [make_span(TEXT, 0, 34, "claim", annotator="ana")])
    project.close()
    out = tmp_path / "gold.jsonl"
    code, err = export(capsys, path, out, "--layer", "gold")
    assert code == 1 and not out.exists()
    assert ("nobody has adjudicated any of the 1 document selected (no gold span, no "
            "decision): nothing was written") in err
