import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.formats.decoding import decode, require_utf8_json
from annotator.formats.records import FormatError

TRICKY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "tricky"

# Any text a file can hold: astral characters, CR/LF mixes, U+2028/2029, NUL, tabs;
# not lone surrogates, which no strict decoder can produce.
PIECES = ["\r\n", "\r", "\n", "\u2028", "\u2029", "\x00", "\t", " ", "\ufeff", "🇫🇷", "👩‍👩‍👧"]
ANY_TEXT = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(PIECES))
).map("".join)


def reason(error: pytest.ExceptionInfo[FormatError]) -> str:
    return error.value.problem.reason


def test_cp1252_news_keeps_crlf_and_curly_quotes():
    text, used = decode((TRICKY / "cp1252.txt").read_bytes(), "cp1252.txt")
    assert used == "cp1252"
    assert text == (
        "Minister denies \u201csecret talks\u201d with rebels\r\n\r\n"
        "The minister denied holding secret talks, calling the report \u201cfiction\u201d.\r\n"
        "Opposition leaders demanded his resignation \u2013 and a full audit.\r\n"
    )


@pytest.mark.parametrize(("text", "encoding"), [
    # Polish in cp1250 read as cp1252 was "oœwiadczy³, ¿e": signs inside words
    ("Minister spraw zagranicznych oświadczył, że rozmowy utknęły w martwym punkcie. "
     "Związkowcy zażądali podwyżek.", "cp1250"),
    # and Western prose, apostrophes, quotes and dashes inside words, stays cp1252
    ("The minister didn’t say “when”: the café’s owner paid €5 "
     "– naïve, he said.", "cp1252"),
    ("Der Außenminister sagte, die Gespräche seien gescheitert – "
     "„leider“.", "cp1252"),
    ("Министр заявил, что переговоры зашли в тупик.", "cp1251"),
])
def test_a_legacy_encoding_is_told_by_the_words_it_makes(text, encoding):
    decoded, used = decode(text.encode(encoding), "article.txt")
    assert (decoded, used) == (text, encoding)


def test_png_named_txt_is_binary():
    with pytest.raises(FormatError) as error:
        decode((TRICKY / "not_text.txt").read_bytes(), "not_text.txt")
    assert reason(error) == "binary file (PNG image), not text"
    assert error.value.problem.file == "not_text.txt"


def test_empty_file():
    with pytest.raises(FormatError) as error:
        decode((TRICKY / "empty.txt").read_bytes(), "empty.txt")
    assert reason(error) == "empty file"


@pytest.mark.parametrize("name", ["crlf_mixed.txt", "emoji_flags.txt", "rtl_persian.txt", "combining_zwj.txt"])
def test_utf8_corpus_files_decode_byte_for_byte(name):
    data = (TRICKY / name).read_bytes()
    assert decode(data, name) == (data.decode("utf-8"), "utf-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfhello", ("hello", "utf-8-sig")),
        (codecs.BOM_UTF16_LE + "hi\r\n".encode("utf-16-le"), ("hi\r\n", "utf-16")),
        (codecs.BOM_UTF16_BE + "hi".encode("utf-16-be"), ("hi", "utf-16")),
        (codecs.BOM_UTF32_LE + "hi".encode("utf-32-le"), ("hi", "utf-32")),
        (codecs.BOM_UTF32_BE + "hi".encode("utf-32-be"), ("hi", "utf-32")),
        # the UTF-32 LE mark, but only valid as UTF-16 LE text starting with NUL
        (codecs.BOM_UTF16_LE + "\x00a".encode("utf-16-le"), ("\x00a", "utf-16")),
        ("no BOM, some text".encode("utf-16-le"), ("no BOM, some text", "utf-16-le")),
        ("no BOM, some text".encode("utf-16-be"), ("no BOM, some text", "utf-16-be")),
    ],
)
def test_byte_order_marks_and_bomless_utf16(data, expected):
    assert decode(data, "f.txt") == expected


def test_leading_bom_dropped_but_inner_one_kept():
    assert decode("\ufeffa\ufeffb".encode("utf-8"), "f.txt") == ("a\ufeffb", "utf-8-sig")


