"""The project file on sqlite-utils: migrations, queries, transactions.

sqlite-utils itself is imported only when a project is first written or migrated
(Project.db), through light_import.py.
"""
from .opening import ProjectError
from .project import Project

__all__ = ["Project", "ProjectError"]
