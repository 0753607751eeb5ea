"""Memory: the window on one 1,000,000-character document with 10,000 spans.

The figure is the peak resident memory of ``python -m annotator --smoke-test --project
P``, a whole process, where P holds that one document: the window opens it, paints
it, reads the rest of its spans and closes. The floor is the peak of
``bare_window.py TEXT`` showing the same text in a bare QPlainTextEdit, painted once
the same way. Measured per process (wait4), runs alternating, in the private
folders and offscreen settings of the start-up benchmark.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project

from .common import CORPUS_UNIT, Row, make_corpus, median_of, print_table, write_results
from .startup import BARE_WINDOW, REPOSITORY, child_environment

CORPUS = ("--docs", "1", "--spans", "10000", "--chars", "1000000")
QUICK_CORPUS = ("--docs", "1", "--spans", "1000", "--chars", "100000")
RUNS, QUICK_RUNS = 3, 1
TARGET_MB = 300


def peak_mb(command: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one whole process, in MB."""
    child = subprocess.Popen(command, env=env, cwd=REPOSITORY, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    errors = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors[-2000:]}")
    return usage.ru_maxrss / 1024  # Linux reports kB


def big_project(folder: Path, arguments: tuple[str, ...]) -> tuple[Path, Path]:
    """A project holding the one big document, and its text in a file."""
    path = folder / "big.annotator"
    project = Project.open(path)
    report = import_paths(project, [make_corpus(folder, "big.jsonl", arguments)],
                          ImportOptions(offset_unit=CORPUS_UNIT))
    text = folder / "big.txt"
    text.write_text(project.document(report.added[0]).text, encoding="utf-8")
    project.close()
    return path, text


def measure(folder: Path, arguments: tuple[str, ...], runs: int) -> dict:
    env = child_environment(folder)
    project, text = big_project(folder, arguments)
    ours = [sys.executable, "-m", "annotator", "--smoke-test", "--project", str(project)]
    floor = [sys.executable, str(BARE_WINDOW), str(text)]
    peak_mb(ours, env), peak_mb(floor, env)  # untimed: the bytecode compiled for both
    samples = {"ours": [], "floor": []}
    for _ in range(runs):
        samples["ours"].append(peak_mb(ours, env))
        samples["floor"].append(peak_mb(floor, env))
    return {"peak_mb": median_of(samples["ours"]), "floor_mb": median_of(samples["floor"]),
            "runs_mb": samples["ours"], "floor_runs_mb": samples["floor"]}


def main(quick: bool = False) -> list[Row]:
    arguments, runs = (QUICK_CORPUS, QUICK_RUNS) if quick else (CORPUS, RUNS)
    size = dict(zip(arguments[::2], arguments[1::2]))
    described = f"{int(size['--chars']):,} characters, {int(size['--spans']):,} spans"
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        figures = measure(Path(name), arguments, runs)
    table = [Row(f"peak memory, window on one document of {described} (whole process)",
                 figures["peak_mb"], "MB", figures["floor_mb"], f"≤ {TARGET_MB} MB",
                 figures["peak_mb"] <= TARGET_MB)]
    print_table(f"memory (median of {runs}, alternating; floor: a bare QPlainTextEdit showing "
                "the same text, painted once, as a whole process)", table)
    print(f"results: {write_results('memory', table, figures)}")
    return table


if __name__ == "__main__":
    main()
