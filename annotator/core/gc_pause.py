"""Pausing Python's cycle collector while a bulk operation holds many objects alive.

An import, an export or an agreement report holds hundreds of thousands of small
objects at once and makes no reference cycles, so reference counting frees all of it.
Each pass of the cycle collector, triggered by all those allocations, walks every live
object again for nothing.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cycle collection inside; it is switched back on after if it was on before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
