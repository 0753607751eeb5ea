"""Merging another analyst's project file (or native export) into this project."""
from __future__ import annotations

import hashlib
import json

import pytest

from annotator.core.model import Document, Label, make_span
from annotator.exporting import ExportFilter, ExportRequest, export
from annotator.importing import ImportOptions, import_paths
from annotator.store import Project

SHARED_TEXT = "The minister said «the deal is done» 😀 and denied any delay.\r\nOfficials demanded talks."
OTHER_TEXT = "Рейтер: посол заявил, что переговоры продолжатся."
ONLY_BO = "A text only Bo has read: the envoy claimed victory."


def project_of(path, annotator, texts_and_spans):
    project = Project.open(path)
    for text, spans in texts_and_spans:
        project.add_document(Document(text=text, title=text[:12]),
                             [make_span(text, s, e, label, annotator=annotator, speaker=speaker)
                              for s, e, label, speaker in spans])
    return project


@pytest.fixture
def ana(tmp_path):
    project = project_of(tmp_path / "ana.annotator", "ana", [
        (SHARED_TEXT, [(0, 16, "claim", "minister"), (18, 36, "quote", "minister")]),
        (OTHER_TEXT, [(8, 20, "claim", "")]),
    ])
    yield project
    project.close()


@pytest.fixture
def bo_path(tmp_path):
    path = tmp_path / "colleague" / "bo.annotator"
    path.parent.mkdir()
    project = project_of(path, "bo", [
        (SHARED_TEXT, [(18, 36, "quote", "the minister"), (41, 58, "denial", "minister")]),
        (ONLY_BO, [(27, 51, "claim", "envoy")]),
    ])
    project.close()
    return path


def dump(project):
    return sorted((d.sha256, s.start, s.end, s.label, s.text, s.annotator, s.speaker)
                  for d, spans in project.documents_with_spans() for s in spans)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_colleagues_project_merges_in_with_their_names_on_their_spans(ana, bo_path):
    before = sha(bo_path)
    report = import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    assert report.ok, report.problems
    assert len(report.added) == 1 and report.merged == 1 and report.spans_added == 3
    spans = dump(ana)
    by = {(label, annotator) for _, _, _, label, _, annotator, _ in spans}
    assert by == {("claim", "ana"), ("quote", "ana"), ("quote", "bo"), ("denial", "bo"),
                  ("claim", "bo")}
    # both versions of the same quote stay: they are two analysts' layers
    assert sum(1 for s in spans if s[3] == "quote") == 2
    assert sha(bo_path) == before, "the colleague's file is only read"
    assert ana.document_count() == 3


def test_merging_the_same_file_twice_changes_nothing(ana, bo_path):
    import_paths(ana, [bo_path])
    once = dump(ana)
    report = import_paths(ana, [bo_path])
    assert report.ok and report.spans_added == 0 and not report.added
    assert dump(ana) == once


def test_a_native_export_of_the_colleague_merges_to_the_same_spans(ana, bo_path, tmp_path):
    exported = tmp_path / "bo.jsonl"
    with _opened(bo_path) as bo:
        export(bo, ExportRequest(exported, filters=ExportFilter(statuses=None)))
    import_paths(ana, [exported])
    via_export = dump(ana)
    report = import_paths(ana, [bo_path])
    assert report.spans_added == 0, "the project file brings nothing the export did not"
    assert dump(ana) == via_export


def test_the_open_project_cannot_be_merged_into_itself(ana):
    report = import_paths(ana, [ana.path])
    assert not report.ok
    assert "open project itself" in str(report.problems[0])


def test_a_file_named_like_a_project_that_is_not_one_is_refused_by_name(ana, tmp_path):
    fake = tmp_path / "notes.annotator"
    fake.write_text("just some notes\n")
    before = dump(ana)
    report = import_paths(ana, [fake])
    assert str(report.problems[0]).startswith(f"{fake}: ")
    assert "not an annotator project" in str(report.problems[0])
    assert dump(ana) == before


