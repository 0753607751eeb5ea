"""The Python/PySide6 pair that crashes, the system libraries Qt needs, and the
install rules in pyproject.toml that keep users off the broken pair."""
import os
import sys
from pathlib import Path

import pytest

from annotator import compat

# The runtime test below needs a QApplication; choose offscreen before one exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
PYSIDE_DISTRIBUTIONS = {"pyside6", "pyside6-essentials"}
PYTHONS = ("3.10", "3.11", "3.12", "3.13")


# -- broken_qt_pair -------------------------------------------------------------
def test_pyside_6_12_0_on_python_3_11_is_refused_with_a_way_out():
    message = compat.broken_qt_pair((3, 11, 7), "6.12.0")
    assert "6.12.0" in message and "3.11" in message
    assert "!=6.12.0" in message and "3.12" in message


@pytest.mark.parametrize("python, pyside", [
    ((3, 12), "6.12.0"), ((3, 13, 1), "6.12.0"), ((3, 11), "6.11.3"),
    ((3, 11), "6.12.1"), ((3, 11), "6.1.20"), ((3, 10), "6.11.3"),
])
def test_other_pairs_are_fine(python, pyside):
    assert compat.broken_qt_pair(python, pyside) is None


@pytest.mark.parametrize("pyside", ["6.12", "6.12.0.0", "6.12.0rc1", "6.12.0+local"])
def test_spellings_of_6_12_0_are_recognised(pyside):
    assert compat.broken_qt_pair((3, 11), pyside) is not None


def test_without_an_explicit_version_the_installed_one_is_checked(monkeypatch):
    monkeypatch.setattr(compat, "installed_pyside_version", lambda: "6.12.0")
    assert compat.broken_qt_pair((3, 11)) is not None
    monkeypatch.setattr(compat, "installed_pyside_version", lambda: None)
    assert compat.broken_qt_pair((3, 11)) is None


def test_this_environment_is_not_the_broken_pair():
    assert compat.installed_pyside_version() is not None
    assert compat.broken_qt_pair() is None


# -- missing_xcb_libraries --------------------------------------------------------
def only_missing(*sonames):
    return lambda soname: soname not in sonames


X11 = {"DISPLAY": ":0"}


def test_missing_xcb_libraries_are_named_by_debian_package():
    loadable = only_missing("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")
    missing = compat.missing_xcb_libraries(X11, "linux", loadable)
    assert missing == ["libxcb-cursor0", "libxkbcommon-x11-0"]
    assert "install: sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in (
        compat.missing_xcb_message(missing))


@pytest.mark.parametrize("environ, platform, checked", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({}, "linux", True),  # no display at all: Qt still tries xcb
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    # XWayland sets DISPLAY in a Wayland session; Qt picks its wayland plugin there.
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", False),
    ({"DISPLAY": ":0"}, "darwin", False),
    ({}, "win32", False),
])
def test_libraries_are_checked_only_where_qt_will_use_xcb(environ, platform, checked):
    missing = compat.missing_xcb_libraries(environ, platform, lambda soname: False)
    assert bool(missing) == checked
    if checked:
        assert set(missing) == set(compat.XCB_PACKAGES)


def test_a_complete_system_misses_nothing():
    assert compat.missing_xcb_libraries(X11, "linux", lambda soname: True) == []


def test_the_real_loader_finds_libc_and_not_a_made_up_library():
    if not sys.platform.startswith("linux"):
        pytest.skip("sonames are a Linux thing")
    assert compat._loadable("libc.so.6")
    assert not compat._loadable("libannotator-does-not-exist.so.0")


# -- pyproject.toml keeps users off the broken pair ----------------------------------
def pyside_requirements():
    tomllib = pytest.importorskip("tomllib")  # 3.11+; the rule is the same on any Python
    from packaging.requirements import Requirement

    project = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return [r for r in requirements if r.name.lower() in PYSIDE_DISTRIBUTIONS]


def applicable(requirements, python: str):
    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    return [r for r in requirements if r.marker is None or r.marker.evaluate(environment)]


def admits(requirements, python: str, pyside: str) -> bool:
    """Whether pip may install ``pyside`` on ``python``: every applicable requirement allows it."""
    return all(r.specifier.contains(pyside, prereleases=True) for r in applicable(requirements, python))


@pytest.mark.parametrize("python", PYTHONS)
def test_pyside_is_required_on_every_python(python):
    assert applicable(pyside_requirements(), python), f"no PySide6 requirement for {python}"


def test_python_3_11_cannot_install_pyside_6_12_0():
    requirements = applicable(pyside_requirements(), "3.11")
    assert not any(r.specifier.contains("6.12.0", prereleases=True) for r in requirements)
    assert admits(requirements, "3.11", "6.11.3")


@pytest.mark.parametrize("python", ["3.12", "3.13"])
def test_newer_pythons_may_install_pyside_6_12_0(python):
    assert admits(pyside_requirements(), python, "6.12.0")
    assert admits(pyside_requirements(), python, "6.11.3")


@pytest.mark.parametrize("python", PYTHONS)
def test_every_pair_refused_at_startup_is_also_refused_by_pip(python):
    major, minor = map(int, python.split("."))
    for pyside in ("6.11.3", "6.12.0", "6.12.1"):
        if compat.broken_qt_pair((major, minor), pyside):
            assert not admits(pyside_requirements(), python, pyside)


# -- the bug itself, with the installed PySide6 ----------------------------------------
BATCHES, CALLS_PER_BATCH = 20, 100


def none_refcounts(void_calls) -> list[int]:
    """The reference count of None after each batch of void Qt calls, stopping
    at the first change: a leaking build aborts the whole run near a thousand
    calls, so it must be caught after a hundred."""
    before = sys.getrefcount(None)
    counts = [before]
    for call_batch in void_calls:
        call_batch()
        counts.append(sys.getrefcount(None))
        if counts[-1] != before:
            break
    return counts


def test_qt_void_calls_keep_the_reference_count_of_none(qapp):
    """On 3.12+ None is immortal and this is trivially true; on 3.11 it catches
    a PySide6 that leaks a reference to None per call (QT_TEXT_FACTS.md)."""
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QPlainTextEdit

    cursor = QTextCursor(QTextDocument("x" * CALLS_PER_BATCH))
    editor = QPlainTextEdit()

    def set_positions():
        for position in range(CALLS_PER_BATCH):
            cursor.setPosition(position)

    def set_texts():
        for _ in range(50):
            editor.setPlainText("a\r\nb 😀")

    # Measured without assert statements in between: pytest's assertion
    # rewriting parks None in temporaries, which would move the count.
    counts = none_refcounts([set_positions] * BATCHES + [set_texts])
    assert counts == [counts[0]] * (BATCHES + 2)
