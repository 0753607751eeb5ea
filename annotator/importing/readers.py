"""Open a path and hand it to the reader of its format."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Iterator

from ..formats import detect
from ..formats.records import FormatError, Problem, RawDocument
from .project_source import read_project

SUPPORTED = (".txt .md .html .htm .jsonl .json .spacy, brat .txt + .ann pairs, "
             "and other .annotator projects")


def read_path(path: Path, encoding: str | None = None,
              offset_unit: str | None = None) -> Iterator[RawDocument | Problem]:
    kind = detect.reader_for(path)
    name = str(path)
    if kind is None:
        raise FormatError(Problem(name, None, f"unsupported file type {path.suffix or '(none)'!r} "
                                              f"(annotator reads {SUPPORTED})"))
    if kind == "manifest":
        raise FormatError(Problem(name, None, "an annotator export manifest (it describes an "
                                              "export; import the data files beside it)"))
    if kind == "brat-config":
        raise FormatError(Problem(name, None, "a brat configuration file, not annotations"))
    if kind == "brat-annotations":
        raise FormatError(Problem(name, None, f"no text file {path.with_suffix('.txt').name} "
                                              "beside this brat annotation file"))
    if kind == "project":
        yield from read_project(path)
        return
    if kind == "brat":
        brat = _reader("brat")
        ann = path.with_suffix(".ann")
        with path.open("rb") as txt_stream, ann.open("rb") as ann_stream:
            yield from brat.read(txt_stream, ann_stream, name, str(ann), encoding=encoding)
        return
    with path.open("rb") as stream:
        if kind in ("text", "html"):
            yield from _reader(kind).read(stream, name, encoding=encoding)
        elif kind == "jsonl":
            yield from _reader(kind).read(stream, name, offset_unit=offset_unit)
        elif kind == "label_studio":
            yield from _reader(kind).read(stream, name)
        elif kind == "spacy":
            yield from _reader("spacy_docbin").read(stream, name)


def _reader(module: str):
    """A format's reader module, imported when a file of that format is met: the HTML
    reader's trafilatura and lxml alone take longer than the window needs to open."""
    return import_module(f"..formats.{module}", __package__)
