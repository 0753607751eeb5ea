"""Run the benchmarks and print one table of every figure beside its floor.

  python -m benchmarks                   every benchmark, full corpora (about 15 minutes)
  python -m benchmarks quick             every benchmark on a tenth of the data
  python -m benchmarks window export     some of them (quick may be added)

Each benchmark prints its own table and writes benchmarks/results/<name>.json; the
combined table at the end is also written to benchmarks/results/all.json (all-quick.json
for a quick run).
"""
from __future__ import annotations

import importlib
import inspect
import platform
import sys
import time

from .common import Row, print_table, read_rows, write_results

# whole-process ones first: they are the most sensitive to what ran before
BENCHMARKS = ("startup", "memory", "importing", "window", "export", "search", "browser",
              "navigator", "agreement")
QUICK = "quick"


def run(name: str, quick: bool) -> list[Row]:
    """One benchmark's rows; a benchmark whose main() returns none is read from its JSON."""
    main = importlib.import_module(f"benchmarks.{name}").main
    rows = main(quick=True) if quick and "quick" in inspect.signature(main).parameters else main()
    return rows if rows is not None else read_rows(name)


def combined(results: dict[str, list[Row]]) -> list[Row]:
    """Every row, its figure prefixed with its benchmark's name unless it already says it."""
    table = []
    for name, rows in results.items():
        for row in rows:
            figure = row.figure.strip()
            if not figure.lower().startswith(name):
                figure = f"{name}: {figure}"
            table.append(Row(figure, row.measured, row.unit, row.floor, row.target, row.ok))
    return table


def main(argv: list[str]) -> int:
    quick = QUICK in argv
    chosen = [name for name in argv if name != QUICK] or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)} "
              f"(and {QUICK}, for smaller corpora)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = {name: run(name, quick) for name in chosen}
    minutes = (time.perf_counter() - started) / 60
    table = combined(results)
    print_table(f"all benchmarks{' (quick: smaller corpora)' if quick else ''}, "
                f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {minutes:.1f} min", table)
    name = "all-quick" if quick else "all"  # a sanity run does not replace the full figures
    path = write_results(name, table, {"quick": quick, "benchmarks": chosen, "minutes": minutes})
    print(f"results: {path}")
    return 0  # a measurement, not a test: figures over target do not fail the run


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
