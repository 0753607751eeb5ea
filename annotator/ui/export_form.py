"""The fields of File → Export…, laid out and read back as export choices.

ExportForm knows nothing of projects or exporting runs; export_dialog.py gives it
the project's labels, asks it for the current choices and runs the export.
"""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ..core.layers import GOLD
from ..core.model import STATUSES
from ..core.offsets import UNITS
from ..exporting import ExportError, SplitPlan, parse_list, parse_split
from ..formats.writers import FORMATS, UNIT_AWARE, default_unit

from .overrides import reported_errors

# One line per format under the format chooser, and the file name ending offered by
# "Choose…" ("" for formats written as a folder).
FORMAT_NOTES = {
    "jsonl": ("annotator's own JSON lines: text, metadata, attributed spans", ".jsonl"),
    "doccano": ("doccano sequence labelling JSONL, offsets in utf16 as doccano counts", ".jsonl"),
    "prodigy": ("Prodigy JSONL with tokens and spans, offsets in code points", ".jsonl"),
    "spacy": ("spaCy DocBin for spacy train: spans in doc.spans, and doc.ents", ".spacy"),
    "label-studio": ("Label Studio JSON tasks, one annotation per annotator", ".json"),
    "brat": ("brat standoff: .txt and .ann pairs in a folder (or a .zip file)", ""),
    "conll": ("CoNLL BIO tags, one token per line; overlapping spans are left out", ".conll"),
    "csv": ("CSV for spreadsheets: one row per span, with its context", ".csv"),
}
NO_SPLIT = "No split"
SPLITS = (NO_SPLIT, "80/10/10", "80/20", "70/15/15")
ALIGNMENTS = ("strict", "contract", "expand")
DOCCANO_VARIANTS = ("label", "entities")
DEFAULT_STATUSES = ("done",)
DEFAULT_SEED = 13
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # labels, paths and errors are not HTML
    label.setWordWrap(True)
    return label


def date_problem(name: str, text: str) -> str | None:
    """Why ``text`` is not a YYYY-MM-DD date, or None (an empty field is no filter).
    Only full dates: the export compares text, so "2024" would end before 2024-01-01."""
    if not text or (ISO_DATE.fullmatch(text) and _is_a_day(text)):
        return None
    return f"{name}: {text!r} is not a date like 2024-03-31"


