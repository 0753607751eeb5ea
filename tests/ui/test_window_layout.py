"""The window's layout: the first start sized to the screen, then what the analyst left.

Offscreen's screen is set by a file read only at start-up, and the layout is kept in
the settings of a user: each start runs in a fresh process, with settings of its own.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ui.window_layout import (DEFAULT_SIZE, FRAME_ALLOWANCE, MIN_TEXT_CHARACTERS,
                                        MIN_TEXT_SHARE, fitting_size)

REPO = Path(__file__).resolve().parents[2]

OPEN_A_WINDOW = """
import json, sys
from PySide6.QtCore import Qt
from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.app import application
from annotator.ui.main_window import MainWindow

app = application()
project = Project.in_memory()
project.add_document(Document(text="The minister denied the report. " * 30))
window = MainWindow(project)
window.show()
app.processEvents()
free, frame = window.screen().availableGeometry(), window.frameGeometry()
documents, attribution = window.corpus.navigator_dock, window.attribution_dock
seen = {"free": [free.width(), free.height()], "size": [window.width(), window.height()],
        "frame_inside": free.contains(frame), "text": window.view.width(),
        "documents": documents.width(), "attribution": attribution.width(),
        "character": window.view.fontMetrics().averageCharWidth()}
if "--narrow" in sys.argv:
    window.resize(600, window.height())
    app.processEvents()
    seen["narrow"] = [window.width(), window.view.width()]
if "--drag" in sys.argv:  # as dragging the separator does
    window.resizeDocks([documents], [350], Qt.Orientation.Horizontal)
    app.processEvents()
    seen["dragged"] = documents.width()
print(json.dumps(seen))
window.close()
project.close()
"""


def start(settings: Path, width: int, height: int, *options: str) -> dict:
    screen = settings / "screen.json"
    screen.write_text(json.dumps({"screens": [
        {"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
           "HOME": str(settings), "XDG_CONFIG_HOME": str(settings / "config")}
    done = subprocess.run([sys.executable, "-c", OPEN_A_WINDOW, *options], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False,
                          timeout=300)  # a guard against a hang, not a timing check
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_on_a_laptop_screen_the_whole_window_is_on_the_screen(tmp_path):
    seen = start(tmp_path, 1366, 768)
    assert seen["free"] == [1366, 768]
    assert seen["size"] == [1280, 768 - FRAME_ALLOWANCE[1]]  # as wide as ever, less tall
    assert seen["frame_inside"]


def test_on_a_large_screen_the_window_opens_at_its_default_size(tmp_path):
    seen = start(tmp_path, 1920, 1080)
    assert seen["size"] == list(DEFAULT_SIZE)
    assert seen["text"] >= MIN_TEXT_SHARE * DEFAULT_SIZE[0]  # the docks as Qt sizes them


def test_in_half_of_a_wide_screen_the_article_keeps_more_than_half_the_width(tmp_path):
    # a window snapped beside a browser: docks at their preferred widths left the
    # article 38 % of it
    seen = start(tmp_path, 960, 1080)
    width = seen["size"][0]
    assert width == 960 - FRAME_ALLOWANCE[0]
    assert seen["text"] > width / 2
    assert seen["documents"] > 150 and seen["attribution"] > 150  # still there to use


def test_a_narrow_window_takes_its_width_from_the_docks_not_the_article(tmp_path):
    seen = start(tmp_path, 1920, 1080, "--narrow")
    window_width, text = seen["narrow"]
    assert text >= MIN_TEXT_CHARACTERS * seen["character"]
    assert window_width < DEFAULT_SIZE[0] / 1.5  # the window did get narrow


def test_the_next_start_keeps_the_docks_as_the_analyst_left_them(tmp_path):
    first = start(tmp_path, 1920, 1080, "--drag")
    assert first["dragged"] == 350
    again = start(tmp_path, 1920, 1080)
    assert again["documents"] == 350  # not shared out again


@pytest.mark.parametrize("free, expected", [
    ((1920, 1080), DEFAULT_SIZE),
    ((1280 + 16, 800 + 48), DEFAULT_SIZE),  # exactly room for the window and its frame
    ((1280, 800), (1264, 752)),
    ((1024, 600), (1008, 552)),
])
def test_the_fitting_size_leaves_room_for_the_frame(free, expected):
    assert fitting_size(DEFAULT_SIZE, free) == expected