def test_a_label_this_project_lacks_is_named_and_that_document_kept_out(ana, tmp_path):
    path = tmp_path / "cy.annotator"
    other = Project.open(path)
    other.add_label(Label(name="threat", colour="#aa0000", key="5", position=4))
    other.add_document(Document(text=ONLY_BO), [make_span(ONLY_BO, 0, 6, "threat", annotator="cy")])
    other.close()
    report = import_paths(ana, [path])
    assert "threat" in str(report.problems[0]) and "(document 1)" in str(report.problems[0])
    assert ana.document_count() == 2


class _opened:
    def __init__(self, path):
        self.project = Project.open(path)

    def __enter__(self):
        return self.project

    def __exit__(self, *exc):
        self.project.close()


# -- a colleague lead's adjudication decisions ----------------------------------------
def decisions_of(project):
    return sorted((d.sha256, decision.start, decision.end, decision.verdict, decision.annotator)
                  for d, _ in project.documents_with_spans()
                  for decision in project.decisions(d.id))


@pytest.fixture
def lead_path(bo_path):
    """Bo's file after Bo, as a lead, decided that nothing in two stretches goes to gold."""
    with _opened(bo_path) as bo:
        for document, _ in bo.documents_with_spans():
            bo.add_decision(document.id, 18, 36, annotator="bo")
    return bo_path


def test_a_colleagues_decisions_come_with_their_work_once(ana, lead_path, capsys):
    report = import_paths(ana, [lead_path])
    assert report.ok, report.problems
    assert report.decisions_added == 2
    shared = hashlib.sha256(SHARED_TEXT.encode()).hexdigest()
    only_bo = hashlib.sha256(ONLY_BO.encode()).hexdigest()
    assert decisions_of(ana) == sorted([(shared, 18, 36, "rejected", "bo"),
                                        (only_bo, 18, 36, "rejected", "bo")])
    again = import_paths(ana, [lead_path])
    assert again.decisions_added == 0 and again.merged == 0 and again.duplicates == 2
    assert len(decisions_of(ana)) == 2


def test_a_document_that_only_gained_decisions_counts_as_merged(ana, bo_path):
    import_paths(ana, [bo_path])
    with _opened(bo_path) as bo:
        document = next(d for d, _ in bo.documents_with_spans() if d.text == SHARED_TEXT)
        bo.add_decision(document.id, 41, 58, annotator="bo")
    report = import_paths(ana, [bo_path])
    assert report.decisions_added == 1 and report.spans_added == 0
    assert report.merged == 1 and report.duplicates == 1


def test_a_bad_decision_keeps_its_document_out_and_says_why(ana, lead_path):
    import sqlite3

    with sqlite3.connect(lead_path) as raw:  # as a damaged or hand-edited file would have it
        raw.execute('UPDATE decisions SET "end" = 10000 WHERE start = 18 AND document_id = 2')
    before = (dump(ana), decisions_of(ana))
    report = import_paths(ana, [lead_path])
    [problem] = report.problems
    assert str(problem).startswith(f"{lead_path} (document 2): adjudication decision 1 [18, 10000]")
    assert "not within the document's 51 characters" in str(problem)
    assert ana.document_count() == 2, "the document with the bad decision is kept out"
    assert len(decisions_of(ana)) == 1 and before != (dump(ana), decisions_of(ana))


def test_a_project_made_before_adjudication_merges_without_decisions(ana, bo_path):
    import sqlite3

    with sqlite3.connect(bo_path) as raw:  # what a project file of schema step 0004 lacks
        raw.execute("DROP TABLE decisions")
    report = import_paths(ana, [bo_path])
    assert report.ok and report.spans_added == 3 and report.decisions_added == 0


def test_the_command_line_and_the_import_report_count_the_decisions(ana, lead_path, capsys):
    from annotator.cli import main
    from annotator.ui.import_report import summary

    assert main(["import", "--project", str(ana.path), str(lead_path)]) == 0
    printed = capsys.readouterr().out
    assert "Imported 1 new document, 3 spans and 2 adjudication decisions from 1 file" in printed
    again = import_paths(ana, [lead_path])
    assert "adjudication decision" not in summary(again)
    with _opened(lead_path) as bo:
        document = next(d for d, _ in bo.documents_with_spans() if d.text == SHARED_TEXT)
        bo.add_decision(document.id, 41, 58, annotator="bo")
    assert "0 spans · 1 adjudication decision added" in summary(import_paths(ana, [lead_path]))


