"""CoNLL-2002 style BIO (IOB2): one ``token TAG`` line per token, for sequence taggers.

    -DOCSTART- -X- O O
    <blank>
    The O
    minister B-claim
    said I-claim
    <blank>                 between sentences, and after the last one

Tags are ``B-label`` on a span's first token, ``I-label`` on the rest, ``O`` outside
(whitespace inside a label is written as ``_`` so every line keeps two columns). Every
sentence starts with B- or O, so each sentence is valid IOB2 on its own: a span that
crosses a sentence break (a quote of two sentences) is written as one chunk per
sentence, and a note counts those spans.

Tokens and sentences come from syntok (``syntok.segmenter.analyze``, run paragraph by
paragraph: see ``syntok_sentences``), whose tokens carry ``offset``: a ``str`` index
(code point) into the text, and ``value``: exactly the text there (checked on
hypothesis texts). syntok does not emit everything it skips: a hyphen or underscore
inside a word ("family-reunification"), a soft hyphen and the zero-width space are left
between its tokens; and its whitespace class lacks the separators U+001C..U+001F, which
``str.isspace()`` and ``str.splitlines()`` count as whitespace and line breaks, so a
syntok token can hold one. So the tokens written are the runs of non-whitespace
characters of the text (``str.isspace``), cut wherever a syntok token starts or ends,
except inside a grapheme cluster: syntok cuts a combining accent after a word ("Cafe" +
U+0301) and the code points of a ZWJ emoji or a flag after a letter into tokens of their
own, and a lone accent on a line is no token a reader can use. Hence no token holds
whitespace (no line of the file can break), every non-whitespace character of the text
is in exactly one token in text order, and syntok's sentences decide the blank lines. A
run of symbols without letters or digits stays one token, as syntok gives it ('😀."',
'...'). A document with no tokens (only whitespace) writes nothing.

A token is inside a span if they share a character; a span that starts or ends inside
a token takes the whole token (a note counts those spans). Two spans that share no
character may still meet inside one token (syntok keeps "U.S.-backed" whole; a claim
"U.S." and a quote "backed deal" both touch it): that token is split at their edges
inside it, where the edge falls between grapheme clusters, so that both keep their
tags ("U.S." "-" "backed"); a note counts the tokens split. One BIO column cannot hold
overlapping spans. POLICY: where spans overlap (on tokens), the longest span (in
characters) wins; ties go to the earlier start, then to the label name in alphabetical
order. Every span left out is reported in the notes, as a count with up to 10 examples
(document id, label, text), apart from those that only shared a token that could not
be split (inside a grapheme cluster), which are counted on their own; as is a span that
covers no token (only whitespace). Nothing is dropped silently.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import regex  # syntok's own dependency; the stdlib re has no grapheme clusters
from syntok import segmenter
from syntok.tokenizer import Tokenizer

from ..core.model import Span
from ..core.selection import shortened
from .export_base import ExportDoc, WriterOptions

SUFFIX = ".conll"
DOCSTART = "-DOCSTART- -X- O O"
EXAMPLES = 10
NON_SPACE = re.compile(r"\S+")  # re's \s on str is exactly str.isspace()
GRAPHEME = regex.compile(r"\X")  # an extended grapheme cluster: what a reader sees as one


def sentences(text: str, extra_cuts: frozenset[int] = frozenset()) -> list[list[tuple[int, int]]]:
    """The tokens of ``text`` as (start, end) code-point offsets, sentence by sentence;
    also cut at ``extra_cuts`` (where they fall between grapheme clusters)."""
    cuts, sentence_starts = _syntok_boundaries(text)
    if extra_cuts:
        cuts = sorted(extra_cuts.union(cuts))
    sentence_starts = sentence_starts or [0]
    out: list[list[tuple[int, int]]] = [[] for _ in sentence_starts]
    for run in NON_SPACE.finditer(text):
        for token in _cut(text, run.start(), run.end(), cuts):
            # characters before the first syntok sentence belong to it
            out[max(bisect_right(sentence_starts, token[0]) - 1, 0)].append(token)
    return [tokens for tokens in out if tokens]


def _syntok_boundaries(text: str) -> tuple[list[int], list[int]]:
    """Where syntok tokens start and end (sorted), and where each sentence starts."""
    cuts, sentence_starts = set(), []
    for offset, sentence in syntok_sentences(text):
        words = [token for token in sentence if token.value]  # syntok ends on an empty token
        if words:
            sentence_starts.append(offset + words[0].offset)
        for token in words:
            cuts.update((offset + token.offset, offset + token.offset + len(token.value)))
    return sorted(cuts), sentence_starts


def syntok_sentences(text: str) -> Iterator[tuple[int, list]]:
    """``segmenter.analyze(text)`` as (paragraph offset, sentence) pairs, token offsets
    relative to the paragraph. analyze itself pads each paragraph with as many spaces as
    its offset before tokenising it, which takes quadratic time on long texts (16 s for
    800 kB in 3,000 paragraphs); the tokens are the same."""
    tokenizer = Tokenizer(replace_not_contraction=False)  # as analyze: "n't" stays as written
    for offset, paragraph in segmenter.preprocess_with_offsets(text):
        for sentence in segmenter.segment(tokenizer.tokenize(paragraph)):
            yield offset, sentence


def _cut(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    inner = cuts[bisect_right(cuts, start):bisect_left(cuts, end)]
    if inner:
        clusters = {match.end() for match in GRAPHEME.finditer(text, start, end)}
        inner = [cut for cut in inner if cut in clusters]
    edges = [start, *inner, end]
    return list(zip(edges, edges[1:]))


@dataclass
class Tally:
    """What the writer had to change or leave out, across all documents."""

    overlapped: list[tuple[int | None, Span]] = field(default_factory=list)
    # left out only for sharing a token with a span they do not overlap
    shared_token: list[tuple[int | None, Span]] = field(default_factory=list)
    no_token: list[tuple[int | None, Span]] = field(default_factory=list)
    split_tokens: int = 0  # tokens cut where two spans met inside them
    widened: int = 0
    across_sentences: int = 0
    empty_documents: int = 0


class Tokens:
    """A document's tokens in one list, with the sentence each belongs to."""

    def __init__(self, text: str, extra_cuts: frozenset[int] = frozenset()):
        groups = sentences(text, extra_cuts)
        self.bounds = [token for group in groups for token in group]
        self.sentence = [number for number, group in enumerate(groups) for _ in group]
        self._starts = [start for start, _ in self.bounds]
        self._ends = [end for _, end in self.bounds]

    def covering(self, span: Span) -> range:
        """The tokens that share at least one character with the span."""
        first = bisect_right(self._ends, span.start)
        stop = bisect_left(self._starts, span.end)
        return range(first, max(first, stop))


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    tally = Tally()
    with target.open("w", encoding="utf-8", newline="\n") as stream:
        for item in docs:
            stream.write(document_block(item, tally))
    return notes(tally)


