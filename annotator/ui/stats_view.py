"""The statistics view: spans per label, speaker and source, documents per status and
annotations per day, one chart per tab, each savable as a PNG.

The charts are drawn with QPainter, not QtCharts, to keep the install to
PySide6-Essentials (charts.py says more). A chart reads the project only when it is
shown: ``refresh()`` marks every chart out of date and reloads the visible one, so it
is cheap to call after every change.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import (QFrame, QHBoxLayout, QPushButton,
                               QScrollArea, QTabWidget, QVBoxLayout, QWidget)

from ..store import Project, stats
from . import file_dialogs
from .charts import Bar, ChartWidget, HorizontalBarChart
from .day_chart import DayHistogram
from .message_box import plain_message_box
from .overrides import reported_errors
from .span_painter import label_colour

TOP = 15  # speakers and sources shown by name; the rest share one bar
PNG_FILTER = "PNG image (*.png)"


def label_bars(project: Project) -> list[Bar]:
    colours = {label.name: label_colour(label.colour) for label in project.labels()}
    return [Bar(name, count, colours.get(name)) for name, count in stats.spans_per_label(project)]


def status_bars(project: Project) -> list[Bar]:
    return [Bar(status, count) for status, count in stats.documents_per_status(project)]


def ranking_bars(ranking: stats.Ranking, noun: str, nouns: str, unnamed: str) -> list[Bar]:
    """The top names, then "N other <nouns>" and the spans without a name, as muted rows."""
    bars = [Bar(name, count) for name, count in ranking.top]
    if ranking.other_names:
        other = noun if ranking.other_names == 1 else nouns
        bars.append(Bar(f"{ranking.other_names} other {other}", ranking.others, summary=True))
    if ranking.unnamed:
        bars.append(Bar(unnamed, ranking.unnamed, summary=True))
    return bars


def speaker_bars(project: Project) -> list[Bar]:
    return ranking_bars(stats.spans_per_speaker(project, TOP), "speaker", "speakers",
                        "no speaker")


def source_bars(project: Project) -> list[Bar]:
    return ranking_bars(stats.spans_per_source(project, TOP), "source", "sources", "no source")


@dataclass(frozen=True)
class ChartSpec:
    key: str  # also the suggested file name
    tab: str
    title: str
    unit: str
    empty: str
    bars: Callable[[Project], list[Bar]] | None  # None: the day histogram


CHARTS = (
    ChartSpec("spans-per-label", "&Labels", "Spans per label", "spans", "No spans yet",
              label_bars),
    ChartSpec("spans-per-speaker", "S&peakers", f"Spans per speaker (top {TOP})", "spans",
              "No spans yet", speaker_bars),
    ChartSpec("spans-per-source", "S&ources", f"Spans per source (top {TOP})", "spans",
              "No spans yet", source_bars),
    ChartSpec("documents-per-status", "S&tatus", "Documents per status", "documents",
              "No documents yet", status_bars),
    ChartSpec("annotations-per-day", "&Days", "Annotations per day", "spans",
              "No spans yet", None),
)


@reported_errors
class StatisticsView(QWidget):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Statistics")
        self.tabs = QTabWidget(self)
        self.charts: list[ChartWidget] = [self._make_chart(spec) for spec in CHARTS]
        for spec, chart in zip(CHARTS, self.charts):
            self.tabs.addTab(_scrollable(chart), spec.tab)
        self.refresh_button = QPushButton("&Refresh", self)
        self.save_button = QPushButton("&Save chart as PNG…", self)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.tabs.currentChanged.connect(self._load_current)
        self._out_of_date = set(range(len(CHARTS)))
        self._lay_out()

    def _make_chart(self, spec: ChartSpec) -> ChartWidget:
        kind = DayHistogram if spec.bars is None else HorizontalBarChart
        return kind(spec.title, spec.unit, spec.empty, self)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    # -- reading the project --------------------------------------------------------------
    def refresh(self) -> None:
        """Read the counts again: the visible chart now, the others when they are shown."""
        self._out_of_date = set(range(len(CHARTS)))
        if self.isVisible() and not self.project.closed:
            self._load_current()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._load_current()

    def _load_current(self) -> None:
        index = self.tabs.currentIndex()
        if index not in self._out_of_date or self.project.closed:
            return
        self._out_of_date.discard(index)
        spec, chart = CHARTS[index], self.charts[index]
        if spec.bars is None:
            chart.set_days(stats.spans_per_day(self.project))
        else:
            chart.set_bars(spec.bars(self.project))

    def current_chart(self) -> ChartWidget:
        return self.charts[self.tabs.currentIndex()]

    # -- saving ---------------------------------------------------------------------------
    def choose_file_and_save(self) -> None:
        chosen = file_dialogs.save_file_name(self, "Save chart as PNG",
                                                str(self._suggested_path()), PNG_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        if not self.save_chart(path):
            box = plain_message_box("warning", "Statistics",
                                    f"Could not write the chart to {path}.", parent=self)
            box.open()
            self.save_problem = box

    def save_chart(self, path: str | Path) -> bool:
        """Write the visible chart, drawn at twice its size, as a PNG; False if it failed."""
        return self.current_chart().save_png(path)

    def _suggested_path(self) -> Path:
        folder = self.project.path.parent if self.project.path is not None else Path.home()
        return folder / f"{CHARTS[self.tabs.currentIndex()].key}.png"


def _scrollable(chart: ChartWidget) -> QScrollArea:
    """The chart fills the tab; when the tab is smaller than the chart's minimum (many
    rows in a small dock) it scrolls instead of squeezing rows together."""
    area = QScrollArea()
    area.setWidget(chart)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area
