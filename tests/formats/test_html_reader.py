import io
from pathlib import Path

import pytest

from annotator.formats import html
from annotator.formats.records import FormatError, RawDocument

TRICKY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "tricky"

ARTICLE = """<html><head>{head}<title>Port reopens</title></head><body>
<nav>Home | Ports</nav>
<article><h1>Port reopens</h1>
<p>The harbour master claimed the port was safe again after a week of tests by divers.</p>
<p>Fishermen demanded compensation for the days they could not sail from the harbour.</p>
<p>{extra}</p>
</article><footer>&copy; 2025 Coast News</footer></body></html>"""


def read_one(data: bytes, name: str = "page.html") -> RawDocument:
    (document,) = html.read(io.BytesIO(data), name)
    return document


def page(head: str = "", extra: str = "The council denied that any money had been lost.") -> bytes:
    return ARTICLE.format(head=head, extra=extra).encode("utf-8")


def test_corpus_article_text_without_boilerplate_or_script():
    document = read_one((TRICKY / "article.html").read_bytes(), "article.html")
    assert document.title == "Council votes to freeze budget"
    assert "The council\u2019s finance chair claimed the freeze would save \u20ac4 million." in document.text
    assert "Union leaders demanded that salaries be exempt & protected." in document.text
    assert "\u201cNothing has been decided yet,\u201d the mayor said" in document.text
    for boilerplate in ("Home | World", "Example Gazette", "document.cookie", "font-family"):
        assert boilerplate not in document.text
    assert document.metadata["format"] == "html"


def test_corpus_article_gets_no_date_guessed_from_its_copyright_line():
    document = read_one((TRICKY / "article.html").read_bytes(), "article.html")
    assert document.published == ""
    assert "filedate" not in document.metadata


def test_metadata_stated_in_the_markup_fills_the_fields():
    head = (
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<meta name="author" content="Jane Roe">'
        '<meta name="description" content="Divers finish tests">'
        '<meta property="og:site_name" content="Coast News">'
        '<link rel="canonical" href="https://news.example/port">'
    )
    document = read_one(page(head))
    assert (document.published, document.author, document.source, document.url) == (
        "2024-03-05", "Jane Roe", "Coast News", "https://news.example/port",
    )
    assert document.metadata["description"] == "Divers finish tests"
    assert document.metadata["filename"] == "page.html"


def test_meta_charset_is_respected():
    data = page('<meta charset="windows-1250">', extra="Zażółć gęślą jaźń, said the minister.")
    document = read_one(data.decode("utf-8").encode("cp1250"))
    assert "Zażółć gęślą jaźń" in document.text
    assert document.metadata["encoding"] == "cp1250"


def test_declared_latin1_reads_as_windows_1252_like_browsers_do():
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
                extra="\u201cNo,\u201d said the mayor.")
    document = read_one(data.decode("utf-8").encode("cp1252"))
    assert "\u201cNo,\u201d said the mayor." in document.text


def test_page_without_article_text():
    with pytest.raises(FormatError) as error:
        read_one(b"<html><head><title>t</title><script>x()</script></head><body></body></html>")
    assert error.value.problem.reason == "no article text found"


@pytest.mark.parametrize(("written", "kept"), [
    ("بی\u200cاساس", "بی\u200cاساس"),  # Persian's zero-width non-joiner
    ("بی&zwnj;اساس", "بی\u200cاساس"),  # the same as an entity
    ("بی&#8204;اساس", "بی\u200cاساس"),
    ("\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F468\u200D\U0001F469\u200D\U0001F467"),
    ("spokes&shy;woman", "spokes\u00adwoman"),
    ("\u200fhere", "\u200fhere"),
])
def test_invisible_characters_inside_words_are_kept(written, kept):
    """trafilatura drops every character str.isprintable() refuses: Persian words came
    out misspelt ("بیاساس"), a family emoji as three people."""
    document = read_one(page(extra=f"The minister called the claims {written} in a long statement."))
    assert f"claims {kept} in a long" in document.text


def test_a_stand_in_the_page_holds_itself_is_not_used():
    alchemy = chr(0x1F700)  # the first stand-in, here as page text
    document = read_one(page(extra=f"A sign {alchemy} and a joiner بی\u200cاساس in the text."))
    assert f"sign {alchemy} and a joiner بی\u200cاساس" in document.text


def test_a_page_of_menus_and_banners_is_no_article():
    """trafilatura falls back to whatever text it finds: "Home | News" was imported."""
    for body in ("<nav>Home | News</nav><footer>(c) 2025 Example</footer>",
                 '<div class="cookie">We use cookies. Accept all</div>'
                 "<ul><li>Home</li><li>World</li><li>Sport</li></ul>"):
        with pytest.raises(FormatError, match="no article text found .*not an article"):
            read_one(f"<html><body>{body}</body></html>".encode())


def test_a_one_sentence_brief_is_an_article():
    brief = b"<html><body><p>Iran said on Monday it would keep testing missiles.</p></body></html>"
    assert read_one(brief).text.startswith("Iran said on Monday")


def test_paragraphs_stay_apart_and_a_line_break_inside_one_stays_one():
    """Every </p> and every <br> became one line break: a wall of text, where a
    paragraph could not be told from a line."""
    document = read_one(page(extra="The council denied it.<br>The mayor said nothing at all."))
    assert ("The harbour master claimed the port was safe again after a week of tests by divers."
            "\n\nFishermen demanded compensation") in document.text
    assert "The council denied it.\nThe mayor said nothing at all." in document.text
    assert document.text.startswith("Port reopens\n\nThe harbour master")


def test_an_entity_past_unicode_is_left_to_the_parser():
    """"" is in every string: an out-of-range &#99999999; was dropped as if invisible."""
    document = read_one(page(extra="The minister &#99999999; spoke at length to reporters."))
    assert "The minister \ufffd spoke at length" in document.text  # as the parser reads it
