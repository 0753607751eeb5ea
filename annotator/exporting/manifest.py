"""The manifest written beside every export: what it holds, how it was made, checksums."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__
from ..core.model import now_iso
from ..formats.native import SCHEMA_VERSION


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def files_of(root: Path) -> list[dict]:
    """Every file of an export (a file, or a folder's files) with its size and sha256."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    base = root.parent if root.is_file() else root
    return [{"name": str(p.relative_to(base)), "bytes": p.stat().st_size, "sha256": checksum(p)}
            for p in files]


def build(fmt: str, offset_unit: str, labels: list[str], filters: dict, counts: dict,
          split: dict | None, files: list[dict], notes: list[str],
          adjudication: dict | None = None) -> dict:
    """``adjudication``: with the gold layer, the documents left out as unadjudicated
    and the clusters not settled (see gold_review.py); None otherwise."""
    return {
        "format": fmt, "app_version": __version__, "schema_version": SCHEMA_VERSION,
        "created": now_iso(), "offset_unit": offset_unit, "labels": labels,
        "filters": filters, "counts": counts, "split": split, "files": files, "notes": notes,
        "adjudication": adjudication,
    }


def write(path: Path, manifest: dict) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
