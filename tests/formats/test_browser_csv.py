"""The browser's view as CSV: BOM, one-line contexts, formulas defused, written whole or not at all."""
import csv
import io

import pytest

from annotator.core.concordance import BrowserRow
from annotator.formats.browser_csv import COLUMNS, write_view


def row(**changes) -> BrowserRow:
    values = dict(span_id=7, document_id=3, document_title="Talks", label="claim", start=10,
                  end=14, left="said:\r\n", text="deal", right=" is off", speaker="Le Drian",
                  target="Iran", cue="said", note="<b>x</b>", annotator="ana")
    return BrowserRow(**(values | changes))


def read(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_row_per_span_after_the_header(tmp_path):
    path = tmp_path / "view.csv"
    assert write_view([row(), row(span_id=8, text="Zoë 🇫🇷", end=16)], path) == 2
    header, first, second = read(path)
    assert header == list(COLUMNS)
    assert first == ["claim", "said:⏎", "deal", " is off", "Le Drian", "Iran", "said", "<b>x</b>",
                     "3", "Talks", "ana", "7", "10", "14"]
    assert second[2] == "Zoë 🇫🇷"


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx"])
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(tmp_path, dangerous):
    path = tmp_path / "view.csv"
    write_view([row(text=dangerous, speaker=dangerous, note=dangerous)], path)
    cells = dict(zip(COLUMNS, read(path)[1]))
    assert cells["text"] == cells["speaker"] == cells["note"] == "'" + dangerous
    assert cells["start"] == "10"  # numbers are left alone


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "view.csv"
    path.write_text("old", encoding="utf-8")

    def rows():
        yield row()
        raise RuntimeError("the project went away")

    with pytest.raises(RuntimeError):
        write_view(rows(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["view.csv"]


def test_the_file_gets_the_permissions_any_file_of_the_user_gets(tmp_path):
    """It was written readable by its owner only (mkstemp), a shared CSV made private."""
    import os
    target = tmp_path / "view.csv"
    mask = os.umask(0o022)
    try:
        write_view([], target)
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644
