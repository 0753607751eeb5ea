import io
from pathlib import Path

import pytest

from annotator.formats import text
from annotator.formats.records import FormatError, RawDocument

TRICKY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "tricky"


def read_one(data: bytes, name: str, **options) -> RawDocument:
    (document,) = text.read(io.BytesIO(data), name, **options)
    return document


def test_plain_text_is_one_document_with_its_first_line_as_title():
    document = read_one(b"\r\n  Minister denies talks  \r\nBody.\r\n", "news/a.txt")
    assert document == RawDocument(
        text="\r\n  Minister denies talks  \r\nBody.\r\n",
        file="news/a.txt",
        line=1,
        title="Minister denies talks",
        metadata={"encoding": "utf-8", "filename": "a.txt"},
    )


def test_markdown_heading_marks_are_not_part_of_the_title():
    document = read_one(b"## Council votes\n\nText.", "a.md")
    assert document.title == "Council votes"
    assert document.text == "## Council votes\n\nText."


def test_hashes_in_plain_text_titles_are_kept():
    assert read_one(b"#1 story\n", "a.txt").title == "#1 story"


def test_title_is_truncated():
    assert read_one(b"x" * 500, "a.txt").title == "x" * 200


def test_encoding_option_is_passed_on():
    document = read_one("Zażółć".encode("cp1250"), "a.txt", encoding="cp1250")
    assert (document.text, document.metadata["encoding"]) == ("Zażółć", "cp1250")


def test_cp1252_corpus_file_keeps_crlf():
    document = read_one((TRICKY / "cp1252.txt").read_bytes(), "cp1252.txt")
    assert document.title == "Minister denies \u201csecret talks\u201d with rebels"
    assert document.text.count("\r\n") == 4
    assert document.metadata == {"encoding": "cp1252", "filename": "cp1252.txt"}


def test_mixed_newlines_corpus_file_is_byte_exact():
    data = (TRICKY / "crlf_mixed.txt").read_bytes()
    assert read_one(data, "crlf_mixed.txt").text == data.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "reason"), [("empty.txt", "empty file"), ("not_text.txt", "binary file (PNG image), not text")]
)
def test_unusable_corpus_files(name, reason):
    with pytest.raises(FormatError) as error:
        read_one((TRICKY / name).read_bytes(), name)
    assert error.value.problem.reason == reason
