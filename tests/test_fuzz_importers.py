"""Fuzzing every importer through ``import_paths``, the way a user's files reach them.

Whatever the bytes, an import returns a report and never raises; every problem names
its file, a line where the format has lines, and a reason; a rejected file leaves the
project exactly as it was; and every stored span still satisfies
``text[start:end] == span.text``.

The default example counts keep the whole module to a few seconds in CI. For a long
run set ANNOTATOR_FUZZ_EXAMPLES (examples per test), for instance::

    ANNOTATOR_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_importers.py --hypothesis-show-statistics
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, make_span
from annotator.importing import ImportOptions, import_paths
from annotator.store import Project
from tests.strategies import tricky_texts

FUZZ_EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "0"))
LINE_FORMATS = (".jsonl", ".json", ".ann")

# Already in the project before each import, so that fuzzed files also merge into it.
SEED_TEXT = "The minister denied the talks. Officials claimed success."
SEED_SPAN = (4, 12, "claim")


def fuzz(default_examples: int):
    return settings(
        max_examples=FUZZ_EXAMPLES or default_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    )


# -- the properties ---------------------------------------------------------------------

@dataclass
class Snapshot:
    documents: dict[int, tuple]
    spans: dict[int, tuple]


def snapshot(project: Project) -> Snapshot:
    documents = {row[0]: row for row in project.db.execute("SELECT * FROM documents")}
    spans = {row[0]: row for row in project.db.execute("SELECT * FROM spans")}
    return Snapshot(documents, spans)


@cache
def _template() -> Project:
    project = Project.in_memory()
    start, end, label = SEED_SPAN
    project.add_document(Document(text=SEED_TEXT, title="seed"),
                         [make_span(SEED_TEXT, start, end, label)])
    return project


def seeded_project() -> Project:
    """A project holding the seed document: a copy of one made once (a new project's
    schema and full-text index take far longer to build than to copy)."""
    connection = sqlite3.connect(":memory:")
    _template().conn.backup(connection)
    project = Project(connection, None)
    project.conn.execute("PRAGMA foreign_keys = ON")
    return project


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="fuzz-import-"))


@pytest.fixture(scope="module", autouse=True)
def _remove_the_folder():
    yield
    shutil.rmtree(_folder(), ignore_errors=True)
    _folder.cache_clear()


def import_files(files: dict[str, bytes], strict: bool = False) -> None:
    """Write ``files`` to a folder, import the first, and check every property."""
    project = seeded_project()
    paths = {name: _folder() / name for name in files}
    try:
        for name, data in files.items():
            paths[name].write_bytes(data)
        before = snapshot(project)
        report = import_paths(project, [paths[next(iter(files))]], ImportOptions(strict=strict))
        after = snapshot(project)
        check_problems(report, files, paths)
        check_changes(before, after, report, strict)
        check_offsets(project)
    finally:
        project.close()
        for path in paths.values():
            path.unlink(missing_ok=True)


def check_problems(report, files: dict[str, bytes], paths: dict[str, Path]) -> None:
    named = {str(path): name for name, path in paths.items()}
    by_file: dict[str, list] = {}
    for problem in report.problems:
        file = named.get(problem.file.split(", document ")[0])  # spaCy: "x.spacy, document 2"
        assert file is not None, f"a problem names no file we imported: {problem}"
        assert isinstance(problem.reason, str) and problem.reason.strip(), problem
        assert "Traceback" not in problem.reason
        assert str(problem).startswith(problem.file)
        if problem.line is not None:
            lines = files[file].count(b"\n") + 1
            assert isinstance(problem.line, int) and 1 <= problem.line <= lines, problem
        by_file.setdefault(file, []).append(problem)
    for file, problems in by_file.items():
        if file.endswith(LINE_FORMATS) and len(problems) > 1:
            # a problem without a line is about the whole file, and then the only one
            assert all(problem.line is not None for problem in problems), problems


def check_changes(before: Snapshot, after: Snapshot, report, strict: bool) -> None:
    new_documents = after.documents.keys() - before.documents.keys()
    new_spans = after.spans.keys() - before.spans.keys()
    assert sorted(new_documents) == sorted(report.added)
    assert len(new_spans) == report.spans_added
    assert all(after.spans[key] == row for key, row in before.spans.items())
    merged = {doc_id for file in report.files for doc_id in file.merged}
    for key, row in before.documents.items():
        if key not in merged:
            assert after.documents[key] == row
    if (strict and report.problems) or not (report.added or report.spans_added):
        assert after == before


def check_offsets(project: Project) -> None:
    labels = set(project.label_names())
    for document, spans in project.documents_with_spans():
        for span in spans:
            assert 0 <= span.start < span.end <= len(document.text)
            assert document.text[span.start:span.end] == span.text
            assert span.label in labels


# -- strategies: the pieces -------------------------------------------------------------

# Lone surrogates too, which st.text() never draws: a JSON escape ("\ud800") makes one.
surrogates = st.integers(0xD800, 0xDFFF).map(chr)


def any_text(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.characters(), surrogates), max_size=max_size).map("".join)


texts = st.one_of(tricky_texts, any_text(40), st.just(SEED_TEXT),
                  st.sampled_from(["", " ", "\n", "\r\n\t "]))
labels = st.one_of(st.sampled_from(["claim", "denial", "demand", "quote", "Claim", "QUOTE",
                                    "rumour", "", " claim"]),
                   any_text(6), st.integers(), st.none(), st.lists(st.just("claim"), max_size=2))
json_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text(8))
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text(6), inner, max_size=3),
    max_leaves=8)
HUGE = "__huge__"  # replaced by a number too long for Python's int() after json.dumps
numbers = st.one_of(st.integers(-3, 70), st.integers(), st.integers(-(2**70), 2**70),
                    st.floats(), st.booleans(), st.none(), st.text(max_size=3),
                    st.just(HUGE), st.sampled_from(["3", "1e3", "0x10"]))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                             "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030"])


@st.composite
def offsets_in(draw, text):
    """Mostly offsets that fit the text (so that spans get stored), sometimes any."""
    if draw(st.integers(0, 3)) == 0 or not text:
        return draw(numbers), draw(numbers)
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, len(text) + 1))


def to_json(value, ensure_ascii: bool) -> str:
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    return text.replace(f'"{HUGE}"', "9" * 5000)


def encoded(text: str, codec: str) -> bytes:
    return text.encode(codec, "surrogatepass" if codec.startswith("utf-") else "replace")


# -- JSON lines (native, doccano, Prodigy) ------------------------------------------------

@st.composite
def doccano_labels(draw, text):
    items = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(offsets_in(text))
        item = [start, end, draw(labels)]
        items.append(draw(st.sampled_from([item, item[:2], item + ["x"], json.dumps(item), {"a": 1}])))
    return draw(st.sampled_from([items, items, "positive", ["a", "b"], {"0": 1}, None, 5]))


@st.composite
def span_objects(draw, text, keys):
    items = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(offsets_in(text))
        item = {keys[0]: start, keys[1]: end, "label": draw(labels)}
        if draw(st.booleans()) and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
            item["text"] = text[start:end]
        for name in draw(st.lists(st.sampled_from(["speaker", "target", "cue", "note", "annotator",
                                                    "text", "token_start"]), max_size=3)):
            item[name] = draw(json_values)
        for name in draw(st.lists(st.sampled_from(list(item)), max_size=1)):
            del item[name]
        items.append(draw(st.sampled_from([item, item, [item], None, "span"])))
    return draw(st.sampled_from([items, items, items, {"0": items}, None]))


@st.composite
def json_records(draw):
    text = draw(texts)
    record: dict = {"text": draw(st.sampled_from([text, text, text, None, 3, [text]]))}
    for key in draw(st.lists(st.sampled_from(["label", "entities", "spans"]), max_size=2, unique=True)):
        if key == "label":
            record[key] = draw(doccano_labels(text))
        elif key == "entities":
            record[key] = draw(span_objects(text, ("start_offset", "end_offset")))
        else:
            record[key] = draw(span_objects(text, ("start", "end")))
    extras = ["title", "source", "url", "author", "published", "date", "meta", "metadata",
              "schema_version", "offset_unit", "status", "answer", "relations", "Comments", "id"]
    for key in draw(st.lists(st.sampled_from(extras), max_size=4, unique=True)):
        record[key] = draw(st.one_of(json_values, st.sampled_from(
            ["codepoint", "utf16", "utf8", "done", "new", "accept", "reject", "ignore"])))
    if draw(st.integers(0, 9)) == 0:
        del record["text"]
    return draw(st.sampled_from([record] * 8 + [[record], "text"])) if draw(st.booleans()) else record


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(st.binary(max_size=30)))
        elif kind == 1:
            lines.append(b"")
        elif kind == 2:
            lines.append(to_json(draw(json_values), True).encode())
        else:
            ascii_only = draw(st.booleans())
            line = to_json(draw(json_records()), ascii_only)
            if draw(st.integers(0, 9)) == 0:
                line = line[: draw(st.integers(0, len(line)))]  # cut short
            lines.append(line.encode("utf-8", "surrogatepass"))
    data = draw(st.sampled_from([b"\n", b"\r\n"])).join(lines)
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + data + draw(st.sampled_from([b"", b"\n"]))


# -- Label Studio ---------------------------------------------------------------------------

@st.composite
def label_studio_results(draw, text):
    start, end = draw(offsets_in(text))
    value: dict = {"start": start, "end": end,
                   "labels": draw(st.one_of(st.lists(labels, max_size=2), labels))}
    if draw(st.booleans()) and isinstance(start, int) and isinstance(end, int):
        value["text"] = text[start:end]
    for name in draw(st.lists(st.sampled_from(["start", "end", "labels"]), max_size=1)):
        del value[name]
    result: dict = {"type": draw(st.sampled_from(["labels", "labels", "choices", None, 3])),
                    "value": draw(st.sampled_from([value, value, value, None, [value]]))}
    if draw(st.booleans()):
        result["meta"] = draw(st.one_of(json_values, st.fixed_dictionaries(
            {}, optional={"text": st.one_of(st.lists(json_leaves, max_size=2), json_leaves),
                          "speaker": json_leaves, "annotator": json_leaves})))
    return draw(st.sampled_from([result] * 6 + [None, "result"]))


@st.composite
def label_studio_tasks(draw):
    text = draw(texts)
    data = draw(st.sampled_from([{"text": text}, {"article": text}, {"text": 5}, {}, {"a": "x", "b": "y"}]))
    data.update(draw(st.dictionaries(st.sampled_from(["title", "url", "meta"]), json_values, max_size=2)))
    annotations = [
        {"result": draw(st.lists(label_studio_results(text), max_size=3)),
         "completed_by": draw(st.one_of(json_leaves, st.fixed_dictionaries({"email": json_leaves}))),
         "was_cancelled": draw(st.booleans()), "id": draw(json_leaves)}
        for _ in range(draw(st.integers(0, 2)))]
    task = {"data": draw(st.sampled_from([data] * 6 + [None, [data]])),
            "annotations": draw(st.sampled_from([annotations] * 6 + [None, {}, "a"]))}
    if draw(st.booleans()):
        task["predictions"] = draw(st.lists(json_values, max_size=2))
    if draw(st.booleans()):
        task["id"] = draw(json_leaves)
    return draw(st.sampled_from([task] * 8 + [None, [task], 3]))


@st.composite
def label_studio_files(draw) -> bytes:
    tasks = draw(st.lists(label_studio_tasks(), max_size=4))
    shape = draw(st.sampled_from(["list", "list", "list", "one", "other"]))
    value = tasks if shape == "list" else tasks[0] if shape == "one" and tasks else draw(json_values)
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1, 2])))
    text = text.replace(f'"{HUGE}"', "9" * 5000)
    if draw(st.integers(0, 5)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "surrogatepass")


# -- brat -------------------------------------------------------------------------------------

@st.composite
def brat_lines(draw, text):
    ident = draw(st.sampled_from(["T1", "T2", "T3", "T", "X1"]))
    target = draw(st.sampled_from(["T1", "T2", "T9", "R1", "E1", ""]))
    kind = draw(st.integers(0, 9))
    if kind <= 3:
        start, end = draw(offsets_in(text))
        offsets = f"{start} {end}"
        if draw(st.integers(0, 3)) == 0:
            more_start, more_end = draw(offsets_in(text))
            offsets += f";{more_start} {more_end}"
        label = draw(labels)
        covered = (text[start:end] if isinstance(start, int) and isinstance(end, int)
                   else draw(st.text(max_size=5)))
        column = draw(st.sampled_from([f"\t{covered}", f"\t{covered}", "", "\tother"]))
        return f"{ident}\t{label} {offsets}{column}"
    if kind == 4:
        attribute = draw(st.sampled_from(["Speaker", "target", "Cue", "Negated", ""]))
        return f"A1\t{attribute} {target} {draw(st.text(max_size=8))}"
    if kind == 5:
        note = draw(st.one_of(st.text(max_size=10), st.sampled_from(
            ["speaker=Le Drian; cue=said", "note=a\\; b", "speaker=x; speaker=y", "x\\"])))
        return f"#1\tAnnotatorNotes {target}\t{note}"
    if kind == 6:
        return draw(st.sampled_from(["R1\tSays Arg1:T1 Arg2:T2", "E1\tEvent:T1", "*\tEquiv T1 T2",
                                     "N1\tReference T1 Wiki:1\tx", "R1", "#1\tAnnotatorNotes"]))
    return draw(st.text(max_size=20))


@st.composite
def brat_pairs(draw) -> tuple[bytes, bytes]:
    text = draw(texts)
    lines = draw(st.lists(brat_lines(text), max_size=6))
    ann = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    ann_bytes = ann.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        ann_bytes = draw(st.binary(max_size=30))
    return encoded(text, draw(encodings)), ann_bytes


# -- HTML and plain text ----------------------------------------------------------------------

TAGS = ["p", "div", "script", "style", "article", "nav", "footer", "h1", "title", "img src=x",
        "meta charset=cp1252", "meta charset=utf-16", "meta charset=bogus", "br", "!--", "a href=#"]


@st.composite
def html_files(draw) -> bytes:
    parts = ["<html><head>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(st.sampled_from(TAGS))
        body = draw(st.one_of(texts, st.just("The minister denied the talks with the rebels. " * 5)))
        parts.append(f"<{tag}>{body}</{tag.split(' ')[0]}>" if draw(st.booleans()) else f"<{tag}>{body}")
    page = "".join(parts)
    if draw(st.integers(0, 4)) == 0:
        page = page[: draw(st.integers(0, len(page)))]
    return encoded(page, draw(encodings))


@st.composite
def text_files(draw) -> bytes:
    return encoded(draw(texts), draw(encodings))


# -- spaCy DocBin -----------------------------------------------------------------------------

@cache
def docbin_bytes() -> bytes:
    """A real DocBin like our spaCy export writes: ents, span groups and user_data."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.tokens import Span as SpacySpan

    nlp = spacy.blank("en")
    doc_bin = DocBin(store_user_data=True)
    first = nlp("The minister denied the talks. Officials claimed success.")
    first.spans["sc"] = [SpacySpan(first, 1, 3, "denial"), SpacySpan(first, 5, 8, "claim")]
    first.user_data[("annotator", "spans", "sc")] = [{"speaker": "x"}, {"note": "n"}]
    first.user_data["annotator_document"] = {"title": "t", "url": "u"}
    second = nlp("Flags 🇫🇷 then a quote.")
    second.ents = [SpacySpan(second, 0, 1, "quote")]
    doc_bin.add(first)
    doc_bin.add(second)
    return doc_bin.to_bytes()


