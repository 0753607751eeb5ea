"""The export service: filters, offset checks, splits, manifests, whole-or-nothing files."""
import json

import pytest

from annotator.core.model import Document, make_span
from annotator.exporting import (ExportError, ExportFilter, ExportRequest, export, parse_split)
from annotator.exporting.manifest import checksum
from annotator.exporting.splits import group_key, split
from annotator.formats import native
from annotator.formats.export_base import ExportDoc, WriterOptions
from annotator.store import Project

LABELS = ("claim", "denial", "demand", "quote")


@pytest.fixture
def filled(tmp_path):
    """40 done documents from 8 sources, spans of every label, two annotators."""
    project = Project.open(tmp_path / "p.annotator")
    for number in range(40):
        text = f"Story {number}: the minister 😀 denied it.\r\nOfficials demanded more."
        spans = [make_span(text, 13, 25, LABELS[number % 4], annotator="ana" if number % 2 else "bo"),
                 make_span(text, 40, 49, "demand", annotator="bo")]
        doc = project.add_document(
            Document(text=text, title=f"Story {number}", source=f"outlet{number % 8}",
                     published=f"2024-01-{number % 28 + 1:02d}"), spans)
        project.set_status(doc.id, "done")
    yield project
    project.close()


def lines(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_native_export_with_manifest_and_checksum(filled, tmp_path):
    out = tmp_path / "data.jsonl"
    result = export(filled, ExportRequest(out))
    records = lines(out)
    assert len(records) == 40 and result.spans == 80
    manifest = json.loads(result.manifest_path.read_text("utf-8"))
    assert result.manifest_path == tmp_path / "data.jsonl.manifest.json"
    assert manifest["offset_unit"] == "codepoint" and manifest["format"] == "jsonl"
    assert manifest["counts"]["all"]["labels"]["demand"] == 40 + 10
    assert manifest["files"] == [{"name": "data.jsonl", "bytes": out.stat().st_size,
                                  "sha256": checksum(out)}]
    assert manifest["filters"]["status"] == ["done"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_filters_by_label_annotator_source_and_date(filled, tmp_path):
    out = tmp_path / "f.jsonl"
    export(filled, ExportRequest(out, filters=ExportFilter(labels=["denial"], annotators=["ana"],
                                                           sources=["outlet1", "outlet5"],
                                                           since="2024-01-02", until="2024-01-30")))
    records = lines(out)
    assert {r["source"] for r in records} == {"outlet1", "outlet5"}
    assert all(s["label"] == "denial" and s["annotator"] == "ana" for r in records for s in r["spans"])
    assert sum(len(r["spans"]) for r in records) == 10  # numbers 1, 5, 9, … 37: denials by ana


def test_unknown_label_filter_is_refused(filled, tmp_path):
    with pytest.raises(ExportError, match="unknown label 'rumour'"):
        export(filled, ExportRequest(tmp_path / "x.jsonl", filters=ExportFilter(labels=["rumour"])))


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_export_never_replaces_the_project_nor_its_journal(filled, suffix):
    """--out naming the open project (a slip of the file dialog) swapped the analysts'
    work for a JSONL file, and said it had exported."""
    filled.set_setting("touched", "yes")  # the log files exist, as in a working session
    target = filled.path.with_name(filled.path.name + suffix)
    size = target.stat().st_size
    with pytest.raises(ExportError, match="SQLite database"):
        export(filled, ExportRequest(target, options=WriterOptions()))
    # the shared-memory index changes as the export reads: its size and kind do not
    assert target.stat().st_size == size and not target.read_bytes().startswith(b"{")
    assert filled.document_count() == 40 and filled.setting("touched") == "yes"
    assert not target.with_name(target.name + ".manifest.json").exists()


def test_an_export_never_replaces_another_sqlite_database(filled, tmp_path):
    import sqlite3
    other = tmp_path / "other.annotator"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    with pytest.raises(ExportError, match="it is a SQLite database"):
        export(filled, ExportRequest(other))
    assert other.read_bytes() == before


def test_utf16_offsets_fit_the_utf16_text(filled, tmp_path):
    out = tmp_path / "u.jsonl"
    export(filled, ExportRequest(out, options=WriterOptions(offset_unit="utf16")))
    for record in lines(out):
        units = record["text"].encode("utf-16-le")
        for span in record["spans"]:
            assert units[2 * span["start"]:2 * span["end"]].decode("utf-16-le") == span["text"]
        assert record["offset_unit"] == "utf16"


def test_a_span_that_drifted_stops_the_export_and_writes_nothing(filled, tmp_path):
    with filled.transaction():
        filled.db.execute("UPDATE spans SET text = 'tampered!!!!' WHERE id = 3")
    out = tmp_path / "x.jsonl"
    with pytest.raises(ExportError, match="nothing was written.*does not match"):
        export(filled, ExportRequest(out))
    assert list(tmp_path.glob("x.jsonl*")) == []


def test_a_failing_writer_leaves_no_file_and_keeps_the_old_one(filled, tmp_path, monkeypatch):
    out = tmp_path / "keep.jsonl"
    out.write_text("earlier export\n")

    def broken(docs, target, options):
        target.write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(native, "write", broken)
    with pytest.raises(OSError):
        export(filled, ExportRequest(out))
    assert out.read_text() == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.jsonl", "p.annotator",
                                                          "p.annotator-shm", "p.annotator-wal"]


def test_a_folder_that_is_not_an_export_is_never_replaced(filled, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("precious")
    with pytest.raises(ExportError, match="not an earlier annotator export"):
        export(filled, ExportRequest(folder, split=parse_split("80/20")))
    assert (folder / "thesis.docx").read_text() == "precious"


def test_split_folder_with_one_file_per_split_and_achieved_ratios(filled, tmp_path):
    out = tmp_path / "splits"
    result = export(filled, ExportRequest(out, split=parse_split("80/10/10", seed=7)))
    assert sorted(p.name for p in out.iterdir()) == ["dev.jsonl", "manifest.json", "test.jsonl",
                                                     "train.jsonl"]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["split"]["requested"] == {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert manifest["split"]["achieved"] == {"train": 0.8, "dev": 0.1, "test": 0.1}
    assert {f["name"] for f in manifest["files"]} == {"train.jsonl", "dev.jsonl", "test.jsonl"}
    assert sum(len(lines(out / f"{n}.jsonl")) for n in ("train", "dev", "test")) == 40
    again = export(filled, ExportRequest(out, split=parse_split("80/10/10", seed=7)))
    assert again.counts == result.counts  # an earlier export folder is replaced


def docs_for_split(count=60):
    docs = []
    for number in range(count):
        text = f"Text number {number} with words."
        label = LABELS[number % 4] if number % 5 else "quote"
        docs.append(ExportDoc(Document(text=text, id=number + 1, source=f"s{number % 12}",
                                       metadata={"story": f"st{number // 3}"}),
                              [make_span(text, 0, 4, label)]))
    return docs


def test_split_is_deterministic_and_seed_dependent():
    docs = docs_for_split()
    first = split(docs, parse_split("80/10/10", seed=1))
    assert split(docs, parse_split("80/10/10", seed=1)) == first
    other = split(docs, parse_split("80/10/10", seed=2))
    assert [d.document.id for d in other["test"]] != [d.document.id for d in first["test"]]


@pytest.mark.parametrize("group_by", ["source", "story"])
def test_no_group_lands_in_two_splits(group_by):
    parts = split(docs_for_split(), parse_split("70/15/15", seed=3, group_by=group_by))
    where = {}
    for name, members in parts.items():
        for doc in members:
            key = group_key(doc, group_by)
            assert where.setdefault(key, name) == name, f"{key} in {where[key]} and {name}"
    sizes = {name: len(members) for name, members in parts.items()}
    assert sizes["train"] >= 35 and sizes["dev"] >= 5 and sizes["test"] >= 5


def test_labels_are_spread_over_the_splits():
    parts = split(docs_for_split(200), parse_split("50/50", seed=5))
    for label in LABELS:
        counts = [sum(1 for d in parts[n] for s in d.spans if s.label == label) for n in ("train", "test")]
        assert abs(counts[0] - counts[1]) <= 2, (label, counts)


@pytest.mark.parametrize("bad", ["80-20", "80/10/5/5", "0/0", "a/b"])
def test_bad_split_ratios_are_explained(bad):
    with pytest.raises(ExportError, match="--split"):
        parse_split(bad)


@pytest.mark.parametrize("fmt,split_spec", [("brat", None), ("jsonl", "80/20"), ("doccano", None)])
def test_an_export_folder_imports_back_without_complaint(filled, tmp_path, fmt, split_spec):
    from annotator.importing import ImportOptions, import_paths
    out = tmp_path / "export"
    if fmt == "doccano":
        out = tmp_path / "export" / "data.jsonl"  # a file with its manifest beside it
    export(filled, ExportRequest(out, fmt=fmt, split=parse_split(split_spec) if split_spec else None))
    fresh = Project.in_memory()
    report = import_paths(fresh, [tmp_path / "export"], ImportOptions(annotator="x"))
    assert report.ok, report.problems
    assert fresh.document_count() == 40 and fresh.span_count() == 80


# -- nothing selected: the hint names only statuses that hold documents --------------

def nothing_selected_message(project, statuses, tmp_path, **filters) -> str:
    with pytest.raises(ExportError) as raised:
        export(project, ExportRequest(tmp_path / "x.jsonl",
                                      filters=ExportFilter(statuses=statuses, **filters)))
    return str(raised.value)


def test_the_hint_never_suggests_the_status_just_asked_for(filled, tmp_path):
    # every document of `filled` is done
    for asked in (["new"], ["in-progress"], ["new", "skipped"]):
        message = nothing_selected_message(filled, asked, tmp_path)
        assert message.endswith("nothing was written. The project's other documents are "
                                f"marked done ({filled.document_count()}): use --status done "
                                "or --status any to export them"), message
        assert "in-progress" not in message.split("nothing was written")[1]


def test_the_hint_lists_every_status_holding_documents_and_only_those(filled, tmp_path):
    first = next(iter(filled.documents()))
    filled.set_status(first.id, "skipped")
    message = nothing_selected_message(filled, ["new"], tmp_path)
    assert message.endswith(f"marked done ({filled.document_count() - 1}), skipped (1): use "
                            "--status done,skipped or --status any to export them")


def test_no_status_hint_when_the_status_asked_holds_the_documents(filled, tmp_path):
    message = nothing_selected_message(filled, ["done"], tmp_path, sources=["nowhere"])
    assert message.endswith(f"match the filters in {filled.path}; nothing was written")


def test_an_empty_project_says_so(project, tmp_path):
    message = nothing_selected_message(project, ["done"], tmp_path)
    assert message.endswith("nothing was written. The project has no documents yet")