def _is_a_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@reported_errors
class ExportForm(QWidget):
    changed = Signal()  # any choice was edited

    def __init__(self, labels: list[str], group_keys: list[str], parent: QWidget | None = None,
                 annotators: list[str] = ()):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._format_box())
        layout.addWidget(self._selection_box(labels))
        self.set_layers(annotators)
        layout.addWidget(self._split_box(group_keys))
        layout.addWidget(self._output_row())
        self._connect_changes()
        self.update_enabled()

    # -- building -----------------------------------------------------------------
    def _format_box(self) -> QGroupBox:
        box, form = _group("Format")
        self.format = _combo(FORMATS)
        self.format_note = plain_label()
        self.offset_unit = _combo(UNITS)
        self.alignment = _combo(ALIGNMENTS)
        self.doccano_variant = _combo(DOCCANO_VARIANTS)
        form.addRow("&Format:", self.format)
        form.addRow("", self.format_note)
        form.addRow("Offset &unit:", self.offset_unit)
        form.addRow("spaCy &alignment:", self.alignment)
        form.addRow("doccano &variant:", self.doccano_variant)
        return box

    def _selection_box(self, labels: list[str]) -> QGroupBox:
        box, form = _group("What to export")
        self.statuses = {status: QCheckBox(status) for status in STATUSES}
        for status in DEFAULT_STATUSES:
            self.statuses[status].setChecked(True)
        self.labels = _checkable_list(labels)
        self.layer = QComboBox()  # whose spans: all, gold, or one annotator (set_layers)
        self.annotators = _line("all annotators; or names, comma separated")
        self.sources = _line("all sources; or names, comma separated")
        self.since, self.until = _line("YYYY-MM-DD"), _line("YYYY-MM-DD")
        _name_for_screen_readers({self.since: "Published from", self.until: "Published until"})
        # no Alt+letter: with a check box for its buddy, Qt's mnemonic would tick it
        _add_row(form, "Document status:", *self.statuses.values(), packed=True)
        form.addRow("&Labels:", self.labels)
        form.addRow("La&yer:", self.layer)
        form.addRow("A&nnotators:", self.annotators)
        form.addRow("Sou&rces:", self.sources)  # Alt+O is Output's
        _add_row(form, "&Published:", plain_label("from"), self.since, plain_label("to"),
                 self.until)
        return box

    def _split_box(self, group_keys: list[str]) -> QGroupBox:
        box, form = _group("Train/dev/test split")
        self.split = _combo(SPLITS, editable=True)
        self.group_by = _combo(["", "source", *group_keys], editable=True)
        self.group_by.setToolTip("keep documents with the same value in one split")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SEED)
        _name_for_screen_readers({self.split: "Split", self.group_by: "Group by",
                                  self.seed: "Seed"})
        _add_row(form, "Spli&t:", self.split, plain_label("group by"), self.group_by,
                 plain_label("seed"), self.seed, packed=True)
        return box

    def _output_row(self) -> QWidget:
        self.output = QLineEdit()
        _name_for_screen_readers({self.output: "Output file or folder"})
        self.choose = QPushButton("&Choose…")
        # Enter in a field belongs to Export: an auto-default Choose… the dialog opened
        # on became the default and answered a typed path with a file chooser
        self.choose.setAutoDefault(False)
        row = QWidget()
        form = QFormLayout(row)
        form.setContentsMargins(0, 0, 0, 0)
        _add_row(form, "&Output:", self.output, self.choose)
        return row

    def _connect_changes(self) -> None:
        # first: the unit follows the format before the others hear of the change
        self.format.currentTextChanged.connect(self._format_chosen)
        for combo in (self.format, self.offset_unit, self.alignment, self.doccano_variant,
                      self.split, self.group_by, self.layer):
            combo.currentTextChanged.connect(self._edited)
        for box in self.statuses.values():
            box.toggled.connect(self._edited)
        for edit in (self.annotators, self.sources, self.since, self.until, self.output):
            edit.textChanged.connect(self._edited)
        self.labels.itemChanged.connect(self._edited)
        self.seed.valueChanged.connect(self._edited)

    def _format_chosen(self, fmt: str) -> None:
        """Each format starts at the unit its tool counts (utf16 for doccano)."""
        self.offset_unit.setCurrentText(default_unit(fmt))

    def _edited(self, *_) -> None:
        self.update_enabled()
        self.changed.emit()

    def update_enabled(self) -> None:
        """Offer only the options the chosen format and split use."""
        fmt = self.fmt()
        self.format_note.setText(FORMAT_NOTES.get(fmt, ("", ""))[0])
        self.offset_unit.setEnabled(fmt in UNIT_AWARE)
        self.alignment.setEnabled(fmt == "spacy")
        self.doccano_variant.setEnabled(fmt == "doccano")
        self.annotators.setEnabled(self.layer.currentData() is None)  # a layer is one name
        splitting = self.split_text() is not None
        self.group_by.setEnabled(splitting)
        self.seed.setEnabled(splitting)
        if self.writes_folder():
            what = "folder (or .zip file)" if fmt == "brat" and not splitting else "folder"
        else:
            what = f"{self.suffix()} file".strip()
        self.output.setPlaceholderText(f"the {what} to write")

    # -- reading back --------------------------------------------------------------
    def fmt(self) -> str:
        return self.format.currentText()

    def suffix(self) -> str:
        return FORMAT_NOTES.get(self.fmt(), ("", ""))[1]

    def writes_folder(self) -> bool:
        return self.fmt() == "brat" or self.split_text() is not None

    def chosen_statuses(self) -> list[str] | None:
        """None when every status is ticked: the manifest then says "any"."""
        ticked = [status for status, box in self.statuses.items() if box.isChecked()]
        return None if len(ticked) == len(self.statuses) else ticked

    def chosen_labels(self) -> list[str] | None:
        items = [self.labels.item(row) for row in range(self.labels.count())]
        ticked = [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]
        return None if len(ticked) == len(items) else ticked

    def set_layers(self, annotators: list[str]) -> None:
        """The Layer choices: all (each span keeps its annotator), gold, each annotator."""
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItem("All layers (annotator kept on each span)", None)
        self.layer.addItem("Gold (adjudicated)", GOLD)
        for name in annotators:
            if name not in (GOLD, ""):
                self.layer.addItem(name, name)
        self.layer.blockSignals(False)

    def chosen_annotators(self) -> list[str] | None:
        layer = self.layer.currentData()
        return [layer] if layer is not None else parse_list(self.annotators.text())

    def chosen_sources(self) -> list[str] | None:
        return parse_list(self.sources.text())

    def dates(self) -> tuple[str | None, str | None]:
        return self.since.text().strip() or None, self.until.text().strip() or None

    def split_text(self) -> str | None:
        text = self.split.currentText().strip()
        return None if text in ("", NO_SPLIT) else text

    def split_plan(self) -> SplitPlan | None:
        """Raises ExportError for ratios that are not like 80/10/10."""
        text = self.split_text()
        if text is None:
            return None
        try:
            return parse_split(text, self.seed.value(), self.group_by.currentText().strip() or None)
        except ExportError:
            # parse_split speaks of --split; this form has no such option
            raise ExportError(f"split {text!r}: give two or three ratios like 80/10/10 or 80/20") from None

    def problems(self) -> list[str]:
        """What must be fixed before an export can be asked for."""
        since, until = self.dates()
        found = [date_problem("from", since or ""), date_problem("to", until or "")]
        try:
            self.split_plan()
        except ExportError as error:
            found.append(str(error))
        return [problem for problem in found if problem]


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form


def _combo(items, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setEditable(editable)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typed ratios are not kept as items
    return combo


def _line(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def _add_row(form: QFormLayout, title: str, *widgets: QWidget, packed: bool = False) -> None:
    """A form row of several widgets, whose title's Alt+letter goes to the first field:
    as the buddy, the row holding them takes no focus, and Qt ignored the mnemonic."""
    title_label = QLabel(title)
    title_label.setBuddy(next(w for w in widgets if not isinstance(w, QLabel)))
    form.addRow(title_label, _row(*widgets, packed=packed))


def _row(*widgets: QWidget, packed: bool = False) -> QWidget:
    """Widgets side by side; ``packed`` keeps them together at the left."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if packed:
        layout.addStretch(1)
    return row


def _name_for_screen_readers(names: dict[QWidget, str]) -> None:
    """Fields inside a row have no form label of their own to be named by."""
    for widget, name in names.items():
        widget.setAccessibleName(name)


def _checkable_list(names: list[str]) -> QListWidget:
    widget = QListWidget()
    widget.setFlow(QListWidget.Flow.LeftToRight)  # four labels fit on one line
    widget.setWrapping(True)
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    # the default labels fit on one row; a longer list scrolls within two
    rows = 1 if len(names) <= 6 else 2
    row_height = max(widget.sizeHintForRow(0), widget.fontMetrics().height() + 4)
    widget.setFixedHeight(rows * row_height + 2 * widget.frameWidth() + 2)
    return widget
