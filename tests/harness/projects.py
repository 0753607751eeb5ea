"""Project files for the trials, made once and copied so every trial starts the same."""
from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

from annotator.core.model import Document, make_span
from annotator.store import Project

from .texts import article, word_spans


def make_edit_project(path: Path, seed: int = 1) -> Path:
    """One long article with a few spans (the one a session edits) and two short ones."""
    rng = random.Random(seed)
    project = Project.open(path)
    try:
        for number, size in enumerate((3000, 400, 400)):
            _add(project, rng, article(rng, size, marker=f"[article {number}]"), spans=6)
    finally:
        project.close()
    return path


def make_export_project(path: Path, documents: int = 1000, seed: int = 2) -> Path:
    """``documents`` articles marked done, about ten spans each, in one transaction."""
    rng = random.Random(seed)
    project = Project.open(path)
    try:
        with project.transaction():
            for number in range(documents):
                text = article(rng, 1500, marker=f"[export {number}]")
                _add(project, rng, text, spans=10, status="done")
    finally:
        project.close()
    return path


def _add(project: Project, rng: random.Random, text: str, spans: int, status: str = "new"):
    made = [make_span(text, s, e, label, annotator="seed") for s, e, label in
            word_spans(rng, text, spans)]
    project.add_document(Document(text=text, title=text[:30], status=status), made)


def copy_project(source: Path, destination: Path) -> Path:
    """A consistent copy, WAL included (SQLite's backup, not a file copy)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(destination) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return destination


def copy_file(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    return destination
