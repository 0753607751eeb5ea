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
