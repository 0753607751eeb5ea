"""Parts of the start-up, each run as a whole process, to show where its time goes.

``python startup_parts.py imports PROJECT TEXT_FILE``: everything ``annotator`` imports
on its way to the window (the same modules, with the collector paused as main() does),
then the floor's bare editor with the text, painted once. What the imports cost.

``python startup_parts.py view PROJECT TEXT_FILE``: the same imports, the project
opened, and the annotation view alone on its first document (the text with its spans
highlighted), painted once: no toolbar, menus, docks or status bar. What the rest of
the window costs is the whole start-up less this.

Both paint with the floor's own paint_once (bare_window.py): shown at the main window's
default size, events processed, grab(), closed.
"""
import sys
from pathlib import Path

from annotator.main import collector_paused_then_frozen


def imports_then_bare_editor(text_file: Path):
    from PySide6.QtWidgets import QPlainTextEdit
    editor = QPlainTextEdit()
    editor.setPlainText(text_file.read_text(encoding="utf-8"))
    return editor


def article_view_alone(project_path: Path):
    from annotator import session, workspace
    from annotator.ui.annotation_view import AnnotationView
    from annotator.user_settings import default_annotator
    project = workspace.open_project(project_path)
    shown = session.AnnotationSession(project, default_annotator())
    view = AnnotationView(shown)
    shown.open_document(project.first_document_id())
    return view


def main() -> int:
    part, project_path, text_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    with collector_paused_then_frozen():
        from annotator import compat, session, workspace  # noqa: F401  (as main() does)
        from annotator.ui.app import application
    # after our imports, as the app has them: PySide6 first would change what they cost
    from bare_window import paint_once  # this folder, as for any script run by its path
    app = application()
    widget = (imports_then_bare_editor(text_file) if part == "imports"
              else article_view_alone(project_path))
    return paint_once(app, widget)


if __name__ == "__main__":
    sys.exit(main())
