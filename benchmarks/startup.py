"""Start-up to a painted window on the seed article, as a whole process.

The figure is ``annotator --smoke-test --project P`` from launch to exit, run as the
installed command runs it (ENTRY_POINT, what pip's launcher for pyproject's
[project.scripts] entry does, from this checkout): Python starts, annotator and Qt
are imported, the project (a copy of a fresh default project holding the seed
article) is opened, the main window is built, shown, painted once and closed. The floor
is ``python benchmarks/bare_window.py TEXT``: a bare PySide6 QApplication with a
QPlainTextEdit of the same size showing the same text, painted once the same way, as a
whole process. Two parts of the start-up are timed the same way and reported, to show
where the time goes (``startup_parts.py``): the imports followed by the floor's bare
editor, and the imports with the annotation view alone on the seed (no toolbar, menus,
docks or status bar). Runs alternate (ours, floor, the two parts, ours, floor...) after
one untimed run of each (which also caches the bytecode), offscreen, in private HOME and
XDG folders so that nothing touches the user's settings or projects.
"""
from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Row, median_of, print_table, write_results

REPOSITORY = Path(__file__).resolve().parents[1]
BARE_WINDOW = Path(__file__).resolve().parent / "bare_window.py"
PARTS = Path(__file__).resolve().parent / "startup_parts.py"
OFFSCREEN_SCREEN = Path(__file__).resolve().parent / "offscreen_screen.json"
# the `annotator` command: pip's launcher imports annotator.main and exits with main()
ENTRY_POINT = "import sys; from annotator.main import main; sys.exit(main())"
RUNS, QUICK_RUNS = 15, 3
TARGET_RATIO = 1.5
PRIVATE_FOLDERS = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                   "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def child_environment(folder: Path) -> dict[str, str]:
    """Offscreen, this checkout first on the path, every per-user folder private."""
    # Bytecode is cached (in a private folder, not the checkout) as an installed package
    # has it; a shell that sets PYTHONDONTWRITEBYTECODE would otherwise have every run
    # compile annotator's sources again.
    unwanted = ("ANNOTATOR_PROJECT", "PYTHONDONTWRITEBYTECODE")
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    for name in PRIVATE_FOLDERS:
        private = folder / name.lower()
        private.mkdir(mode=0o700, exist_ok=True)
        env[name] = str(private)
    # A 1920×1080 screen (offscreen's own is 800×800): the window opens at its default
    # size, as large as the floor's, not made smaller to fit (ui/window_layout.py).
    env.update(QT_QPA_PLATFORM=f"offscreen:configfile={OFFSCREEN_SCREEN}", ANNOTATOR_USER="bench",
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPOSITORY), env.get("PYTHONPATH")])))
    return env


def seed_project(folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The default project a first run makes (the seed article in it), copied; its text.

    Made by the real thing: one smoke test with no --project in the private folders,
    which also compiles the bytecode before anything is timed.
    """
    run_ms([sys.executable, "-m", "annotator", "--smoke-test"], env)
    ask = "from annotator.paths import default_project_path; print(default_project_path())"
    where = subprocess.run([sys.executable, "-c", ask], env=env, cwd=REPOSITORY,
                           capture_output=True, text=True, check=True)
    template = folder / "seed.annotator"
    made, copy = sqlite3.connect(where.stdout.strip()), sqlite3.connect(template)
    made.backup(copy)  # whole, whatever its write-ahead log still held
    [(article,)] = copy.execute("SELECT text FROM documents ORDER BY id LIMIT 1").fetchall()
    made.close()
    copy.close()
    text = folder / "seed.txt"
    text.write_text(article, encoding="utf-8")
    return template, text


def run_ms(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall milliseconds of one whole process, and the CPU milliseconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPOSITORY, capture_output=True, text=True,
                          check=False)  # a failure is reported below, with its stderr
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def measure(folder: Path, runs: int) -> dict:
    env = child_environment(folder)
    template, text = seed_project(folder, env)
    project = folder / "run.annotator"

    def fresh_project() -> None:
        for suffix in ("-wal", "-shm"):  # each run opens the project as a first run left it
            Path(f"{project}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, project)

    def ours() -> tuple[float, float]:
        fresh_project()
        return run_ms([sys.executable, "-c", ENTRY_POINT, "--smoke-test", "--project",
                       str(project)], env)

    def floor() -> tuple[float, float]:
        return run_ms([sys.executable, str(BARE_WINDOW), str(text)], env)

    def part(name: str):
        def run() -> tuple[float, float]:
            fresh_project()
            return run_ms([sys.executable, str(PARTS), name, str(project), str(text)], env)
        return run

    # where the time goes: the imports alone, then the article view alone (see startup_parts)
    commands = {"ours": ours, "floor": floor, "imports": part("imports"), "view": part("view")}
    for command in commands.values():
        command()  # untimed: compiled bytecode and the page cache warm for each
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(command())
    walls = {name: median_of([wall for wall, _ in runs_of]) for name, runs_of in samples.items()}
    return {"startup_ms": walls["ours"], "floor_ms": walls["floor"],
            "imports_ms": walls["imports"], "view_ms": walls["view"],
            "startup_cpu_ms": median_of([cpu for _, cpu in samples["ours"]]),
            "floor_cpu_ms": median_of([cpu for _, cpu in samples["floor"]]),
            "runs_ms": samples["ours"], "floor_runs_ms": samples["floor"]}


def rows(figures: dict) -> list[Row]:
    ratio = figures["startup_ms"] / figures["floor_ms"]
    return [Row("start-up to a painted window on the seed (whole process)", figures["startup_ms"],
                "ms", figures["floor_ms"], f"≤ {TARGET_RATIO}× floor", ratio <= TARGET_RATIO),
            # on a busy machine the wall clock stretches a longer process more
            Row("  its CPU time", figures["startup_cpu_ms"], "ms", figures["floor_cpu_ms"],
                "reported", True),
            Row("  part: the imports, then the floor's editor", figures["imports_ms"], "ms",
                figures["floor_ms"], "reported", True),
            Row("  part: the imports and the article view alone", figures["view_ms"], "ms",
                figures["floor_ms"], "reported", True)]


def main(quick: bool = False) -> list[Row]:
    runs = QUICK_RUNS if quick else RUNS
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        figures = measure(Path(name), runs)
    table = rows(figures)
    print_table(f"start-up, annotator --smoke-test on the seed article (median of {runs}, "
                "alternating, offscreen; floor: a bare PySide6 QPlainTextEdit showing the same "
                "text, painted once, as a whole process)", table)
    print(f"results: {write_results('startup', table, figures)}")
    return table


if __name__ == "__main__":
    main()
