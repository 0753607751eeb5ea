"""An export says how many documents it has written, as it writes them."""
from __future__ import annotations

import pytest

from annotator.core.model import Document, make_span
from annotator.exporting import ExportFilter, ExportRequest, export, parse_split
from annotator.exporting import progress as progress_module
from annotator.store import Project


@pytest.fixture
def many(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_module, "EVERY", 7)  # several reports from 50 documents
    project = Project.open(tmp_path / "p.annotator")
    for number in range(50):
        text = f"Story {number}: the minister denied it."
        project.add_document(Document(text=text, title=f"Story {number}", source=f"s{number % 5}"),
                             [make_span(text, 10 + len(str(number)), 22 + len(str(number)),
                                        "claim")])
    yield project
    project.close()


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "doccano", "csv"])
def test_a_single_export_reports_documents_done_up_to_the_whole(many, tmp_path, fmt):
    reports = []
    request = ExportRequest(tmp_path / f"out-{fmt}", fmt=fmt, filters=ExportFilter(statuses=None))
    export(many, request, progress=lambda done, total: reports.append((done, total)))
    assert len(reports) > 3
    assert {total for _, total in reports} == {50}
    done = [d for d, _ in reports]
    assert done == sorted(set(done)), "progress only ever moves forward"
    assert done[-1] == 50


def test_a_split_export_counts_across_its_parts(many, tmp_path):
    reports = []
    request = ExportRequest(tmp_path / "split", filters=ExportFilter(statuses=None),
                            split=parse_split("60/20/20", 13, None))
    export(many, request, progress=lambda done, total: reports.append((done, total)))
    done = [d for d, _ in reports]
    assert done == sorted(set(done)) and done[-1] == 50
    assert {total for _, total in reports} == {50}


def test_without_a_listener_the_writer_gets_the_plain_list(many, tmp_path, monkeypatch):
    seen = []
    from annotator.formats import native
    real = native.write

    def spy(docs, target, options):
        seen.append(type(docs))
        return real(docs, target, options)

    monkeypatch.setattr(native, "write", spy)
    export(many, ExportRequest(tmp_path / "plain.jsonl", filters=ExportFilter(statuses=None)))
    assert seen == [list]


class _Terminal:
    """Stands in for stderr on a terminal: tqdm draws its bar only there."""

    def __init__(self):
        self.written = []

    def isatty(self):
        return True

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_the_cli_draws_a_document_bar_on_a_terminal_only(many, tmp_path, monkeypatch, capsys):
    from annotator import cli

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["export", "--project", str(many.path), "--status", "any",
                     "--out", str(tmp_path / "bar.jsonl")]) == 0
    drawn = "".join(terminal.written)
    assert "exporting" in drawn and "/50 " in drawn and "documents" in drawn
    monkeypatch.undo()
    assert cli.main(["export", "--project", str(many.path), "--status", "any",
                     "--out", str(tmp_path / "quiet.jsonl")]) == 0
    assert "exporting" not in capsys.readouterr().err
