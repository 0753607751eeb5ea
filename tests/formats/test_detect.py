from pathlib import Path

import pytest

from annotator.formats.detect import iter_files, reader_for


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
