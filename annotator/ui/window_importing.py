"""The window's side of importing: menus, drops and the command line all go through
an ImportRunner (off the UI thread for project files), then open the first document."""
from __future__ import annotations

from pathlib import Path

from ..importing import ImportOptions
from ..importing.layer_notes import needs_a_look
from .import_choice import choose_files_to_import, choose_folder_to_import, dropped_paths
from .import_report import ImportReportDialog, summary
from .import_runner import ImportRunner


class WindowImporting:
    def __init__(self, window):
        self.window = window
        self.runner = ImportRunner(window.project, window)
        self.runner.finished.connect(self._imported)
        self.runner.cancelled.connect(self._imported)
        self.runner.failed.connect(lambda message, report: self._imported(report, show=False))
        self.report_dialog: ImportReportDialog | None = None

    def import_paths(self, paths: list[Path], options: ImportOptions | None = None) -> None:
        self.window.attribution.commit_pending()
        if not self.runner.start([Path(p) for p in paths], options or self.options()):
            self.window.statusBar().showMessage("An import is still running", 4000)

    def options(self, **chosen) -> ImportOptions:
        """An import runs under the name the window annotates as: that annotator's own
        spans are the ones no import changes."""
        return ImportOptions(annotator=self.window.session.annotator, **chosen)

    def choose_files(self) -> None:
        paths = choose_files_to_import(self.window)
        if paths:
            self.import_paths(paths)

    def choose_folder(self) -> None:
        folder = choose_folder_to_import(self.window)
        if folder is not None:
            self.import_paths([folder])

    def drop(self, event) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _imported(self, report, show: bool = True) -> None:
        window = self.window
        opened = [doc_id for file in report.files for doc_id in file.document_ids]
        if opened:
            window.session.open_document(opened[0])
        window.corpus_changed()
        window.statusBar().showMessage(summary(report).splitlines()[0], 8000)
        if show and (report.problems or getattr(report, "stopped_early", False)
                     or needs_a_look(report)):
            self.report_dialog = ImportReportDialog(report, window)
            self.report_dialog.import_again.connect(self._import_again)
            self.report_dialog.replace_layer.connect(self._replace_layer)
            self.report_dialog.open()

    def _import_again(self, files: list[Path], unit: str) -> None:
        self.import_paths(files, self.options(offset_unit=unit))

    def _replace_layer(self, path: Path, annotator: str) -> None:
        self.import_paths([path], self.options(replace_layers=frozenset({annotator})))