@st.composite
def damaged_docbins(draw) -> bytes:
    data = bytearray(docbin_bytes())
    how = draw(st.sampled_from(["cut", "flip", "append", "whole"]))
    if how == "cut":
        del data[draw(st.integers(0, len(data))):]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif how == "append":
        data += draw(st.binary(min_size=1, max_size=20))
    return bytes(data)


# -- the tests --------------------------------------------------------------------------------

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json", ".spacy", ".ann"]


@fuzz(60)
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=200), strict=st.booleans())
def test_random_bytes_in_any_format(suffix, data, strict):
    import_files({f"input{suffix}": data}, strict)


@fuzz(40)
@given(txt=st.binary(max_size=80), ann=st.binary(max_size=80))
def test_random_bytes_as_a_brat_pair(txt, ann):
    import_files({"doc.txt": txt, "doc.ann": ann})


# What the fuzzer found, kept as examples: each once crashed the import.
HUGE_NUMBER = b'{"text": "abc", "label": [[0, ' + b"9" * 5000 + b', "claim"]]}'
DEEP_NESTING = b'{"text": "abc", "meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
SURROGATES = b'{"text": "abc", "title": "\\ud800", "meta": {"\\udfff": null}}'


@fuzz(150)
@given(data=jsonl_files(), strict=st.booleans())
@example(data=b"\n".join([HUGE_NUMBER, DEEP_NESTING, SURROGATES, b'{"text": "fine"}']), strict=False)
def test_structured_json_lines(data, strict):
    import_files({"records.jsonl": data}, strict)


