"""Rolling backups: whole copies of one moment, kept K at a time, skipped when nothing
changed, and a restore that can itself be undone."""
import hashlib
import sqlite3
from contextlib import closing

import pytest

from annotator import paths
from annotator.core.model import Document, make_span
from annotator.store import Project, ProjectError, backup
from annotator.store.backup import (
    BackupStopped,
    backup_now,
    backups_dir,
    list_backups,
    restore_backup,
)
from annotator.store.labels import LabelStore

TEXT = "The minister said talks would resume. Officials denied it."


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "work" / "news.annotator"
    project = Project.open(path)
    for number in range(3):
        text = f"{TEXT} ({number})"
        project.add_document(Document(text=text, title=f"article {number}"),
                             [make_span(text, 4, 12, "claim", speaker="the minister")])
    project.close()
    return path


@pytest.fixture
def project(project_path):
    opened = Project.open(project_path)
    yield opened
    opened.close()


def file_sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def spans_in(path):
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute('SELECT id, start, "end", label, speaker FROM spans ORDER BY id').fetchall()


def add_span(project, document_id=1, start=18, end=23, label="quote"):
    text = project.document_text(document_id)
    return project.add_span(document_id, make_span(text, start, end, label))


def test_a_backup_is_a_whole_single_file_project_in_the_user_data_folder(project_path, project):
    made = backup_now(project)
    assert made is not None and made.parent == backups_dir(project_path)
    assert made.is_relative_to(paths.data_dir() / "backups")
    assert made.parent.name.startswith("news-")
    assert sorted(p.name for p in project_path.parent.iterdir()) == [
        "news.annotator", "news.annotator-shm", "news.annotator-wal"]  # nothing added beside it
    assert [p.name for p in made.parent.iterdir() if p.name.startswith(".")] == []  # no .part
    assert not made.with_name(made.name + "-wal").exists()
    with closing(sqlite3.connect(made)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert spans_in(made) == spans_in(project_path)
    assert (made.parent / "project-path.txt").read_text("utf-8").strip() == str(project_path)


def test_a_backup_taken_while_another_connection_writes_is_of_one_moment(
        project_path, project, monkeypatch):
    monkeypatch.setattr(backup, "STEP_PAGES", 1)  # many steps, with writes between them
    writes = []

    def write_between_steps():
        if len(writes) < 3:  # another connection commits a new span while the copy runs
            writes.append(add_span(project, document_id=len(writes) + 1).id)
        return False

    before = spans_in(project_path)
    made = backup_now(project_path, should_stop=write_between_steps)
    assert len(writes) == 3
    assert spans_in(made) == before  # the moment the backup began, none of the writes
    assert len(spans_in(project_path)) == len(before) + 3  # the writes were not held up
    with closing(sqlite3.connect(made)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert backup.content_fingerprint(copy) in made.name  # named after what it holds
    later = backup_now(project_path)
    assert later is not None and spans_in(later) == spans_in(project_path)


def test_nothing_changed_means_no_new_backup(project_path, project):
    first = backup_now(project_path)
    assert backup_now(project_path) is None
    project.set_setting("last_document", "2")  # reading another document is no edit
    assert backup_now(project_path) is None
    span = add_span(project)
    second = backup_now(project_path)
    assert second is not None and second != first
    project.change_span(span.id, speaker="a spokesperson")
    third = backup_now(project_path)
    assert third is not None
    LabelStore(project).update_label("quote", name="citation")  # spans follow the label
    assert backup_now(project_path) is not None
    assert len(list_backups(project_path)) == 4


def test_the_newest_k_are_kept_and_other_files_left_alone(project_path, project):
    made = []
    for number in range(5):
        add_span(project, start=4 + number, end=12)
        made.append(backup_now(project_path, keep=3))
    folder = backups_dir(project_path)
    (folder / "notes.txt").write_text("mine")
    add_span(project, start=13, end=17)
    newest = backup_now(project_path, keep=3)
    kept = [info.path for info in list_backups(project_path)]
    assert kept == [newest, made[4], made[3]]
    assert (folder / "notes.txt").read_text() == "mine"


def test_list_tells_time_size_and_what_each_backup_holds(project_path, project):
    older = backup_now(project_path)
    add_span(project)
    newer = backup_now(project_path)
    infos = list_backups(project_path)
    assert [info.path for info in infos] == [newer, older]  # newest first
    assert [(info.documents, info.spans) for info in infos] == [(3, 4), (3, 3)]
    assert infos[0].taken >= infos[1].taken and infos[0].taken.tzinfo is not None
    assert infos[0].size == newer.stat().st_size and infos[0].size_text.endswith("KB")
    broken = older.parent / f"20000101T000000.000Z-{'0' * 16}{backup.SUFFIX}"
    broken.write_bytes(b"not a database at all, but named like a backup" * 100)
    problem = next(info for info in list_backups(project_path) if info.path == broken)
    assert problem.documents is None and "unreadable" in problem.problem


def test_restore_brings_the_content_back_and_the_state_it_replaced_is_backed_up(
        project_path, project):
    saved = backup_now(project_path)
    add_span(project)
    project.set_status(2, "done")
    edited = spans_in(project_path)
    result = restore_backup(project_path, saved)
    assert spans_in(project_path) == spans_in(saved)
    assert project.document(2).status == "in-progress"  # an open connection sees it too
    assert result.before is not None and spans_in(result.before) == edited
    restore_backup(project_path, result.before)  # the restore undone
    assert spans_in(project_path) == edited and project.document(2).status == "done"
    reopened = Project.open(project_path)
    assert reopened.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reopened.close()


def test_restoring_an_unchanged_project_names_the_newest_backup_as_the_way_back(
        project_path, project):
    older = backup_now(project_path)
    add_span(project)
    newest = backup_now(project_path)
    result = restore_backup(project_path, older)
    assert result.before == newest
    assert len(list_backups(project_path)) == 2  # nothing new to keep


def test_restoring_the_oldest_of_k_backups_keeps_it_until_it_is_read(project_path, project):
    made = []
    for number in range(3):
        add_span(project, start=4 + number, end=12)
        made.append(backup_now(project_path, keep=3))
    add_span(project, start=13, end=17)
    result = restore_backup(project_path, made[0], keep=3)
    assert spans_in(project_path) == spans_in(made[0])
    assert result.before not in made and result.before.exists()


def test_a_missing_project_is_created_from_a_backup(project_path, tmp_path):
    saved = backup_now(project_path)
    project_path.unlink()
    for leftover in project_path.parent.glob("news.annotator-*"):
        leftover.unlink()
    result = restore_backup(project_path, saved)
    assert result.before is None
    assert spans_in(project_path) == spans_in(saved)


def corrupt(path):
    """Scribble over the page headers after the first page (which stays readable)."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    for offset in range(page, len(data), page):
        data[offset:offset + 12] = b"\x07" * 12  # 7 is no b-tree page type
    path.write_bytes(bytes(data))


def empty_an_index(path):
    """Make an index lose its entries: the file opens, only an integrity check tells."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans_document'"
                            ).fetchone()[0]
    data = bytearray(path.read_bytes())
    header = (root - 1) * 4096
    assert data[header] == 10  # a leaf page of an index
    data[header + 3:header + 5] = b"\x00\x00"  # holding no cells
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["damaged", "inconsistent", "foreign", "text", "empty",
                                  "missing"])
