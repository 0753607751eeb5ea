"""Where things live on disk: platformdirs in one place."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "annotator"
PROJECT_SUFFIX = ".annotator"
PROJECT_ENV = "ANNOTATOR_PROJECT"
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    return data_dir() / f"default{PROJECT_SUFFIX}"


def chosen_project_path(explicit: str | os.PathLike | None = None) -> Path:
    """--project wins, then $ANNOTATOR_PROJECT, then the default project."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(PROJECT_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_project_path()


def _bundled(name: str) -> Path:
    # In a wheel the folder is copied into the package; in a source checkout
    # (editable install, tests) it sits at the top of the repository; in a
    # PyInstaller bundle it is beside the executable's data.
    candidates = [PACKAGE_DIR / name, PACKAGE_DIR.parent / name]
    if getattr(sys, "_MEIPASS", None):
        candidates.insert(0, Path(sys._MEIPASS) / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")


def packaging_dir() -> Path:
    return _bundled("packaging")
