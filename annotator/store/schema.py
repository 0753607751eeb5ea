"""What a project's schema should be, read without sqlite-utils.

The schema steps themselves are sqlite-utils migrations (migrations.py); this module
only names them, so that opening a project whose schema is current, or inspecting a
file, needs no more than the sqlite3 module. A test checks that the names here are
exactly the migrations there, in order.
"""
from __future__ import annotations

import sqlite3

# Written into the SQLite header (PRAGMA application_id) so that a project file
# can be told apart from any other SQLite database: "ANNT".
APPLICATION_ID = 0x414E4E54
MIGRATION_SET = "annotator"
# sqlite-utils records each applied migration in this table
MIGRATIONS_TABLE = "_sqlite_migrations"
STEPS = (
    "0001_initial",
    "0002_document_sort_indexes",
    "0003_span_browser_indexes",
    "0004_document_order_index",
    "0005_adjudication_decisions",
    "0006_span_ids_never_reused",
    "0007_emptied_layers",
)


def applied_steps(conn: sqlite3.Connection) -> list[str]:
    """The schema steps this project has, in the order they were applied."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [MIGRATIONS_TABLE]).fetchone():
        return []
    return [row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET])]


def schema_is_current(conn: sqlite3.Connection) -> bool:
    """True when every step is applied (a newer project is refused before this)."""
    return set(STEPS) <= set(applied_steps(conn))


def enable_recursive_triggers(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA recursive_triggers = ON")
