"""A label's swatch is its highlight as it looks on the page, in dark colours too.

The switch (View → Dark colours) changes the application's palette; each widget hears
of it in turn. Swatches drawn on a widget's own palette while it still had the light
one stayed light: the legend no longer matched the darker highlights in the text.
"""
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from annotator.ui.legend import SWATCH_SIZE, swatch
from annotator.ui.main_window import MainWindow

from .conftest import add_article

TEXT = "The minister denied it and Paris demanded more."


def middle(pixmap) -> str:
    image = pixmap.toImage()
    return QColor(image.pixel(image.width() // 2, image.height() // 2)).name()


def on_page(colour: str) -> str:
    """The label's swatch drawn over the page's background as it is now."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    return middle(swatch(colour, base=base))


def test_every_swatch_follows_a_switch_to_dark_colours_and_back(qtbot, project):
    add_article(project, TEXT, [(13, 19, "denial"), (33, 41, "demand")])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.session.select(window.session.index.in_order()[0].id)  # the attribution heading
    colours = {label.name: label.colour for label in window.session.labels}
    dark = window.actions_by_name["dark"]

    window.actions_by_name["adjudicate"].trigger()  # its table shows swatches too
    panel = window.adjudication._panel
    qtbot.waitUntil(panel.isVisible)

    def shown_swatches() -> dict[str, str]:
        spans = window.span_list.model
        navigator_box = window.corpus.navigator.label_box
        return {
            "adjudication": middle(panel.model.swatches["denial"].pixmap(SWATCH_SIZE)),
            "label bar": middle(window.label_bar.buttons["denial"].icon().pixmap(SWATCH_SIZE)),
            "span list": middle(spans.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
                                .pixmap(SWATCH_SIZE)),
            "attribution": middle(window.attribution.swatch.pixmap()),
            "guidelines": middle(window.guidelines.swatch.pixmap()),
            "document list": middle(navigator_box.itemIcon(navigator_box.findText("denial"))
                                    .pixmap(SWATCH_SIZE)),
        }

    light = on_page(colours["denial"])
    assert set(shown_swatches().values()) == {light}
    try:
        dark.trigger()
        QApplication.processEvents()
        darkened = on_page(colours["denial"])
        assert QColor(darkened).lightness() < QColor(light).lightness() - 60
        assert shown_swatches() == dict.fromkeys(shown_swatches(), darkened)
    finally:
        if dark.isChecked():
            dark.trigger()  # the application's palette is every later test's too
        QApplication.processEvents()
    assert set(shown_swatches().values()) == {light}
