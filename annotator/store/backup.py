"""Rolling backups of a project file, made with SQLite's online backup API.

Where: ``<user data folder>/backups/<project stem>-<hash of its path>/``, not beside
the project, so that the project's folder (perhaps synced or under version control)
is not cluttered, and a backup outlives the folder it was made from. The hash keeps
two projects of the same name apart; a file ``project-path.txt`` in the folder says
which project it holds.

What: one whole copy per backup, named by its UTC time and the fingerprint of its
content (``20250301T101500.123Z-<fingerprint>.annotator-backup``), in rollback-journal
mode so that it is one self-contained file. It is written under a temporary name and
renamed when complete: a backup is there whole or not at all. The newest ``keep``
(default 10) are kept; files of other names are never touched.

When nothing changed: the fingerprint is a sha256 of the labels, the settings (but
the document shown last, which changes by reading) and each document's and span's
identity and time of last change, read in the same snapshot as the copy. It is kept
in the backup's file name, not in the project, because writing it into the project
would itself be a change. A backup is skipped when the project's fingerprint equals
the newest backup's.
"""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .. import paths
from .opening import ProjectError, inspect_existing, read_only_connection

DEFAULT_KEEP = 10
DEFAULT_MINUTES = 10  # the app backs up this often while something changes
SUFFIX = ".annotator-backup"
STEP_PAGES = 1024  # 4 MB of 4 KB pages per step: a stop request is answered quickly
BUSY_TIMEOUT_S = 10
STALE_PART_SECONDS = 24 * 3600  # a temporary file this old was left by a crash
VIEW_STATE_SETTINGS = ("last_document",)  # changes by reading, not by editing
ORIGIN_FILE = "project-path.txt"
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{3}Z)-([0-9a-f]{16})(?:-\d+)?" + re.escape(SUFFIX) + "$")
_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"

# What the fingerprint reads, in this order: the small tables whole; of documents and
# spans what an edit changes. Every edit of a span or a document sets its `updated`
# to the time of the edit, so a row's id and `updated` tell whether it changed, and
# neither the document texts (their sha256 stands for them) nor the span attributes
# have to be read: that halves the time, which grows with the number of spans.
_FINGERPRINT_QUERIES = (
    "SELECT name FROM _sqlite_migrations ORDER BY rowid",
    "SELECT * FROM labels ORDER BY name",
    "SELECT key, value FROM settings WHERE key NOT IN ({view_state}) ORDER BY key",
    "SELECT id, sha256, status, updated FROM documents ORDER BY id",
    'SELECT id, document_id, start, "end", label, updated FROM spans ORDER BY id',
    "SELECT id, verdict FROM decisions ORDER BY id",  # a rejection leaves no span behind
)

StopRequested = Callable[[], bool]


