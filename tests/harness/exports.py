"""Export trials: ``annotator export`` killed at a seeded moment.

The destination must be absent, the earlier export, or a complete new export; a
manifest beside a file export must describe the file beside it; and any
temporary file or folder the kill left behind must be gone after the next export.
"""
from __future__ import annotations

import contextlib
import io
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

from annotator import cli

from . import children
from .checks import export_contents, manifest_problems
from .trials import Outcome

# name: (export arguments, what --out names)
KINDS = {
    "jsonl": (["--format", "jsonl"], "data.jsonl"),
    "brat": (["--format", "brat"], "brat"),
    "split": (["--format", "jsonl", "--split", "80/10/10"], "split"),
}
EVERYTHING = ["--status", "any"]
EARLIER = ["--status", "any", "--labels", "claim"]  # an earlier export that differs


@dataclass
class ExportPlan:
    project: Path
    references: dict[str, dict]  # kind -> export_contents of a complete export
    seconds: dict[str, float]  # kind -> how long that export took in this process
    startup: float = 0.0  # interpreter start-up, for real CLI processes


def cli_argv(project: Path, kind: str, out: Path, chosen: list[str]) -> list[str]:
    return ["--project", str(project), "export", *KINDS[kind][0], *chosen, "--out", str(out)]


def export_here(project: Path, kind: str, out: Path, chosen: list[str] = EVERYTHING,
                log: Path | None = None) -> int:
    """Run the export in this process (the earlier and the next export of a trial);
    what it prints goes to ``log``."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = cli.main(cli_argv(project, kind, out, chosen))
    if log is not None:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"exit {code}\n{printed.getvalue()}")
    return code


def prepare_exports(project: Path, workdir: Path, kinds: tuple[str, ...],
                    real_processes: bool) -> ExportPlan:
    references, seconds = {}, {}
    for kind in kinds:
        out = workdir / "reference" / kind / KINDS[kind][1]
        started = time.perf_counter()
        assert export_here(project, kind, out) == 0, f"the reference {kind} export failed"
        seconds[kind] = time.perf_counter() - started
        references[kind] = export_contents(out)
    plan = ExportPlan(project, references, seconds)
    if real_processes:
        started = time.perf_counter()
        children.start_cli(["--version"], workdir / "startup.log", dict(os.environ)).wait()
        plan.startup = time.perf_counter() - started
    return plan


def export_trial(seed: int, kind: str, plan: ExportPlan, workdir: Path,
                 real_process: bool) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome(f"export-{kind}", seed, project=plan.project)
    trial = workdir / f"export-{seed}"
    out = trial / "out" / KINDS[kind][1]
    out.parent.mkdir(parents=True)
    if rng.random() < 0.5:
        export_here(plan.project, kind, out, EARLIER, trial / "earlier-export.log")
    earlier = export_contents(out)
    argv = cli_argv(plan.project, kind, out, EVERYTHING)
    delay = rng.uniform(0.0, plan.seconds[kind] * 1.2)
    if real_process:
        process = children.start_cli(argv, trial / "child.log", dict(os.environ))
        outcome.killed = children.kill_cli_after(process, plan.startup + delay)
    else:
        process = children.start("run_cli", (argv,), trial / "child.log")
        outcome.killed = children.kill_after(process, delay)
    _judge_export(outcome, out, earlier, plan.references[kind])
    left = _leftovers(out)
    outcome.mid_work = bool(left)
    if export_here(plan.project, kind, out, EVERYTHING, trial / "next-export.log") != 0:
        outcome.problems.append(f"the next export failed; see {trial / 'next-export.log'}")
    elif _leftovers(out):
        outcome.problems.append(f"left behind after the next export: {_leftovers(out)}")
    return outcome


def _judge_export(outcome: Outcome, out: Path, earlier, reference) -> None:
    found = export_contents(out)
    if found is not None and found != earlier and found != reference:
        outcome.problems.append(f"{out.name}: a half export ({len(found)} files, "
                                f"{sum(map(len, found.values()))} bytes)")
    if out.is_file() or not out.exists():
        outcome.problems += manifest_problems(out.with_name(out.name + ".manifest.json"), out)


def _leftovers(out: Path) -> list[str]:
    """Names beside the export that are neither the export nor its manifest."""
    wanted = {out.name, out.name + ".manifest.json"}
    return sorted(p.name for p in out.parent.iterdir() if p.name not in wanted)
