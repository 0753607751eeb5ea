"""Opening the project a user asked for, and giving a first run something to read."""
from __future__ import annotations

from pathlib import Path

from . import paths
from .store import Project
from .store.opening import is_new
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
    # only whether there is a file yet: Project.open inspects what is there (once is enough)
    first_run = is_new(path) and path == paths.default_project_path()
    project = Project.open(path)
    if first_run:
        add_seed_article(project, annotator or default_annotator())
    return project


def add_seed_article(project: Project, annotator: str) -> None:
    seed = paths.seeds_dir() / SEED_FILE
    if seed.exists():
        # imported only here, for a new default project: the readers, formats and
        # checks of importing are no part of opening an existing project
        from .importing import ImportOptions, import_paths
        import_paths(project, [seed], ImportOptions(annotator=annotator))