class BackupStopped(Exception):
    """A backup was stopped before it was complete; nothing was written."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC
    fingerprint: str
    size: int
    documents: int | None  # None when the file cannot be read (see problem)
    spans: int | None
    problem: str = ""

    @property
    def local_time(self) -> str:
        return self.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    @property
    def size_text(self) -> str:
        return human_size(self.size)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    before: Path | None  # the backup that holds the content the restore replaced


# -- where ------------------------------------------------------------------------
def backups_dir(project_path: str | os.PathLike) -> Path:
    resolved = Path(project_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return paths.data_dir() / "backups" / f"{resolved.stem}-{digest}"


# -- making one -------------------------------------------------------------------
def backup_now(project, keep: int = DEFAULT_KEEP, should_stop: StopRequested | None = None,
               folder: Path | None = None) -> Path | None:
    """Back up ``project`` (a Project or a project path); None when nothing changed since
    the newest backup, or for a project that has no file.

    It reads the project on a connection of its own, so it may run in any thread while
    other connections write: the copy is of one consistent moment. ``should_stop`` is
    asked between steps; when it says yes, BackupStopped is raised and nothing is kept.
    """
    path = _project_path(project)
    if path is None:
        return None
    return _backup(path, keep, should_stop, folder or backups_dir(path), spare=None)


def _project_path(project) -> Path | None:
    path = getattr(project, "path", project)
    return Path(path) if path is not None else None


def _backup(path: Path, keep: int, should_stop: StopRequested | None, folder: Path,
            spare: Path | None) -> Path | None:
    if inspect_existing(path) != "project":
        raise ProjectError(f"{path}: no such project, nothing to back up")
    try:
        with closing(_read_only(path)) as source:
            source.execute("BEGIN")  # one snapshot for the fingerprint and the copy
            fingerprint = content_fingerprint(source)
            newest = _backup_files(folder)[:1]
            if newest and _fingerprint_of(newest[0]) == fingerprint:
                return None
            written = _write_copy(source, folder, fingerprint, should_stop)
    except sqlite3.Error as error:
        raise ProjectError(f"{path}: the backup failed ({error}); no backup was written") from None
    except OSError as error:
        raise ProjectError(f"{folder}: the backup could not be written ({error.strerror}); "
                           "no backup was written") from None
    _note_origin(folder, path)
    _rotate(folder, keep, spare)
    return written


def _read_only(path: Path) -> sqlite3.Connection:
    return read_only_connection(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def content_fingerprint(conn: sqlite3.Connection) -> str:
    """sha256 of the project's content, texts and view state aside (see the module doc)."""
    digest = hashlib.sha256()
    view_state = ", ".join(f"'{key}'" for key in VIEW_STATE_SETTINGS)
    for query in _FINGERPRINT_QUERIES:
        digest.update(query.encode())  # a separator: rows cannot slide between tables
        cursor = conn.execute(query.format(view_state=view_state))
        while rows := cursor.fetchmany(10_000):
            digest.update(repr(rows).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _write_copy(source: sqlite3.Connection, folder: Path, fingerprint: str,
                should_stop: StopRequested | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(folder)
    name = f"{datetime.now(UTC).strftime(_TIME_FORMAT)[:-4]}Z-{fingerprint}"
    part = folder / f".{name}.part"
    try:
        with closing(sqlite3.connect(part, isolation_level=None)) as copy:
            source.backup(copy, pages=STEP_PAGES, progress=_stopper(should_stop))
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        _fsync(part)
        final = _free_name(folder, name)
        os.replace(part, final)
        _fsync(folder)
        return final
    finally:
        for leftover in (part, part.with_name(part.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _stopper(should_stop: StopRequested | None):
    def progress(status, remaining, total) -> None:
        if should_stop is not None and should_stop():
            raise BackupStopped("the backup was stopped; nothing was written")
    return progress


def _free_name(folder: Path, name: str) -> Path:
    candidate, number = folder / f"{name}{SUFFIX}", 2
    while candidate.exists():  # two backups in one millisecond
        candidate, number = folder / f"{name}-{number}{SUFFIX}", number + 1
    return candidate


def _fsync(path: Path) -> None:
    # the data, then the folder entry of the rename, on disk before we say "backed up"
    flags = (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return  # a folder cannot be opened on some systems (Windows): nothing to sync
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _note_origin(folder: Path, project_path: Path) -> None:
    origin = folder / ORIGIN_FILE
    text = f"{project_path.expanduser().resolve()}\n"
    try:
        if not origin.exists() or origin.read_text("utf-8", "replace") != text:
            origin.write_text(text, "utf-8", "surrogateescape")
    except OSError:
        pass  # only a help for people looking at the folder


def _remove_stale_parts(folder: Path) -> None:
    limit = time.time() - STALE_PART_SECONDS
    for part in folder.glob(".*.part*"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass  # another process's, or gone already


def _rotate(folder: Path, keep: int, spare: Path | None) -> None:
    spare = spare.resolve() if spare is not None else None
    for old in _backup_files(folder)[max(keep, 1):]:
        if old.resolve() == spare:  # never the backup a restore is about to read
            continue
        try:
            old.unlink(missing_ok=True)
        except OSError:
            pass  # open elsewhere (Windows) or not ours to remove: the next rotation tries again


class ChangeWatch:
    """Tells, in microseconds, whether any connection (this process's or another's)
    committed to the project since the last time it was asked: PRAGMA data_version on
    a read-only connection of its own, which holds no lock between the questions."""

    def __init__(self, project_path: Path):
        self._conn = _read_only(Path(project_path))
        self._seen: int | None = None

    def changed(self) -> bool:
        try:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return True  # cannot tell: let the backup's fingerprint decide
        changed, self._seen = version != self._seen, version
        return changed

    def close(self) -> None:
        self._conn.close()


# -- listing --------------------------------------------------------------------------
def _backup_files(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first (the names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.match(p.name)),
                  key=lambda p: p.name, reverse=True)


def _fingerprint_of(path: Path) -> str:
    return _NAME.match(path.name).group(2)


def list_backups(project_path: str | os.PathLike, folder: Path | None = None) -> list[BackupInfo]:
    """The project's backups, newest first, with what each holds."""
    return [describe(path) for path in _backup_files(folder or backups_dir(project_path))]


def describe(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # removed meanwhile (another window's rotation)
    if match:
        taken = datetime.strptime(match.group(1)[:-1] + "000Z", _TIME_FORMAT)
        info = BackupInfo(path, taken.replace(tzinfo=UTC), match.group(2), size,
                          None, None)
    else:  # a file given by path: its time is when it was written
        taken = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        info = BackupInfo(path, taken, "", size, None, None)
    try:
        with closing(_read_only(path)) as conn:
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    except sqlite3.Error as error:
        return replace(info, problem=f"unreadable ({error})")
    return replace(info, documents=documents, spans=spans)


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


# -- restoring -------------------------------------------------------------------------
def restore_backup(project_path: str | os.PathLike, backup: str | os.PathLike,
                   keep: int = DEFAULT_KEEP, folder: Path | None = None) -> RestoreResult:
    """Replace the project's content with ``backup``'s, all or nothing.

    The backup is checked first (an annotator project, not from a newer version,
    ``PRAGMA integrity_check`` clean); a refused backup leaves everything as it was.
    The current content is backed up before it is replaced, so a restore can be undone
    by restoring that backup. The copy goes through SQLite's backup API into the
    project, in one write transaction: other connections (the window, another process)
    simply see the new content on their next read, which replacing the file under
    them would not give, and a crash halfway leaves the project as it was.
    """
    project_path, backup = Path(project_path), Path(backup)
    folder = folder or backups_dir(project_path)
    if backup.resolve() == project_path.resolve():
        raise ProjectError(f"{backup}: is the project itself, not a backup of it")
    check_backup(backup)
    try:
        # One connection, and one snapshot, from the check to the copy: the bytes copied
        # are the bytes checked, even if a rotation removes the file meanwhile.
        with closing(_read_only(backup)) as source:
            source.execute("BEGIN")
            _refuse_damaged(backup, source)
            before = _keep_current(project_path, keep, folder, spare=backup)
            _copy_into(source, project_path)
    except sqlite3.Error as error:
        raise ProjectError(f"{project_path}: the restore failed ({error}); "
                           "the project was left as it was") from None
    except OSError as error:
        raise ProjectError(f"{project_path}: the restore failed ({error.strerror}); "
                           "the project was left as it was") from None
    from .project import Project  # the heavier module, needed only here

    Project.open(project_path, create=False).close()  # WAL again; an older backup's schema steps
    return RestoreResult(restored=backup, before=before)


UNTOUCHED = "nothing was restored, the project was left untouched"


def _keep_current(project_path: Path, keep: int, folder: Path, spare: Path) -> Path | None:
    """Back up what a restore is about to replace; the backup that holds it, or None
    when there is no project yet (a lost project is created from the backup)."""
    try:
        if inspect_existing(project_path) != "project":
            return None
    except ProjectError as error:
        raise ProjectError(f"{error}. To restore it, move that file aside (or delete it) "
                           "and restore again: a missing project is created from the "
                           "backup.") from None
    try:
        made = _backup(project_path, keep, None, folder, spare=spare)
    except ProjectError as error:
        raise ProjectError(f"{error}; so {UNTOUCHED}") from None
    return made or _backup_files(folder)[0]  # unchanged: the newest backup holds it


def check_backup(backup: Path) -> None:
    """Refuse, with a reason, a file that is no sound annotator project."""
    if not backup.is_file():
        raise ProjectError(f"{backup}: no such backup file; {UNTOUCHED}")
    try:
        state = inspect_existing(backup)  # refuses other files, other databases, newer ones
    except ProjectError as error:
        raise ProjectError(f"{error}; {UNTOUCHED}") from None
    if state != "project":
        raise ProjectError(f"{backup}: not an annotator project (it is empty); {UNTOUCHED}")


def _refuse_damaged(backup: Path, conn: sqlite3.Connection) -> None:
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as error:
        found = [str(error)]
    if found != ["ok"]:
        lines = (line.strip() for text in found for line in text.splitlines())
        problems = "; ".join(line for line in lines if line and not line.startswith("***"))
        raise ProjectError(f"{backup}: the backup is damaged ({problems}); {UNTOUCHED}")


def _copy_into(source: sqlite3.Connection, project_path: Path) -> None:
    project_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(project_path, timeout=BUSY_TIMEOUT_S,
                                 isolation_level=None)) as target:
        source.backup(target)  # one step: one write transaction on the project
