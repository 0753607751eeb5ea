"""The project file on sqlite-utils: migrations, queries, transactions."""
from .light_import import import_sqlite_utils

import_sqlite_utils()  # before any module below imports it: see light_import.py

from .opening import ProjectError
from .project import Project

__all__ = ["Project", "ProjectError"]
