"""Words for counts in messages, the same in the command line and the window."""
from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """"1 span", "2 spans", "1,204 documents": the noun's plain -s plural."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
