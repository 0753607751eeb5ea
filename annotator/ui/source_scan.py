"""Spare PySide6's import hook from reading the source of the modules the window imports.

Once PySide6.QtCore is loaded, every ``import`` statement goes through PySide's
``__feature__`` hook, which, the first time it meets a module, reads that module's whole
source (``inspect.getsource``) to learn whether it mentions "PySide6" and so may opt in
to ``from __feature__ import snake_case``. Some 80 modules are met while the window is
imported: about 15 ms of a start-up whose floor is some 165 ms. annotator uses no
``__feature__``; the answer for each of its window modules is known (they import
PySide6), and for every module loaded before Qt it is "no". Writing those answers in
PySide's table first, as PySide itself does for earlier modules when a feature is
first selected, leaves the hook nothing to read.

The table is an internal of PySide (``shibokensupport.feature.pyside_feature_dict``;
checked in 6.11.3 and 6.12.0). Where it is missing or of another shape this does
nothing and the hook reads the sources as before: slower, never wrong.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (installs the hook and its table)

USES_PYSIDE, IGNORED = 0, -1  # the hook's own values: switch features here, or never
QT_OWN = ("PySide6", "shiboken6", "shibokensupport", "signature_bootstrap")


def answered_in_advance() -> dict[str, int] | None:
    """The hook's table of modules already answered, or None where PySide has none."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def annotator_module_names() -> tuple[list[str], list[str]]:
    """annotator's window modules and its Qt-free ones, found by their files (nothing
    is imported): the layers rule that only annotator.ui imports PySide6."""
    root = Path(__file__).resolve().parents[1]
    window, qt_free = [], []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(("_", "."))]
        package = ".".join((root.name, *Path(folder).relative_to(root).parts))
        names = [package if name == "__init__.py" else f"{package}.{name[:-3]}"
                 for name in files if name.endswith(".py")]
        (window if package == __package__ else qt_free).extend(names)
    return window, qt_free


def answer_in_advance() -> int:
    """Fill the hook's table; return how many answers were added (0 where it has none)."""
    table = answered_in_advance()
    if table is None:
        return 0
    before = len(table)
    window, qt_free = annotator_module_names()
    for name in window:
        table.setdefault(name, USES_PYSIDE)
    for name in qt_free:
        table.setdefault(name, IGNORED)
    # Loaded before Qt (the standard library, annotator's Qt-free core): no PySide in
    # them, as the hook would find; a module that later opts in overwrites its entry.
    for name in list(sys.modules):
        if not name.startswith(QT_OWN):  # Qt's own are left to the hook: they have no source
            table.setdefault(name, IGNORED)
    return len(table) - before


answer_in_advance()
