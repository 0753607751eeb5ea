"""The crash-safety run: scripted sessions, imports and exports killed with SIGKILL.

    python -m tests.harness.crash --trials 100

runs 100 edit trials (each a seeded session of creates, relabels, resizes, deletes,
undos, redos, attribute edits and small imports, killed at a random moment), plus
import and export trials, and prints what it found. Each trial's seed is printed
with any problem; ``--first-seed N --trials 1`` reruns it. See trials.py for exactly
what each trial checks. Exit status 1 if anything was lost or broken.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import opens_in_app
from .exports import KINDS, export_trial, prepare_exports
from .projects import make_edit_project, make_export_project
from .trials import Outcome, edit_trial, import_trial, prepare_imports

STARTED = time.monotonic()


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)
    gui_checks: int = 0
    gui_failures: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind.startswith(kind)]

    @property
    def problems(self) -> list[str]:
        found = [f"{o.kind} trial, seed {o.seed}: {problem}"
                 for o in self.outcomes for problem in o.problems + o.refused]
        return found + self.gui_failures

    def figures(self) -> dict[str, int]:
        edits, imports, exports = self.of("edits"), self.of("import"), self.of("export")
        return {
            "edit trials": len(edits),
            "  with another program reading": sum(o.neighbour for o in edits),
            "edits journalled": sum(o.steps for o in edits),
            "in-flight edits found committed": sum(o.in_flight for o in edits),
            "edits lost": sum(o.lost for o in edits),
            "edits or undos refused": sum(len(o.refused) for o in edits),
            "import trials": len(imports),
            "kills during an import": sum(o.mid_work for o in imports),
            "export trials": len(exports),
            "kills during an export's writing": sum(o.mid_work for o in exports),
            "integrity failures": sum(o.integrity != "ok" for o in self.outcomes),
            "open failures": sum(not o.opened for o in self.outcomes),
            "app smoke tests": self.gui_checks,
            "app open failures": len(self.gui_failures),
            "problems": len(self.problems),
        }

    def report(self) -> str:
        lines = [f"{name:<34} {value:>7}" for name, value in self.figures().items()]
        return "\n".join(lines + [f"PROBLEM {p}" for p in self.problems])


@dataclass
class Run:
    edit_trials: int = 8
    import_trials: int = 4
    export_trials: int = 4
    first_seed: int = 1
    gui_every: int = 0  # open every n-th edit or import trial's project in the app; 0: none
    real_cli_exports: bool = False
    import_files: int = 5
    import_documents: int = 150  # per file
    export_kinds: tuple[str, ...] = tuple(KINDS)
    export_documents: int = 1000


def run(settings: Run, workdir: Path, log=None) -> Summary:
    summary = Summary()
    initial = make_edit_project(workdir / "initial.annotator")
    seeds = range(settings.first_seed, settings.first_seed + settings.edit_trials)
    for seed in seeds:
        _record(summary, edit_trial(seed, initial, workdir), settings, workdir, log)
    if settings.import_trials:
        plan = prepare_imports(workdir, settings.import_files, settings.import_documents)
        for seed in range(settings.first_seed, settings.first_seed + settings.import_trials):
            _record(summary, import_trial(seed, initial, plan, workdir), settings, workdir, log)
    if settings.export_trials:
        project = make_export_project(workdir / "export.annotator", settings.export_documents)
        plan = prepare_exports(project, workdir, settings.export_kinds, settings.real_cli_exports)
        for seed in range(settings.first_seed, settings.first_seed + settings.export_trials):
            kind = settings.export_kinds[seed % len(settings.export_kinds)]
            outcome = export_trial(seed, kind, plan, workdir, settings.real_cli_exports)
            _record(summary, outcome, settings, workdir, log, gui=False)
    return summary


def _record(summary: Summary, outcome: Outcome, settings: Run, workdir: Path, log,
            gui: bool = True) -> None:
    summary.outcomes.append(outcome)
    trials_so_far = len(summary.outcomes)
    if gui and settings.gui_every and trials_so_far % settings.gui_every == 0:
        summary.gui_checks += 1
        problem = opens_in_app(outcome.project, workdir / "home")
        if problem:
            summary.gui_failures.append(f"{outcome.kind} trial, seed {outcome.seed}: the app "
                                        f"did not open {outcome.project}: {problem}")
    if log is not None:
        elapsed = time.monotonic() - STARTED
        state = "ok" if not outcome.problems + outcome.refused else "PROBLEM"
        print(f"{elapsed:7.1f}s {outcome.kind:<13} seed {outcome.seed:>4}: {state:<7} steps {outcome.steps:>4}"
              f"{'  in flight committed' if outcome.in_flight else ''}"
              f"{'  beside a reader' if outcome.neighbour else ''}"
              f"{'  killed mid-work' if outcome.mid_work else ''}"
              f"{'' if outcome.killed else '  (ended before the kill)'}", file=log, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.crash",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100, help="edit trials (default 100)")
    parser.add_argument("--import-trials", type=int, default=25)
    parser.add_argument("--export-trials", type=int, default=25)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--gui-every", type=int, default=1,
                        help="open every n-th trial's project in the app (0: never)")
    parser.add_argument("--export-documents", type=int, default=1000)
    parser.add_argument("--export-kinds", default=",".join(KINDS),
                        help=f"comma list of {', '.join(KINDS)}")
    parser.add_argument("--forked-exports", action="store_true",
                        help="run exports in forked children, not `python -m annotator`")
    parser.add_argument("--workdir", type=Path, help="keep the trials' files here")
    args = parser.parse_args(argv)
    settings = Run(args.trials, args.import_trials, args.export_trials, args.first_seed,
                   args.gui_every, real_cli_exports=not args.forked_exports,
                   export_kinds=tuple(args.export_kinds.split(",")),
                   export_documents=args.export_documents)
    with tempfile.TemporaryDirectory(prefix="crash-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        summary = run(settings, workdir, log=sys.stdout)
    print(summary.report())
    return 1 if summary.problems else 0


if __name__ == "__main__":
    sys.exit(main())