def test_gold_merged_into_a_stretch_the_lead_rejected_is_a_conflict_and_its_export_says_so(
        ana, bo_path, tmp_path):
    """ana's lead rejected the quote; bo accepted it into gold in her copy. Both stand
    after the merge: the stretch is not settled, and the gold export names it."""
    shared = ana.first_document_id()
    ana.add_decision(shared, 18, 36, annotator="ana")
    with _opened(bo_path) as bo:
        quote = next(s for s in bo.spans(bo.first_document_id()) if s.label == "quote")
        bo.add_span(bo.first_document_id(), make_span(SHARED_TEXT, quote.start, quote.end,
                                                      "quote", annotator="gold",
                                                      speaker="the minister"))
    assert import_paths(ana, [bo_path]).ok
    # the claim, the quote (rejected, yet in gold) and the denial: none is settled
    assert ana.adjudication_progress()[shared] == (0, 3)
    out = tmp_path / "gold.jsonl"
    result = export(ana, ExportRequest(out, filters=ExportFilter(statuses=None,
                                                                 annotators=["gold"])))
    assert (f"document {shared} (The minister): gold quote at 18–36 is written although the "
            "cluster there (18–36) is marked rejected; settle it in View → Adjudicate"
            ) in result.notes


# -- the importing annotator's own layer ------------------------------------------------
def layer(project, annotator="ana"):
    return sorted((d.sha256, s.start, s.end, s.label, s.speaker)
                  for d, spans in project.documents_with_spans() for s in spans
                  if s.annotator == annotator)


@pytest.fixture
def bo_merged_ana(ana, bo_path):
    """Bo's file after Bo merged Ana's project (to compare): it holds Ana's spans as
    they were then."""
    with _opened(bo_path) as bo:
        assert import_paths(bo, [ana.path], ImportOptions(annotator="bo")).ok
    return bo_path


def test_a_colleagues_copy_of_my_work_never_undoes_my_later_edits(ana, bo_merged_ana):
    shared = next(d for d, _ in ana.documents_with_spans() if d.text == SHARED_TEXT)
    claim, quote = ana.spans(shared.id)
    with ana.transaction():
        ana.remove_span(quote.id)  # Ana deletes her quote
        ana.change_span(claim.id, label="demand", speaker="the minister")  # and relabels
    mine = layer(ana)
    report = import_paths(ana, [bo_merged_ana], ImportOptions(annotator="ana"))
    assert report.ok, report.problems
    assert layer(ana) == mine, "the import changed Ana's own spans"
    [file] = report.files
    assert file.own_spans_in_file == 3  # two for the shared text, one for the other
    difference = file.own_difference
    assert difference.documents == [shared.id]
    assert (difference.only_in_file, difference.only_here, difference.changed) == (2, 1, 0)


def test_the_report_says_my_spans_in_the_file_were_left_as_they_are_here(ana, bo_merged_ana,
                                                                          capsys):
    from annotator.cli import main

    shared = next(d for d, _ in ana.documents_with_spans() if d.text == SHARED_TEXT)
    ana.remove_span(ana.spans(shared.id)[1].id)
    assert main(["import", "--project", str(ana.path), "--annotator", "ana",
                 str(bo_merged_ana)]) == 0
    printed = capsys.readouterr().out
    assert ("Your own spans (ana) were left as they are here. The file holds 3 spans of "
            "yours (ana) for documents already here; in 1 document, 1 span in the file is not "
            "among yours here.") in printed
    assert "the project you work in is the reference for your own work" in printed


