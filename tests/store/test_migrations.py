"""Opening a project written by an older version upgrades it and keeps its data."""
import sqlite3

import pytest
from hypothesis import given, settings
from sqlite_utils import Database

from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.store.migrations import known_names, migrations
from tests.strategies import text_and_range


def project_at(path, stop_before):
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before=stop_before)
    return db


@pytest.mark.parametrize("stop_before", known_names()[1:])
def test_an_older_project_is_upgraded_and_keeps_its_data(tmp_path, stop_before):
    path = tmp_path / "old.annotator"
    db = project_at(path, stop_before)
    with db.atomic():
        db["labels"].insert({"name": "claim", "colour": "#000", "key": "1", "description": "",
                             "position": 0})
        db["documents"].insert({"id": 1, "title": "t", "text": "Old text.", "sha256":
                                Document(text="Old text.").sha256, "created": "x", "updated": "x"})
    db.close()
    project = Project.open(path)
    applied = [r[0] for r in project.db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == known_names()
    assert project.document(1).text == "Old text."
    project.close()


def test_there_is_an_upgrade_path_to_test():
    assert len(known_names()) >= 2 and known_names()[0] == "0001_initial"


@settings(max_examples=60, deadline=None)
@given(text_and_range())
def test_any_text_and_span_survive_the_file_exactly(tmp_path_factory, case):
    text, start, end = case
    if not text.strip():
        return
    path = tmp_path_factory.mktemp("p") / "p.annotator"
    project = Project.open(path)
    doc = project.add_document(Document(text=text), [make_span(text, start, end, "claim")])
    project.close()
    again = Project.open(path)
    assert again.document(doc.id).text == text
    [span] = again.spans(doc.id)
    assert (span.start, span.end, span.text) == (start, end, text[start:end])
    again.close()


def test_a_project_from_before_adjudication_gets_the_decisions_table(tmp_path):
    path = tmp_path / "old.annotator"
    db = project_at(path, "0005_adjudication_decisions")
    assert "decisions" not in db.table_names()
    db["documents"].insert({"id": 1, "title": "t", "text": "Old text.", "sha256":
                            Document(text="Old text.").sha256, "created": "x", "updated": "x"})
    db.close()
    project = Project.open(path)
    decision = project.add_decision(1, 0, 3, "rejected", "lead")
    assert project.decisions(1) == [decision]
    indexes = [r[0] for r in project.db.execute("SELECT name FROM sqlite_master WHERE type = "
                                                "'index' AND tbl_name = 'decisions'")]
    assert "decisions_document" in indexes
    with pytest.raises(sqlite3.IntegrityError):  # the schema itself knows the verdicts
        with project.db.conn:
            project.db.execute("INSERT INTO decisions (document_id, start, \"end\", verdict, "
                               "created) VALUES (1, 0, 3, 'maybe', 'x')")
    project.close()


def test_span_ids_are_never_handed_out_twice(tmp_path):
    """A deleted span's id stays its own (undo puts it back under that id), also after
    reopening and in a project upgraded from before migration 0006."""
    from annotator.core.model import Document, make_span
    from annotator.store import Project

    project = Project.open(tmp_path / "p.annotator")
    text = "Le Drian said Iran must stop now."
    doc = project.add_document(Document(text=text), [make_span(text, 0, 8, "claim"),
                                                      make_span(text, 14, 18, "claim")])
    last = max(span.id for span in project.spans(doc.id))
    project.remove_span(last)
    project.close()
    project = Project.open(tmp_path / "p.annotator")
    again = project.add_span(doc.id, make_span(text, 19, 23, "demand"))
    assert again.id > last
    schema = project.db.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    assert "AUTOINCREMENT" in schema
    indexes = {r[0] for r in project.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spans'")}
    assert {"spans_document", "spans_label_position", "spans_text_position"} <= indexes
    project.close()


def test_a_layer_whose_last_span_goes_is_remembered_as_emptied(tmp_path):
    """Migration 0007: deleting the last span of an annotator in a document, however it
    is done, leaves a record that their layer there is empty (not absent)."""
    path = tmp_path / "old.annotator"
    db = project_at(path, "0007_emptied_layers")
    db["labels"].insert_all([{"name": name, "colour": "#000", "key": key, "description": "",
                              "position": 0} for name, key in (("claim", "1"), ("demand", "3"))])
    db.close()
    project = Project.open(path)
    text = "Le Drian said Iran must stop now."
    doc = project.add_document(Document(text=text), [
        make_span(text, 0, 8, "claim", annotator="cy"), make_span(text, 14, 18, "claim", annotator="cy"),
        make_span(text, 19, 23, "demand", annotator="bo")])
    first, second, bos = project.spans(doc.id)
    project.remove_span(first.id)
    assert project.emptied_layers(doc.id) == set(), "cy still has a span there"
    project.remove_span(second.id)
    assert project.emptied_layers(doc.id) == {"cy"}
    project.change_span(bos.id, annotator="dee")  # bo's last span now belongs to dee
    assert project.emptied_layers(doc.id) == {"cy", "bo"}
    project.change_span(bos.id, speaker="Iran")  # another change leaves the layers alone
    assert project.emptied_layers(doc.id) == {"cy", "bo"}
    project.close()
