"""An error in a Qt event handler of ours is reported, not a crash (ui/overrides.py)."""
from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
import textwrap

import annotator.ui
from annotator.ui.overrides import NEEDED

CHILD = textwrap.dedent("""
    import sys
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit
    from annotator.ui.overrides import reported_errors

    app = QApplication([])

    def keyPressEvent(self, event):
        [][1]  # an IndexError the interpreter raises: on Python 3.11 PySide crashed on it

    Plain = type("Plain", (QLineEdit,), {"keyPressEvent": keyPressEvent})
    Ours = reported_errors(type("Ours", (QLineEdit,), {"keyPressEvent": keyPressEvent}))
    field = {"plain": Plain, "ours": Ours}[sys.argv[1]]()
    field.show()
    try:  # a key sent from Python, as a call that makes Qt paint or ask a model is
        QTest.keyClick(field, Qt.Key.Key_A)
    except IndexError:
        print("raised IndexError where Python called Qt", flush=True)
    print("still running", flush=True)
""")


def run_child(kind: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, kind], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_an_error_in_a_handler_run_from_python_is_an_exception_there_not_a_crash():
    # From the event loop PySide hands such an error to sys.excepthook; from a Python
    # call into Qt (show, repaint, a model reset, a sent event) it raises it again there,
    # and on Python 3.11 it crashed doing so (on 3.12 and later it does not, and the
    # decorator leaves the class alone)
    done = run_child("ours")
    assert "raised IndexError where Python called Qt" in done.stdout, done.stderr[-2000:]
    assert "still running" in done.stdout and done.returncode == 0


def test_without_it_python_3_11_crashes():
    done = run_child("plain")
    if NEEDED:
        assert done.returncode != 0 and "still running" not in done.stdout
    else:
        assert "still running" in done.stdout and done.returncode == 0


def test_every_qt_class_of_the_ui_reports_its_errors():
    missing = []
    for module_info in pkgutil.iter_modules(annotator.ui.__path__):
        module = importlib.import_module(f"annotator.ui.{module_info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            from_pyside = any(base.__module__.startswith("PySide6.") for base in cls.__mro__)
            if cls.__module__ == module.__name__ and from_pyside \
                    and not vars(cls).get("reports_errors"):
                missing.append(f"{module.__name__}.{name}")
    assert missing == [], "decorate these with @reported_errors (ui/overrides.py)"
