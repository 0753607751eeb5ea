"""Which project files this program has open, so that none is read with plain file I/O.

SQLite locks a project with POSIX advisory locks, and those belong to the process:
closing *any* descriptor of the file releases every lock the process holds on it
(fcntl(2)). SQLite copes among its own connections, but a plain open() and close() of
the file (to read its header, say) silently drops them. The next program to close its
connection then believes itself the last one, checkpoints and deletes the write-ahead
log that this program is still writing to, and this program's later edits are lost.
So a file open here is not read again with open(): it was checked when it was opened.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

FileKey = tuple[int, int]  # device and inode: the same file under any of its names

_guard = threading.Lock()  # the backup worker asks from its own thread
_open: dict[FileKey, int] = {}


def _key(path: Path) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def note_opened(path: Path) -> FileKey | None:
    """Record a connection to ``path``; hand the key back to note_closed."""
    key = _key(path)
    if key is not None:
        with _guard:
            _open[key] = _open.get(key, 0) + 1
    return key


def note_closed(key: FileKey | None) -> None:
    if key is None:
        return
    with _guard:
        left = _open.get(key, 0) - 1
        if left > 0:
            _open[key] = left
        else:
            _open.pop(key, None)


def is_open_here(path: Path) -> bool:
    key = _key(path)
    with _guard:
        return key is not None and key in _open