def test_my_spans_come_with_a_text_new_here_and_unnamed_spans_are_still_mine(tmp_path):
    """A text this project lacks holds no work of mine to protect; spans a file names
    nobody for are work I bring, and carry my name as before."""
    ana = project_of(tmp_path / "ana.annotator", "ana", [(SHARED_TEXT, [(0, 16, "claim", "")])])
    project_of(tmp_path / "old-ana.annotator", "ana", [(ONLY_BO, [(27, 51, "claim", "")])]).close()
    unnamed = tmp_path / "pre.jsonl"
    unnamed.write_text(json.dumps({"text": SHARED_TEXT, "label": [[41, 58, "denial"]]}) + "\n",
                       "utf-8")
    try:
        report = import_paths(ana, [tmp_path / "old-ana.annotator"], ImportOptions(annotator="ana"))
        assert report.spans_added == 1 and report.files[0].own_spans_in_file == 0
        report = import_paths(ana, [unnamed], ImportOptions(offset_unit="codepoint",
                                                            annotator="ana"))
        assert report.ok and report.spans_added == 1, report.problems
        assert ("denial", "ana") in {(s.label, s.annotator) for _, spans in
                                     ana.documents_with_spans() for s in spans}
    finally:
        ana.close()


# -- a colleague's layer: whole or not at all ----------------------------------------------
def bo_updates(bo_path):
    """Bo, after the lead merged his file: a relabel, a boundary fix, a speaker fix and a
    deletion (what the tester's reimport.py does)."""
    with _opened(bo_path) as bo:
        shared = next(d for d, _ in bo.documents_with_spans() if d.text == SHARED_TEXT)
        quote, denial = bo.spans(shared.id)
        only_bo = next(d for d, _ in bo.documents_with_spans() if d.text == ONLY_BO)
        [claim] = bo.spans(only_bo.id)
        with bo.transaction():
            bo.change_span(quote.id, speaker="the minister, in Paris")
            bo.change_span(denial.id, label="claim", start=37)
            bo.remove_span(claim.id)


def test_an_updated_colleagues_file_leaves_their_layer_here_as_it_is_and_says_how_it_differs(
        ana, bo_path):
    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    before = dump(ana)
    bo_updates(bo_path)
    report = import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    assert report.ok and report.spans_added == 0
    assert dump(ana) == before, "no old and new version of Bo's spans side by side"
    difference = report.files[0].differences["bo"]
    assert len(difference.documents) == 2
    assert (difference.only_here, difference.only_in_file, difference.changed) == (2, 1, 1)


def test_the_report_says_in_plain_words_how_a_colleagues_layer_differs(ana, bo_path, capsys):
    from annotator.cli import main

    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    bo_updates(bo_path)
    assert main(["import", "--project", str(ana.path), "--annotator", "ana", str(bo_path)]) == 0
    printed = capsys.readouterr().out
    assert ("In 2 documents, bo's spans here differ from the file's: 1 span in the file is not "
            "here, 2 here are not in the file and 1 span has another speaker, target, cue or "
            "note here.") in printed


def test_a_second_hand_copy_of_a_layer_never_brings_back_what_its_owner_deleted(ana, bo_path,
                                                                                tmp_path):
    """Cy's spans reach the lead twice: from Cy, and in Bo's file, where Bo merged Cy's
    project before Cy deleted a span. Bo's old copy does not bring it back."""
    cy_path = tmp_path / "cy.annotator"
    project_of(cy_path, "cy", [(SHARED_TEXT, [(0, 16, "claim", ""), (41, 58, "denial", "")])]).close()
    with _opened(bo_path) as bo:
        import_paths(bo, [cy_path], ImportOptions(annotator="bo"))
    with _opened(cy_path) as cy:
        cy.remove_span(cy.spans(1)[1].id)
    import_paths(ana, [cy_path], ImportOptions(annotator="ana"))
    cys = layer(ana, "cy")
    report = import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    assert layer(ana, "cy") == cys and len(cys) == 1
    assert report.files[0].differences["cy"].only_in_file == 1
    assert layer(ana, "bo"), "Bo's own layer, new here, came in whole"


def test_a_layer_emptied_here_is_not_filled_again_from_an_old_copy(ana, bo_path, tmp_path):
    """Cy deletes her only span of a document (here, in a shared project): Bo's file,
    which holds it from before, does not bring it back; the report says it differs."""
    cy_path = tmp_path / "cy.annotator"
    project_of(cy_path, "cy", [(SHARED_TEXT, [(41, 58, "denial", "")])]).close()
    with _opened(bo_path) as bo:
        import_paths(bo, [cy_path], ImportOptions(annotator="bo"))
    import_paths(ana, [cy_path], ImportOptions(annotator="ana"))
    [cys] = [s for d, spans in ana.documents_with_spans() for s in spans if s.annotator == "cy"]
    ana.remove_span(cys.id)
    report = import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    assert layer(ana, "cy") == []
    assert report.files[0].differences["cy"].only_in_file == 1


