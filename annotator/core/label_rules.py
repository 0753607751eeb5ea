"""What a label's name, key and colour may be, and the defaults a new label gets.

Pure checks over plain values: the store runs them against the labels it holds
before it writes, so every path that changes a label is held to the same rules.
Messages are meant for analysts: they say what is wrong and what to do.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from .model import ContractError

DEFAULT_KEYS = "123456789"
# the text view's own keys (annotator/ui/keys.py), which a label cannot take over:
# [ and ], and, with words selected, S, T and U make them the selected span's speaker, target or cue
# (ui/attribution_fields.NAMING_KEYS, read in either case; a test keeps the two in step)
NAMING_LETTERS = {"s": "speaker", "t": "target", "u": "cue"}
RESERVED_KEYS = {"[": "steps to the previous span", "]": "steps to the next span",
                 **{key: f"makes the selected words the selected span's {field}"
                    for letter, field in NAMING_LETTERS.items()
                    for key in (letter, letter.upper())}}
# distinct hues after the four default labels' colours, for labels added later
PALETTE = ("#4C9BE8", "#E8684C", "#E8B04C", "#5DBB63", "#A06CD5", "#E36FB4",
           "#3BB6B0", "#8C8C3A", "#D9823B", "#6A7FDB", "#B5651D", "#4CAF8F")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# control characters and line or paragraph breaks: a name is shown on one line
_UNPRINTABLE = ("Cc", "Zl", "Zp")


def check_name(name: str, others: Iterable[str]) -> str:
    """``name`` if it can name a label beside ``others`` (compared ignoring case)."""
    if not isinstance(name, str) or not name:
        raise ContractError("A label needs a name.")
    if name != name.strip():
        raise ContractError(f"A label name cannot start or end with a space: {name!r}.")
    if any(unicodedata.category(character) in _UNPRINTABLE for character in name):
        raise ContractError(f"A label name is one line of text, without tabs or line breaks: {name!r}.")
    wanted = name.casefold()
    clash = next((other for other in others if other.casefold() == wanted), None)
    if clash is not None:
        raise ContractError(f"There is already a label named {clash!r} "
                            "(names are compared ignoring case).")
    return name


def check_key(key: str, keys_in_use: dict[str, str]) -> str:
    """``key`` ("" for none) if no other label uses it; ``keys_in_use`` maps key to label."""
    if key == "":
        return key
    if not isinstance(key, str) or len(key) != 1:
        raise ContractError(f"A label key is a single character, not {key!r}.")
    if key.isspace() or unicodedata.category(key) in _UNPRINTABLE:
        raise ContractError("A label key must be a visible character, not a space.")
    if key in RESERVED_KEYS:
        raise ContractError(f"{key!r} cannot be a label key: in the text it {RESERVED_KEYS[key]}.")
    if key in keys_in_use:
        raise ContractError(f"Key {key!r} already chooses the label {keys_in_use[key]!r}; "
                            "give that label another key first.")
    return key


def check_colour(colour: str) -> str:
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise ContractError(f"A label colour is written #RRGGBB, not {colour!r}.")
    return colour


def first_free_key(keys_in_use: Iterable[str]) -> str:
    """The first of 1–9 no label uses, or "" (no key) when all are taken."""
    used = set(keys_in_use)
    return next((key for key in DEFAULT_KEYS if key not in used), "")


def first_free_colour(colours_in_use: Iterable[str]) -> str:
    """A palette colour no label uses yet (the palette again from the start when all are)."""
    used = {colour.upper() for colour in colours_in_use}
    free = [colour for colour in PALETTE if colour.upper() not in used]
    return free[0] if free else PALETTE[len(used) % len(PALETTE)]
