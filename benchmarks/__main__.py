"""Run the benchmarks: ``python -m benchmarks`` runs all, ``python -m benchmarks window`` one."""
from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("window", "export", "search", "browser", "navigator")


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    for name in chosen:
        importlib.import_module(f"benchmarks.{name}").main()
    return 0  # a measurement, not a test: figures over target do not fail the run


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
