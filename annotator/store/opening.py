"""Deciding whether a file may be opened as a project, without changing it.

Every check here reads only: a file we refuse is left exactly as it was.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from .errors import ProjectError, describe
from .open_here import is_open_here
from .schema import APPLICATION_ID, STEPS, applied_steps

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# PRAGMA quick_check reads every page: about 0.2 s for 80 MB here. Above this size
# opening trusts the header checks and a damaged page is reported when it is read.
QUICK_CHECK_LIMIT = 64 * 1024 * 1024
WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH

__all__ = ["ProjectError", "inspect_existing", "is_new", "require_undamaged", "require_writable",
           "require_writable_folder"]


def is_new(path: Path) -> bool:
    """Nothing there to read yet (no file, or an empty one): a project is to be made."""
    return not path.exists() or path.stat().st_size == 0


def refuse_what_is_no_database(path: Path) -> None:
    """A folder, or a file that is no SQLite database, refused by what it is: its
    folder's mode is beside the point (checked before it, require_writable_folder)."""
    if is_new(path) or is_open_here(path):
        return  # is_open_here: checked when it was opened; open() would drop our locks
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    if not _header(path).startswith(SQLITE_MAGIC):
        raise ProjectError(f"{path}: not an annotator project (not a SQLite database file)")


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEADER_SIZE)


def inspect_existing(path: Path) -> str:
    """Return "new" for a file to initialise, "project" for one of ours; else refuse."""
    if is_new(path):
        return "new"
    if is_open_here(path):
        return "project"
    refuse_what_is_no_database(path)
    _refuse_cut_short(path, _header(path))
    try:
        return _inspect_sqlite(path)
    except sqlite3.DatabaseError as error:
        raise ProjectError(_unreadable(path, error)) from None


def require_writable(path: Path) -> None:
    """Refuse, before anything is written, a project that could not be saved to.

    annotator saves every edit as it is made, so a project it cannot write is refused
    at once rather than after the first edit fails. The mode bits are read as well as
    os.access(): a superuser may write anything, but a file or folder marked read-only
    is still meant to stay as it is.
    """
    require_writable_folder(path)
    if path.exists() and not _writable(path):
        raise ProjectError(
            f"{path}: the project file is read-only. annotator saves every change as it "
            "is made, so it opens only projects it can write: make the file writable "
            "(for example chmod u+w) or open a copy of it.")


def require_writable_folder(path: Path) -> None:
    """The folder a project is (or will be) in must take its journal files. Checked
    before the file is even read: a reader would leave journal files there too."""
    folder = _nearest_existing(path.parent)
    if not _writable(folder, folder=True):
        raise ProjectError(
            f"{path}: the folder {folder} is read-only. An open project keeps two journal "
            "files (-wal and -shm) beside it, so its folder must be writable: make the "
            "folder writable, or copy the project to a folder you can write to.")


def _writable(path: Path, folder: bool = False) -> bool:
    needs = os.W_OK | (os.X_OK if folder else 0)
    return os.access(path, needs) and bool(path.stat().st_mode & WRITE_BITS)


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _refuse_cut_short(path: Path, header: bytes) -> None:
    """A file cut short (a failed copy, a full disk, a partial download).

    SQLite itself refuses a file with fewer pages than its header states, but a cut
    inside the last page opens and fails only when that page is read. SQLite writes
    whole pages, so a file that is not a whole number of pages was cut. With a journal
    (-wal) beside it the main file may lawfully lag behind; SQLite recovers that case.
    """
    if _has_content(Path(f"{path}-wal")):
        return
    size = path.stat().st_size
    page_size = _page_size(header)
    if len(header) < HEADER_SIZE or page_size is None or size % page_size:
        raise ProjectError(_damaged(path, f"it is {size:,} bytes long, not a whole number of "
                                          "pages: the file was cut short"))
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[92:96] == header[24:28]  # the page count is current (SQLite 3.7+)
    if header_valid and pages * page_size > size:
        raise ProjectError(_damaged(path, f"it holds {size // page_size:,} of its {pages:,} "
                                          "pages: the file was cut short"))


def _page_size(header: bytes) -> int | None:
    value = int.from_bytes(header[16:18], "big")
    size = 65536 if value == 1 else value
    if size < 512 or size & (size - 1):
        return None
    return size


def _has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def read_only_connection(path: Path, **options) -> sqlite3.Connection:
    """A connection that cannot write: SQLite refuses, so a file we only inspect, back
    up or merge from is left exactly as it was. It still reads what sits in the -wal."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, **options)


def _inspect_sqlite(path: Path) -> str:
    conn = read_only_connection(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if app_id != APPLICATION_ID:
            if not tables:
                return "new"
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            raise ProjectError(
                f"{path}: is a SQLite database of another application (tables: {shown}), "
                "not an annotator project; it was left untouched")
        _refuse_newer(path, conn)
        return "project"
    finally:
        conn.close()


def _refuse_newer(path: Path, conn: sqlite3.Connection) -> None:
    unknown = [name for name in applied_steps(conn) if name not in STEPS]
    if unknown:
        raise ProjectError(
            f"{path}: was written by a newer version of annotator (it has schema step "
            f"{unknown[0]!r}, which this version does not know); update annotator to open it. "
            "The file was left untouched.")


def require_undamaged(path: Path) -> None:
    """Check every page of a project while that is cheap, so that damage shows when it
    is opened, not after an edit. Reads only."""
    size = path.stat().st_size + _size_or_zero(Path(f"{path}-wal"))
    if size > QUICK_CHECK_LIMIT:
        return
    try:
        conn = read_only_connection(path)
        try:
            first = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise ProjectError(_unreadable(path, error)) from None
    if first != "ok":
        raise ProjectError(_damaged(path, " ".join(first.replace("*** in database main ***", "")
                                                   .split())))


def _size_or_zero(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _damaged(path: Path, detail: str) -> str:
    return (f"{path}: the project file is damaged ({detail}); it was left untouched. "
            "Open a backup copy of it instead.")


def _unreadable(path: Path, error: sqlite3.DatabaseError) -> str:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _damaged(path, str(error))
    return describe(error, path) or _damaged(path, str(error))