# -- replacing a colleague's layer with their updated file ----------------------------------
def replace(project, path, *names, annotator="ana"):
    return import_paths(project, [path], ImportOptions(annotator=annotator,
                                                       replace_layers=frozenset(names)))


def test_replacing_a_colleagues_layer_makes_it_their_files_and_touches_no_other(ana, bo_path,
                                                                                 tmp_path):
    cy_path = tmp_path / "cy.annotator"
    project_of(cy_path, "cy", [(SHARED_TEXT, [(41, 58, "denial", "")])]).close()
    import_paths(ana, [bo_path, cy_path], ImportOptions(annotator="ana"))
    ids_before = {(s.start, s.end, s.label): s.id for _, spans in ana.documents_with_spans()
                  for s in spans if s.annotator == "bo"}
    others = [layer(ana, "ana"), layer(ana, "cy")]
    bo_updates(bo_path)
    report = replace(ana, bo_path, "bo")
    assert report.ok, report.problems
    with _opened(bo_path) as bo:
        assert layer(ana, "bo") == layer(bo, "bo")
    assert [layer(ana, "ana"), layer(ana, "cy")] == others
    [file] = report.files
    done = file.replaced["bo"]
    assert (len(done.documents), done.only_here, done.only_in_file, done.changed) == (2, 2, 1, 1)
    quote = next(s for _, spans in ana.documents_with_spans() for s in spans
                 if s.annotator == "bo" and s.label == "quote")
    assert quote.id == ids_before[(18, 36, "quote")], "a span that stays keeps its id"
    assert file.backup is not None and file.backup.exists() and file.backup_time


def test_a_replace_is_backed_up_first_and_the_backup_holds_the_project_as_it_was(ana, bo_path):
    from annotator.store.backup import restore_backup

    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    before = dump(ana)
    bo_updates(bo_path)
    [file] = replace(ana, bo_path, "bo").files
    assert dump(ana) != before
    path = ana.path
    ana.close()
    restore_backup(path, file.backup)
    with _opened(path) as restored:
        assert dump(restored) == before


def test_the_report_of_a_replace_says_what_changed_and_when_the_backup_was_made(ana, bo_path,
                                                                                capsys):
    from annotator.cli import main

    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    bo_updates(bo_path)
    assert main(["import", "--project", str(ana.path), "--annotator", "ana",
                 "--replace-layer", "bo", str(bo_path)]) == 0
    printed = capsys.readouterr().out
    assert ("Replaced bo's spans with the file's in 2 documents: 2 removed, 1 added and 1 "
            "changed in speaker, target, cue or note.") in printed
    assert "Before replacing spans the project was backed up, at " in printed
    assert main(["import", "--project", str(ana.path), "--annotator", "ana",
                 "--replace-layer", "bo", str(bo_path)]) == 0
    assert "Nothing to replace: bo's spans here were already the file's." in capsys.readouterr().out


@pytest.mark.parametrize("names, reason", [
    (("ana",), "your own spans (ana) cannot be replaced with a file's"),
    (("bo", "cy"), "cy's spans cannot be replaced with the file's: the file holds no spans of 'cy'"),
])
def test_a_replace_that_cannot_be_done_as_asked_imports_nothing_from_the_file(
        ana, bo_path, names, reason):
    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    bo_updates(bo_path)
    with _opened(bo_path) as bo:
        bo.add_document(Document(text="A text new to Ana."))
    before = (dump(ana), ana.document_count())
    report = replace(ana, bo_path, *names)
    [problem] = report.problems
    assert reason in problem.reason and "nothing was imported from this file" in problem.reason
    assert (dump(ana), ana.document_count()) == before


def test_no_backup_no_replace(ana, bo_path, monkeypatch):
    from annotator.importing import service
    from annotator.store import ProjectError

    def full_disk(project):
        raise ProjectError("the disk is full")

    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    bo_updates(bo_path)
    monkeypatch.setattr(service, "backup_now", full_disk)
    before = dump(ana)
    report = replace(ana, bo_path, "bo")
    assert "could not be backed up before replacing spans (the disk is full)" in str(report.problems[0])
    assert dump(ana) == before


