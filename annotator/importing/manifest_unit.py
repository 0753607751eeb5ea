"""The offset unit an export's manifest names for the file it describes.

Our doccano export cannot write its unit into the file (doccano would not understand
the key), so the manifest beside it says it: ``NAME.manifest.json`` for a file, and
``manifest.json`` in the folder of a split. A manifest is believed only for a file it
lists with the same checksum: a file replaced since (say by doccano's own export under
the same name) may count another unit.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..core.offsets import UNITS
from ..exporting.files import FILE_MANIFEST_SUFFIX, MANIFEST
from ..exporting.manifest import checksum


@dataclass
class ManifestUnit:
    unit: str | None = None  # the unit the manifest names for this file, if believed
    warning: str | None = None  # why a manifest beside the file was not believed


def manifest_unit(path: Path) -> ManifestUnit:
    for candidate in (path.with_name(path.name + FILE_MANIFEST_SUFFIX), path.with_name(MANIFEST)):
        listed = _listing(candidate, path.name)
        if listed is not None:
            return _believed(path, candidate, *listed)
    return ManifestUnit()


def _listing(manifest: Path, name: str) -> tuple[str, dict] | None:
    """The manifest's unit and its entry for ``name``; None if it is not our manifest of
    that file (not there, not JSON, not listing it): then it says nothing about it."""
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or not isinstance(content.get("files"), list):
        return None
    entry = next((item for item in content["files"]
                  if isinstance(item, dict) and item.get("name") == name), None)
    return None if entry is None else (content.get("offset_unit"), entry)


def _believed(path: Path, manifest: Path, unit, entry: dict) -> ManifestUnit:
    if unit not in UNITS:
        return ManifestUnit(warning=f"{manifest.name} names an unknown offset unit {unit!r}: "
                                    "it was not used")
    try:
        same = entry.get("sha256") == checksum(path)
    except OSError:
        same = False  # the import itself reports an unreadable file
    if not same:
        return ManifestUnit(warning=f"{manifest.name} describes another version of this file "
                                    f"(its checksum differs): its offset unit ({unit}) was "
                                    "not used")
    return ManifestUnit(unit=unit)
