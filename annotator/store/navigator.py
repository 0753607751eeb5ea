"""Pages of the document list: filtered, sorted, with span counts per label.

The navigator holds the list's document ids in order (``listed_ids``, one query
whose sort and filters run on indexes: the title, source, published and status
indexes; a span count sort counts spans per document through the spans_label_position
index), and reads the rows it is about to show by id (``document_rows``), so a page
costs the same at row 10 as at 90,000, and the next or previous document and a
document's row are looked up in memory. ``document_page``, ``row_of_document`` and
``neighbour_in_list`` answer the same questions with one query each, without the ids
(the neighbours of a document the filter hides are asked of them).

A document's span counts are counted per label on the spans_label_position index,
which holds the label and document of every span: the spans' rows are never read,
so a page holding an article with 10,000 spans is read in about a millisecond.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..core.model import check_status
from .project import Project

SORT_KEYS = ("id", "title", "source", "published", "status", "spans")
# Statuses sort alphabetically like every other text column (done, in-progress, new,
# skipped): that is the status index's order, so no sort runs over every document.
_KEY_SQL = {"id": "d.id", "title": "d.title", "source": "d.source",
            "published": "d.published", "status": "d.status"}


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents to list; None or empty means no condition."""

    statuses: tuple[str, ...] | None = None
    source: str | None = None
    label: str | None = None  # a span of this label is present
    text: str = ""  # contained in the title (any case for ASCII letters)
    full_text: bool = False  # or, as words, in the text (through documents_fts)


@dataclass(frozen=True)
class DocumentOrder:
    """How the navigator sorts documents."""
    key: str = "id"  # one of SORT_KEYS
    label: str | None = None  # with key "spans": count only this label's spans
    descending: bool = False

    def __post_init__(self):
        if self.key not in SORT_KEYS:
            raise ValueError(f"cannot sort documents by {self.key!r}; expected one of {SORT_KEYS}")


@dataclass(frozen=True)
class DocumentRow:
    """One document as the navigator lists it, with its span counts per label."""
    id: int
    title: str
    source: str
    published: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)  # label name -> spans


def count_documents(project: Project, where: DocumentFilter = DocumentFilter()) -> int:
    conditions, params = _conditions(where)
    return project.conn.execute(f"SELECT count(*) FROM documents d WHERE {conditions}",
                                params).fetchone()[0]


def document_page(project: Project, labels: Sequence[str], offset: int, limit: int,
                  where: DocumentFilter = DocumentFilter(),
                  order: DocumentOrder = DocumentOrder()) -> list[DocumentRow]:
    """Rows ``offset`` to ``offset + limit`` of the list, with their spans per label.

    The page's ids are chosen first, from indexes only; its spans are then counted
    per label in the same query (one filtered count per label), so a page is one
    query whatever its length.
    """
    conditions, params = _conditions(where)
    key = _sort_key(order)
    direction = "DESC" if order.descending else "ASC"
    sql = (f"WITH page AS (SELECT d.id, {key.value} AS sort_key FROM documents d{key.join} "
           f"WHERE {conditions} ORDER BY sort_key {direction}, d.id {direction} "
           f"LIMIT ? OFFSET ?) "
           f"SELECT {_row_columns(labels)} FROM page JOIN documents d ON d.id = page.id "
           f"ORDER BY page.sort_key {direction}, page.id {direction}")
    cursor = project.conn.execute(sql, [*key.params, *params, limit, offset, *labels])
    return [_document_row(values, labels) for values in cursor]


def listed_ids(project: Project, where: DocumentFilter = DocumentFilter(),
               order: DocumentOrder = DocumentOrder()) -> list[int]:
    """The id of every document in the list, in its order: the rows of ``document_page``
    for all offsets, in one query that reads indexes only (as the page's does)."""
    conditions, params = _conditions(where)
    key = _sort_key(order)
    direction = "DESC" if order.descending else "ASC"
    cursor = project.conn.execute(
        f"SELECT d.id FROM documents d{key.join} WHERE {conditions} "
        f"ORDER BY {key.value} {direction}, d.id {direction}", [*key.params, *params])
    return [row[0] for row in cursor]


