"""What the agreement measures compare: per document, each annotator's spans, the
document's tokens, and each token's label per annotator.

TOKENS are exactly those of the CoNLL BIO export (annotator/formats/conll_export.py):
runs of non-whitespace cut where syntok cuts, never inside a grapheme cluster. The
export tokenises a 3,000-character document in 3 ms; agreement over 1,000 documents
must take under 2 s, so ``token_edges`` gets the same tokens another way. syntok's
tokenizer works on each
run of non-whitespace on its own (``Tokenizer.tokenize`` walks ``[^\\s\\u200b]+``
matches and looks nowhere else), so the tokens of a run depend on the run's text
alone and are remembered per distinct run ("said", "minister.", ...). That holds
where syntok's runs and ``str.isspace``'s runs are the same; a text holding one of
the few characters on which they differ (U+001C..U+001F, the zero-width space) is
tokenised by the export's own code. Tests check both paths give the export's tokens.

TOKEN LABELS follow the export's overlap POLICY, so that exports and agreement agree:
a token takes the label of the span covering it (a span covers every token it shares
a character with); where spans of one annotator overlap on tokens, the longest span
(in characters) wins, ties going to the earlier start, then to the label name in
alphabetical order, and a span that loses any token is left out whole, as in the
BIO column. Tokens no span covers are OUTSIDE ("O" in BIO; here the empty string,
which no label can be, so that even a label named "O" stays apart).

WHICH DOCUMENTS are compared (``coverage``): there is no status per annotator, so
a document counts as annotated by someone when it holds at least one of their spans
(of any label, before ``labels`` narrows what is compared).

  all   (default) documents every compared annotator has annotated;
  some  documents at least two of them have annotated; the others are missing there
        (pairwise figures use the documents both annotated, Krippendorff's alpha takes
        the missing ratings as missing; Fleiss' kappa and alpha-u, which need every
        annotator on every item, use only the documents all of them annotated);
  any   documents any of them has annotated; an annotator with no span there is taken
        to have found nothing in it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress

import regex
from syntok.tokenizer import Tokenizer

from ..core.model import Span
from ..formats.conll_export import Tokens

OUTSIDE = ""  # a token outside every span
COVERAGE = ("all", "some", "any")
RUNS = re.compile(r"(\S+)")  # the export's runs: re's \s on str is str.isspace()
# where str.isspace() and syntok's [\s\u200b] disagree (checked over every code point)
SPLIT_DIFFERENTLY = re.compile("[\x1c-\x1f\u200b]")
GRAPHEME = regex.compile(r"\X")
_TOKENIZER = Tokenizer(replace_not_contraction=False)  # as the export: "n't" as written
_CUTS: dict[str, tuple[int, ...]] = {}  # run of non-whitespace → where its tokens meet
CACHED_RUNS = 200_000  # distinct runs remembered (a few MB); then the cache starts again


@dataclass(frozen=True)
class DocumentUnits:
    """One compared document: its spans by annotator (None: the annotator is missing
    here) in the annotators' order, its length in characters and its tokens' edges."""

    document_id: int | None
    title: str
    length: int
    starts: list[int]  # token starts, in text order
    ends: list[int]  # token ends (exclusive)
    spans: tuple[list[Span] | None, ...]

    @property
    def tokens(self) -> int:
        return len(self.starts)

    def present(self) -> list[int]:
        """Indices of the annotators whose annotation of this document counts."""
        return [index for index, spans in enumerate(self.spans) if spans is not None]


def build_units(pairs: Iterable[tuple[object, list[Span]]], annotators: list[str],
                labels: list[str], coverage: str = "all") -> list[DocumentUnits]:
    """The compared documents, from (document, spans) pairs (a Document or anything with
    ``id``, ``title`` and ``text``), spans narrowed to ``annotators`` and ``labels``."""
    if coverage not in COVERAGE:
        raise ValueError(f"unknown coverage {coverage!r}; expected one of {', '.join(COVERAGE)}")
    wanted = set(labels)
    out = []
    for document, spans in pairs:
        by_annotator = _by_annotator(spans, annotators)
        present = sum(found is not None for found in by_annotator)
        if not _counts(present, len(annotators), coverage):
            continue
        if coverage == "any":
            by_annotator = [found or [] for found in by_annotator]
        kept = tuple(None if found is None else [s for s in found if s.label in wanted]
                     for found in by_annotator)
        text = document.text
        out.append(DocumentUnits(document.id, getattr(document, "title", ""), len(text),
                                 *token_edges(text), kept))
    return out


def _by_annotator(spans: list[Span], annotators: list[str]) -> list[list[Span] | None]:
    index = {name: number for number, name in enumerate(annotators)}
    found: list[list[Span] | None] = [None] * len(annotators)
    for span in spans:
        number = index.get(span.annotator)
        if number is not None:
            if found[number] is None:
                found[number] = []
            found[number].append(span)
    return found


def _counts(present: int, annotators: int, coverage: str) -> bool:
    if coverage == "all":
        return present == annotators
    if coverage == "some":
        return present >= 2
    return present >= 1


def token_bounds(text: str) -> list[tuple[int, int]]:
    """The CoNLL export's tokens of ``text`` as (start, end) code-point offsets."""
    return list(zip(*token_edges(text), strict=True))


