"""Hypothesis strategies for texts that break naive offset handling."""
from hypothesis import strategies as st

TRICKY = ["\r\n", "\r", "\n", "\u2028", "\u2029", "\t", "\x00", "😀", "🇫🇷", "👩\u200d👩\u200d👧",
          "e\u0301", "Zo\u0308e", "\u200b", "\u00ad", "\u00a0", "جواد", "𝔐", "\ufeff"]

# any code point but lone surrogates (which no decoded file can hold)
characters = st.characters(blacklist_categories=("Cs",))
tricky_texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(characters, max_size=5)),
                        max_size=30).map("".join)


@st.composite
def text_and_range(draw, texts=tricky_texts):
    text = draw(texts.filter(lambda t: len(t) >= 1))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end
