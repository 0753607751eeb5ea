"""Widgets run without a display: the offscreen platform must be chosen
before the first QApplication exists, so this runs before any Qt import."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from annotator.core.model import Document, make_span  # noqa: E402
from annotator.store import Project  # noqa: E402

# The repository sits beside shared/ (here and in CI).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TRICKY = SHARED / "corpus" / "tricky"
EXPECTED = SHARED / "corpus" / "interop" / "EXPECTED.json"


def expected_spans() -> dict[str, dict]:
    """Per tricky file stem: its text length and spans as [start, end, label, text]."""
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def tricky_text(stem: str) -> str:
    # Bytes then decode: reading in text mode would turn CRLF into LF.
    return (TRICKY / f"{stem}.txt").read_bytes().decode("utf-8")


def add_article(project: Project, text: str, spans=(), **fields) -> Document:
    """Store ``text`` with spans given as (start, end, label) in code points."""
    return project.add_document(
        Document(text=text, **fields),
        spans=[make_span(text, start, end, label) for start, end, label in spans])


import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


@pytest.fixture(autouse=True)
def private_settings(tmp_path):
    """Each test gets its own QSettings (recent projects, window layout): no test sees
    what another one remembered."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def no_dialog_left_modal():
    """A message box a test only looked at stays open and modal for every test after it,
    and a window then takes the analyst for busy (window_refresh holds its polls back).
    Hidden, not closed: closing would run the box's answers after its test is over."""
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isModal():
            widget.hide()


def active_window(qtbot, project: Project):
    """A MainWindow on ``project``, shown and active: real keys and clicks reach it."""
    from annotator.ui.main_window import MainWindow
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window
