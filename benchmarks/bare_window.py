"""The start-up floor, run as a whole process: ``python bare_window.py TEXT_FILE``.

A bare PySide6 application showing the seed article's text in a QPlainTextEdit of
the main window's default size, painted once (grab), then exit 0; what any Qt
program showing this text must do. Imports nothing from annotator.
"""
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit

WINDOW_SIZE = (1280, 800)  # annotator's main window default (DEFAULT_SIZE, ui/window_layout.py)


def paint_once(app, widget) -> int:
    """Show ``widget`` at the main window's size, paint it once (grab), close it: 0 if
    it painted. startup_parts.py paints its parts with this too, the same way."""
    widget.resize(*WINDOW_SIZE)
    widget.show()
    app.processEvents()
    painted = not widget.grab().isNull()
    widget.close()
    app.processEvents()
    return 0 if painted else 1


def main() -> int:
    app = QApplication(sys.argv[:1])
    editor = QPlainTextEdit()
    editor.setPlainText(Path(sys.argv[1]).read_text(encoding="utf-8"))
    return paint_once(app, editor)


if __name__ == "__main__":
    sys.exit(main())
