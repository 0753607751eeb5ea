"""SQLite failures of the world around a project, said in words a user can act on.

A full disk, a read-only file, a damaged file, a missing folder or another program
holding the lock are not bugs: they become a ProjectError whose message names the file,
what happened and what to do. Every such mapping is made here, so the wording is the
same whether opening, importing or an edit in the window failed. Errors that mean a bug
or a broken rule (a constraint, a misused API) are left alone: they are not the user's
to fix, and hiding them would hide the bug.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ProjectError(Exception):
    """A project cannot be opened or written; the message is meant for users.

    ``code`` is the primary SQLite result code when SQLite reported the failure."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


NOT_SAVED = "the last change was not saved; everything saved before it is intact"
WRITABLE_COPY = "make the file writable, or work on a copy in a folder you can write to"

# primary SQLite result code -> (what happened, what to do); {folder} is filled in
MESSAGES = {
    sqlite3.SQLITE_FULL: ("the disk is full, or the project cannot grow",
                          f"{NOT_SAVED}. Free some disk space and try again"),
    sqlite3.SQLITE_READONLY: ("the project file cannot be written (it or its disk is read-only)",
                              f"{NOT_SAVED}. To go on, {WRITABLE_COPY}"),
    sqlite3.SQLITE_PERM: ("the project file cannot be written (permission denied)",
                          f"{NOT_SAVED}. To go on, {WRITABLE_COPY}"),
    sqlite3.SQLITE_CORRUPT: ("the project file is damaged",
                             ("anything being saved was not saved. Open a backup copy of the "
                             "project, or ask for help before editing it further")),
    sqlite3.SQLITE_NOTADB: ("the project file is damaged (or not a SQLite database)",
                            ("anything being saved was not saved. Open a backup copy of the "
                            "project")),
    sqlite3.SQLITE_CANTOPEN: (("the project file or its journal files (-wal, -shm) cannot be "
                              "opened"),
                              ("check that the file and the folder {folder} exist and that you "
                              "may write to both")),
    sqlite3.SQLITE_BUSY: ("the project is busy in another program",
                          f"{NOT_SAVED}. Try again in a moment, or close the other program"),
    sqlite3.SQLITE_LOCKED: ("the project is locked by another task",
                            f"{NOT_SAVED}. Try again in a moment"),
    sqlite3.SQLITE_IOERR: ("reading or writing the disk failed",
                           (f"{NOT_SAVED}. Check the disk (is it full, removed, or a network "
                           "drive that went away?) and try again")),
}
# Failures that need the analyst's attention now (a box), not a passing status message:
# waiting for another program (busy, locked) is not among them.
SERIOUS = frozenset(MESSAGES) - {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def primary_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # extended codes keep it in the low byte


def describe(error: sqlite3.Error, path: Path | None) -> str | None:
    """The message for an environment failure, or None if ``error`` is not one."""
    known = MESSAGES.get(primary_code(error))
    if known is None:
        return None
    what, advice = known
    folder = path.parent if path is not None else "the project's folder"
    name = path if path is not None else "the project"
    return f"{name}: {what} ({error}); {advice.format(folder=folder)}."


def project_error(error: sqlite3.Error, path: Path | None) -> ProjectError | None:
    message = describe(error, path)
    return ProjectError(message, primary_code(error)) if message else None


def needs_attention(message: str) -> bool:
    """Whether a message (of a ProjectError, or of an edit the session refused with
    one) tells of a failure the analyst must act on: a full disk, a read-only or damaged
    file, a failing disk; not a wait for another program."""
    return any(f"{MESSAGES[code][0]} (" in message for code in SERIOUS)


@contextmanager
def translated(path: Path | None) -> Iterator[None]:
    """Re-raise a SQLite environment failure as a ProjectError; anything else as it was."""
    try:
        yield
    except sqlite3.Error as error:
        mapped = project_error(error, path)
        if mapped is None:
            raise
        raise mapped from error
