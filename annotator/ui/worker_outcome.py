"""What a worker thread hands to the GUI thread: a result, or the exception it raised.

An exception raised in a worker would end the thread unseen, and one raised into Qt
is not the user's business; both kinds are returned instead and shown by the window.
"""
from __future__ import annotations

import sys
import traceback
from typing import Callable, TypeVar

T = TypeVar("T")


def outcome_of(run: Callable[[], T], expected: tuple[type[Exception], ...]) -> T | Exception:
    """``run()``'s result, or the exception it raised. ``expected`` are the failures
    whose message is meant for users; any other is a bug, so its traceback is printed."""
    try:
        return run()
    except Exception as error:  # noqa: BLE001 -- handed to the GUI thread, never raised into Qt
        if not isinstance(error, expected):
            traceback.print_exception(error, file=sys.stderr)
        return error
