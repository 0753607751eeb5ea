"""An error in one of our Qt event handlers or model methods never crashes the app.

On CPython 3.11 an error the interpreter raises itself (an index out of range, a wrong
type, a division by zero) travels up as a bare type and message until something
catches it. When it leaves a Python override of a C++ virtual (``paintEvent``,
``keyPressEvent``, ``eventFilter``, a model's ``data``...) that Python code reached by
calling into Qt (``show``, ``repaint``, a model reset, ``processEvents``), PySide 6.11
keeps it to raise again at that call, reads it as a whole exception object and
crashes: a segmentation fault. (From the event loop PySide hands it to
``sys.excepthook``, ui/store_failures.py, and the app runs on.) An error that has been
caught and raised again is whole.

``reported_errors`` makes every method of a class that overrides a method of its Qt
bases do that, so such an error is an ordinary exception where Python called Qt.
Python 3.12 makes every exception whole when raised: there the classes are left as
they are.
"""
from __future__ import annotations

import functools
import sys
from types import FunctionType

NEEDED = sys.version_info < (3, 12)


def reported_errors(cls: type) -> type:
    """Class decorator: its overrides of Qt methods hand PySide whole errors."""
    cls.reports_errors = True  # every Qt class of ours says so (tests/ui/test_overrides.py)
    if not NEEDED:
        return cls
    qt_bases = [base for base in cls.__mro__ if base.__module__.startswith("PySide6.")]
    for name, value in list(vars(cls).items()):
        if isinstance(value, FunctionType) and any(hasattr(base, name) for base in qt_bases):
            setattr(cls, name, _raising_whole_errors(value))
    return cls


def _raising_whole_errors(method: FunctionType) -> FunctionType:
    @functools.wraps(method)
    def override(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except BaseException:
            raise  # caught, the error is a whole exception object that PySide can hand on
    return override
