"""Timing, memory and reporting helpers shared by the benchmarks."""
from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def time_ms(action: Callable[[], object]) -> float:
    """Milliseconds one call of ``action`` takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def median_ms(action: Callable[[], object], runs: int,
              prepare: Callable[[], object] | None = None) -> float:
    """Median milliseconds of ``runs`` calls; ``prepare`` runs untimed before each."""
    samples = []
    for _ in range(runs):
        if prepare:
            prepare()
        samples.append(time_ms(action))
    return statistics.median(samples)


def median_of(samples: list[float]) -> float:
    return statistics.median(samples)


def rss_mb() -> float:
    """Resident memory of this process (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # reported in kB
    return float("nan")


@dataclass
class Row:
    figure: str
    measured: float
    unit: str
    floor: float | None
    target: str
    ok: bool

    @property
    def ratio(self) -> float | None:
        return self.measured / self.floor if self.floor else None


def print_table(title: str, rows: list[Row]) -> None:
    header = ("figure", "measured", "floor", "ratio", "target", "")
    lines = [header] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print(f"\n{title}")
    for number, line in enumerate(lines):
        print(" | ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        if number == 0:
            print("-+-".join("-" * width for width in widths))


def _cells(row: Row) -> tuple[str, ...]:
    floor = f"{row.floor:.1f} {row.unit}" if row.floor is not None else "—"
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
    return (row.figure, f"{row.measured:.1f} {row.unit}", floor, ratio, row.target,
            "ok" if row.ok else "OVER")


def write_results(name: str, rows: list[Row], extra: dict) -> Path:
    """Write ``benchmarks/results/<name>.json`` and return its path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    data = {"benchmark": name, "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "python": sys.version.split()[0], "machine": platform.platform(),
            "rows": [asdict(row) | {"ratio": row.ratio} for row in rows], **extra}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
# `python -m benchmarks quick`: a tenth of the documents, for a sanity run in minutes
QUICK_CORPUS = ("--docs", "1000", "--spans", "10", "--chars", "3000")


def corpus_words(arguments: tuple[str, ...]) -> str:
    """make_corpus arguments in words, for table titles: "10,000 documents × 10 spans"."""
    given = dict(zip(arguments[::2], arguments[1::2]))
    return f"{int(given['--docs']):,} documents × {int(given['--spans']):,} spans"


def read_rows(name: str) -> list[Row]:
    """The rows a benchmark wrote to ``benchmarks/results/<name>.json``."""
    data = json.loads((RESULTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return [Row(**{key: row[key] for key in ("figure", "measured", "unit", "floor", "target", "ok")})
            for row in data["rows"]]


# make_corpus.py writes doccano-style records that name no unit, with emoji in the text:
# its offsets count code points, which an import must be told (it does not guess)
CORPUS_UNIT = "codepoint"


def make_corpus(folder: Path, name: str, arguments: tuple[str, ...]) -> Path:
    """Write ``make_corpus.py ARGUMENTS`` output to ``folder/name``."""
    import subprocess
    path = folder / name
    with path.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(MAKE_CORPUS), *arguments], stdout=out, check=True)
    return path


def corpus_project(folder: Path, arguments: tuple[str, ...]):
    """A project file in ``folder`` holding a generated corpus; and the import's milliseconds."""
    from annotator.importing import ImportOptions, import_paths
    from annotator.store import Project
    corpus = make_corpus(folder, "corpus.jsonl", arguments)
    project = Project.open(folder / "bench.annotator")
    took = time_ms(lambda: import_paths(project, [corpus], ImportOptions(offset_unit=CORPUS_UNIT)))
    return project, took