@fuzz(60)
@given(data=label_studio_files(), strict=st.booleans())
@example(data=b'[{"data": {"text": "abc", "m": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}]",
         strict=False)
@example(data=b'[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", '
              b'"value": {"start": 0, "end": ' + b"9" * 5000 + b', "labels": ["claim"]}}]}]}]',
         strict=False)
@example(data=b'[{"data": {"text": "abc", "title": "\\ud800"}}]', strict=False)
def test_label_studio_variants(data, strict):
    import_files({"export.json": data}, strict)


@fuzz(80)
@given(pair=brat_pairs(), strict=st.booleans())
def test_brat_annotation_lines(pair, strict):
    txt, ann = pair
    import_files({"doc.txt": txt, "doc.ann": ann}, strict)


@fuzz(25)
@given(data=html_files())
def test_random_html(data):
    import_files({"page.html": data})


@fuzz(60)
@given(data=text_files(), suffix=st.sampled_from([".txt", ".md"]))
def test_text_in_any_encoding(data, suffix):
    import_files({f"article{suffix}": data})


@fuzz(25)
@given(data=damaged_docbins())
def test_damaged_spacy_docbins(data):
    import_files({"docs.spacy": data})


def test_the_docbin_fixture_imports_whole():
    """The fuzzer damages a file that imports cleanly, so what it finds is the damage."""
    project = seeded_project()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.spacy"
        path.write_bytes(docbin_bytes())
        report = import_paths(project, [path])
    assert report.ok, report.problems
    assert report.spans_added == 3 and len(report.files[0].document_ids) == 2


