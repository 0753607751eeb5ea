import sys
import types

from annotator.ui import source_scan


def test_where_pyside_has_no_table_of_answers_nothing_is_written(monkeypatch):
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.SimpleNamespace())
    assert source_scan.answered_in_advance() is None
    assert source_scan.answer_in_advance() == 0
