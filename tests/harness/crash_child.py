"""What runs in the child process that the harness kills.

    python -m tests.harness.crash_child edits PROJECT JOURNAL SEED [IMPORT_DIR]
    python -m tests.harness.crash_child imports PROJECT JOURNAL FILE...

reproduce one trial by hand (crash.py starts the same functions in forked children).
Each call on the session or the importer is followed, once it has returned, by one
line in the journal, flushed and fsynced before the next call starts:
``{"step": n, "op": ..., "state": ...}``. Step 0 is the state right after opening.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project

from .script import ANNOTATOR, ScriptedSession, project_digest

MAX_STEPS = 100_000  # never reached in practice: the parent kills first
EXIT_DIVERGED = 3


class Journal:
    def __init__(self, path: Path):
        # open for the child's whole life: it ends by SIGKILL, not by closing
        self.handle = open(path, "a", encoding="utf-8")  # noqa: SIM115

    def write(self, entry: dict) -> None:
        self.handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())


def run_edits(project_path: Path, journal_path: Path, seed: int, import_dir: Path,
              max_steps: int = MAX_STEPS, ready=lambda: None) -> int:
    project = Project.open(project_path, create=False)
    script = ScriptedSession(project, seed, import_dir)
    journal = Journal(journal_path)
    journal.write({"step": 0, "op": "open", "state": script.state()})
    ready()
    for step in range(1, max_steps + 1):
        op = script.step()
        if not script.session_matches_file():
            journal.write({"step": step, "op": op, "diverged": True})
            return EXIT_DIVERGED
        refused, script.refused = script.refused, []
        journal.write({"step": step, "op": op, "state": script.state(), "refused": refused})
    project.close()
    return 0


def run_imports(project_path: Path, journal_path: Path, files: list[Path],
                ready=lambda: None) -> int:
    project = Project.open(project_path, create=False)
    journal = Journal(journal_path)
    journal.write({"step": 0, "op": "open", "state": {"digest": project_digest(project)}})
    ready()
    for step, path in enumerate(files, 1):
        report = import_paths(project, [path], ImportOptions(annotator=ANNOTATOR))
        journal.write({"step": step, "op": "import", "file": str(path),
                       "added": len(report.added), "problems": len(report.problems)})
    project.close()
    return 0


def run_cli(argv: list[str]) -> int:
    """``annotator ARGV`` as the command line runs it (export trials)."""
    from annotator import cli

    return cli.main(argv)


def exit_with(code: int) -> None:
    """Leave a forked child at once, without the parent's exit handlers."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str]) -> int:
    kind, project, journal, *rest = argv
    if kind == "edits":
        import_dir = Path(rest[1]) if len(rest) > 1 else Path(journal).with_suffix(".imports")
        return run_edits(Path(project), Path(journal), int(rest[0]), import_dir)
    return run_imports(Path(project), Path(journal), [Path(p) for p in rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
