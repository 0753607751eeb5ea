"""Deterministic article texts with the characters that break naive offsets.

Each text holds astral emoji, a flag, a combining accent, guillemets and CRLF line
ends, so that snapping, nudging and cluster-safe resizing meet them while a child
is being killed.
"""
from __future__ import annotations

import random

WORDS = ("minister", "envoy", "council", "said", "denied", "demanded", "claimed", "talks",
         "sanctions", "deal", "programme", "officials", "agreement", "reporters", "government",
         "pressure", "nuclear", "verification", "Europe", "Tehran", "Paris", "ministry",
         "spokesperson", "analysts", "inquiry", "report", "budget", "union", "leaders",
         "tariff", "guarantees", "accord", "negotiation", "clause", "visit")
EXTRAS = ("😀", "🇫🇷", "Zo\u0308e", "\u00abnon\u00bb", "\u201cnow\u201d", "€", "👩\u200d🔬")
LABELS = ("claim", "denial", "demand", "quote")


def article(rng: random.Random, n_chars: int, marker: str = "") -> str:
    """About ``n_chars`` characters of sentences; ``marker`` opens the text (makes it unique)."""
    parts, size = [marker + " "] if marker else [], len(marker) + 1
    while size < n_chars:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
        words.insert(rng.randrange(len(words)), rng.choice(EXTRAS))
        sentence = " ".join(words).capitalize() + "."
        end = rng.choice((" ", " ", "\n", "\r\n"))
        parts.append(sentence + end)
        size += len(sentence) + len(end)
    return "".join(parts).rstrip() + "."


def word_spans(rng: random.Random, text: str, count: int) -> list[tuple[int, int, str]]:
    """Up to ``count`` distinct spans from word start to word end, as (start, end, label)."""
    gaps = [i for i, ch in enumerate(text) if ch == " "]
    spans: set[tuple[int, int, str]] = set()
    for _ in range(count * 4):
        if len(spans) >= count or len(gaps) < 3:
            break
        first = rng.randrange(len(gaps) - 1)
        last = min(len(gaps) - 1, first + rng.randint(1, 6))
        spans.add((gaps[first] + 1, gaps[last], rng.choice(LABELS)))
    return sorted(spans)
