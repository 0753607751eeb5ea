"""Contexts around a span: code points either side, never half a character cluster."""
from annotator.core.concordance import contexts

FLAG = "\U0001F1EB\U0001F1F7"  # 🇫🇷: two code points, one character on screen


def test_contexts_count_code_points_either_side():
    text = "one two THREE four five"
    start = text.index("THREE")
    assert contexts(text, start, start + 5, 4) == ("two ", " fou")
    assert contexts(text, start, start + 5, 100) == ("one two ", " four five")
    assert contexts(text, start, start + 5, 0) == ("", "")


def test_a_flag_or_an_accent_at_the_edge_is_kept_whole():
    text = f"x{FLAG} SPAN Zoe\u0308 y"
    start = text.index("SPAN")
    end = start + 4
    # 3 code points to the left would start between the flag's two halves
    assert contexts(text, start, end, 3)[0] == f"{FLAG} "
    # 4 to the right would end between the e and its combining diaeresis
    assert contexts(text, start, end, 4)[1] == " Zoe\u0308"


def test_a_crlf_is_never_split():
    text = "a\r\nSPAN\r\nb"
    assert contexts(text, 3, 7, 1) == ("\r\n", "\r\n")
