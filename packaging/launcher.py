"""The frozen bundle's entry point: the same `annotator` command as the installed one.

PyInstaller runs a script, not a module, so annotator/__main__.py (a relative import)
cannot be the entry; this file imports the package absolutely instead.
"""
import sys

from annotator.main import main

if __name__ == "__main__":
    sys.exit(main())
