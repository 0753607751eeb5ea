"""Bytes to document text, exactly: no newline or Unicode normalisation, only a BOM dropped.

Span offsets index the decoded text, so any "clean-up" here (CRLF to LF, NFC) would move
every span after it. The only liberty taken is removing a leading byte order mark.
"""
from __future__ import annotations

import codecs

import unicodedata

import charset_normalizer

from annotator.formats.records import FormatError, Problem

# (mark, BOM-aware codec reported as used, codec for the bytes after the mark).
# UTF-32 LE's mark starts with UTF-16 LE's, so the longer marks come first. The reported
# codecs consume the mark themselves, so data.decode(used) reproduces the text exactly.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Files analysts drop in by mistake; recognised by their first bytes.
BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Control characters that do occur in real text files; any other C0 byte means the bytes
# are probably not cp1252 text.
ALLOWED_CONTROLS = frozenset("\t\n\r\f")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used) for a whole file, or raise FormatError saying why not."""
    if encoding:
        text, used = _decode_as(data, name, encoding)
    else:
        text, used = _detect_and_decode(data, name)
    _require_text(text, name)
    return text, used


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file the bytes start like, or None."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def require_utf8_json(data: bytes, name: str) -> bytes:
    """Reject bytes that cannot be UTF-8 JSON at all; return them without a UTF-8 BOM.

    JSON formats are UTF-8 by specification, so there is no guessing here; the caller
    decodes (whole file or line by line) and reports bad bytes where they are.
    """
    if not data:
        raise _error(name, "empty file")
    kind = binary_kind(data)
    if kind:
        raise _error(name, f"binary file ({kind}), not text")
    for bom, codec, _ in BOMS[1:]:
        if data.startswith(bom):
            raise _error(name, f"JSON must be UTF-8, but this file is {codec.upper()}")
    if b"\x00" in data:
        raise _error(name, "binary file, not text")
    return data.removeprefix(codecs.BOM_UTF8)


def describe_decode_error(error: UnicodeDecodeError, skipped: int = 0) -> str:
    """'byte 0x81 at offset 12': enough for an analyst to find the culprit in a hex view.

    skipped is how many bytes precede the decoded slice, so the offset is the file's.
    """
    return f"byte 0x{error.object[error.start]:02x} at offset {error.start + skipped}"


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise _error(name, f"unknown encoding {encoding!r}") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"  # a BOM is never part of the text, even when the user names UTF-8
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as error:
        reason = f"cannot be decoded as {encoding} ({describe_decode_error(error)})"
        raise _error(name, reason) from None


def _detect_and_decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(tuple(bom for bom, _, _ in BOMS)):
        return _decode_by_bom(data, name)
    if not data:
        raise _error(name, "empty file")
    kind = binary_kind(data)
    if kind:
        raise _error(name, f"binary file ({kind}), not text")
    if b"\x00" in data:
        return _decode_bomless_utf16(data, name)
    decoded = _try_decode(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    return _decode_legacy(data, name)


def _decode_by_bom(data: bytes, name: str) -> tuple[str, str]:
    # b"\xff\xfe\x00\x00" is the UTF-32 LE mark but also UTF-16 LE text that starts
    # with NUL, so every matching mark is tried; the first one's error is reported.
    errors = []
    for bom, codec, plain in BOMS:
        if not data.startswith(bom):
            continue
        try:
            return data[len(bom):].decode(plain), codec
        except UnicodeDecodeError as error:
            where = describe_decode_error(error, skipped=len(bom))
            unicode = plain.upper()
            errors.append(f"starts with a {unicode} byte order mark but is not {unicode} ({where})")
    raise _error(name, errors[0])


def _decode_bomless_utf16(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 without a BOM shows as NULs in every other byte for Latin text; else binary."""
    codec = _utf16_byte_order(data)
    decoded = _try_decode(data, codec) if codec else None
    if decoded is None:
        raise _error(name, "binary file, not text")
    return decoded, codec


def _utf16_byte_order(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    pairs = len(data) // 2
    nuls_at_even = data[0::2].count(0)
    nuls_at_odd = data[1::2].count(0)
    # Mostly-ASCII text has the NUL as the high byte of most code units, and never both.
    if nuls_at_odd >= pairs / 2 and nuls_at_even == 0:
        return "utf-16-le"
    if nuls_at_even >= pairs / 2 and nuls_at_odd == 0:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Pick a legacy single- or multi-byte encoding, favouring cp1252.

    charset-normalizer guesses badly on short Western texts (a cp1252 news item comes
    back as cp775), so cp1252 wins whenever it is a credible reading.
    """
    matches = charset_normalizer.from_bytes(data)
    western = _try_decode(data, "cp1252")
    credible = any("cp1252" in match.could_be_from_charset for match in matches) \
        or _reads_as_western_cp1252(data)
    if credible and not _symbols_inside_words(western):
        return western, "cp1252"
    for match in matches:  # charset-normalizer's order: its best reading first
        decoded = _try_decode(data, match.encoding)
        if decoded is not None and not _symbols_inside_words(decoded):
            return decoded, match.encoding
    if credible:
        return western, "cp1252"
    best = matches.best()
    decoded = _try_decode(data, best.encoding) if best else None
    if decoded is None:
        raise _error(name, "cannot detect the text encoding; pass --encoding")
    return decoded, best.encoding


def _symbols_inside_words(text: str) -> bool:
    """A non-ASCII sign between two letters ("oświadczy³", "¿e"): what a Central
    European text read as cp1252 looks like (ł, ż, ą are ³, ¿, ¹ there), and Western
    prose never does."""
    return any(text[i - 1].isalpha() and text[i + 1].isalpha() and _mojibake_sign(text[i])
               for i in range(1, len(text) - 1))


def _mojibake_sign(char: str) -> bool:
    # not apostrophes, quotes or dashes (Western "don’t", "well–known" have them)
    return ord(char) >= 0x80 and (char in "¿¡¶§" or unicodedata.category(char) in _SIGNS)


_SIGNS = {"No", "So", "Sc", "Sk", "Sm"}  # ³ ¹ ¦ ¤ ¸ ´ ¨ ˘ × ÷ and the like


def _reads_as_western_cp1252(data: bytes) -> bool:
    """cp1252 decodes almost any bytes, so also ask that it look like Western prose.

    Western text is mostly ASCII letters with a few accented ones; Cyrillic or Greek
    in cp1251/cp1253 has a high byte for nearly every letter, and there cp1252 would
    only produce mojibake (we leave those to charset-normalizer).
    """
    text = _try_decode(data, "cp1252")
    if text is None:
        return False
    if any(char < " " and char not in ALLOWED_CONTROLS for char in text):
        return False
    letters = sum(char.isalpha() for char in text)
    high_bytes = sum(byte >= 0x80 for byte in data)
    return high_bytes * 2 < letters


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _require_text(text: str, name: str) -> None:
    if not text:
        raise _error(name, "empty file")
    if text.isspace():
        raise _error(name, "no text (only whitespace)")


def _error(name: str, reason: str) -> FormatError:
    return FormatError(Problem(file=name, line=None, reason=reason))
