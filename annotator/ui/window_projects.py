"""New / Open / Recent projects: a project is opened in a fresh window, and the old
window (with its project) closes only once the new one opened fine."""
from __future__ import annotations

from pathlib import Path


from ..store import Project, ProjectError
from . import projects
from .message_box import plain_message_box


def new_project(window) -> None:
    path = projects.choose_new_project(window)
    if path is not None:
        open_project_at(window, path, create=True)


def open_project(window) -> None:
    path = projects.choose_project_to_open(window)
    if path is not None:
        open_project_at(window, path, create=False)


def open_project_at(window, path: Path, create: bool = False):
    """Open ``path`` in a new window; the current one stays as it was on any error."""
    if window.importing.runner.running():
        window.statusBar().showMessage("Wait for the import to finish first", 4000)
        return None
    window.attribution.commit_pending()
    try:
        project = Project.open(path, create=create)
    except ProjectError as error:
        _refuse(window, str(error))
        projects.forget(path)
        return None
    from .main_window import MainWindow  # the window module imports this one
    fresh = MainWindow(project, owns_project=True)
    fresh.resize(window.size())
    fresh.show()
    projects.remember(path)
    window.close()
    return fresh


def _refuse(window, message: str) -> None:
    box = plain_message_box("warning", "annotator", message, parent=window)
    box.open()
    window.project_error = box
