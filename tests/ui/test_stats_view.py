"""The statistics view on real data: every chart drawn, proportional, savable as PNG."""
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.ui import file_dialogs
from annotator.core.model import make_span
from annotator.importing import ImportOptions, import_paths
from annotator.store import stats
from annotator.ui.charts import Bar, HorizontalBarChart
from annotator.ui.palette import dark_palette
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.stats_view import CHARTS, StatisticsView
from annotator.workspace import add_seed_article

from .conftest import SHARED, add_article

LABELS, SPEAKERS, SOURCES, STATUS, DAYS = range(5)


@pytest.fixture
def real_project(project):
    add_seed_article(project, "tester")
    import_paths(project, [SHARED / "corpus" / "interop"], ImportOptions())
    return project


@pytest.fixture
def view_of(qtbot):
    def make(project):
        view = StatisticsView(project)
        qtbot.addWidget(view)
        view.resize(760, 480)
        view.show()
        QApplication.processEvents()
        return view
    return make


def show_tab(view, index):
    view.tabs.setCurrentIndex(index)
    QApplication.processEvents()
    return view.current_chart()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_chart_is_drawn_with_data(view_of, real_project, dark):
    view = view_of(real_project)
    if dark:
        view.setPalette(dark_palette())
    for index in range(len(CHARTS)):
        chart = show_tab(view, index)
        assert not chart.is_empty(), CHARTS[index].key
        image = chart.grab().toImage()
        assert not image.isNull() and image.width() > 0
        # the background is the palette's base colour, not a hard-coded white
        assert image.pixelColor(2, 2) == view.palette().color(view.palette().ColorRole.Base)


def test_label_bars_are_proportional_and_in_the_labels_colours(view_of, real_project):
    view = view_of(real_project)  # kept: the charts live as long as their view
    chart = show_tab(view, LABELS)
    assert [(bar.name, bar.value) for bar in chart.bars] == stats.spans_per_label(real_project)
    widths = [rect.width() for rect in chart.bar_rects()]
    values = [bar.value for bar in chart.bars]
    assert min(values) > 0
    assert [w / max(widths) for w in widths] == pytest.approx([v / max(values) for v in values])
    # the longest bar ends on the scale's last tick at most
    assert max(widths) <= chart.chart_layout().plot.width()
    colours = {label.name: QColor(label.colour) for label in real_project.labels()}
    assert all(bar.colour == colours[bar.name] for bar in chart.bars)


def test_speakers_beyond_the_top_share_one_muted_row(view_of, project):
    document = add_article(project, "One two three four five six.")
    text = project.document_text(document.id)
    names = [f"speaker {i:02d}" for i in range(20)] + ["", ""]
    project.add_spans(document.id, [make_span(text, 0, 3, "claim", speaker=name)
                                    for name in names])
    view = view_of(project)
    chart = show_tab(view, SPEAKERS)
    assert [bar.name for bar in chart.bars[-2:]] == ["5 other speakers", "no speaker"]
    assert [(bar.value, bar.summary) for bar in chart.bars[-2:]] == [(5, True), (2, True)]
    assert len(chart.bars) == 17


def test_day_histogram_has_a_column_per_day(view_of, real_project):
    view = view_of(real_project)
    chart = show_tab(view, DAYS)
    days = stats.spans_per_day(real_project)
    assert chart.days == days and len(chart.column_rects()) == len(days)
    tallest = max(rect.height() for rect in chart.column_rects())
    assert tallest <= chart.chart_layout().plot.height()


def test_a_long_name_is_elided_on_the_chart_and_whole_in_its_tooltip(qtbot):
    chart = HorizontalBarChart("Spans per speaker", "spans", "No spans yet")
    qtbot.addWidget(chart)
    name = "<b>A speaker</b> with a name far too long to fit beside the bars " * 3
    chart.set_bars([Bar(name, 3), Bar("Zarif", 1)])
    chart.resize(500, 300)
    layout = chart.chart_layout()
    assert layout.names.width() < 500 / 2
    row = chart.bar_rects()[0].center()
    assert chart.tooltip_at(row.x(), row.y()) == f"{name}\n3 spans"
    assert chart.tooltip_at(row.x(), layout.plot.bottom() + 1) is None


def test_refresh_reads_the_project_again(view_of, real_project):
    view = view_of(real_project)
    chart = show_tab(view, LABELS)
    before = {bar.name: bar.value for bar in chart.bars}
    document = add_article(real_project, "Demands, more demands.")
    real_project.add_span(document.id, make_span("Demands, more demands.", 0, 7, "demand"))
    assert {bar.name: bar.value for bar in chart.bars} == before  # not until asked
    view.refresh()
    assert {bar.name: bar.value for bar in chart.bars} == {**before,
                                                           "demand": before["demand"] + 1}


def test_an_empty_project_says_so(view_of, project):
    view = view_of(project)
    for index in range(len(CHARTS)):
        chart = show_tab(view, index)
        assert chart.is_empty()
        assert not chart.grab().isNull()


def test_saving_writes_a_png_at_twice_the_size(view_of, real_project, tmp_path):
    view = view_of(real_project)
    chart = show_tab(view, DAYS)
    assert view.save_chart(tmp_path / "days.png")
    image = QImage(str(tmp_path / "days.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (chart.width() * 2, chart.height() * 2)


def test_a_short_chart_is_saved_without_the_air_below_it(view_of, real_project, tmp_path):
    view = view_of(real_project)
    chart = show_tab(view, STATUS)
    assert view.save_chart(tmp_path / "status.png")
    image = QImage(str(tmp_path / "status.png"))
    assert image.width() == chart.width() * 2
    assert 0 < image.height() < chart.height() * 2


def test_the_save_button_asks_for_a_file_and_adds_the_extension(view_of, real_project, tmp_path,
                                                               monkeypatch):
    view = view_of(real_project)
    show_tab(view, SOURCES)
    asked = []

    def choose(parent, caption, start, filters):
        asked.append(start)
        return str(tmp_path / "sources")
    monkeypatch.setattr(file_dialogs, "save_file_name", choose)
    view.save_button.click()
    assert asked[0].endswith("spans-per-source.png")
    assert not QImage(str(tmp_path / "sources.png")).isNull()


def test_hovering_a_day_shows_its_date_and_count_as_plain_text(qtbot, view_of, real_project):
    view = view_of(real_project)
    chart = show_tab(view, DAYS)
    index, (day, count) = next((i, d) for i, d in enumerate(chart.days) if d[1])
    column = chart.column_rects()[index]
    text = chart.tooltip_at(column.center().x(), column.center().y())
    assert text.endswith(f"\n{count} spans") and day[:4] in text
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, column.center().toPoint(),
                                             chart.mapToGlobal(column.center().toPoint())))
    assert QToolTip.text() == plain_tooltip(text)
    assert chart.tooltip_at(column.center().x(), 1) is None
