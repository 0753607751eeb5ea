"""Exports appear whole or not at all.

Everything is written under a temporary name beside the destination, flushed to
disk, and then renamed into place. A folder is only ever replaced if it is an
earlier annotator export (it holds our manifest); anything else is refused.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .selection import ExportError

MANIFEST = "manifest.json"


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
    scratch = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".part", dir=parent))
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


def _sync(path: Path) -> None:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    for file in files:
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())


def _move_into_place(temp: Path, destination: Path) -> None:
    if temp.is_dir() and destination.is_dir():
        old = destination.with_name(f".{destination.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(destination, old)
        os.replace(temp, destination)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(temp, destination)
