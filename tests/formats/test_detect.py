from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.detect import iter_files, natural_order, reader_for


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.txt", "text"), ("a.MD", "text"), ("a.markdown", "text"), ("a.text", "text"),
        ("a.html", "html"), ("a.HTM", "html"), ("a.xhtml", "html"),
        ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "label_studio"),
        ("a.ann", "brat-annotations"), ("a.docx", None), ("README", None),
    ],
)
def test_reader_by_extension(tmp_path, name, reader):
    assert reader_for(tmp_path / name) == reader


def test_txt_with_an_ann_sibling_is_brat(tmp_path):
    (tmp_path / "story.txt").write_text("x")
    (tmp_path / "story.ann").write_text("")
    assert reader_for(tmp_path / "story.txt") == "brat"
    assert reader_for(tmp_path / "other.txt") == "text"


def test_brat_corpus_folder():
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "interop" / "brat"
    assert reader_for(folder / "emoji_flags.txt") == "brat"


def test_folders_expand_sorted_and_without_hidden_entries(tmp_path):
    for relative in ["b.txt", "a.jsonl", "sub/c.html", "sub/.hidden.txt", ".git/config", "z/d.md"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    loose = tmp_path / ".named-on-purpose.txt"
    assert list(iter_files([tmp_path, loose])) == [
        tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "sub" / "c.html", tmp_path / "z" / "d.md", loose,
    ]


def test_a_folder_is_imported_in_the_order_a_file_manager_shows(tmp_path):
    names = ["article 10.txt", "Article 2.txt", "article 1.txt", "notes.txt", "article 1b.txt"]
    for name in names:
        (tmp_path / name).write_text("x")
    assert [path.name for path in iter_files([tmp_path])] == [
        "article 1.txt", "article 1b.txt", "Article 2.txt", "article 10.txt", "notes.txt"]


@given(st.lists(st.text(alphabet="aB01 .\u0662", max_size=8), max_size=12))
def test_natural_order_is_a_total_order_over_any_names(names):
    # any names compare (numbers never meet text), and the order does not depend on
    # the order the names came in
    assert sorted(names, key=natural_order) == sorted(reversed(names), key=natural_order)
