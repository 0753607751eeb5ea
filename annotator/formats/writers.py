"""The export formats by name; each module is imported only when used (spaCy is heavy)."""
from __future__ import annotations

from importlib import import_module
from types import ModuleType

WRITERS = {
    "jsonl": "native",
    "doccano": "doccano_export",
    "prodigy": "prodigy_export",
    "spacy": "spacy_export",
    "label-studio": "label_studio_export",
    "brat": "brat_export",
    "conll": "conll_export",
    "csv": "csv_export",
}
FORMATS = tuple(WRITERS)
# formats whose files say in which unit their offsets count (the others use code points
# or carry no offsets)
UNIT_AWARE = ("jsonl", "doccano", "label-studio")
# the unit a format's own tool counts, where that is not code points: an export made
# for doccano must load in doccano exactly, so it counts what doccano counts
OWN_UNITS = {"doccano": "utf16"}


def default_unit(fmt: str) -> str:
    """The offset unit of a format's export when none is asked for."""
    return OWN_UNITS.get(fmt, "codepoint")


def writer(name: str) -> ModuleType:
    return import_module(f"annotator.formats.{WRITERS[name]}")
