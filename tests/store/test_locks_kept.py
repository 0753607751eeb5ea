"""A project this program has open is never read with plain file I/O.

SQLite's locks on a project are POSIX advisory locks, which belong to the process: when
the process closes *any* descriptor of the file, all of them are released. A backup
(or File → Open on the same file) that read the header with open()/close() used to
drop the window's locks; the next program to close its own connection then took
itself for the last one, checkpointed and deleted the write-ahead log, and every later
edit of the window went to a deleted file: lost at exit.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from annotator.core.model import Document, make_span
from annotator.store import Project, backup
from annotator.store.opening import inspect_existing

TEXT = "Zarif countered that Europe needed to act."


def another_program_reads(path: Path) -> None:
    """What any other program does: open the project, read, close."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM spans').fetchone(); c.close()")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def spans_seen_by_a_fresh_reader(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM spans").fetchone()[0]


@pytest.fixture
def open_project(tmp_path):
    path = tmp_path / "p.annotator"
    project = Project.open(path)
    document = project.add_document(Document(text=TEXT, title="T"))
    yield project, document
    if not project.closed:
        project.close()


@pytest.mark.parametrize("what_this_program_does", ["inspect", "backup", "open again"])
def test_edits_after_another_program_came_and_went_are_kept(open_project, tmp_path,
                                                             what_this_program_does):
    project, document = open_project
    path = project.path
    if what_this_program_does == "inspect":
        assert inspect_existing(path) == "project"
    elif what_this_program_does == "backup":
        assert backup.backup_now(project, folder=tmp_path / "backups") is not None
    else:
        Project.open(path, create=False).close()  # a second window on the same file
    another_program_reads(path)
    assert Path(f"{path}-wal").exists(), "the window's write-ahead log was deleted under it"
    project.add_span(document.id, make_span(TEXT, 0, 5, "quote"))
    assert spans_seen_by_a_fresh_reader(path) == 1
    project.close()
    assert spans_seen_by_a_fresh_reader(path) == 1


def test_a_project_no_longer_open_here_is_inspected_from_its_bytes_again(open_project):
    project, _ = open_project
    path = project.path
    project.close()
    path.write_bytes(b"not a database at all, just text")
    with pytest.raises(Exception, match="not a SQLite database"):
        inspect_existing(path)