def document_block(item: ExportDoc, tally: Tally) -> str:
    text = item.document.text
    tokens = tokens_for(text, item.spans, tally)
    if not tokens.bounds:
        tally.empty_documents += 1
        tally.no_token.extend((item.document.id, span) for span in item.spans)
        return ""
    tags = bio_tags(tokens, item, tally)
    lines = [DOCSTART, ""]
    for index, (start, end) in enumerate(tokens.bounds):
        if index and tokens.sentence[index] != tokens.sentence[index - 1]:
            lines.append("")
        lines.append(f"{text[start:end]} {tags[index]}")
    return "\n".join(lines) + "\n\n"


def tokens_for(text: str, spans: list[Span], tally: Tally) -> Tokens:
    """The document's tokens, split where two spans that share no character meet inside
    one, so that each keeps a token of its own."""
    tokens = Tokens(text)
    cuts = _meeting_edges(tokens, spans)
    if not cuts:
        return tokens
    split = Tokens(text, cuts)
    kept = set(split.bounds)  # a cut inside a grapheme cluster is not made
    tally.split_tokens += sum(1 for bounds in tokens.bounds if bounds not in kept)
    return split


def _meeting_edges(tokens: Tokens, spans: list[Span]) -> frozenset[int]:
    """Span edges inside a token that another span, sharing no character with this
    one, also touches: where cutting the token lets both keep it."""
    touching: dict[int, list[Span]] = {}
    for span in spans:
        covered = tokens.covering(span)
        # two spans sharing no character can only meet in the last token of the one and
        # the first of the other: the tokens between them are no one's business
        for index in {covered[0], covered[-1]} if covered else ():
            touching.setdefault(index, []).append(span)
    cuts = set()
    for index, together in touching.items():
        start, end = tokens.bounds[index]
        for one in together:
            if any(_disjoint(one, other) for other in together):
                cuts.update(edge for edge in (one.start, one.end) if start < edge < end)
    return frozenset(cuts)


