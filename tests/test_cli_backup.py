"""`annotator backup list|now|restore`, as a user runs it."""
import re

import pytest

from annotator.core.model import Document, make_span
from annotator.main import main, wants_cli
from annotator.store import Project
from annotator.store.backup import backups_dir, list_backups

TEXT = "The envoy claimed the deal was close. Officials denied it."


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def make_project(tmp_path, documents=2):
    path = tmp_path / "desk.annotator"
    project = Project.open(path)
    for number in range(documents):
        text = f"{TEXT} {number}"
        project.add_document(Document(text=text), [make_span(text, 4, 9, "claim")])
    project.close()
    return path


def add_document(path, text):
    project = Project.open(path)
    project.add_document(Document(text=text), [make_span(text, 0, 3, "quote")])
    project.close()


def document_count(path):
    project = Project.open(path)
    try:
        return project.document_count()
    finally:
        project.close()


def test_backup_is_a_command(tmp_path):
    assert wants_cli(["backup", "list"])
    assert wants_cli(["--project", str(tmp_path / "p.annotator"), "backup", "now"])


def test_now_then_list_shows_numbered_backups_newest_first(capsys, tmp_path):
    path = make_project(tmp_path)
    code, out, err = run(capsys, "backup", "list", "--project", str(path))
    assert code == 0 and out.startswith(f"No backups of {path} yet") and str(backups_dir(path)) in out
    code, out, err = run(capsys, "backup", "now", "--project", str(path))
    assert code == 0, err
    assert out.startswith(f"Backed up {path} (2 documents, 2 spans, ")
    code, out, _ = run(capsys, "--project", str(path), "backup", "now")
    assert code == 0 and out.startswith("Nothing changed since the newest backup")
    add_document(path, "New text here.")
    run(capsys, "backup", "--project", str(path), "now")
    code, out, _ = run(capsys, "backup", "list", "--project", str(path))
    assert code == 0
    rows = [line.split() for line in out.splitlines() if re.match(r"\s+\d+\s", line)]
    assert [(row[0], row[3], row[4]) for row in rows] == [("1", "3", "3"), ("2", "2", "2")]


def test_restore_by_number_and_undo_it_with_the_backup_it_made(capsys, tmp_path):
    path = make_project(tmp_path)
    run(capsys, "backup", "now", "--project", str(path))
    add_document(path, "Added after the backup.")
    code, out, err = run(capsys, "backup", "restore", "1", "--project", str(path))
    assert code == 0, err
    assert "(2 documents, 2 spans)" in out and "The project as it was is backup 1" in out
    assert document_count(path) == 2
    code, out, err = run(capsys, "backup", "restore", "1", "--project", str(path))
    assert code == 0, err
    assert document_count(path) == 3  # the added document is back


def test_restore_by_path_creates_a_lost_project(capsys, tmp_path):
    path = make_project(tmp_path)
    run(capsys, "backup", "now", "--project", str(path))
    saved = list_backups(path)[0].path
    for file in tmp_path.glob("desk.annotator*"):
        file.unlink()
    code, out, err = run(capsys, "backup", "restore", str(saved), "--project", str(path))
    assert code == 0, err
    assert document_count(path) == 2
    assert "The project as it was" not in out  # there was none


def test_bad_choices_are_refused_with_a_reason(capsys, tmp_path):
    path = make_project(tmp_path)
    code, _, err = run(capsys, "backup", "restore", "1", "--project", str(path))
    assert code == 1 and "no backup number 1" in err and "there are none yet" in err
    run(capsys, "backup", "now", "--project", str(path))
    code, _, err = run(capsys, "backup", "restore", "4", "--project", str(path))
    assert code == 1 and "there is 1 (see `annotator backup list`)" in err
    code, _, err = run(capsys, "backup", "restore", "nowhere.db", "--project", str(path))
    assert code == 1 and "nowhere.db: no such backup file" in err
    stranger = tmp_path / "notes.txt"
    stranger.write_text("not a database")
    before = path.read_bytes()
    code, _, err = run(capsys, "backup", "restore", str(stranger), "--project", str(path))
    assert code == 1 and "not a SQLite database" in err and "left untouched" in err
    assert path.read_bytes() == before
    assert "Traceback" not in err


def test_now_on_a_missing_project_is_refused_without_creating_it(capsys, tmp_path):
    missing = tmp_path / "none.annotator"
    code, _, err = run(capsys, "backup", "now", "--project", str(missing))
    assert code == 1 and "no such project" in err
    assert not missing.exists()


def test_an_action_is_required(capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["backup", "--project", str(tmp_path / "p.annotator")])
    assert stop.value.code == 2 and "ACTION" in capsys.readouterr().err