# -- every file of the shared corpus's bad/ and tricky/ folders ---------------------------------

def corpus_files(folder: str) -> list[str]:
    from tests.conftest import CORPUS

    return sorted(path.name for path in (CORPUS / folder).iterdir())


EXPECTED_PROBLEMS = {
    # file: {line: words the reason must contain}; None for a problem about the whole file
    "malformed.jsonl": {2: "invalid JSON", 3: "outside the text", 4: "is not before end",
                        5: "unknown label 'rumour'", 6: 'missing the "text" field'},
    "empty.txt": {None: "empty file"},
    "not_text.txt": {None: "binary file (PNG image)"},
}


@pytest.mark.parametrize("name", corpus_files("bad") + corpus_files("tricky"))
def test_every_bad_and_tricky_corpus_file(corpus, name, project):
    path = next(p for p in (corpus / "bad" / name, corpus / "tricky" / name) if p.exists())
    report = import_paths(project, [path])
    got = {problem.line: problem.reason for problem in report.problems}
    expected = EXPECTED_PROBLEMS.get(name, {})
    assert got.keys() == expected.keys(), report.problems
    for line, words in expected.items():
        assert words in got[line]
    assert all(str(problem).startswith(f"{path}") for problem in report.problems)
    if not expected:
        assert report.added, f"{name} was expected to import"
    check_offsets(project)


def test_a_rejected_corpus_file_leaves_the_project_as_it_was(corpus):
    project = seeded_project()
    before = snapshot(project)
    report = import_paths(project, [corpus / "bad" / "malformed.jsonl"], ImportOptions(strict=True))
    assert not report.ok and snapshot(project) == before
    project.close()


def test_the_fuzz_properties_catch_a_lying_report():
    """The change check is not vacuous: a report that hides an added document fails it."""
    project = seeded_project()
    before = snapshot(project)
    project.add_document(Document(text="sneaked in"))
    report = import_paths(project, [])
    with pytest.raises(AssertionError):
        check_changes(before, snapshot(project), report, strict=False)
    project.close()
