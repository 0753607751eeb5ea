"""A first start on a small screen: the window, frame included, fits the screen.

Offscreen's screen is set by a file read only at start-up, so each screen size runs
in a fresh process.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ui.window_layout import DEFAULT_SIZE, FRAME_ALLOWANCE, fitting_size

REPO = Path(__file__).resolve().parents[2]

OPEN_A_WINDOW = """
from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.app import application
from annotator.ui.main_window import MainWindow

app = application()
project = Project.in_memory()
project.add_document(Document(text="The minister denied the report."))
window = MainWindow(project)
window.show()
app.processEvents()
free, frame = window.screen().availableGeometry(), window.frameGeometry()
print(free.width(), free.height(), window.width(), window.height(),
      frame.width(), frame.height(), int(free.contains(frame)))
window.close()
project.close()
"""


def window_on_a_screen(tmp_path: Path, width: int, height: int) -> list[int]:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [
        {"name": "small", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    # the isolated HOME and XDG folders of tests/conftest.py are inherited: no layout
    # has been remembered, as on a first start
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run([sys.executable, "-c", OPEN_A_WINDOW], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False,
                          timeout=300)  # a guard against a hang, not a timing check
    assert done.returncode == 0, done.stderr
    return [int(number) for number in done.stdout.split()]


def test_on_a_laptop_screen_the_whole_window_is_on_the_screen(tmp_path):
    free_w, free_h, width, height, frame_w, frame_h, inside = window_on_a_screen(
        tmp_path, 1366, 768)
    assert (free_w, free_h) == (1366, 768)
    assert (width, height) == (1280, 768 - FRAME_ALLOWANCE[1])  # as wide as ever, less tall
    assert frame_w <= free_w and frame_h <= free_h and inside


def test_on_a_large_screen_the_window_opens_at_its_default_size(tmp_path):
    _free_w, _free_h, width, height, *_frame = window_on_a_screen(tmp_path, 1920, 1080)
    assert (width, height) == DEFAULT_SIZE


@pytest.mark.parametrize("free, expected", [
    ((1920, 1080), DEFAULT_SIZE),
    ((1280 + 16, 800 + 48), DEFAULT_SIZE),  # exactly room for the window and its frame
    ((1280, 800), (1264, 752)),
    ((1024, 600), (1008, 552)),
])
def test_the_fitting_size_leaves_room_for_the_frame(free, expected):
    assert fitting_size(DEFAULT_SIZE, free) == expected
