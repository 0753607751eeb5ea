"""The agreement window's tables as item models: figures per label, figures per pair,
documents worst first, and one document's disagreements. Item views draw item text as
it is (never as HTML); the tooltips go through plain_tooltip."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..agreement.disagreements import Disagreement
from ..agreement.report import AgreementReport, DocumentResult
from ..agreement.table import number
from . import agreement_rows as rows
from .plain_text import plain_tooltip

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SORT = Qt.ItemDataRole.UserRole  # what a column sorts by (numbers as numbers)
DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1  # on a documents row's first item
DISAGREEMENT = Qt.ItemDataRole.UserRole + 1  # a disagreements row's place in the list given
DISAGREEMENT_COLUMNS = ("Kind", "Annotator", "Label", "Span", "Other annotator", "Their label",
                        "Their span")
SPAN_TEXT_COLUMNS = (3, 6)
DISAGREEMENTS_MEANING = "Spans missing on one side, labelled otherwise, or with other boundaries"


def _model(headers: list[tuple[str, str]]) -> QStandardItemModel:
    """An empty model with these (header, tooltip) columns."""
    model = QStandardItemModel(0, len(headers))
    model.setSortRole(SORT)
    for column, (title, tip) in enumerate(headers):
        item = QStandardItem(title)
        if tip:
            item.setToolTip(plain_tooltip(tip))
        model.setHorizontalHeaderItem(column, item)
    return model


def _text(text: str, tooltip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(text.casefold(), SORT)
    if tooltip:
        item.setToolTip(plain_tooltip(tooltip))
    return item


def _figure(value: float | None, meaning: str = "") -> QStandardItem:
    item = QStandardItem(number(value))
    item.setEditable(False)
    item.setTextAlignment(RIGHT)
    # "n/a" sorts after every number going up: nothing to compare is not the worst
    item.setData(float("inf") if value is None else value, SORT)
    if value is None and meaning:
        item.setToolTip(plain_tooltip("Not defined here (nothing to compare).\n" + meaning))
    return item


def _count(value: int) -> QStandardItem:
    item = QStandardItem(f"{value:,}")
    item.setEditable(False)
    item.setTextAlignment(RIGHT)
    item.setData(value, SORT)
    return item


def figures_model(report: AgreementReport) -> QStandardItemModel:
    """Overall, then one row per label; one column per figure."""
    shown = rows.figures(len(report.annotators))
    model = _model([("Label", "Over all compared labels, then each label on its own"),
                    *((figure.title, figure.meaning) for figure in shown)])
    for name, scores in rows.scope_rows(report):
        first = _text(name)
        if name == rows.OVERALL:
            font = first.font()
            font.setBold(True)
            first.setFont(font)
        model.appendRow([first, *(_figure(value, figure.meaning) for value, figure
                                  in zip(rows.values(scores, shown), shown))])
    return model


def pairs_model(report: AgreementReport) -> QStandardItemModel:
    """One row per pair of annotators, over the documents both annotated."""
    model = _model([("Pair", ""), ("Documents", "Documents both annotated"),
                    ("Spans", "Each one's spans in those documents"),
                    ("Exact F1", rows.MEANINGS["exact_f1"]),
                    ("Overlap F1", rows.MEANINGS["overlap_f1"]),
                    ("Cohen κ", rows.MEANINGS["cohen_kappa"])])
    for pair in report.corpus.pairs:
        scores = pair.overall
        model.appendRow([_text(" – ".join(scores.annotators)), _count(scores.documents),
                         _text(f"{scores.spans[0]:,} / {scores.spans[1]:,}"),
                         _figure(scores.exact_f1), _figure(scores.overlap_f1),
                         _figure(scores.cohen_kappa)])
    return model


def document_columns(annotators: int) -> list[str]:
    """What each column of the documents table holds: "document", the figures' keys,
    "disagreements" (its headers say it to people)."""
    return ["document", *(figure.key for figure in rows.figures(annotators)), "disagreements"]


def documents_model(report: AgreementReport) -> QStandardItemModel:
    """Every compared document, worst agreement first, with its overall figures."""
    shown = rows.figures(len(report.annotators))
    model = _model([("Document", "Its title; select it to list its disagreements"),
                    *((figure.short, figure.meaning) for figure in shown),
                    ("Disagreements", DISAGREEMENTS_MEANING)])
    for document in rows.worst_first(report.documents):
        model.appendRow(_document_row(document, shown))
    return model


def _document_row(document: DocumentResult, shown: list[rows.Figure]) -> list[QStandardItem]:
    name = rows.document_name(document)
    first = _text(name, f"{document.title}\n(document {document.document_id})")
    first.setData(document.document_id, DOCUMENT_ID)
    figures = rows.values(document.figures.overall, shown)
    return [first, *(_figure(value) for value in figures),
            _count(rows.disagreement_count(document))]


def disagreements_model(found: list[Disagreement]) -> QStandardItemModel:
    model = _model([(title, "") for title in DISAGREEMENT_COLUMNS])
    for index, item in enumerate(found):
        tip = rows.disagreement_tooltip(item)
        cells = [_text(text, tip) for text in rows.disagreement_cells(item)]
        cells[0].setData(index, DISAGREEMENT)  # an index: a tuple would become a QVariantList
        model.appendRow(cells)
    return model