def _disjoint(one: Span, other: Span) -> bool:
    return one.end <= other.start or other.end <= one.start


def bio_tags(tokens: Tokens, item: ExportDoc, tally: Tally) -> list[str]:
    tags = ["O"] * len(tokens.bounds)
    taken: list[Span | None] = [None] * len(tokens.bounds)  # the span a token is tagged for
    doc_id = item.document.id
    for span in sorted(item.spans, key=lambda s: (s.start - s.end, s.start, s.label)):
        covered = tokens.covering(span)
        holders = [taken[i] for i in covered if taken[i] is not None]
        if not covered:
            tally.no_token.append((doc_id, span))
        elif holders and all(_disjoint(span, holder) for holder in holders):
            tally.shared_token.append((doc_id, span))  # a token that could not be split
        elif holders:
            tally.overlapped.append((doc_id, span))
        else:
            _tag(tags, taken, tokens, covered, span, tally)
    return tags


def _tag(tags, taken, tokens: Tokens, covered: range, span: Span, tally: Tally) -> None:
    label = "_".join(span.label.split())
    for i in covered:
        starts_chunk = i == covered.start or tokens.sentence[i] != tokens.sentence[i - 1]
        tags[i] = ("B-" if starts_chunk else "I-") + label
        taken[i] = span
    first, last = tokens.bounds[covered.start], tokens.bounds[covered[-1]]
    tally.widened += first[0] < span.start or last[1] > span.end
    tally.across_sentences += tokens.sentence[covered.start] != tokens.sentence[covered[-1]]


def notes(tally: Tally) -> list[str]:
    out = []
    if tally.overlapped:
        out.append(f"{len(tally.overlapped)} span(s) left out of the BIO tags because they "
                   "overlap a longer span (one BIO column holds one label per token; where "
                   f"spans overlap the longest wins): {_examples(tally.overlapped)}")
    if tally.shared_token:
        out.append(f"{len(tally.shared_token)} span(s) left out of the BIO tags because they "
                   "share a token with a neighbouring span they do not overlap, and the token "
                   "cannot be split between them (the edge falls inside a character cluster): "
                   f"{_examples(tally.shared_token)}")
    if tally.split_tokens:
        out.append(f"{tally.split_tokens} token(s) split where two spans meet inside them "
                   "(\"U.S.-backed\" as \"U.S.\" \"-\" \"backed\"), so that both keep their tags")
    if tally.no_token:
        out.append(f"{len(tally.no_token)} span(s) left out because they cover only "
                   f"whitespace, so no token: {_examples(tally.no_token)}")
    if tally.widened:
        out.append(f"{tally.widened} span(s) start or end inside a token and were widened "
                   "to whole tokens")
    if tally.across_sentences:
        out.append(f"{tally.across_sentences} span(s) cross a sentence break and are written "
                   "as one B-/I- chunk per sentence")
    if tally.empty_documents:
        out.append(f"{tally.empty_documents} document(s) without tokens (only whitespace) "
                   "were left out")
    return out


def _examples(pairs: list[tuple[int | None, Span]]) -> str:
    shown = "; ".join(f"document {doc_id} {span.label} {shortened(span.text, 50)!r}"
                      for doc_id, span in pairs[:EXAMPLES])
    more = len(pairs) - EXAMPLES
    return shown + (f"; and {more} more" if more > 0 else "")


