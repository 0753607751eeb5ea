"""Bringing files into a project: read, resolve, check, store, report."""
from .service import ImportOptions, ImportReport, import_file, import_paths

__all__ = ["ImportOptions", "ImportReport", "import_file", "import_paths"]
