"""`annotator search QUERY...`: the corpus search from the terminal. Never imports Qt."""
from __future__ import annotations

import argparse
import sys

from .core.text_search import parse_query
from .store import Project
from .store.search import count_matches, search

EXIT_FOUND, EXIT_NONE = 0, 1
HIT_MARKS = ("[", "]")

DESCRIPTION = """\
Search the title and text of every document, best matches first. Per hit it prints
the document id, where the first hit lies in the text (a character offset, as in
exports) and the title, then a snippet with the hits [in brackets].

  annotator search minister talks        both words, anywhere, in any order
  annotator search "nuclear deal" Iran   an argument with spaces is a phrase
  annotator search '"nuclear deal"'      quotes inside the query make a phrase too
  annotator search 'minist*'             words that begin with "minist"

Case and accents do not matter; everything else (AND, OR, -, parentheses) is
taken literally. Exits 1 when nothing matches."""


def add_parser(subparsers, parent_parser: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "search", parents=[parent_parser], help="search the documents' text",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("query", nargs="+", metavar="QUERY", help="words, \"phrases\", prefix*")
    command.add_argument("--limit", type=_positive, default=20, metavar="N",
                         help="print at most N hits (default 20)")
    command.add_argument("--offset", type=_not_negative, default=0, metavar="N",
                         help="skip the N best hits (to see the next page)")


def run(project: Project, args: argparse.Namespace) -> int:
    query = query_from_arguments(args.query)
    if not parse_query(query):
        print(f"nothing to search for in {query!r}: a query needs a letter or a digit",
              file=sys.stderr)
        return EXIT_NONE
    hits = search(project, query, limit=args.limit, offset=args.offset)
    if not hits:
        print(f"no document matches {query}", file=sys.stderr)
        return EXIT_NONE
    for hit in hits:
        where = f"char {hit.start}" if hit.start is not None else "title"
        print(f"{hit.document_id}\t{where}\t{hit.title}")
        print(f"\t{hit.marked_snippet(*HIT_MARKS)}")
    total = count_matches(project, query)
    shown_to = args.offset + len(hits)
    more = f"; the next with --offset {shown_to}" if shown_to < total else ""
    print(f"{args.offset + 1}–{shown_to} of {total} matching documents{more}")
    return EXIT_FOUND


def query_from_arguments(arguments: list[str]) -> str:
    """One query from the shell's arguments: an argument holding spaces (quoted on the
    command line) is a phrase, unless it already has quotes of its own."""
    return " ".join(f'"{argument}"' if any(ch.isspace() for ch in argument) and '"' not in argument
                    else argument for argument in arguments)


def _positive(value: str) -> int:
    number = _integer(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def _not_negative(value: str) -> int:
    number = _integer(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number


def _integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value}") from None
