"""A file dialog listing the folder of the open project never reads the project: the
dialog's Type column sniffed each file's content (a .annotator file, whose name pattern
no MIME database knows, was opened and closed), which released every SQLite lock this
process held on it (see tests/store/test_locks_kept.py)."""
from pathlib import Path

from annotator.core.model import Document, make_span
from annotator.store import Project
from annotator.ui.file_dialogs import file_dialog

from ..store.test_locks_kept import another_program_reads, spans_seen_by_a_fresh_reader

TEXT = "Zarif countered that Europe needed to act."


def test_a_file_dialog_on_the_projects_folder_keeps_its_locks(qtbot, tmp_path):
    path = tmp_path / "p.annotator"
    project = Project.open(path)
    document = project.add_document(Document(text=TEXT, title="T"))
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    dialog = file_dialog(None, "Import files", str(tmp_path), "All files (*)")
    qtbot.addWidget(dialog)
    dialog.show()
    from PySide6.QtWidgets import QFileSystemModel
    listing = dialog.findChild(QFileSystemModel)
    folder = listing.index(str(tmp_path))
    qtbot.waitUntil(lambda: listing.rowCount(folder) >= 2, timeout=5000)  # with its log files
    names = {listing.index(row, 0, folder).data() for row in range(listing.rowCount(folder))}
    assert {"p.annotator", "notes.txt"} <= names
    for row in range(listing.rowCount(folder)):  # the Type column and the icons, as shown
        index = listing.index(row, 2, folder)
        index.data()
        listing.fileIcon(index)
    qtbot.wait(300)  # the dialog's gatherer thread fills in types and icons
    dialog.close()
    another_program_reads(path)
    assert Path(f"{path}-wal").exists(), "the window's write-ahead log was deleted under it"
    project.add_span(document.id, make_span(TEXT, 0, 5, "quote"))
    assert spans_seen_by_a_fresh_reader(path) == 1
    project.close()


def answer_the_dialog(name: str | None) -> None:
    """Type ``name`` into the file dialog about to open and accept it (None: cancel)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QFileDialog) and w.isVisible())
        if name is None:
            dialog.reject()
            return
        dialog.findChild(QLineEdit, "fileNameEdit").setText(name)
        dialog.accept()
    QTimer.singleShot(300, answer)


def test_each_dialog_answers_as_qts_static_function_of_its_kind_does(qtbot, tmp_path):
    from annotator.ui import file_dialogs
    for name in ("a.annotator", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    folder = str(tmp_path)
    answer_the_dialog("a.annotator")
    assert file_dialogs.open_file_name(None, "Open", folder, "Projects (*.annotator)") == \
        str(tmp_path / "a.annotator")
    answer_the_dialog('"b.txt" "a.annotator"')
    assert file_dialogs.open_file_names(None, "Import", folder, "All (*)") == [
        str(tmp_path / "b.txt"), str(tmp_path / "a.annotator")]
    answer_the_dialog("new.csv")
    assert file_dialogs.save_file_name(None, "Save", folder, "CSV (*.csv)") == str(tmp_path / "new.csv")
    answer_the_dialog(None)
    assert file_dialogs.save_file_name(None, "Save", folder, "") == ""
    answer_the_dialog(folder)
    assert file_dialogs.existing_folder(None, "Folder", str(tmp_path.parent)) == folder
