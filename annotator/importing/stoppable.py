"""An import that can be stopped between files, for the window's background imports.

``import_paths`` runs to the end and returns its report only then; a stopped import
still has to say what came in. So this walks the same files with the same
``import_file`` (one transaction per file) and checks, before each file, whether it
should stop: a stopped import has stored whole files only, never half a document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..store import Project
from . import service
from .service import ImportOptions, ImportReport


@dataclass
class StoppableReport(ImportReport):
    """An ImportReport that also names the files a stopped import did not reach."""
    not_imported: list[Path] = field(default_factory=list)

    @property
    def stopped_early(self) -> bool:
        return bool(self.not_imported)


def files_to_import(paths: Iterable[Path]) -> list[Path]:
    """The files ``import_paths`` would read for these paths, in its order: folders
    walked, a brat .ann left to its .txt, manifests found in folders skipped."""
    # the service's own walk, so the count shown is the count imported
    return list(service._files_to_import(paths))


def import_until_stopped(project: Project, files: list[Path], options: ImportOptions,
                         report: StoppableReport,
                         should_stop: Callable[[], bool] = lambda: False,
                         starting: Callable[[int, Path], None] | None = None) -> None:
    """Import ``files`` one transaction each into ``report`` until ``should_stop()``.

    ``starting(index, path)`` is told before each file. ``report`` is filled in place,
    so that a caller still holds what came in when an unexpected error stops the walk;
    files not reached (or rolled back by an error) are listed in ``report.not_imported``.
    """
    for index, path in enumerate(files):
        if should_stop():
            report.not_imported = files[index:]
            return
        if starting:
            starting(index, path)
        try:
            report.files.append(service.import_file(project, path, options))
        except BaseException:
            report.not_imported = files[index:]  # this file's transaction was rolled back
            raise
