"""Opening and reading a current project needs no sqlite-utils; writing imports it.

Start-up pays for sqlite-utils' import only when a write or a migration needs it; the
window asks for it once painted (MainWindow._prepare_writer). These run in a fresh
interpreter, where nothing has imported sqlite-utils yet.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.store.migrations import known_names
from annotator.store.schema import STEPS, applied_steps, schema_is_current

from ..conftest import REPO


def run_fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def make_project(path) -> None:
    project = Project.open(path)
    text = "Zarif countered that Europe needed to act."
    project.add_document(Document(text=text, title="T"), [make_span(text, 0, 5, "quote")])
    project.close()


def test_the_schema_steps_named_for_opening_are_the_migrations(tmp_path):
    assert list(STEPS) == known_names()
    project = Project.open(tmp_path / "p.annotator")
    assert applied_steps(project.conn) == list(STEPS)
    assert schema_is_current(project.conn)
    project.close()


def test_opening_and_reading_a_current_project_leaves_sqlite_utils_unimported(tmp_path):
    path = tmp_path / "p.annotator"
    make_project(path)
    out = run_fresh(f"""
        import sys
        from annotator.store import Project
        project = Project.open({str(path)!r})
        [document] = project.documents()
        spans = project.spans(document.id)
        print(len(spans), spans[0].text, "sqlite_utils" in sys.modules)
        project.set_setting("last_document", "7")  # a write: sqlite-utils comes in now
        print("sqlite_utils" in sys.modules, project.setting("last_document"))
    """)
    assert out.splitlines() == ["1 Zarif False", "True 7"]


def test_an_older_project_is_migrated_when_opened(tmp_path):
    path = tmp_path / "old.annotator"
    make_project(path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [STEPS[-1]])
    conn.commit()
    conn.close()
    project = Project.open(path)
    assert applied_steps(project.conn)[-1] == STEPS[-1]
    assert [span.text for span in project.spans(1)] == ["Zarif"]
    project.close()


def test_the_connection_has_recursive_triggers_before_and_after_sqlite_utils(tmp_path):
    project = Project.in_memory()
    before = project.conn.execute("PRAGMA recursive_triggers").fetchone()[0]
    project.prepare_writer()
    after = project.conn.execute("PRAGMA recursive_triggers").fetchone()[0]
    assert before == after == 1
    project.close()


def test_a_setting_that_did_not_change_is_not_written_again(tmp_path):
    project = Project.open(tmp_path / "p.annotator")
    project.set_setting("last_document", "1")
    version = project.conn.total_changes
    project.set_setting("last_document", "1")
    assert project.conn.total_changes == version
    project.set_setting("last_document", "2")
    assert project.conn.total_changes > version and project.setting("last_document") == "2"
    project.close()