def test_a_bad_backup_is_refused_and_nothing_is_touched(project_path, project, tmp_path, kind):
    saved = backup_now(project_path)
    add_span(project)
    bad = tmp_path / f"{kind}.annotator-backup"
    if kind == "damaged":
        bad.write_bytes(saved.read_bytes())
        corrupt(bad)
    elif kind == "inconsistent":
        bad.write_bytes(saved.read_bytes())
        empty_an_index(bad)
    elif kind == "foreign":
        with closing(sqlite3.connect(bad)) as other:
            other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    elif kind == "text":
        bad.write_text("hello")
    elif kind == "empty":
        bad.touch()
    project.close()
    before, kept = file_sha(project_path), list(backups_dir(project_path).iterdir())
    with pytest.raises(ProjectError) as refused:
        restore_backup(project_path, bad)
    message = str(refused.value)
    assert str(bad) in message
    expected = {"damaged": "damaged", "inconsistent": "missing from index spans_document",
                "foreign": "another application", "text": "not a SQLite",
                "empty": "not an annotator project", "missing": "no such backup"}[kind]
    assert expected in message and "the project was left untouched" in message
    assert file_sha(project_path) == before  # the project exactly as it was
    assert list(backups_dir(project_path).iterdir()) == kept  # and no backup made for nothing


def test_a_stopped_backup_leaves_nothing_behind(project_path, monkeypatch):
    monkeypatch.setattr(backup, "STEP_PAGES", 1)
    with pytest.raises(BackupStopped):
        backup_now(project_path, should_stop=lambda: True)
    assert list_backups(project_path) == []
    assert [p.name for p in backups_dir(project_path).iterdir()] == []


def test_a_project_without_a_file_has_no_backups_and_a_missing_one_is_refused(tmp_path):
    in_memory = Project.in_memory()
    assert backup_now(in_memory) is None
    in_memory.close()
    with pytest.raises(ProjectError, match="no such project"):
        backup_now(tmp_path / "absent.annotator")
    assert not (tmp_path / "absent.annotator").exists()
    assert list_backups(tmp_path / "absent.annotator") == []


def test_two_projects_of_the_same_name_keep_their_backups_apart(tmp_path):
    first, second = tmp_path / "a" / "news.annotator", tmp_path / "b" / "news.annotator"
    for path in (first, second):
        Project.open(path).close()
    assert backups_dir(first) != backups_dir(second)
    backup_now(first)
    assert len(list_backups(first)) == 1 and list_backups(second) == []


def test_a_damaged_project_is_left_as_it_is_with_the_way_to_restore_it(project_path):
    saved = backup_now(project_path)
    project_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # a wrecked header
    wrecked = file_sha(project_path)
    with pytest.raises(ProjectError) as refused:
        restore_backup(project_path, saved)
    assert "move that file aside" in str(refused.value)
    assert file_sha(project_path) == wrecked
    project_path.rename(project_path.with_name("wrecked.annotator"))
    restore_backup(project_path, saved)
    assert spans_in(project_path) == spans_in(saved)
