"""Opening the project a user asked for, and giving a first run something to read."""
from __future__ import annotations

from pathlib import Path

from . import paths
from .importing import ImportOptions, import_paths
from .store import Project
from .store.opening import inspect_existing
from .user_settings import default_annotator

SEED_FILE = "seed_example_annotations.jsonl"


def open_project(explicit: str | Path | None = None, annotator: str | None = None) -> Project:
    """Open --project / $ANNOTATOR_PROJECT / the default project, creating it if needed.

    The default project starts with the example article and its example annotations
    (which name their annotator, "example"; anything they leave unnamed takes
    ``annotator``, else the user's name), so the first thing a new user sees is a
    real article.
    """
    path = paths.chosen_project_path(explicit)
    is_new = inspect_existing(path) == "new"
    project = Project.open(path)
    if is_new and path == paths.default_project_path():
        add_seed_article(project, annotator or default_annotator())
    return project


def add_seed_article(project: Project, annotator: str) -> None:
    seed = paths.seeds_dir() / SEED_FILE
    if seed.exists():
        import_paths(project, [seed], ImportOptions(annotator=annotator))