def document_rows(project: Project, labels: Sequence[str], ids: Sequence[int]) -> list[DocumentRow]:
    """These documents as the list shows them (with their spans per label), in the order
    given; a document that no longer exists is left out."""
    found = {}
    for first in range(0, len(ids), _IDS_PER_QUERY):
        chunk = list(ids[first:first + _IDS_PER_QUERY])
        cursor = project.conn.execute(
            f"SELECT {_row_columns(labels)} FROM documents d "
            f"WHERE d.id IN ({', '.join('?' for _ in chunk)})", [*labels, *chunk])
        found.update((values[0], _document_row(values, labels)) for values in cursor)
    return [found[document_id] for document_id in ids if document_id in found]


def sort_values(project: Project, order: DocumentOrder, ids: Sequence[int]) -> dict:
    """What each of these documents is sorted by (before its id), document by document:
    a span count sort counts only their own spans, not every document's."""
    if order.key == "spans":
        only = " AND s.label = ?" if order.label is not None else ""
        value = f"(SELECT count(*) FROM spans s WHERE s.document_id = d.id{only})"
        value_params = [order.label] if order.label is not None else []
    else:
        value, value_params = _KEY_SQL[order.key], []
    found = {}
    for first in range(0, len(ids), _IDS_PER_QUERY):
        chunk = list(ids[first:first + _IDS_PER_QUERY])
        found.update(project.conn.execute(
            f"SELECT d.id, {value} FROM documents d WHERE d.id IN ({', '.join('?' for _ in chunk)})",
            [*value_params, *chunk]))
    return found


_IDS_PER_QUERY = 500  # well below SQLite's limit on parameters


def _row_columns(labels: Sequence[str]) -> str:
    """A document row's columns, then its spans of each label counted on the
    spans_label_position index (label, document): one parameter per label."""
    counts = "".join(", (SELECT count(*) FROM spans s WHERE s.label = ? AND s.document_id = d.id)"
                     for _ in labels)
    return f"d.id, d.title, d.source, d.published, d.status{counts}"


def _document_row(values: Sequence, labels: Sequence[str]) -> DocumentRow:
    return DocumentRow(*values[:5], counts=dict(zip(labels, values[5:])))


def row_of_document(project: Project, document_id: int,
                    where: DocumentFilter = DocumentFilter(),
                    order: DocumentOrder = DocumentOrder()) -> int | None:
    """The 0-based row of a document in the list, or None when the filter hides it.

    Counted as the rows that sort before it (by its sort value, then its id), which
    the sort key's index answers as a range, without walking the list.
    """
    key = _sort_key(order)
    found = _sort_value(project, key, document_id, where)
    if found is None:
        return None
    conditions, params = _conditions(where)
    before = ">" if order.descending else "<"
    return project.conn.execute(
        f"SELECT count(*) FROM documents d{key.join} "
        f"WHERE {conditions} AND ({key.value}, d.id) {before} (?, ?)",
        [*key.params, *params, found, document_id]).fetchone()[0]


def neighbour_in_list(project: Project, document_id: int, step: int,
                      where: DocumentFilter = DocumentFilter(),
                      order: DocumentOrder = DocumentOrder()) -> int | None:
    """The document listed after (step > 0) or before (step < 0) a given one; None
    past the list's end, or when there is no such document.

    A document the filter hides still has a place in the order (its sort value, then
    its id): its neighbours are the nearest listed rows on either side of it. Two
    small queries, its sort value and then the first row beyond it, which the sort
    key's index gives as a range, as for row_of_document: no other row is read.
    """
    key = _sort_key(order)
    found = _sort_value(project, key, document_id)  # the filter does not apply to it
    if found is None:
        return None
    upwards = (step > 0) != order.descending  # towards greater sort values
    beyond, direction = (">", "ASC") if upwards else ("<", "DESC")
    conditions, params = _conditions(where)
    row = project.conn.execute(
        f"SELECT d.id FROM documents d{key.join} "
        f"WHERE {conditions} AND ({key.value}, d.id) {beyond} (?, ?) "
        f"ORDER BY {key.value} {direction}, d.id {direction} LIMIT 1",
        [*key.params, *params, found, document_id]).fetchone()
    return row[0] if row is not None else None


