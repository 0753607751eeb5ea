"""The annotation browser's queries: every span of the project, filtered, sorted, in pages.

The span query reads the spans table alone (its indexes serve every filter and
sort, see migration 0003); the titles and texts of a page's documents come in a
second query, once per document, and the contexts are sliced from them in Python.
A page of 200 spans over 20 documents reads 20 texts, and a span in a
1,000,000-character document costs one read of that text per page, not one per span.
Pages are cut with LIMIT/OFFSET along an index, so even the last page of 100,000
spans skips index entries only (about 10 ms; benchmarks/browser.py).
"""
from __future__ import annotations

import re
import unicodedata
from itertools import islice
from typing import Iterator

from ..core.concordance import CONTEXT_CHARACTERS, BrowserQuery, BrowserRow, contexts
from .project import Project

_SPAN_COLUMNS = ('s.id, s.document_id, s.label, s.start, s."end", s.text, s.speaker, '
                 's.target, s.cue, s.note, s.annotator')
# Ties in every sort go by document and position; spans that start together by id,
# which the spans_document index gives for free (its entries end with the row id).
_ORDER_TERMS = {
    "document": [],
    "label": ["s.label"],
    "speaker": ["s.speaker"],
    "text": ["s.text COLLATE NOCASE"],
}
_POSITION_TERMS = ["s.document_id", "s.start", "s.id"]
_LIKE_ESCAPE = "\\"
FOLD_FUNCTION = "annotator_fold"  # _fold_or_null, for SQL
# the combining accents NFKD splits off Latin, Greek and Cyrillic letters (é → e + ◌́)
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EXPORT_BATCH = 2000


def count_spans(project: Project, query: BrowserQuery) -> int:
    where, params = _where(query, project)
    return project.conn.execute(f"SELECT count(*) FROM spans s {where}", params).fetchone()[0]


def first_page(project: Project, query: BrowserQuery, limit: int,
               context: int = CONTEXT_CHARACTERS) -> tuple[list[BrowserRow], int]:
    """The query's first ``limit`` rows and how many rows it has in all.

    A page that comes back short holds every match, so it is its own count: a rare
    span text is then looked for once, not once to count and once to list.
    """
    rows = span_page(project, query, 0, limit, context)
    return rows, len(rows) if len(rows) < limit else count_spans(project, query)


def span_page(project: Project, query: BrowserQuery, offset: int, limit: int,
              context: int = CONTEXT_CHARACTERS) -> list[BrowserRow]:
    """Rows ``offset`` to ``offset + limit`` of the query's spans, in its order."""
    cursor = _spans(project, query, f"LIMIT {int(limit)} OFFSET {int(offset)}")
    return _with_documents(project, cursor.fetchall(), context)


def all_spans(project: Project, query: BrowserQuery,
              context: int = CONTEXT_CHARACTERS) -> Iterator[BrowserRow]:
    """Every row of the query, in its order, read in one pass (for exporting the view)."""
    cursor = _spans(project, query, "")
    while batch := list(islice(cursor, _EXPORT_BATCH)):
        yield from _with_documents(project, batch, context)


def _spans(project: Project, query: BrowserQuery, limit: str):
    where, params = _where(query, project)
    direction = " DESC" if query.descending else ""
    order = ", ".join(term + direction for term in _ORDER_TERMS[query.sort] + _POSITION_TERMS)
    return project.conn.execute(
        f"SELECT {_SPAN_COLUMNS} FROM spans s {where} ORDER BY {order} {limit}", params)


def _where(query: BrowserQuery, project: Project) -> tuple[str, list]:
    conditions, params = [], []
    if query.labels:
        conditions.append(f"s.label IN ({', '.join('?' for _ in query.labels)})")
        params.extend(query.labels)
    if query.speaker_missing:
        # a speaker of only spaces (as some imports bring) names no one either
        conditions.append("TRIM(s.speaker, ' ' || char(9, 10, 13)) = ''")
    elif query.speaker and query.speaker_exact:
        conditions.append("s.speaker = ?")
        params.append(query.speaker)
    elif query.speaker:
        conditions.append(_folded_like("s.speaker", project))
        params.extend([_containing(_fold_or_null(query.speaker))] * 2)
    if query.text:
        conditions.append(_folded_like("s.text", project))
        params.extend([_containing(_fold_or_null(query.text))] * 2)
    if query.annotator:
        conditions.append("s.annotator = ?")
        params.append(query.annotator)
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params


def _folded_like(column: str, project: Project) -> str:
    """``column`` holds the needle, case and accents aside, as corpus search and find in
    document read them ("путин" finds "Путин", "cafe" "CAFÉ"); LIKE alone ignored the
    case of the 26 ASCII letters only. LIKE still answers for values all ASCII (most,
    in English news): the folding runs in Python, once per value, for the others only
    (their UTF-8 is longer than their characters)."""
    project.conn.create_function(FOLD_FUNCTION, 1, _fold_or_null, deterministic=True)
    like = f"LIKE ? ESCAPE '{_LIKE_ESCAPE}'"  # the same pattern twice: see _where
    return (f"({column} {like} OR (length({column}) <> length(CAST({column} AS BLOB)) "
            f"AND {FOLD_FUNCTION}({column}) {like}))")


def _fold_or_null(value):
    """Case and accents aside, fast: the function runs once per span of the query."""
    if not isinstance(value, str):
        return None
    if value.isascii():
        return value.lower()
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", value.casefold()))


def _containing(needle: str) -> str:
    """A LIKE pattern matching ``needle`` anywhere, its own % and _ taken literally."""
    for special in (_LIKE_ESCAPE, "%", "_"):
        needle = needle.replace(special, _LIKE_ESCAPE + special)
    return f"%{needle}%"


def _with_documents(project: Project, spans: list[tuple], context: int) -> list[BrowserRow]:
    documents = _titles_and_texts(project, {span[1] for span in spans})
    rows = []
    for span_id, document_id, label, start, end, text, speaker, target, cue, note, annotator in spans:
        title, document_text = documents[document_id]
        left, right = contexts(document_text, start, end, context)
        rows.append(BrowserRow(span_id, document_id, title, label, start, end, left, text, right,
                               speaker, target, cue, note, annotator))
    return rows


def _titles_and_texts(project: Project, document_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not document_ids:
        return {}
    ids = sorted(document_ids)
    cursor = project.conn.execute(
        f"SELECT id, title, text FROM documents WHERE id IN ({', '.join('?' for _ in ids)})", ids)
    return {document_id: (title, text) for document_id, title, text in cursor}
