"""Deciding whether a file may be opened as a project, without changing it.

Every check here reads only: a file we refuse is left exactly as it was.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .migrations import APPLICATION_ID, known_names

SQLITE_MAGIC = b"SQLite format 3\x00"


class ProjectError(Exception):
    """A project cannot be opened or written; the message is meant for users."""


def inspect_existing(path: Path) -> str:
    """Return "new" for a file to initialise, "project" for one of ours; else refuse."""
    if not path.exists() or path.stat().st_size == 0:
        return "new"
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise ProjectError(f"{path}: not an annotator project (not a SQLite database file)")
    try:
        return _inspect_sqlite(path)
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path}: the project file is damaged or unreadable ({error})") from None


def _inspect_sqlite(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
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
    applied = [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'annotator' ORDER BY rowid")]
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise ProjectError(
            f"{path}: was written by a newer version of annotator (it has schema step "
            f"{unknown[0]!r}, which this version does not know); update annotator to open it. "
            "The file was left untouched.")
