"""Importing 10,000 doccano JSONL documents with 100,000 spans into a new project.

The figure is what ``annotator import`` does: the project opened, ``import_paths``
(read, resolve labels and offsets, check every span, dedupe by sha256, store in one
transaction), closed. The floor does the same rows with the standard library only:
read the lines, ``json.loads``, hash the text, take the title and span texts, and
``executemany`` them into a project file of our schema (same indexes, same FTS5
index and triggers) in one transaction, WAL and synchronous=FULL like a project. It
checks nothing and reports nothing. Both start from a copy of the same empty project
file, and runs alternate (ours, floor, ours, floor...) so that noise hits both.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from annotator.importing import ImportOptions, import_paths
from annotator.store import Project

from .common import CORPUS_UNIT, Row, make_corpus, median_of, print_table, time_ms, write_results

CORPUS = ("--docs", "10000", "--spans", "10", "--chars", "3000")
QUICK_CORPUS = ("--docs", "1000", "--spans", "10", "--chars", "3000")
RUNS, QUICK_RUNS = 3, 2
TARGET_RATIO = 1.5
ANNOTATOR = "bench"
TITLE_LIMIT = 200
FLOOR_DOCUMENT = ("INSERT INTO documents (title, text, source, metadata, sha256, status, "
                  "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
FLOOR_SPAN = ('INSERT INTO spans (document_id, start, "end", label, text, annotator, created, '
              'updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')


def fresh_copy(template: Path, folder: Path, name: str) -> Path:
    """A copy of the empty project file, no earlier run's file or log beside it."""
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def ours_ms(corpus: Path, project_path: Path) -> tuple[tuple[float, float], dict]:
    """``annotator import CORPUS --project PROJECT``, in process: its wall and CPU
    milliseconds, and what it reported."""
    outcome = {}

    def run() -> None:
        project = Project.open(project_path)
        report = import_paths(project, [corpus], ImportOptions(offset_unit=CORPUS_UNIT,
                                                                 annotator=ANNOTATOR))
        outcome.update(documents=len(report.added), spans=report.spans_added,
                       problems=len(report.problems))
        project.close()
    return wall_and_cpu_ms(run), outcome


def floor_ms(corpus: Path, project_path: Path) -> tuple[float, float]:
    return wall_and_cpu_ms(lambda: floor_import(corpus, project_path))


def wall_and_cpu_ms(action) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call: on a machine other work keeps busy the CPU
    time says more about our work than the wall clock does."""
    cpu = time.process_time()
    wall = time_ms(action)
    return wall, (time.process_time() - cpu) * 1000


def floor_import(corpus: Path, project_path: Path) -> None:
    """The same rows written with the standard library alone, checking nothing."""
    connection = sqlite3.connect(project_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    connection.execute("BEGIN IMMEDIATE")
    spans = []
    with corpus.open("rb") as lines:
        for line in lines:
            record = json.loads(line)
            text, meta = record["text"], record["meta"]
            title = next((part.strip() for part in text.splitlines() if part.strip()), "")
            document_id = connection.execute(FLOOR_DOCUMENT, (
                title[:TITLE_LIMIT], text, meta["source"], json.dumps({"id": meta["id"]}),
                hashlib.sha256(text.encode()).hexdigest(), "in-progress", stamp, stamp)).lastrowid
            spans.extend((document_id, start, end, label, text[start:end], ANNOTATOR, stamp, stamp)
                         for start, end, label in record["label"])
    connection.executemany(FLOOR_SPAN, spans)
    connection.execute("COMMIT")
    connection.close()


def measure(folder: Path, arguments: tuple[str, ...], runs: int) -> dict:
    corpus = make_corpus(folder, "corpus.jsonl", arguments)
    template = folder / "empty.annotator"
    Project.open(template).close()  # the schema, made once and not timed
    ours, floors, outcome = [], [], {}
    for _ in range(runs):  # alternated, so that a noisy moment hits both
        took, outcome = ours_ms(corpus, fresh_copy(template, folder, "ours.annotator"))
        ours.append(took)
        floors.append(floor_ms(corpus, fresh_copy(template, folder, "floor.annotator")))
    return {"import_ms": median_of([wall for wall, _ in ours]),
            "floor_ms": median_of([wall for wall, _ in floors]),
            "import_cpu_ms": median_of([cpu for _, cpu in ours]),
            "floor_cpu_ms": median_of([cpu for _, cpu in floors]),
            "runs_ms": ours, "floor_runs_ms": floors, "corpus_bytes": corpus.stat().st_size,
            **outcome}


def rows(figures: dict) -> list[Row]:
    label = f"import {figures['documents']:,} documents / {figures['spans']:,} spans (doccano)"
    ratio = figures["import_ms"] / figures["floor_ms"]
    return [Row(label, figures["import_ms"], "ms", figures["floor_ms"],
                f"≤ {TARGET_RATIO}× floor", ratio <= TARGET_RATIO),
            Row("  its CPU time", figures["import_cpu_ms"], "ms", figures["floor_cpu_ms"],
                "reported", True)]


def main(quick: bool = False) -> list[Row]:
    arguments, runs = (QUICK_CORPUS, QUICK_RUNS) if quick else (CORPUS, RUNS)
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        figures = measure(Path(name), arguments, runs)
    if figures["problems"]:
        print(f"warning: the import reported {figures['problems']} problem(s); the figure is off")
    table = rows(figures)
    print_table(f"import, doccano JSONL, {figures['corpus_bytes'] / 1e6:.0f} MB (median of {runs}, "
                "alternating; floor: stdlib json + sqlite3 executemany into the same schema with "
                "its indexes and FTS5 triggers, one transaction, no checks)", table)
    print(f"results: {write_results('importing', table, figures)}")
    return table


if __name__ == "__main__":
    main()
