"""What start-up leaves out, and the collector pause around its imports (main.py).

Each check starts a fresh interpreter: in this one everything is imported already.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
# Made or imported when first needed, never for the first painted window.
NOT_AT_START_UP = (
    "annotator.importing", "annotator.ui.window_importing", "annotator.ui.import_runner",
    "annotator.ui.adjudication_panel", "annotator.adjudicating", "annotator.ui.find_bar",
    "annotator.ui.name_dialog", "annotator.ui.search_panel", "annotator.ui.annotation_browser",
    "annotator.ui.label_editor", "annotator.ui.stats_view", "annotator.ui.agreement_view",
    "annotator.ui.backup_timer", "annotator.store.backup",
    "click", "pluggy", "dateutil.parser", "pandas", "numpy",
)


def run_fresh(code: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPOSITORY, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


# QtWidgets classes the window never uses. A widget Qt made itself (a scroll area's
# viewport) reached through a method returning QWidget* makes PySide try every QtWidgets
# class, making each one's Python type and enums: 6 ms of start-up (ui/viewport.py).
NEVER_MADE = ("QWizard", "QCalendarWidget", "QMdiSubWindow", "QLCDNumber", "QUndoView")


def test_a_smoke_run_paints_the_article_without_what_start_up_leaves_out(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Le Drian said Iran should address concerns.", encoding="utf-8")
    project = tmp_path / "p.annotator"
    # an article in a project first, by the CLI in its own process (importing is its job)
    run_fresh(f"from annotator.main import main; main(['import', {str(article)!r}, "
              f"'--project', {str(project)!r}])")
    lines = run_fresh(f"""
        import sys
        import PySide6.QtWidgets as widgets
        from annotator.main import main
        code = main(["--smoke-test", "--project", {str(project)!r}])
        print(code, sorted(name for name in {NOT_AT_START_UP!r} if name in sys.modules))
        print([name for name in {NEVER_MADE!r} if name in vars(widgets)])
    """)
    assert lines[0] == "smoke test: window painted on 'Le Drian said Iran should address concerns.'"
    assert lines[1] == "0 []"  # no module start-up leaves out
    assert lines[2] == "[]"  # no widget class made by searching for a widget's type


def test_the_start_up_imports_run_without_the_collector_and_are_then_frozen():
    lines = run_fresh("""
        import gc
        from annotator.main import collector_paused_then_frozen
        with collector_paused_then_frozen():
            during = gc.isenabled()
            import annotator.ui.app
        print(during, gc.isenabled(), gc.get_freeze_count() > 0)
    """)
    assert lines == ["False True True"]


def test_where_the_app_is_imported_already_nothing_is_paused_or_frozen():
    # compared with the count before: PySide 6.12 or Python 3.12 may freeze some of
    # their own objects at import
    lines = run_fresh("""
        import gc
        import annotator.ui.app
        from annotator.main import collector_paused_then_frozen
        frozen_before = gc.get_freeze_count()
        with collector_paused_then_frozen():
            during = gc.isenabled()
        print(during, gc.get_freeze_count() - frozen_before)
    """)
    assert lines == ["True 0"]


def test_pyside_reads_no_annotator_source_and_every_module_using_qt_is_answered_so():
    # The hook's answer matters only to a module that calls Qt: USES_PYSIDE for every
    # such module; IGNORED (the answer for a module with no Qt in it) for no such module.
    lines = run_fresh("""
        import sys
        from annotator import compat, session, workspace  # as main() does, before Qt
        import annotator.ui.source_scan as scan
        feature = sys.modules.get("shibokensupport.feature")
        if scan.answered_in_advance() is None or not hasattr(feature, "_mod_uses_pyside"):
            print("no table")  # a PySide without the hook's table: nothing to spare
            raise SystemExit(0)
        read = []
        own_test = feature._mod_uses_pyside
        feature._mod_uses_pyside = lambda module: read.append(module.__name__) or own_test(module)
        import annotator.ui.app

        def uses_qt(module):
            return any(str(getattr(value, "__module__", None)).startswith("PySide6")
                       or str(getattr(value, "__name__", None)).startswith("PySide6")
                       for value in vars(module).values())

        table = scan.answered_in_advance()
        ignored_but_using_qt = [name for name, module in list(sys.modules.items())
                                if table.get(name) == scan.IGNORED and uses_qt(module)
                                and not name.startswith(scan.QT_OWN)]  # PySide's own answers
        window_modules_not_answered_so = [
            name for name, module in list(sys.modules.items())
            if name.startswith("annotator") and uses_qt(module)
            and table.get(name) != scan.USES_PYSIDE]
        print(sorted(name for name in read if name.startswith("annotator")))
        print(ignored_but_using_qt, window_modules_not_answered_so)
        window, qt_free = scan.annotator_module_names()
        print(len(window) > 40, "annotator.ui.main_window" in window, "annotator.ui" in window,
              "annotator.store.backup" in qt_free, "annotator" in qt_free)
    """)
    if lines == ["no table"]:
        pytest.skip("this PySide has no __feature__ table (source_scan does nothing)")
    assert lines == ["[]", "[] []", "True True True True True"]


def test_a_smoke_run_makes_no_enums_of_classes_it_does_not_use(tmp_path):
    # The first viewport() would have PySide try every QtWidgets class (ui/viewport.py);
    # fillRect's overloads made QGradient ready (ui/span_painter.fill); message boxes
    # and file dialogs are made ready when first shown (ui/message_box.py).
    lines = run_fresh(f"""
        import enum
        from annotator.main import main
        main(["--smoke-test", "--project", {str(tmp_path / "p.annotator")!r}])
        made, stack = set(), [enum.Enum]
        while stack:
            for subclass in stack.pop().__subclasses__():
                made.add(subclass.__qualname__)
                stack.append(subclass)
        print(sorted(made & {{"QWizard.WizardOption", "QColorDialog.ColorDialogOption",
                             "QCalendarWidget.SelectionMode", "QMdiArea.ViewMode",
                             "QGradient.Preset", "QMessageBox.StandardButton",
                             "QFileDialog.FileMode"}}))
    """)
    assert lines[-1] == "[]"
