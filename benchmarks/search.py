"""Corpus search over 10,000 documents (10 spans and 3,000 characters each).

The figure is the median, over 30 different queries (words, several words,
phrases, prefixes, accents, a miss), of annotator's search: the query parsed and
quoted, the FTS5 query with bm25 ranking and snippets, the snippets unmarked and
the first hit located in each document's text. The floor is the same FTS5 MATCH
query (same ranking, snippet and LIMIT) run with plain sqlite3 on the same file in
the same run, its MATCH expression written beforehand.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from annotator.core.text_search import parse_query
from annotator.store import Project
from annotator.store.search import (
    RANKING,
    SNIPPET_TOKENS,
    count_matches,
    match_expression,
    search,
)

from .common import (
    QUICK_CORPUS,
    Row,
    corpus_project,
    corpus_words,
    median_ms,
    median_of,
    print_table,
    write_results,
)

CORPUS = ("--docs", "10000", "--spans", "10", "--chars", "3000")
LIMIT, RUNS, TARGET_MS = 20, 5, 50
QUERIES = [
    "minister", "envoy", "sanctions", "Tehran", "verification", "spokesperson", "harbour",
    "tariff", "guarantees", "rebels",
    "paris talks", "nuclear deal", "budget inquiry", "union leaders", "missile programme",
    '"nuclear verification"', '"denied sanctions"', '"minister said"', '"paris deal"',
    '"talks collapsed"',
    "minist*", "negot*", "gov*", "sanc*", '"nuclear ver"*',
    "zoe", "Zoë paris", "zzyzx", "euro* accord", "AND OR",
]
FLOOR_SQL = f"""
    SELECT rowid, title, text, snippet(documents_fts, 1, '[', ']', '…', {SNIPPET_TOKENS})
    FROM documents_fts
    WHERE documents_fts MATCH ? AND rank MATCH '{RANKING}'
    ORDER BY rank LIMIT {LIMIT}"""


def build_project(folder: Path, arguments: tuple[str, ...] = CORPUS) -> tuple[Project, float]:
    return corpus_project(folder, arguments)


def measure(project: Project) -> dict:
    """Per query, the median ms of our search and of the floor, measured side by side."""
    floor_connection = sqlite3.connect(project.path)
    ours, floors, counts, hits = [], [], [], {}
    for query in QUERIES:
        expression = match_expression(parse_query(query))
        search(project, query, limit=LIMIT)  # warm the page cache for both
        def ours_once(query=query) -> None:
            hits[query] = search(project, query, limit=LIMIT)

        def floor_once(expression=expression) -> None:
            floor_connection.execute(FLOOR_SQL, [expression]).fetchall()
        ours.append(median_ms(ours_once, RUNS))
        floors.append(median_ms(floor_once, RUNS))
        counts.append(median_ms(lambda query=query: count_matches(project, query), RUNS))
    floor_connection.close()
    return {"search_ms": median_of(ours), "floor_ms": median_of(floors),
            "count_ms": median_of(counts), "worst_ms": max(ours),
            "per_query": {q: {"ours_ms": o, "floor_ms": f, "hits": len(hits[q])}
                          for q, o, f in zip(QUERIES, ours, floors)}}


def main(quick: bool = False) -> list[Row]:
    arguments = QUICK_CORPUS if quick else CORPUS
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as name:
        project, import_took = build_project(Path(name), arguments)
        print(f"imported {project.document_count():,} documents with {project.span_count():,} "
              f"spans in {import_took:.0f} ms")
        figures = measure(project)
        project.close()
    rows = [
        Row(f"corpus search, {LIMIT} hits (median of {len(QUERIES)} queries)", figures["search_ms"],
            "ms", figures["floor_ms"], f"≤ {TARGET_MS} ms", figures["search_ms"] <= TARGET_MS),
        Row("  slowest of those queries", figures["worst_ms"], "ms", None, "reported", True),
        Row("  count of matching documents (median)", figures["count_ms"], "ms", None, "reported", True),
    ]
    print_table(f"corpus search, {corpus_words(arguments)}, 3,000 characters each (floor: the "
                "same FTS5 query in plain sqlite3)", rows)
    print(f"results: {write_results('search', rows, {'import_ms': import_took, **figures})}")
    return rows