def token_edges(text: str) -> tuple[list[int], list[int]]:
    """``token_bounds`` as two lists, starts and ends, built run by run in C loops
    where it can: one split, running sums for the offsets, the cache for the cuts."""
    if SPLIT_DIFFERENTLY.search(text):
        bounds = Tokens(text).bounds
        return [start for start, _ in bounds], [end for _, end in bounds]
    pieces = RUNS.split(text)  # whitespace, run, whitespace, run, ..., whitespace
    offsets = [0, *accumulate(map(len, pieces))]
    runs, starts, ends = pieces[1::2], offsets[1:-1:2], offsets[2::2]
    cuts = list(map(_CUTS.get, runs))
    if None in cuts:
        for index, found in enumerate(cuts):
            if found is None:
                cuts[index] = _cuts_of(runs[index])
    cut_runs = list(compress(range(len(runs)), cuts))
    if not cut_runs:
        return starts, ends
    all_starts, all_ends, done = [], [], 0
    for index in cut_runs:
        all_starts += starts[done:index]
        all_ends += ends[done:index]
        inner = [starts[index] + cut for cut in cuts[index]]
        all_starts += [starts[index], *inner]
        all_ends += [*inner, ends[index]]
        done = index + 1
    return all_starts + starts[done:], all_ends + ends[done:]


def clear_token_cache() -> None:
    """Forget the runs seen so far (a benchmark's first run starts cold)."""
    _CUTS.clear()


def _cuts_of(run: str) -> tuple[int, ...]:
    """Where the tokens of one run of non-whitespace meet, relative to its start: where
    a syntok token starts or ends, unless that falls inside a grapheme cluster."""
    if len(_CUTS) >= CACHED_RUNS:
        _CUTS.clear()
    cuts = set()
    for token in _TOKENIZER.tokenize(run):
        if token.value:
            cuts.update((token.offset, token.offset + len(token.value)))
    inner = sorted(cut for cut in cuts if 0 < cut < len(run))
    if inner:
        clusters = {match.end() for match in GRAPHEME.finditer(run)}
        inner = [cut for cut in inner if cut in clusters]
    _CUTS[run] = found = tuple(inner)
    return found


def kept_ranges(starts: list[int], ends: list[int], spans: list[Span]
                ) -> list[tuple[int, int, str]]:
    """(first token, token after the last, label) of the spans that keep their tokens
    under the export's overlap policy (see the module doc), in token order."""
    taken: list[tuple[int, int]] = []  # ranges already labelled, sorted
    kept = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start, s.label)):
        first = bisect_right(ends, span.start)
        stop = bisect_left(starts, span.end)
        if first >= stop or _clashes(taken, first, stop):
            continue
        insort(taken, (first, stop))
        kept.append((first, stop, span.label))
    return sorted(kept)


def _clashes(taken: list[tuple[int, int]], first: int, stop: int) -> bool:
    """Whether [first, stop) shares a token with one of the sorted, disjoint ranges."""
    after = bisect_left(taken, (stop,))  # ranges starting at or after stop cannot clash
    return after > 0 and taken[after - 1][1] > first


def token_labels(starts: list[int], ends: list[int], spans: list[Span]) -> list[str]:
    """Each token's label under the export's overlap policy (see the module doc)."""
    labels = [OUTSIDE] * len(starts)
    for first, stop, label in kept_ranges(starts, ends, spans):
        labels[first:stop] = [label] * (stop - first)
    return labels
