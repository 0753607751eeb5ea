"""Plain text and Markdown: the whole file is one document, kept byte for byte."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO

from annotator.formats.decoding import decode
from annotator.formats.records import Problem, RawDocument

MARKDOWN_SUFFIXES = (".md", ".markdown")
TITLE_LIMIT = 200


def read(
    stream: BinaryIO, name: str, encoding: str | None = None
) -> Iterator[RawDocument | Problem]:
    text, used = decode(stream.read(), name, encoding)
    yield RawDocument(
        text=text,
        file=name,
        line=1,
        title=title_of(text, markdown=name.lower().endswith(MARKDOWN_SUFFIXES)),
        metadata=file_metadata(name, used),
    )


def title_of(text: str, markdown: bool = False) -> str:
    """The first non-empty line, as a title; the text itself keeps that line."""
    for line in text.splitlines():
        if markdown:
            line = line.lstrip().lstrip("#")
        if line.strip():
            return line.strip()[:TITLE_LIMIT]
    return ""


def file_metadata(name: str, encoding: str) -> dict[str, str]:
    return {"encoding": encoding, "filename": PurePath(name).name}
