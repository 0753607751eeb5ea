"""Crash safety: sessions, imports and exports killed with SIGKILL lose nothing committed.

A short run of the harness in tests/harness (8 edit trials, 4 import kills, 4 export
kills, fixed seeds); the documented long run is ``python -m tests.harness.crash
--trials 100``. A failure names the trial's seed: ``python -m tests.harness.crash
--first-seed N --trials 1`` runs that trial again. Then the cleanup rules of
annotator/exporting/files.py that the harness relies on, each checked directly, and
the refused undo the long run found (expected to fail until span ids stop being reused).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.exporting import manifest
from annotator.importing import ImportOptions, import_paths
from annotator.session import AnnotationSession
from annotator.store import Project
from tests.harness.checks import opens_in_app
from tests.harness.crash import Run, Summary, run
from tests.harness.exports import EVERYTHING, export_here
from tests.harness.projects import make_export_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

# brat is left to the long run: its thousands of small files make each export slow
SHORT_RUN = Run(edit_trials=8, import_trials=4, export_trials=4, first_seed=1,
                import_files=4, import_documents=100,
                export_kinds=("jsonl", "split"), export_documents=200)


@pytest.fixture(scope="module")
def short_run(tmp_path_factory) -> tuple[Summary, Path]:
    workdir = tmp_path_factory.mktemp("crash")
    return run(SHORT_RUN, workdir), workdir


def problems_of(summary: Summary, kind: str) -> list[str]:
    return [f"{o.kind} seed {o.seed}: {p}" for o in summary.of(kind) for p in o.problems]


def test_a_killed_session_loses_no_edit_whose_call_returned(short_run):
    summary, _ = short_run
    edits = summary.of("edits")
    assert len(edits) == 8
    assert problems_of(summary, "edits") == []
    assert all(o.killed and o.integrity == "ok" and o.opened for o in edits)
    assert summary.figures()["edits lost"] == 0
    assert summary.figures()["edits journalled"] > 0  # the children did edit before dying
    # some sessions ran beside another program reading the project (the lost-WAL case)
    assert 0 < summary.figures()["  with another program reading"] < len(edits)


def test_a_killed_import_leaves_each_file_whole_or_absent(short_run):
    summary, _ = short_run
    imports = summary.of("import")
    assert len(imports) == 4
    assert problems_of(summary, "import") == []
    assert all(o.integrity == "ok" and o.opened for o in imports)


def test_a_killed_export_leaves_no_half_file_and_nothing_after_the_next(short_run):
    summary, _ = short_run
    assert len(summary.of("export")) == 4
    assert problems_of(summary, "export") == []


def test_undoing_a_delete_after_an_import_puts_the_span_back(tmp_path):
    """Found by the long run (edit trial seed 84): span ids were reused, so an import
    after a delete took the deleted span's id and undoing the delete was refused."""
    project = Project.in_memory()
    document = project.add_document(Document(text="Le Drian said Iran must stop now."))
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    session.label_selection(0, 8, "claim")
    session.delete_selected()
    other = tmp_path / "other.jsonl"
    other.write_text('{"text": "Tehran denied it.", "spans": [{"start": 0, "end": 6, '
                     '"label": "claim"}]}\n', encoding="utf-8")
    import_paths(project, [other], ImportOptions(annotator="tester"))
    assert session.undo()
    assert [span.text for span in project.spans(document.id)] == ["Le Drian"]


def test_a_killed_sessions_project_opens_in_the_app(short_run):
    summary, workdir = short_run
    project = summary.of("edits")[-1].project
    assert opens_in_app(project, workdir / "home") == ""


# -- what the next export cleans up ------------------------------------------------------

@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    return make_export_project(tmp_path_factory.mktemp("export") / "p.annotator", documents=5)


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it (the command line catches Ctrl-C)."""


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_export_removes_what_a_killed_export_left(small_project, tmp_path):
    out = tmp_path / "split"
    killed = tmp_path / f".split.{dead_pid()}.k1ll3d.part"
    (killed / "split").mkdir(parents=True)
    (killed / "split" / "train.jsonl").write_text('{"text": "half', encoding="utf-8")
    set_aside = tmp_path / ".split.old"
    set_aside.mkdir()
    (set_aside / "manifest.json").write_text("{}", encoding="utf-8")
    # a stale scratch of the export "split.2024" is that export's to clean, not this one's
    other = tmp_path / f".split.2024.{dead_pid()}.abc_1234.part"
    other.mkdir()
    assert export_here(small_project, "split", out) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "split"]


def test_an_export_still_running_keeps_its_scratch_folder(small_project, tmp_path):
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".data.jsonl.{running.pid}.w0rk1n.part"
        busy.mkdir()
        assert export_here(small_project, "jsonl", tmp_path / "data.jsonl") == 0
        assert busy.is_dir()
    finally:
        running.kill()
        running.wait()


def test_a_file_export_never_keeps_a_manifest_that_describes_another_file(
        small_project, tmp_path, monkeypatch):
    out = tmp_path / "data.jsonl"
    assert export_here(small_project, "jsonl", out, ["--status", "any", "--labels", "claim"]) == 0
    earlier = out.read_bytes()

    def killed_before_the_manifest(path, content):
        raise Killed  # as if the process died between the two renames

    monkeypatch.setattr(manifest, "write", killed_before_the_manifest)
    with pytest.raises(Killed):
        export_here(small_project, "jsonl", out, EVERYTHING)
    assert out.read_bytes() != earlier  # the new data file is in place ...
    assert not (tmp_path / "data.jsonl.manifest.json").exists()  # ... and no stale manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.jsonl"]
