"""Choosing projects: File → New project…, Open project…, and the recent projects.

The recent list lives in the user's Qt settings (not in a project: it is about projects),
most recent first. Switching the window to the chosen project is the window's job.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..paths import APP_NAME, PROJECT_SUFFIX
from ..store import ProjectError
from ..store.opening import inspect_existing
from .message_box import plain_message_box
from .plain_text import no_mnemonic, plain_tooltip

RECENT_KEY = "recent_projects"
MOST_RECENT = 10
PROJECT_FILTER = f"Annotator projects (*{PROJECT_SUFFIX});;All files (*)"


def _settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def _stored() -> list[Path]:
    value = _settings().value(RECENT_KEY, [])
    if isinstance(value, str):  # the INI format gives back a one-item list as its item
        value = [value]
    return [Path(item) for item in value or [] if item]


def _store(paths: list[Path]) -> None:
    settings = _settings()
    settings.setValue(RECENT_KEY, [str(path) for path in paths])
    settings.sync()


def _key(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def recent_projects() -> list[Path]:
    """Recent project files that still exist, most recent first, at most ten."""
    seen, recent = set(), []
    for path in _stored():
        # a project moved or deleted since is dropped (and forgotten at the next remember)
        if path not in seen and path.is_file():
            seen.add(path)
            recent.append(path)
    return recent[:MOST_RECENT]


def remember(path: Path) -> None:
    """Put a project at the top of the recent list (call it once the project is open)."""
    path = _key(path)
    _store([path] + [p for p in recent_projects() if p != path][:MOST_RECENT - 1])


def forget(path: Path) -> None:
    """Take a project off the list (one that could not be opened)."""
    path = _key(path)
    _store([p for p in _stored() if p != path])


def clear_recent() -> None:
    _store([])


def build_recent_menu(menu: QMenu, open_callback: Callable[[Path], None]) -> None:
    """Fill ``menu`` (the "Recent projects" submenu) and refill it each time it opens,
    so it always shows the list as it is; choosing an entry calls ``open_callback(path)``."""
    menu.aboutToShow.connect(lambda: _fill(menu, open_callback))
    _fill(menu, open_callback)


def _fill(menu: QMenu, open_callback: Callable[[Path], None]) -> None:
    menu.clear()
    recent = recent_projects()
    for number, path in enumerate(recent, start=1):
        # menu texts are never rich text, but "&" marks a shortcut letter: double it
        name = no_mnemonic(path.name)
        action = QAction(f"&{number % 10} {name}   {_folder(path)}", menu)
        action.setStatusTip(str(path))
        action.setToolTip(plain_tooltip(str(path)))
        action.triggered.connect(lambda _=False, path=path: open_callback(path))
        menu.addAction(action)
    if not recent:
        menu.addAction("No recent projects").setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction("&Clear the list", clear_recent)  # the menu refills when it opens again


def _folder(path: Path) -> str:
    """The project's folder, with the home folder as ~, to tell same-named projects apart."""
    folder, home = path.parent, Path.home()
    if folder == home:
        shown = "~"
    elif folder.is_relative_to(home):
        shown = f"~/{folder.relative_to(home)}"
    else:
        shown = str(folder)
    return no_mnemonic(shown)


def _start_folder() -> str:
    recent = recent_projects()
    return str(recent[0].parent if recent else Path.home())


def choose_new_project(parent: QWidget | None) -> Path | None:
    """Ask where to create a project; the path (with .annotator) or None.

    The file is not created here. An existing file is refused, never replaced: another
    program's file must stay as it is, and a project holds work (open it instead).
    """
    from . import file_dialogs  # a dialog, made ready when first wanted
    chosen = file_dialogs.save_file_name(parent, "New project", _start_folder(), PROJECT_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.name.endswith(PROJECT_SUFFIX):
        path = path.with_name(path.name + PROJECT_SUFFIX)
    refusal = _why_not_new(path)
    if refusal:
        warn(parent, refusal)
        return None
    return path


def _why_not_new(path: Path) -> str | None:
    try:
        state = inspect_existing(path)
    except ProjectError as error:
        return f"{error}\n\nChoose another name for the new project."
    if state == "project":
        return (f"{path} is already an annotator project; it was left as it is.\n\n"
                "Open it with File → Open project…, or choose another name.")
    return None  # no file, or an empty one: a new project may be made there


def choose_project_to_open(parent: QWidget | None) -> Path | None:
    """Ask for a project file to open; whether it is one is for Project.open to say."""
    from . import file_dialogs
    chosen = file_dialogs.open_file_name(parent, "Open project", _start_folder(), PROJECT_FILTER)
    return Path(chosen) if chosen else None


def warn(parent: QWidget | None, text: str) -> None:
    box = plain_message_box("warning", APP_NAME, text, parent=parent)
    box.exec()