def test_a_layer_a_replace_emptied_stays_empty_when_an_old_copy_comes_again(ana, bo_path,
                                                                            tmp_path):
    """Bo deleted his only span of a document; the replace takes that; a stale copy of
    Bo's layer (in Cy's file, from when Cy merged Bo) does not bring it back."""
    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    cy_path = tmp_path / "cy.annotator"
    project_of(cy_path, "cy", [(ONLY_BO, [(0, 6, "claim", "")])]).close()
    with _opened(cy_path) as cy:
        import_paths(cy, [bo_path], ImportOptions(annotator="cy"))
    bo_updates(bo_path)  # among them: Bo's only span of ONLY_BO goes
    replace(ana, bo_path, "bo")
    only_bo = ana.document_by_sha(hashlib.sha256(ONLY_BO.encode()).hexdigest())
    assert [s for s in ana.spans(only_bo.id) if s.annotator == "bo"] == []
    report = import_paths(ana, [cy_path], ImportOptions(annotator="ana"))
    assert [s for s in ana.spans(only_bo.id) if s.annotator == "bo"] == []
    assert report.files[0].differences["bo"].only_in_file >= 1
    assert [s.annotator for s in ana.spans(only_bo.id)] == ["cy"], "Cy's layer, new, came in"


def test_replacing_the_gold_layer_is_named_as_such(ana, tmp_path, capsys):
    from annotator.cli import main

    lead_path = tmp_path / "lead.annotator"
    project_of(lead_path, "gold", [(SHARED_TEXT, [(0, 16, "claim", "")])]).close()
    import_paths(ana, [lead_path], ImportOptions(annotator="ana"))
    with _opened(lead_path) as lead:
        lead.change_span(lead.spans(1)[0].id, label="quote")
    assert main(["import", "--project", str(ana.path), "--annotator", "ana", str(lead_path)]) == 0
    assert "--replace-layer gold (the adjudicated layer" in capsys.readouterr().out
    assert main(["import", "--project", str(ana.path), "--annotator", "ana",
                 "--replace-layer", "gold", str(lead_path)]) == 0
    printed = capsys.readouterr().out
    assert "Replaced the gold (adjudicated) spans with the file's in 1 document" in printed
    assert "These were adjudicated spans" in printed
    assert [s.label for s in ana.spans(1) if s.annotator == "gold"] == ["quote"]


def test_after_a_replace_agreement_is_that_of_a_fresh_merge_of_the_updated_file(ana, bo_path,
                                                                                tmp_path):
    from annotator.agreement import agreement

    import_paths(ana, [bo_path], ImportOptions(annotator="ana"))
    bo_updates(bo_path)
    replace(ana, bo_path, "bo")
    fresh = project_of(tmp_path / "fresh.annotator", "ana", [
        (SHARED_TEXT, [(0, 16, "claim", "minister"), (18, 36, "quote", "minister")]),
        (OTHER_TEXT, [(8, 20, "claim", "")])])
    try:
        import_paths(fresh, [bo_path], ImportOptions(annotator="ana"))
        figures = [without_span_ids(agreement(p, ["ana", "bo"], coverage="any").to_json())
                   for p in (ana, fresh)]
        assert figures[0] == figures[1]
    finally:
        fresh.close()


def without_span_ids(value):
    """A report's JSON without the spans' ids, which differ from project to project."""
    if isinstance(value, dict):
        return {key: without_span_ids(item) for key, item in value.items()
                if not (key == "id" and "start" in value)}
    if isinstance(value, list):
        return [without_span_ids(item) for item in value]
    return value


def test_my_spans_in_the_file_that_are_the_same_as_here_get_a_short_word(ana, bo_merged_ana):
    from annotator.importing.layer_notes import report_notes

    report = import_paths(ana, [bo_merged_ana], ImportOptions(annotator="ana"))
    assert report_notes(report) == [
        "The file holds 3 spans of yours (ana) for documents already here, the same as yours here."]