def is_listed(project: Project, document_id: int,
              where: DocumentFilter = DocumentFilter()) -> bool:
    """Whether the filter lets a document into the list (one lookup by its id, where
    row_of_document would count the rows before it)."""
    conditions, params = _conditions(where)
    return project.conn.execute(f"SELECT 1 FROM documents d WHERE d.id = ? AND {conditions}",
                                [document_id, *params]).fetchone() is not None


def progress(project: Project) -> tuple[int, int]:
    """(documents done, all documents)."""
    by_status = project.counts_by_status()
    return by_status.get("done", 0), sum(by_status.values())


def sources(project: Project) -> list[str]:
    """Every source of a document, alphabetically ("" when some have none)."""
    rows = project.conn.execute("SELECT DISTINCT source FROM documents ORDER BY source")
    return [row[0] for row in rows]


def fts_words(text: str) -> str:
    """User text as an FTS5 query that cannot be a syntax error: every word quoted
    (FTS5 operators and punctuation become literal) and matched as a prefix, all
    words required."""
    words = text.split()
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _conditions(where: DocumentFilter) -> tuple[str, list]:
    clauses, params = ["1"], []
    if where.statuses is not None:
        statuses = [check_status(status) for status in where.statuses]
        clauses.append(f"d.status IN ({', '.join('?' for _ in statuses)})")
        params += statuses
    if where.source is not None:
        clauses.append("d.source = ?")
        params.append(where.source)
    if where.label is not None:
        # one probe of the spans_label_position index per document: an IN list would
        # gather every span of the label first, even to check one document
        clauses.append("EXISTS (SELECT 1 FROM spans s WHERE s.label = ? AND s.document_id = d.id)")
        params.append(where.label)
    if where.text.strip():
        clauses.append(_text_condition(where, params))
    return " AND ".join(clauses), params


def _text_condition(where: DocumentFilter, params: list) -> str:
    in_title = r"d.title LIKE ? ESCAPE '\'"
    params.append("%" + _like_literal(where.text.strip()) + "%")
    if not where.full_text or not fts_words(where.text):
        return in_title
    params.append(fts_words(where.text))
    return (f"({in_title} OR d.id IN "
            "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))")


def _like_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class _SortKey:
    """The SQL that sorts documents by one DocumentOrder."""
    value: str  # the SQL value rows are sorted by
    join: str = ""  # what the value needs joined to ``documents d``
    params: tuple = ()


def _sort_value(project: Project, key: _SortKey, document_id: int,
                where: DocumentFilter = DocumentFilter()):
    """A document's value under a sort key; None when it is missing or filtered out."""
    conditions, params = _conditions(where)
    found = project.conn.execute(
        f"SELECT {key.value} FROM documents d{key.join} WHERE d.id = ? AND {conditions}",
        [*key.params, document_id, *params]).fetchone()
    return found[0] if found is not None else None


def _sort_key(order: DocumentOrder) -> _SortKey:
    if order.key != "spans":
        return _SortKey(_KEY_SQL[order.key])
    # Counted per document in one grouped pass, not per row: a label's spans come in
    # document order from its index, where a per-row count would search that index
    # once per document.
    only = "WHERE label = ? " if order.label is not None else ""
    join = (f" LEFT JOIN (SELECT document_id, count(*) AS n FROM spans {only}"
            "GROUP BY document_id) c ON c.document_id = d.id")
    return _SortKey("coalesce(c.n, 0)", join, (order.label,) if order.label is not None else ())
