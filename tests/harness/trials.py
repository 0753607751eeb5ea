"""One trial of each kind: start a child, SIGKILL it at a seeded moment, judge the files.

Edit trials. A child runs the seeded ScriptedSession and journals the state after
every call that returned. After the kill, with n the last whole journal entry:
the project file must hold exactly the state journalled at step n, or exactly the
state one step further (the call in flight had committed, but the kill came before
its journal line was written). Step n+1's state is known by replaying the same
seed against a copy of the starting file. Anything else is a loss: the file
matching an earlier step k < n means n - k returned edits were lost.

Import trials. A child imports prepared files one after another. Every file is
whole in the project or absent; files journalled as imported are whole; only the
file in flight may be either; later files are absent. A present document has all
of its spans.

Export trials. A child runs ``annotator export``. The destination is absent, the
earlier export, or a complete new one (equal to a reference export, manifests'
times aside); a manifest beside a file export describes that file; whatever
temporary files the kill left are gone after the next export.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project

from . import children
from .checks import import_file_states, integrity, open_project, read_journal
from .projects import copy_project
from .script import ANNOTATOR, ScriptedSession, project_digest, write_import_file

EDIT_KILL_WINDOW = (0.0, 0.8)  # seconds after the child opened the project
KILL_WHILE_OPENING = 0.15  # share of trials whose kill is timed from the child's start
WITH_A_NEIGHBOUR = 0.5  # share of edit trials with another program reading meanwhile


@dataclass
class Outcome:
    kind: str
    seed: int
    killed: bool = False
    steps: int = 0  # whole journal entries after opening
    in_flight: bool = False  # the file holds the call the kill interrupted
    lost: int = 0  # edits journalled and missing from the file
    mid_work: bool = False  # the kill came while an import or export was writing
    integrity: str = "ok"
    opened: bool = True
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # edits the session would not make
    neighbour: bool = False  # another program read the project throughout
    project: Path | None = None


# -- edits ---------------------------------------------------------------------------

def edit_trial(seed: int, initial: Path, workdir: Path) -> Outcome:
    outcome = Outcome("edits", seed)
    trial = workdir / f"edits-{seed}"
    project_path = copy_project(initial, trial / "project.annotator")
    journal = trial / "journal.jsonl"
    rng = random.Random(seed)
    ready = _ready_event(rng)
    outcome.neighbour = rng.random() < WITH_A_NEIGHBOUR
    neighbour = (children.start_neighbour(project_path, trial / "neighbour.log")
                 if outcome.neighbour else None)
    process = children.start("run_edits", (project_path, journal, seed, trial / "imports"),
                             trial / "child.log", ready)
    outcome.killed = children.kill_after(process, rng.uniform(*EDIT_KILL_WINDOW), ready)
    if neighbour is not None:
        children.stop(neighbour)
    if not outcome.killed:
        outcome.problems.append(f"the child ended by itself (exit {process.exitcode}); "
                                f"see {trial / 'child.log'}")
    _judge_file(outcome, project_path, lambda project: _judge_edits(
        outcome, project, read_journal(journal), initial, trial))
    return outcome


def _ready_event(rng: random.Random):
    """Most kills are timed from the moment the child has opened the project (so they
    land in the work); the others from its start (so some land while it opens)."""
    return None if rng.random() < KILL_WHILE_OPENING else children.context().Event()


def _judge_file(outcome: Outcome, path: Path, judge) -> None:
    outcome.project = path
    outcome.integrity = integrity(path)
    if outcome.integrity != "ok":
        outcome.problems.append(f"integrity_check: {outcome.integrity}")
    project, error = open_project(path)
    if project is None:
        outcome.opened = False
        outcome.problems.append(f"does not open: {error}")
        return
    try:
        judge(project)
    finally:
        project.close()


def _judge_edits(outcome: Outcome, project, entries: list[dict], initial: Path,
                 trial: Path) -> None:
    if any(entry.get("diverged") for entry in entries):
        outcome.problems.append("the session showed spans that differ from the file's")
        return
    outcome.steps = max(len(entries) - 1, 0)
    # nothing was lost, but a lone user's edit or undo should never be refused
    outcome.refused = [f"step {entry['step']} ({entry['op']}) was refused: {message}"
                       for entry in entries for message in entry.get("refused", [])]
    digests = [entry["state"]["digest"] for entry in entries]
    found = project_digest(project)
    if found == (digests[-1] if digests else _digest_of(initial)):
        return
    replayed = replay(initial, outcome.seed, len(entries), trial / "replay")
    if digests and replayed[len(digests) - 1] != digests[-1]:
        outcome.problems.append("the replay does not reproduce the journal (the script is "
                                "not deterministic): the harness is broken")
    elif replayed[-1] == found:
        outcome.in_flight = True
    elif found in digests:
        outcome.lost = len(digests) - 1 - digests.index(found)
        outcome.problems.append(f"{outcome.lost} journalled edit(s) lost: the file holds the "
                                f"state of step {digests.index(found)} of {len(digests) - 1}")
    else:
        outcome.problems.append(f"the file matches no journalled state (last step "
                                f"{len(digests) - 1})")


def replay(initial: Path, seed: int, steps: int, workdir: Path) -> list[str]:
    """The digests after opening and after each of ``steps`` steps of the seed's script."""
    path = copy_project(initial, workdir / "project.annotator")
    project, error = open_project(path)
    assert project is not None, error
    project.db.execute("PRAGMA synchronous = OFF")  # a replay need not survive a crash
    try:
        script = ScriptedSession(project, seed, workdir / "imports")
        digests = [project_digest(project)]
        for _ in range(steps):
            script.step()
            digests.append(project_digest(project))
        return digests
    finally:
        project.close()


