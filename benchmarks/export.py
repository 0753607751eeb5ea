"""Exporting 10,000 documents with 100,000 spans, in every format.

The floor is what plain sqlite3 and json take to write the same native JSONL lines
(two queries walked side by side, json.dumps per document), measured in the same run
on the same project file. The other formats are reported beside it.
"""
from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from annotator.exporting import ExportFilter, ExportRequest, WriterOptions, export
from annotator.formats.writers import FORMATS
from annotator.store import Project

from .common import (
    QUICK_CORPUS,
    Row,
    corpus_project,
    corpus_words,
    median_of,
    print_table,
    time_ms,
    write_results,
)

CORPUS = ("--docs", "10000", "--spans", "10", "--chars", "3000")
RUNS = 3
TARGET_RATIO = 1.5
DOCUMENT_COLUMNS = ("id", "title", "text", "source", "url", "author", "published", "status",
                    "metadata", "sha256", "created", "updated")
SPAN_COLUMNS = ("id", "start", "end", "label", "text", "speaker", "target", "cue", "note",
                "annotator", "created", "updated")


def build_project(folder: Path, arguments: tuple[str, ...] = CORPUS) -> tuple[Project, float]:
    return corpus_project(folder, arguments)


def floor_ms(path: Path, out: Path) -> float:
    """Plain sqlite3 + json writing the same lines our native export writes."""
    def run() -> None:
        conn = sqlite3.connect(path)
        docs = conn.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents ORDER BY id")
        spans = conn.execute('SELECT document_id, id, start, "end", label, text, speaker, target, '
                             'cue, note, annotator, created, updated FROM spans '
                             'ORDER BY document_id, start, "end", id')
        pending = next(spans, None)
        with out.open("w", encoding="utf-8") as handle:
            for row in docs:
                record = dict(zip(DOCUMENT_COLUMNS, row))
                record["metadata"] = json.loads(record["metadata"])
                found = []
                while pending is not None and pending[0] == row[0]:
                    found.append(dict(zip(SPAN_COLUMNS, pending[1:])))
                    pending = next(spans, None)
                record.update(schema_version=1, offset_unit="codepoint", spans=found)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        conn.close()
    return median_of([time_ms(run) for _ in range(RUNS)])


def export_ms(project: Project, out: Path, fmt: str, runs: int = RUNS) -> float:
    request = ExportRequest(out, fmt=fmt, filters=ExportFilter(statuses=None),
                            options=WriterOptions(alignment="expand"))
    return median_of([time_ms(lambda: export(project, request)) for _ in range(runs)])


def main(quick: bool = False) -> list[Row]:
    arguments = QUICK_CORPUS if quick else CORPUS
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project, import_took = build_project(folder, arguments)
        print(f"imported {project.document_count():,} documents with {project.span_count():,} "
              f"spans in {import_took:.0f} ms")
        floor = floor_ms(project.path, folder / "floor.jsonl")
        native = export_ms(project, folder / "native.jsonl", "jsonl")
        rows = [Row("native jsonl export", native, "ms", floor, f"≤ {TARGET_RATIO}× floor",
                    native <= TARGET_RATIO * floor)]
        for fmt in FORMATS:
            if fmt == "jsonl":
                continue
            suffix = "" if fmt == "brat" else f".{fmt}"
            try:
                took = export_ms(project, folder / f"out{suffix}", fmt, runs=1)
            except Exception as error:  # noqa: BLE001 (a format not available here: spaCy missing)
                print(f"{fmt}: not measured ({error})")
                continue
            rows.append(Row(f"{fmt} export", took, "ms", floor, "reported", True))
        project.close()
    print_table(f"export, {corpus_words(arguments)} (floor: plain sqlite3 + json)", rows)
    print(f"results: {write_results('export', rows, {'import_ms': import_took})}")
    return rows
