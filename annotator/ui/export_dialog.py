"""File → Export…: the choices of `annotator export`, a live count of what they select,
and the export itself in a worker thread so that the window keeps painting."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QMessageBox,
                               QProgressDialog, QVBoxLayout, QWidget)

from .. import paths
from ..core.layers import GOLD
from ..core.model import STATUSES
from ..exporting import ExportError, ExportFilter, ExportRequest, ExportResult, WriterOptions, export
from ..exporting.files import MANIFEST
from ..store import Project
from . import file_dialogs
from .export_form import ExportForm, plain_label
from .message_box import plain_message_box
from .overrides import reported_errors
from .worker_outcome import outcome_of

TITLE = "Export"
MINIMUM_WIDTH = 560  # the format notes and the preview line fit unwrapped


@reported_errors
class _Relay(QObject):
    """Carries the worker thread's news to the GUI thread (signals are queued across threads)."""
    progressed = Signal(int, int)
    finished = Signal(object)  # an ExportResult, or the exception that stopped the export


@reported_errors
class ExportDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.project = project
        self.form = ExportForm(project.label_names(), _metadata_keys(project), self,
                               annotators=project.distinct_values("annotator"))
        self.preview = plain_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ApplyRole)
        # Enter in a field exports, and nothing else: Close is no auto-default either
        # (a disabled Export used to hand the default to Close, or to a focused Choose…)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.preview)
        # room the preview gives back (two lines of advice become one) goes here, not
        # between the form's rows, which would move under the analyst's pointer
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._run)
        self.form.choose.clicked.connect(self._choose_output)
        self.form.changed.connect(self._refresh)
        # no parent: the worker's closure keeps it, so a late report never meets a deleted object
        self.relay = _Relay()
        self.relay.progressed.connect(self._show_progress)
        self.relay.finished.connect(self._finish)
        self.progress: QProgressDialog | None = None  # shown while a worker exports
        self.message: QMessageBox | None = None
        self._refresh()

    # -- the choices ------------------------------------------------------------
    def _filters(self) -> ExportFilter:
        since, until = self.form.dates()
        return ExportFilter(statuses=self.form.chosen_statuses(), labels=self.form.chosen_labels(),
                            annotators=self.form.chosen_annotators(),
                            sources=self.form.chosen_sources(), since=since, until=until)

    def _request(self) -> ExportRequest:
        form, fmt = self.form, self.form.fmt()
        # options a format does not use stay at their defaults: the service refuses
        # an offset unit the format cannot record
        options = WriterOptions(
            offset_unit=form.offset_unit.currentText() if form.offset_unit.isEnabled() else "codepoint",
            alignment=form.alignment.currentText(), doccano_variant=form.doccano_variant.currentText())
        return ExportRequest(out=Path(form.output.text().strip()).expanduser(), fmt=fmt,
                             filters=self._filters(), options=options, split=form.split_plan())

    def _refresh(self) -> None:
        problems = self.form.problems()
        documents = 0
        if problems:
            self.preview.setText("\n".join(problems))
        else:
            chosen = self._filters()
            gold = chosen.annotators == [GOLD]  # the gold layer leaves out the unadjudicated
            documents, by_label = self.project.export_preview(
                chosen.statuses, chosen.labels, chosen.annotators, chosen.sources,
                chosen.since, chosen.until, adjudicated=gold)
            left_out = self._unadjudicated(chosen, documents) if gold else 0
            self.preview.setText(self._describe(documents, by_label, chosen, left_out))
        ready = documents > 0 and bool(self.form.output.text().strip()) and not self.busy()
        self.export_button.setEnabled(ready)
        self.export_button.setDefault(True)  # again: Qt drops a disabled button's default

    def _describe(self, documents: int, by_label: dict[str, int], chosen: ExportFilter,
                  left_out: int = 0) -> str:
        shown = chosen.labels if chosen.labels is not None else self.project.label_names()
        per_label = " · ".join(f"{label} {by_label.get(label, 0)}" for label in shown)
        line = (f"{_count(documents, 'document')}, {_count(sum(by_label.values()), 'span')} — "
                f"{per_label or 'no label ticked'}")
        if left_out:  # the gold layer's word on them, as the export's note says it
            return (f"{line}\n{_count(left_out, 'document')} nobody has adjudicated (no gold "
                    "span, no decision) left out.")
        return line if documents else f"{line}\n{self._why_nothing(chosen)}"

    def _unadjudicated(self, chosen: ExportFilter, adjudicated: int) -> int:
        """How many documents the filters select that a gold layer export leaves out."""
        selected = self.project.export_preview(chosen.statuses, None, None, chosen.sources,
                                               chosen.since, chosen.until)[0]
        return selected - adjudicated

    def _why_nothing(self, chosen: ExportFilter) -> str:
        if chosen.statuses == []:
            return "Tick at least one document status."
        holding = {}
        for status in STATUSES:  # only when nothing matches: four small counts
            spans = sum(self.project.export_preview([status], None, None, None, None, None)[1].values())
            if spans:
                holding[status] = spans
        if not holding:
            return "No document matches, and no document of this project holds spans yet."
        where = ", ".join(f"{status} ({_count(spans, 'span')})" for status, spans in holding.items())
        return f"No document matches these filters; the spans are in documents marked {where}."

    def _choose_output(self) -> None:
        start = str(Path(self.form.output.text().strip() or _default_folder(self.project)).expanduser())
        if self.form.writes_folder():
            chosen = file_dialogs.existing_folder(self, "Folder to put the export in", start)
            if chosen:
                self.form.output.setText(str(self._export_folder_in(Path(chosen))))
            return
        suffix = self.form.suffix()
        filters = f"{self.form.fmt()} files (*{suffix});;All files (*)" if suffix else "All files (*)"
        chosen = file_dialogs.save_file_name(self, "Export to", start, filters)
        if chosen:
            self.form.output.setText(chosen if Path(chosen).suffix or not suffix else chosen + suffix)

    def _export_folder_in(self, chosen: Path) -> Path:
        # The export replaces a folder only if it is an earlier export: any other chosen
        # folder (even an empty one) gets a new export folder inside it.
        if (chosen / MANIFEST).exists():
            return chosen
        stem = self.project.path.stem if self.project.path is not None else "annotator"
        split = "-split" if self.form.split_text() else ""
        return chosen / f"{stem}-{self.form.fmt()}{split}"

    # -- running ------------------------------------------------------------------
    def busy(self) -> bool:
        return self.progress is not None

    def _run(self) -> None:
        try:
            request = self._request()
        except ExportError as error:
            self._finish(error)
            return
        if self.project.path is None:
            # an in-memory project has one connection, which may not cross threads
            self._finish(outcome_of(lambda: export(self.project, request), (ExportError,)))
            return
        self._start_worker(self.project.path, request)

    def _start_worker(self, path: Path, request: ExportRequest) -> None:
        self.progress = QProgressDialog("Exporting…", "", 0, 0, self)
        self.progress.setWindowTitle(TITLE)
        self.progress.setCancelButton(None)  # an export is whole or nothing: it cannot stop halfway
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)  # a quick export shows no progress at all
        self.progress.setValue(0)  # starts the 300 ms (not the constructor's 4 s) until shown
        self.export_button.setEnabled(False)

        relay = self.relay

        def work() -> None:
            # its own connection: SQLite connections must not cross threads
            relay.finished.emit(outcome_of(lambda: _export_from_file(
                path, request, relay.progressed.emit), (ExportError,)))
        # not a daemon: quitting the app waits for the export to finish whole
        self.worker = threading.Thread(target=work, name="export", daemon=False)
        self.worker.start()

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self, outcome: ExportResult | Exception) -> None:
        if self.progress is not None:
            self.progress.reset()  # hides it and stops its timer: it must not show up later
            self.progress.deleteLater()
            self.progress = None
        if isinstance(outcome, ExportResult):
            self._tell("information", _success(outcome))
        elif isinstance(outcome, ExportError):
            self._tell("warning", str(outcome))
        else:  # a bug: outcome_of printed its traceback
            self._tell("critical", f"export failed: {outcome}; nothing was written")
        self._refresh()

    def _tell(self, icon: str, text: str) -> None:
        self.message = plain_message_box(icon, TITLE, text, parent=self)
        self.message.open()

    def reject(self) -> None:
        if not self.busy():  # the worker still needs the dialog to report to
            super().reject()


