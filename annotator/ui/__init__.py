"""The desktop interface: the only package that imports PySide6."""
# First, before any window module is imported: see source_scan.
from . import source_scan  # noqa: F401
