"""Checks that must run before Qt starts, because Qt's own failure is an abort.

Qt-free on purpose: nothing here imports PySide6, so the checks can run (and
be tested) even when importing or starting Qt would crash the process.
"""
from __future__ import annotations

import os
import re
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Callable, Mapping

# The one known-bad pair (QT_TEXT_FACTS.md): void calls leak a reference to
# None until CPython aborts with "none_dealloc". 3.12+ is immune (None is
# immortal there).
BROKEN_PYSIDE = (6, 12, 0)
BROKEN_PYTHON = (3, 11)

# Debian package -> shared object that Qt's xcb platform plugin links (from
# `ldd libqxcb.so libQt6XcbQpa.so.6` of PySide6 6.11). libxcb-xinerama0,
# which older install guides list, is left out: Qt 6 no longer uses Xinerama,
# and requiring it would refuse to start where Qt runs fine.
XCB_PACKAGES = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-randr0": "libxcb-randr.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
}


def installed_pyside_version() -> str | None:
    return _configured_pyside_version() or _distributed_pyside_version()


def _configured_pyside_version() -> str | None:
    """The version PySide6/_config.py states, read as text (PySide6 is not imported).

    Much cheaper than importlib.metadata, whose import alone was about 50 ms of CPU,
    a tenth of the window's start-up; it stays the fallback for a PySide6 without the file.
    """
    spec = find_spec("PySide6")  # finds the package without running it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            config = (Path(folder) / "_config.py").read_text(encoding="utf-8")
        except OSError:
            continue
        match = re.search(r'^version = "([^"]+)"', config, re.MULTILINE)
        if match:
            return match.group(1)
    return None


def _distributed_pyside_version() -> str | None:
    from importlib import metadata

    # PySide6-Essentials holds the Qt libraries; the PySide6 meta-package
    # (or a pre-6.3 monolithic PySide6) pins or is the same version.
    for distribution in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return None


def broken_qt_pair(python_version: tuple = sys.version_info,
                   pyside_version: str | None = None) -> str | None:
    """A message for the user if this Python/PySide6 pair is known to crash, else None.

    ``pyside_version`` None means the installed one (None again if there is none).
    """
    pyside_version = pyside_version or installed_pyside_version()
    if pyside_version is None or tuple(python_version[:2]) != BROKEN_PYTHON:
        return None
    if _release(pyside_version) != BROKEN_PYSIDE:
        return None
    return (
        f"annotator cannot run with PySide6 {pyside_version} on Python "
        f"{python_version[0]}.{python_version[1]}: this pair corrupts Python's reference "
        "count of None and crashes after about a thousand Qt calls.\n"
        "Install another PySide6 version, for example:\n"
        "    pip install 'PySide6-Essentials>=6.6,!=6.12.0'\n"
        "or use Python 3.12 or newer."
    )


def _release(version: str) -> tuple[int, ...]:
    """The numeric release of a version string, padded to three parts: 6.12 -> (6, 12, 0).

    A pre-release of 6.12.0 counts as 6.12.0: it carries the same bug.
    """
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if not match:
        return ()
    parts = [int(part) for part in match.group().split(".")]
    while len(parts) > 3 and parts[-1] == 0:
        parts.pop()
    return tuple(parts + [0] * (3 - len(parts)))


def xcb_platform_expected(environ: Mapping[str, str] = os.environ,
                          platform: str = sys.platform) -> bool:
    """Whether Qt will start on its xcb plugin with no other plugin to fall back on."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        # "xcb" or "xcb:option=..."; a list such as "wayland;xcb" has a fallback.
        return chosen.split(":", 1)[0].strip() == "xcb"
    # In a Wayland session Qt tries its wayland plugin first (XWayland sets
    # DISPLAY there too, so DISPLAY alone does not mean xcb): refusing to start
    # for missing xcb libraries would block users Qt could serve.
    return not environ.get("WAYLAND_DISPLAY")


def _loadable(soname: str) -> bool:
    # Loading by soname asks the dynamic linker itself, so LD_LIBRARY_PATH and
    # ld.so.conf are honoured exactly as when Qt loads the plugin. (ctypes is imported
    # here: only an X11 start asks, and it is a few ms of everyone else's start-up.)
    import ctypes
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_libraries(environ: Mapping[str, str] = os.environ,
                          platform: str = sys.platform,
                          loadable: Callable[[str], bool] = _loadable) -> list[str]:
    """Debian packages that Qt's xcb plugin needs and this system lacks ([] if not on xcb)."""
    if not xcb_platform_expected(environ, platform):
        return []
    return [package for package, soname in XCB_PACKAGES.items() if not loadable(soname)]


def missing_xcb_message(packages: list[str]) -> str:
    return (
        "annotator cannot open a window: Qt's X11 (xcb) platform plugin needs system "
        f"libraries that are missing ({', '.join(packages)}).\n"
        f"install: sudo apt-get install {' '.join(packages)}\n"
        "(On other distributions install the packages that provide the same libraries.)"
    )


def startup_problem() -> str | None:
    """The first reason Qt must not be started here, as a message for the user."""
    broken = broken_qt_pair()
    if broken:
        return broken
    missing = missing_xcb_libraries()
    return missing_xcb_message(missing) if missing else None