def _export_from_file(path: Path, request: ExportRequest, progress) -> ExportResult:
    project = Project.open(path, create=False)
    try:
        return export(project, request, progress)
    finally:
        project.close()


def _success(result: ExportResult) -> str:
    labels = ", ".join(f"{name} {count}" for name, count in sorted(result.by_label.items()))
    lines = [f"Exported {_count(result.documents, 'document')} and {_count(result.spans, 'span')} "
             f"({labels or 'no spans'}) to {result.path}."]
    if len(result.counts) > 1:
        lines += [f"  {name}: {_count(c['documents'], 'document')} ({c['ratio']:.1%}), "
                  f"{_count(c['spans'], 'span')}" for name, c in result.counts.items()]
    lines += [f"Note: {note}" for note in result.notes]
    lines.append(f"Manifest: {result.manifest_path}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _default_folder(project: Project) -> Path:
    """Beside the project, unless it lives in the app's data folder, where nobody looks."""
    if project.path is None or project.path.parent == paths.data_dir():
        return Path.home()
    return project.path.parent


def _metadata_keys(project: Project) -> list[str]:
    """Group-by suggestions: the first document's metadata keys with single values.
    One document is cheap to read, and an import gives its documents the same keys."""
    first = project.first_document_id()
    if first is None:
        return []
    metadata = project.document(first).metadata
    return sorted(key for key, value in metadata.items() if isinstance(value, (str, int)))
