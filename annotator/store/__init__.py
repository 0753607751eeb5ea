"""The project file on sqlite-utils: migrations, queries, transactions."""
from .opening import ProjectError
from .project import Project

__all__ = ["Project", "ProjectError"]
