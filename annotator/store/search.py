"""Corpus search over the FTS5 index of documents (title, text), ranked by bm25.

The user's query never reaches FTS5 as syntax: each term is quoted (see
annotator/core/text_search.py for the little syntax a user may type), so no
input raises an FTS5 syntax error. SQLite writes the snippet; where its first
hit lies in the document is found in Python on the text, in code points, so
that the window opens the document at the passage the result shows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.text_search import QueryTerm, first_hit, folded_as_indexed, parse_query, terms_pattern
from .project import Project

# Title hits weigh more than text hits: a word in the headline says what the article is about.
RANKING = "bm25(4.0, 1.0)"
SNIPPET_TOKENS = 14
DEFAULT_LIMIT = 20
# Hits are marked with control characters no article contains, then unmarked in Python.
_OPEN, _CLOSE = "\x02", "\x03"
_SPACES = re.compile(r"\s+")
_ELLIPSIS = "…"  # what FTS5 puts where it cut the snippet short
_ANCHOR_WORDS = 8  # the snippet's words, from its first hit, that find it in the text
_MARKERS = re.compile(f"[{_OPEN}{_CLOSE}]")

_SEARCH_SQL = f"""
    SELECT rowid, title, text, snippet(documents_fts, 1, '{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}', ?)
    FROM documents_fts
    WHERE documents_fts MATCH ? AND rank MATCH '{RANKING}'
    ORDER BY rank LIMIT ? OFFSET ?"""


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str
    snippet: str  # plain text on one line; the hits are not marked in it
    snippet_hits: tuple[tuple[int, int], ...]  # where the hits are in ``snippet``
    start: int | None  # the snippet's first hit in the document's text, in code points;
    end: int | None  # None when only the title matches

    def marked_snippet(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each hit between ``before`` and ``after``."""
        parts, done = [], 0
        for start, end in self.snippet_hits:
            parts += [self.snippet[done:start], before, self.snippet[start:end], after]
            done = end
        return "".join(parts) + self.snippet[done:]


def match_expression(terms: list[QueryTerm]) -> str:
    """An FTS5 MATCH expression that means the terms and nothing else: all of them."""
    # FTS5 reads a string only up to a NUL: a NUL is a space, like other non-word characters
    quoted = ['"' + term.text.replace('"', '""').replace("\x00", " ") + '"'
              + (" *" if term.prefix else "") for term in terms]
    return " AND ".join(quoted)


def search(project: Project, query: str, limit: int = DEFAULT_LIMIT, offset: int = 0,
           snippet_tokens: int = SNIPPET_TOKENS) -> list[SearchHit]:
    """One page of the documents that match ``query``, best first."""
    terms = parse_query(query)
    if not terms or limit <= 0:
        return []
    rows = project.conn.execute(_SEARCH_SQL, [snippet_tokens, match_expression(terms),
                                              limit, max(0, offset)])
    pattern = terms_pattern(terms)
    return [_hit(row, pattern) for row in rows]


def count_matches(project: Project, query: str) -> int:
    """How many documents match ``query`` (all pages)."""
    terms = parse_query(query)
    if not terms:
        return 0
    return project.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                                [match_expression(terms)]).fetchone()[0]


def _hit(row, pattern: re.Pattern) -> SearchHit:
    document_id, title, text, marked = row
    snippet, hits = unmark(marked)
    shown = snippet_offset(text, snippet, hits)
    folded = folded_as_indexed(text)  # folded once for both looks
    position = (first_hit(folded, pattern, shown) if shown is not None else None) or first_hit(
        folded, pattern)
    start, end = position if position else (None, None)
    return SearchHit(document_id, one_line(title), snippet, hits, start, end)


def snippet_offset(text: str, snippet: str, hits: tuple[tuple[int, int], ...]) -> int | None:
    """Where the snippet's first hit begins in ``text`` (code points), or None.

    FTS5 shows the passage with the most hits, which need not hold the first one: a
    result reading "…save the 2015 nuclear deal" opened on an earlier lone "nuclear".
    The snippet is the text's own characters with its white space made single spaces,
    so the hit and the words after it are looked for as they run in the text."""
    if not hits:
        return None
    words = snippet[hits[0][0]:].removesuffix(_ELLIPSIS).split()[:_ANCHOR_WORDS]
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.start() if found else None


def one_line(text: str) -> str:
    """Text for one line: every run of white space (line breaks too) as one space."""
    return _SPACES.sub(" ", text).strip()


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet as one line of plain text, and where its marked hits are in it."""
    parts, hits, length, opened = [], [], 0, None
    for piece, marker in _split_markers(one_line(marked)):
        parts.append(piece)
        length += len(piece)
        if marker == _OPEN:
            opened = length
        elif marker == _CLOSE and opened is not None:
            hits.append((opened, length))
            opened = None
    return "".join(parts), tuple(hits)


def _split_markers(text: str):
    """(text, marker) pairs: each piece of text and the marker after it ('' at the end)."""
    done = 0
    for found in _MARKERS.finditer(text):
        yield text[done:found.start()], found.group()
        done = found.end()
    yield text[done:], ""
