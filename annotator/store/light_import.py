"""Importing sqlite-utils without pandas and numpy.

sqlite-utils imports pandas and numpy whenever they are installed, only to map their
scalar types to column types when it creates tables from Python values. annotator
creates its tables in SQL and never hands it such values, and the two imports cost
most of a second of start-up (pandas comes with spaCy's and datasets' dependencies).
"""
from __future__ import annotations

import sys

SKIPPED = ("pandas", "numpy")


def import_sqlite_utils() -> None:
    """Import sqlite-utils once, pandas and numpy hidden from it unless already loaded."""
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in SKIPPED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # `import pandas` now raises ImportError, which it expects
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]  # whoever needs them later imports them as usual
