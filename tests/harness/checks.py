"""What the parent checks after a kill: the file, the journal, the imports, the exports."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.core.model import text_sha256
from annotator.exporting.manifest import checksum
from annotator.store import Project, ProjectError

REPO = Path(__file__).resolve().parents[2]


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` and ``foreign_key_check``: "ok" or what they found."""
    try:
        with sqlite3.connect(path) as conn:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        conn.close()
    except sqlite3.DatabaseError as error:
        return f"cannot check: {error}"
    if found != ["ok"]:
        return "; ".join(found)
    return f"foreign keys broken: {orphans[:3]}" if orphans else "ok"


def open_project(path: Path) -> tuple[Project | None, str]:
    try:
        return Project.open(path, create=False), ""
    except ProjectError as error:
        return None, str(error)


def read_journal(path: Path) -> list[dict]:
    """The journal's whole lines; a line the kill cut short is not an entry."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        entries.append(json.loads(line))
    return entries


def opens_in_app(path: Path, home: Path) -> str:
    """Run ``annotator --project PATH --smoke-test`` offscreen; "" if the window painted."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share")}
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(path),
                           "--smoke-test"], check=False, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    if done.returncode == 0 and "window painted" in done.stdout:
        return ""
    return f"smoke test exit {done.returncode}: {(done.stdout + done.stderr).strip()[-400:]}"


# -- imports ---------------------------------------------------------------------------

def import_file_states(project: Project, expected: list[list[tuple[str, list]]]) -> list[str]:
    """Per import file: "whole", "absent", or what is wrong with it.

    ``expected[k]`` holds file k's articles as (text, [[start, end, label, text], ...]).
    """
    stored = {document.sha256: (document.text, spans)
              for document, spans in project.documents_with_spans()}
    states = []
    for number, articles in enumerate(expected, 1):
        present, broken = 0, []
        for text, spans in articles:
            found = stored.get(text_sha256(text))
            if found is None:
                continue
            present += 1
            got = sorted([s.start, s.end, s.label, s.text] for s in found[1])
            if got != sorted(spans):
                broken.append(f"{text[:30]!r} has {len(got)} of {len(spans)} spans")
        if broken:
            states.append(f"file {number}: half a document: {broken[0]}")
        elif present == 0:
            states.append("absent")
        elif present == len(articles):
            states.append("whole")
        else:
            states.append(f"file {number}: {present} of {len(articles)} documents")
    return states


# -- exports ---------------------------------------------------------------------------

def export_contents(path: Path) -> dict[str, bytes] | None:
    """An export file or folder as {relative name: bytes}, manifests' times blanked."""
    if not path.exists():
        return None
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    base = path.parent if path.is_file() else path
    return {str(p.relative_to(base)): _comparable(p) for p in files}


def _comparable(path: Path) -> bytes:
    if not path.name.endswith("manifest.json"):
        return path.read_bytes()
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["created"] = ""
    return json.dumps(manifest, sort_keys=True).encode()


def manifest_problems(manifest_path: Path, data_root: Path) -> list[str]:
    """A manifest that exists must describe the files beside it, checksums and all."""
    if not manifest_path.exists():
        return []
    try:
        listed = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError) as error:
        return [f"{manifest_path.name}: not a whole manifest ({error})"]
    base = data_root.parent if data_root.is_file() or not data_root.exists() else data_root
    problems = []
    for entry in listed:
        file = base / entry["name"]
        if not file.exists():
            problems.append(f"{manifest_path.name} lists {entry['name']}, which is missing")
        elif checksum(file) != entry["sha256"]:
            problems.append(f"{manifest_path.name} does not describe {entry['name']} "
                            "(checksum differs)")
    return problems
