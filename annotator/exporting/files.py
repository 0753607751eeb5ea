"""Exports appear whole or not at all.

Everything is written under a temporary name beside the destination, flushed to
disk, and then renamed into place. A folder is only ever replaced if it is an
earlier annotator export (it holds our manifest); anything else is refused.

An export killed half way (power cut, SIGKILL) leaves its temporary folder
``.NAME.PID.XXXX.part`` (and, if it was replacing a folder, ``.NAME.old``); the
next export to the same destination removes both, once the process that made
them is gone.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .selection import ExportError

MANIFEST = "manifest.json"
FILE_MANIFEST_SUFFIX = ".manifest.json"  # a file export's manifest: NAME.manifest.json
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database
SQLITE_JOURNALS = ("-wal", "-shm", "-journal")  # beside a database, its own files


@contextmanager
def staged(destination: Path, folder: bool) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``destination``."""
    destination = destination.expanduser()
    parent = destination.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{parent}: cannot create the folder ({error.strerror})") from None
    _refuse_foreign_folder(destination, folder)
    _refuse_database(destination)
    _remove_abandoned(destination)
    scratch = Path(tempfile.mkdtemp(prefix=f".{destination.name}.{os.getpid()}.",
                                    suffix=".part", dir=parent))
    temp = scratch / destination.name
    if folder:
        temp.mkdir()
    try:
        yield temp
        _sync(temp)
        _move_into_place(temp, destination)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _refuse_foreign_folder(destination: Path, folder: bool) -> None:
    if destination.is_dir() and not (folder and (destination / MANIFEST).exists()):
        raise ExportError(f"{destination}: a folder is in the way and it is not an earlier "
                          "annotator export; choose another --out")
    if folder and destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination}: a file is in the way of the export folder; "
                          "choose another --out")


def _refuse_database(destination: Path) -> None:
    """Never replace a SQLite database, nor one's journal: an --out naming the project
    itself (or another one) would otherwise swap the analysts' work for the export."""
    for suffix in SQLITE_JOURNALS:
        if destination.name.endswith(suffix) and destination.name != suffix:
            database = destination.with_name(destination.name[:-len(suffix)])
            if _is_database(database):
                raise ExportError(f"{destination}: it is the journal of the SQLite database "
                                  f"{database} (an annotator project?), not an export; "
                                  "choose another --out")
    if _is_database(destination):
        raise ExportError(f"{destination}: it is a SQLite database (an annotator project?), "
                          "not an earlier export, and is left as it is; choose another --out")


def _is_database(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: not a database we could replace
        return False


def _remove_abandoned(destination: Path) -> None:
    """Remove what killed exports to ``destination`` left: their scratch folders (the
    process id in the name says whose) and the previous folder a replacement set aside."""
    prefix = f".{destination.name}."
    for path in destination.parent.glob(f"{glob.escape(prefix)}*.part"):
        # exactly PID.RANDOM.part: ".a.b.PID.RANDOM.part" is the scratch of "a.b", not of "a"
        owner = re.fullmatch(r"(\d+)\.[a-z0-9_]+\.part", path.name[len(prefix):])
        if owner and path.is_dir() and not _running(int(owner[1])):
            shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(_set_aside(destination), ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own export, still going (another thread)
    if os.name != "posix":
        return True  # no safe way to ask on Windows: keep it rather than break an export
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _set_aside(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.old")


def _sync(path: Path) -> None:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    for file in files:
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())


def _move_into_place(temp: Path, destination: Path) -> None:
    if temp.is_dir() and destination.is_dir():
        old = _set_aside(destination)
        shutil.rmtree(old, ignore_errors=True)
        os.replace(destination, old)
        os.replace(temp, destination)
        shutil.rmtree(old, ignore_errors=True)
    else:
        # The earlier export's manifest goes first: killed between this rename and the
        # new manifest's, a file export has no manifest rather than one describing
        # another file.
        Path(f"{destination}{FILE_MANIFEST_SUFFIX}").unlink(missing_ok=True)
        os.replace(temp, destination)
