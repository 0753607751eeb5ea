"""What a user's search query means, and where it first matches a text.

The query syntax is deliberately small, and nothing in it is ever an error:

  minister talks       documents with both words, anywhere, in any order
  "nuclear deal"       the words together, in this order (a phrase)
  minist*              words that begin with "minist" (also "nuclear de"*)
  anything else        taken literally: AND, OR, NOT, NEAR, -, (, ), ^, : are words or spaces

Words are what SQLite's unicode61 tokenizer sees: runs of letters and digits;
case and accents do not matter. A term without any letter or digit (a lone "*",
an emoji, a dash) is dropped, so a query of such terms finds nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .folding import FoldedText, fold

# a "phrase" (its closing quote optional) with an optional * after it, or a bare word
_TERM = re.compile(r'"(?P<phrase>[^"]*)"?(?P<star>\*?)|(?P<word>[^\s"]+)')
_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_START = r"(?<![^\W_])"
_TOKEN_END = r"(?![^\W_])"
_BETWEEN_TOKENS = r"[\W_]+"
_REST_OF_TOKEN = r"[^\W_]*"  # a prefix hit covers the whole word it begins


@dataclass(frozen=True)
class QueryTerm:
    text: str  # as typed, without quotes or the trailing *
    prefix: bool = False

    @property
    def tokens(self) -> list[str]:
        return _TOKEN.findall(fold(self.text, as_indexed=True))  # as the index splits it

    def pattern(self) -> str:
        """A regular expression for this term in a folded text, on token boundaries."""
        body = _BETWEEN_TOKENS.join(re.escape(token) for token in self.tokens)
        return _TOKEN_START + body + (_REST_OF_TOKEN if self.prefix else _TOKEN_END)


def parse_query(query: str) -> list[QueryTerm]:
    """The terms of a query, in order; never raises, whatever the input."""
    terms = []
    for match in _TERM.finditer(query):
        if match.group("word") is not None:
            word = match.group("word")
            term = QueryTerm(word.rstrip("*"), prefix=word.endswith("*"))
        else:
            term = QueryTerm(match.group("phrase").strip(), prefix=bool(match.group("star")))
        if term.tokens:
            terms.append(term)
    return terms


def terms_pattern(terms: list[QueryTerm]) -> re.Pattern | None:
    """One expression for any of the terms in a folded text (compile once per query)."""
    if not terms:
        return None
    return re.compile("|".join(term.pattern() for term in terms))


def folded_as_indexed(text: str) -> FoldedText:
    """``text`` folded as the corpus index reads it: SQLite's unicode61 tokenizer breaks
    words at invisible format characters ("spokes\u00adwoman" is two words there), which
    find in document skips, so its hits are placed on the text folded its own way."""
    return FoldedText(text, as_indexed=True)


def first_hit(text: str | FoldedText, pattern: re.Pattern | None,
              from_index: int = 0) -> tuple[int, int] | None:
    """Where the earliest match of any term lies in ``text`` (code points), or None;
    with ``from_index``, the earliest that starts there or later."""
    if pattern is None:
        return None
    folded = text if isinstance(text, FoldedText) else folded_as_indexed(text)
    for found in pattern.finditer(folded.folded):
        bounds = folded.to_text_range(found.start(), found.end())
        if bounds[0] >= from_index:
            return bounds
    return None