def test_explicit_encoding_wins():
    assert decode("Zażółć gęślą".encode("cp1250"), "f.txt", "cp1250") == ("Zażółć gęślą", "cp1250")


def test_explicit_encoding_that_does_not_fit():
    with pytest.raises(FormatError) as error:
        decode(b"Minister \x81 said", "f.txt", "cp1252")
    assert reason(error) == "cannot be decoded as cp1252 (byte 0x81 at offset 9)"


def test_unknown_explicit_encoding():
    with pytest.raises(FormatError) as error:
        decode(b"text", "f.txt", "klingon-8")
    assert reason(error) == "unknown encoding 'klingon-8'"


def test_explicit_utf8_still_drops_the_bom():
    assert decode(b"\xef\xbb\xbfhi", "f.txt", "utf-8") == ("hi", "utf-8-sig")


def test_bom_with_invalid_bytes_is_reported_where_they_are():
    with pytest.raises(FormatError) as error:
        decode(b"\xef\xbb\xbfab\xff", "f.txt")
    assert reason(error) == "starts with a UTF-8 byte order mark but is not UTF-8 (byte 0xff at offset 5)"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or Office document"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG image"),
        (b"\x7fELF\x02\x01", "ELF executable"),
    ],
)
def test_known_binary_signatures(data, kind):
    with pytest.raises(FormatError) as error:
        decode(data, "f.txt")
    assert reason(error) == f"binary file ({kind}), not text"


def test_nul_bytes_that_are_not_utf16_mean_binary():
    with pytest.raises(FormatError) as error:
        decode(b"\x00\x01\x02\x03abc\x00\x00", "f.txt")
    assert reason(error) == "binary file, not text"


def test_whitespace_only():
    with pytest.raises(FormatError) as error:
        decode(b" \r\n\t\r\n", "f.txt")
    assert reason(error) == "no text (only whitespace)"


def test_cyrillic_cp1251_is_not_forced_into_cp1252():
    text = "Министр опроверг сообщения о секретных переговорах с повстанцами."
    assert decode(text.encode("cp1251"), "f.txt") == (text, "cp1251")


def test_short_western_latin1_text_reads_as_cp1252():
    assert decode("Der Minister bestritt die Gespräche".encode("latin-1"), "f.txt")[0] == (
        "Der Minister bestritt die Gespräche"
    )


def test_undetectable_bytes():
    with pytest.raises(FormatError) as error:
        decode(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3 + b"\x01\x02", "f.txt")
    assert reason(error) in {"cannot detect the text encoding; pass --encoding", "binary file, not text"}


def expect_round_trip(data: bytes, text: str) -> None:
    if not text or text.isspace():
        with pytest.raises(FormatError):
            decode(data, "f.txt")
    else:
        decoded, used = decode(data, "f.txt")
        assert decoded == text
        assert data.decode(used) == text  # the reported encoding reproduces the text


@settings(max_examples=150)
@given(ANY_TEXT)
def test_utf8_without_bom_round_trips(text):
    assume("\x00" not in text)  # NUL without a BOM is taken for binary (or UTF-16)
    assume(not text.startswith("\ufeff"))  # that would be read as a BOM and dropped
    expect_round_trip(text.encode("utf-8"), text)


@settings(max_examples=150)
@given(ANY_TEXT)
def test_utf8_with_bom_round_trips(text):
    expect_round_trip(codecs.BOM_UTF8 + text.encode("utf-8"), text)


@settings(max_examples=150)
@given(ANY_TEXT, st.sampled_from(["le", "be"]))
def test_utf16_with_bom_round_trips(text, order):
    # BOM + UTF-16 LE text starting with NUL is byte for byte a UTF-32 LE mark: ambiguous.
    assume(not (order == "le" and text.startswith("\x00")))
    bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
    expect_round_trip(bom + text.encode(f"utf-16-{order}"), text)


def test_json_bytes_must_be_utf8():
    with pytest.raises(FormatError) as error:
        require_utf8_json(codecs.BOM_UTF16_LE + "{}".encode("utf-16-le"), "a.jsonl")
    assert reason(error) == "JSON must be UTF-8, but this file is UTF-16"
    assert require_utf8_json(b"\xef\xbb\xbf{}", "a.jsonl") == b"{}"
