"""File → Import files… and Import folder…: asking what to import, starting where the
last import was chosen (kept in the user's Qt settings)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSettings
from PySide6.QtWidgets import QWidget

from ..paths import APP_NAME
from . import file_dialogs

LAST_FOLDER_KEY = "last_import_folder"
IMPORTABLE = ("Articles and datasets (*.txt *.md *.html *.htm *.jsonl *.ndjson *.json *.ann "
              "*.spacy *.annotator);;"
              "A colleague's work to merge (*.annotator *.jsonl);;"
              "All files (*)")


def _last_folder() -> str:
    folder = QSettings(APP_NAME, APP_NAME).value(LAST_FOLDER_KEY, "")
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def _remember_folder(folder: Path) -> None:
    QSettings(APP_NAME, APP_NAME).setValue(LAST_FOLDER_KEY, str(folder))


def choose_files_to_import(parent: QWidget | None) -> list[Path]:
    names = file_dialogs.open_file_names(parent, "Import files", _last_folder(), IMPORTABLE)
    paths = [Path(name) for name in names]
    if paths:
        _remember_folder(paths[0].parent)
    return paths


def choose_folder_to_import(parent: QWidget | None) -> Path | None:
    """A folder whose files (and subfolders' files) are all imported."""
    chosen = file_dialogs.existing_folder(parent, "Import folder", _last_folder())
    if not chosen:
        return None
    folder = Path(chosen)
    _remember_folder(folder.parent)
    return folder


def dropped_paths(data: QMimeData) -> list[Path]:
    """Local files and folders in a drop (folders are walked by the import)."""
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
