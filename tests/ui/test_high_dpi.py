"""The window at 2× scale, in a fresh process: Qt reads QT_SCALE_FACTOR only at start-up."""
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

AT_DOUBLE_SCALE = """
from PySide6.QtGui import QGuiApplication
from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.app import application
from annotator.ui.main_window import MainWindow

app = application()
project = Project.in_memory()
project.add_document(Document(text="The minister denied the report."))
window = MainWindow(project)
window.resize(800, 600)
window.show()
app.processEvents()
shot = window.grab()
print(QGuiApplication.highDpiScaleFactorRoundingPolicy().name, shot.devicePixelRatio(),
      shot.width(), shot.height())
window.close()
project.close()
"""


def at_double_scale(*args: str) -> subprocess.CompletedProcess:
    # the isolated HOME and XDG folders of tests/conftest.py are inherited; without
    # $ANNOTATOR_USER nobody has chosen a name, as on a first start
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    env.pop("ANNOTATOR_USER", None)
    return subprocess.run([sys.executable, *args], check=False, cwd=REPO, env=env,
                          capture_output=True, text=True,
                          timeout=300)  # a guard against a hang, not a timing check


def test_the_window_paints_at_twice_the_pixels():
    result = at_double_scale("-c", AT_DOUBLE_SCALE)
    assert result.returncode == 0, result.stderr
    policy, ratio, width, height = result.stdout.split()
    assert policy == "PassThrough"
    assert float(ratio) == 2.0
    assert (int(width), int(height)) == (1600, 1200)


def test_a_smoke_run_at_double_scale_on_a_first_start(tmp_path):
    project = tmp_path / "p.annotator"
    result = at_double_scale("-m", "annotator", "--smoke-test", "--project", str(project))
    assert result.returncode == 0, result.stderr
    assert project.exists()


SWATCH_AT_DOUBLE_SCALE = """
from annotator.ui.app import application
from annotator.ui.legend import SWATCH_SIZE, swatch

app = application()
pixmap = swatch("#d62728")
image = pixmap.toImage()
inside = image.pixelColor(2, 2).name()  # inside a one-logical-pixel frame: the wash
print(pixmap.devicePixelRatio(), pixmap.width(), pixmap.deviceIndependentSize().width(),
      image.pixelColor(0, 0).name(), image.pixelColor(1, 1).name(), inside, SWATCH_SIZE)
"""


def test_label_swatches_are_drawn_for_the_screen_s_pixels():
    # a swatch drawn at 1x and stretched would be soft at 200 %
    result = at_double_scale("-c", SWATCH_AT_DOUBLE_SCALE)
    assert result.returncode == 0, result.stderr
    ratio, pixels, logical, corner, frame, inside, size = result.stdout.split()
    assert float(ratio) == 2.0 and int(pixels) == 2 * int(size) and float(logical) == int(size)
    assert corner == frame == "#d62728"  # the frame is two device pixels wide
    assert inside != "#d62728"
