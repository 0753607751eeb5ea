"""Which reader handles a file, and which files a set of paths stands for."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

READERS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "label_studio",
    ".spacy": "spacy",  # a spaCy DocBin; needs the optional spaCy package
    ".annotator": "project",  # another analyst's project: their spans are merged in
    # read together with the .txt of the same stem, never on its own
    ".ann": "brat-annotations",
    # brat's label configuration, written beside the .ann files of an export
    ".conf": "brat-config",
}
# the manifest annotator writes beside (or inside) every export: not data
MANIFEST_NAMES = ("manifest.json",)
MANIFEST_SUFFIX = ".manifest.json"
SKIPPED_IN_FOLDERS = ("brat-config", "manifest")
_DIGITS = re.compile(r"(\d+)")


def reader_for(path: Path) -> str | None:
    """The format key for a file, from its name (and, for brat, its .ann sibling)."""
    path = Path(path)
    if path.name in MANIFEST_NAMES or path.name.endswith(MANIFEST_SUFFIX):
        return "manifest"
    reader = READERS_BY_SUFFIX.get(path.suffix.lower())
    if reader == "text" and path.suffix.lower() == ".txt" and brat_annotations_for(path).is_file():
        return "brat"
    return reader


def brat_annotations_for(txt_path: Path) -> Path:
    return Path(txt_path).with_suffix(".ann")


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every visible file under folders, in a stable order."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _files_under(path)
        else:
            yield path  # named on purpose: even hidden or missing, the caller reports it


def _files_under(folder: Path) -> Iterator[Path]:
    # os.walk does not follow symlinked folders, so a link loop cannot recurse forever.
    for root, folders, files in os.walk(folder):
        folders[:] = sorted((name for name in folders if not _hidden(name)), key=natural_order)
        for name in sorted(files, key=natural_order):
            if not _hidden(name):
                yield Path(root) / name


def natural_order(name: str) -> tuple:
    """Names as a file manager lists them: "article 2" before "article 10", whatever
    the case; documents are numbered in this order when a folder is imported."""
    parts = _DIGITS.split(name)
    # text and numbers alternate (split keeps the numbers at odd places); then the
    # name itself, so that different names never compare equal ("a01" and "a1")
    key = tuple(int(part) if index % 2 else part.casefold() for index, part in enumerate(parts))
    return key, name


def _hidden(name: str) -> bool:
    return name.startswith(".")