def _digest_of(path: Path) -> str:
    project, error = open_project(path)
    assert project is not None, error
    try:
        return project_digest(project)
    finally:
        project.close()


# -- imports -------------------------------------------------------------------------

@dataclass
class ImportPlan:
    """Prepared import files, what each holds, and how long importing them all takes."""

    files: list[Path]
    expected: list[list[tuple[str, list]]]
    seconds: float


def import_trial(seed: int, initial: Path, plan: ImportPlan, workdir: Path) -> Outcome:
    outcome = Outcome("import", seed)
    trial = workdir / f"import-{seed}"
    project_path = copy_project(initial, trial / "project.annotator")
    journal = trial / "journal.jsonl"
    rng = random.Random(seed)
    ready = _ready_event(rng)
    process = children.start("run_imports", (project_path, journal, plan.files),
                             trial / "child.log", ready)
    outcome.killed = children.kill_after(process, rng.uniform(0.0, plan.seconds), ready)
    if not outcome.killed and process.exitcode != 0:
        outcome.problems.append(f"the child failed (exit {process.exitcode}); "
                                f"see {trial / 'child.log'}")
    entries = read_journal(journal)
    outcome.steps = max(len(entries) - 1, 0)
    outcome.mid_work = outcome.killed and bool(entries) and outcome.steps < len(plan.files)
    _judge_file(outcome, project_path,
                lambda project: _judge_imports(outcome, import_file_states(project, plan.expected)))
    return outcome


def _judge_imports(outcome: Outcome, states: list[str]) -> None:
    for number, state in enumerate(states, 1):
        if state not in ("whole", "absent"):
            outcome.problems.append(state)
        elif number <= outcome.steps and state != "whole":
            outcome.lost += 1
            outcome.problems.append(f"file {number} was journalled as imported but is absent")
        elif number > outcome.steps + 1 and state != "absent":
            outcome.problems.append(f"file {number} is in the project before it was imported")
        elif number == outcome.steps + 1 and state == "whole" and outcome.killed:
            outcome.in_flight = True


def prepare_imports(workdir: Path, files: int = 5, documents: int = 150) -> ImportPlan:
    """Import files of ``documents`` new articles each; timed by importing them once."""
    rng = random.Random(99)
    paths, expected = [], []
    for number in range(1, files + 1):
        path = workdir / "import-files" / f"batch-{number}.jsonl"
        expected.append(write_import_file(path, rng, f"batch {number}", documents,
                                          chars=1000, spans=8))
        paths.append(path)
    project = Project.open(workdir / "import-timing.annotator")
    started = time.perf_counter()
    import_paths(project, paths, ImportOptions(annotator=ANNOTATOR))
    project.close()
    return ImportPlan(paths, expected, time.perf_counter() - started)
