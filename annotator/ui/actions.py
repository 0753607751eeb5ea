"""The window's menus and shortcuts, in one place (the text view's own keys are in keys.py)."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from .. import __version__
from .message_box import plain_message_box
from .palette import use_dark_colours
from .projects import build_recent_menu

StandardKey = QKeySequence.StandardKey


def install_actions(window) -> dict[str, QAction]:
    session, view = window.session, window.view
    specs = {
        "File": [
            ("new_project", "&New project…", [QKeySequence("Ctrl+Shift+N")], window.new_project),
            ("open_project", "&Open project…", [QKeySequence("Ctrl+Shift+O")], window.open_project),
            ("import", "&Import files…", [StandardKey.Open], window.choose_files_to_import),
            ("import_folder", "Import &folder…", [QKeySequence("Ctrl+Shift+I")],
             window.choose_folder_to_import),
            ("export", "&Export…", [QKeySequence("Ctrl+E")], window.export_dialog),
            ("restore_backup", "Restore from &backup…", [], lambda: _open_backup_dialog(window)),
            ("quit", "&Quit", [StandardKey.Quit], window.close),
        ],
        "Edit": [
            ("undo", "&Undo", [StandardKey.Undo], window.undo),
            ("redo", "&Redo", [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], window.redo),
            ("delete", "&Delete span", [], session.delete_selected),
            ("labels", "&Labels and guidelines…", [QKeySequence("Ctrl+L")], window.edit_labels),
            ("find", "&Find in document…", [StandardKey.Find], lambda: window.corpus.find_bar.open()),
            ("find_next", "Find &next", [StandardKey.FindNext],
             lambda: window.corpus.find_bar.find_next()),
            ("find_previous", "Find pre&vious", [StandardKey.FindPrevious],
             lambda: window.corpus.find_bar.find_previous()),
            ("search", "&Search all documents…", [QKeySequence("Ctrl+Shift+F")],
             lambda: window.corpus.search_everywhere()),
            ("settings", "Se&ttings…", [QKeySequence("Ctrl+,")], window.show_settings),
        ],
        "View": [
            ("zoom_in", "Zoom &in", [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")], lambda: view.zoom(+1)),
            ("zoom_out", "Zoom &out", [QKeySequence("Ctrl+-")], lambda: view.zoom(-1)),
            ("zoom_reset", "&Actual size", [QKeySequence("Ctrl+0")], lambda: view.zoom(0)),
            ("dark", "&Dark colours", [QKeySequence("Ctrl+Shift+D")], lambda: toggle_dark(window)),
            ("statistics", "&Statistics…", [QKeySequence("Ctrl+Shift+T")], window.show_statistics),
            ("agreement", "A&greement…", [QKeySequence("Ctrl+Shift+G")], window.show_agreement),
            ("browser", "&Annotation browser", [QKeySequence("Ctrl+Shift+B")],
             lambda: window.corpus.show_browser()),
            ("adjudicate", "Ad&judicate", [QKeySequence("Ctrl+Shift+J")],
             lambda: window.adjudication.toggle()),
        ],
        "Go": [
            ("documents", "&Document list", [QKeySequence("Ctrl+Shift+L")],
             lambda: window.corpus.show_documents()),
            ("previous", "&Previous document", [QKeySequence("Alt+Left")], lambda: window.go(-1)),
            ("next", "&Next document", [QKeySequence("Alt+Right")], lambda: window.go(+1)),
            ("done", "Mark &done and go to next",
             [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")], window.mark_done_and_next),
        ],
        "Help": [
            ("shortcuts", "&Keyboard shortcuts", [QKeySequence("F1")], lambda: _show_shortcuts(window)),
            ("about", "&About annotator", [], lambda: show_about(window)),
        ],
    }
    actions = {}
    for menu_name, entries in specs.items():
        menu = window.menuBar().addMenu(f"&{menu_name}")
        for name, text, shortcuts, slot in entries:
            action = QAction(text, window)
            action.setShortcuts(shortcuts)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            menu.addAction(action)
            window.addAction(action)
            actions[name] = action
    file_menu = window.menuBar().actions()[0].menu()
    recent = QMenu("Recent &projects", file_menu)
    file_menu.insertMenu(actions["import"], recent)
    build_recent_menu(recent, window.open_project_at)
    actions["dark"].setCheckable(True)
    actions["dark"].setChecked(QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark)
    return actions


def toggle_dark(window) -> None:
    use_dark_colours(window.actions_by_name["dark"].isChecked())


def show_about(window) -> None:
    text = (f"annotator {__version__}\n\nLabel claims, denials, demands and quotes in news "
            f"articles, say who said them, and export clean datasets.\n\n"
            f"Project: {window.project.path or 'in memory'}\n"
            f"Python {sys.version.split()[0]}, Qt {qVersion()}")
    box = plain_message_box("information", "About annotator", text, parent=window)
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.open()
    window.about_box = box


def _show_shortcuts(window) -> None:
    from .shortcuts_dialog import show_shortcuts  # imported when first asked for
    show_shortcuts(window)


def _open_backup_dialog(window) -> None:
    # imported when first asked for, not at start-up
    from .backup_dialog import open_backup_dialog
    open_backup_dialog(window)
