"""Which way a paragraph reads: its first strong letter, isolates passed over (UAX #9)."""
import pytest

from annotator.core.direction import is_right_to_left

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


@pytest.mark.parametrize("paragraph, expected", [
    ("وزیر امور خارجه گفت", True),  # Persian letters are AL
    ("שלום עולם", True),  # Hebrew letters are R
    ("The minister said", False),
    ("«برنامه موشکی»", True),  # punctuation first decides nothing
    ("2024: وزیر", True),  # nor do digits
    ("١٢٣ minister", False),  # nor Arabic-Indic digits (AN)
    ("Javad Zarif جواد ظریف", False),  # the first strong letter wins
    ("", False),
    ("123 ... !", False),  # no strong letter at all: left to right
    (f"{RLI}שלום{PDI} the envoy", False),  # an isolate is passed over
    (f"{LRI}the envoy{PDI} שלום", True),
    (f"{FSI}{LRI}nested{PDI} still inside{PDI} وزیر", True),
    ("\u200f the envoy", True),  # RIGHT-TO-LEFT MARK is strong
    ("the envoy\nשלום", False),  # only the first paragraph counts
    ("\nשלום", False),  # an empty first paragraph reads left to right
])
def test_the_first_strong_letter_outside_isolates_decides(paragraph, expected):
    assert is_right_to_left(paragraph) is expected


def test_an_unclosed_pdi_does_not_hide_what_follows():
    assert is_right_to_left(f"{PDI}שלום") is True
