"""Starting the processes the harness kills, and killing them.

Edit and import children are forked from a forkserver that imported annotator once,
so a trial does not pay two seconds of interpreter start-up and the kill lands in
the work, not in ``import``. The forkserver itself is a clean single-threaded
process, so forking it is safe even when the parent has Qt loaded. Exports can also
run as a real ``python -m annotator export`` process.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import traceback
from pathlib import Path

from .checks import REPO

PRELOAD = ["tests.harness.crash_child", "annotator.cli"]
EXIT_CRASHED = 70
READY_TIMEOUT = 60  # seconds; a child that never gets ready is killed anyway
_context = None


def context():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def start(function: str, args: tuple, log: Path, ready=None):
    """Run ``crash_child.<function>(*args)`` in a forked child writing to ``log``;
    ``ready`` (an Event from ``context()``) is passed on as ``ready=ready.set``."""
    process = context().Process(target=_child_main, args=(function, args, str(log), ready))
    process.start()
    return process


def _child_main(function: str, args: tuple, log: str, ready) -> None:
    from . import crash_child

    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    try:
        extra = {"ready": ready.set} if ready is not None else {}
        code = getattr(crash_child, function)(*args, **extra)
    except BaseException:  # noqa: BLE001 - anything: the log says why, the parent sees the code
        traceback.print_exc()
        code = EXIT_CRASHED
    crash_child.exit_with(code or 0)


def kill_after(process, delay: float, ready=None) -> bool:
    """SIGKILL ``process`` ``delay`` seconds after it started, or after it set
    ``ready``; False if it had already ended."""
    if ready is not None:
        ready.wait(READY_TIMEOUT)
    process.join(delay)
    if process.exitcode is not None:
        return False
    process.kill()
    process.join()
    return True


def start_cli(argv: list[str], log: Path, env: dict) -> subprocess.Popen:
    """``python -m annotator ARGV`` as its own process."""
    with open(log, "ab") as handle:
        return subprocess.Popen([sys.executable, "-m", "annotator", *argv], cwd=REPO, env=env,
                                stdout=handle, stderr=subprocess.STDOUT)


def kill_cli_after(process: subprocess.Popen, delay: float) -> bool:
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
    process.wait()
    return True


# Another program using the project meanwhile: it opens, reads and closes, again and
# again. Were the edit child's own SQLite locks ever dropped, one of these closes would
# take itself for the project's last user and delete the write-ahead log the child
# still writes to: the edits after that would be lost, and the judge would say so.
NEIGHBOUR = """
import random, sqlite3, sys, time
while True:
    try:
        connection = sqlite3.connect(sys.argv[1], timeout=5)
        connection.execute("SELECT count(*) FROM spans").fetchone()
        connection.close()
    except sqlite3.Error:
        pass
    time.sleep(random.uniform(0.002, 0.02))
"""


def start_neighbour(project: Path, log: Path) -> subprocess.Popen:
    with open(log, "ab") as handle:
        return subprocess.Popen([sys.executable, "-c", NEIGHBOUR, str(project)],
                                stdout=handle, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()
