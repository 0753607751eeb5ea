"""Label edits are commands: each applies in one transaction and undoes exactly."""
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.commands import CreateSpan, History
from annotator.core.label_commands import (AddLabel, MoveLabel, RecolourLabel, RemoveLabel,
                                           RenameLabel, SetLabelDescription, SetLabelKey)
from annotator.core.model import ContractError, Document, make_span
from annotator.store import Project
from annotator.store.labels import LabelStore

TEXT = "The envoy said 😀 \"we will not sign\". Officials denied it."
DEFAULT_TABLE = [("claim", "#4C9BE8", "1", 0), ("denial", "#E8684C", "2", 1),
                 ("demand", "#E8B04C", "3", 2), ("quote", "#5DBB63", "4", 3)]


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "p.annotator"
    project = Project.open(path)
    doc = project.add_document(Document(text=TEXT, title="t"), spans=[
        make_span(TEXT, 0, 9, "claim", speaker="envoy"), make_span(TEXT, 15, 16, "quote"),
        make_span(TEXT, 17, 36, "quote", note="n"), make_span(TEXT, 37, 46, "denial")])
    yield project, doc, History(LabelStore(project)), path
    project.close()


def committed(path):
    """What another connection sees: labels in order, and every span row."""
    with sqlite3.connect(path) as other:
        labels = other.execute("SELECT name, colour, key, position FROM labels "
                               "ORDER BY position").fetchall()
        spans = other.execute("SELECT * FROM spans ORDER BY id").fetchall()
    return labels, spans


def test_rename_keeps_every_span_and_undo_renames_back(setup):
    project, doc, history, path = setup
    labels_before, spans_before = committed(path)
    history.run(RenameLabel("quote", "Quotation"))
    labels, spans = committed(path)
    assert [row[0] for row in labels] == ["claim", "denial", "demand", "Quotation"]
    assert [s.label for s in project.spans(doc.id)] == ["claim", "Quotation", "Quotation", "denial"]
    assert [row[:4] + row[5:] for row in spans] == [row[:4] + row[5:] for row in spans_before]
    history.undo()
    assert committed(path) == (labels_before, spans_before)
    history.redo()
    assert project.label_names()[3] == "Quotation"


def test_a_name_may_change_only_its_case(setup):
    project, _, history, _ = setup
    history.run(RenameLabel("claim", "Claim"))
    assert project.label_names()[0] == "Claim"


@pytest.mark.parametrize("name, message", [
    ("", "needs a name"),
    (" quote2", "cannot start or end with a space"),
    ("quote2 ", "cannot start or end with a space"),
    ("two\nlines", "one line"),
    ("QUOTE", "already a label named 'quote'"),
])
def test_invalid_names_are_refused_and_nothing_changes(setup, name, message):
    project, _, history, path = setup
    before = committed(path)
    with pytest.raises(ContractError, match=message):
        history.run(RenameLabel("claim", name))
    with pytest.raises(ContractError, match=message):
        history.run(AddLabel(name))
    assert committed(path) == before
    assert not history.can_undo()


def test_add_takes_the_next_free_key_and_colour_and_goes_last(setup):
    project, _, history, path = setup
    history.run(AddLabel("rumour", guideline="Unverified talk."))
    labels, _ = committed(path)
    assert labels[-1] == ("rumour", "#A06CD5", "5", 4)
    assert project.labels()[-1].description == "Unverified talk."
    history.undo()
    assert committed(path)[0] == DEFAULT_TABLE


def test_keys_stay_unique_and_single(setup):
    project, _, history, path = setup
    with pytest.raises(ContractError, match="Key '2' already chooses the label 'denial'"):
        history.run(SetLabelKey("claim", "2"))
    with pytest.raises(ContractError, match="single character"):
        history.run(SetLabelKey("claim", "12"))
    with pytest.raises(ContractError, match="steps to the next span"):
        history.run(SetLabelKey("claim", "]"))
    for key, field in (("s", "speaker"), ("T", "target"), ("u", "cue")):  # naming keys
        with pytest.raises(ContractError, match=f"makes the selected words the selected span's {field}"):
            history.run(SetLabelKey("claim", key))
    with pytest.raises(ContractError, match="already chooses"):
        history.run(AddLabel("rumour", key="4"))
    assert committed(path)[0] == DEFAULT_TABLE
    history.run(SetLabelKey("denial", "d"))
    history.run(SetLabelKey("claim", "2"))
    assert [label.key for label in project.labels()] == ["2", "d", "3", "4"]
    history.undo()
    history.undo()
    assert committed(path)[0] == DEFAULT_TABLE


def test_recolour_and_guideline_undo_to_what_they_were(setup):
    project, _, history, _ = setup
    history.run(RecolourLabel("claim", "#123456"))
    history.run(SetLabelDescription("claim", "Definition.\n\nExample: \"<b>it is</b>\""))
    assert project.labels()[0].colour == "#123456"
    assert project.labels()[0].description == "Definition.\n\nExample: \"<b>it is</b>\""
    with pytest.raises(ContractError, match="#RRGGBB"):
        history.run(RecolourLabel("claim", "red"))
    history.undo()
    history.undo()
    assert project.labels()[0].description == "An assertion presented as fact by a speaker."
    assert project.labels()[0].colour == "#4C9BE8"


def test_move_reorders_and_undo_puts_it_back(setup):
    project, _, history, path = setup
    history.run(MoveLabel("quote", 0))
    assert committed(path)[0] == [("quote", "#5DBB63", "4", 0), ("claim", "#4C9BE8", "1", 1),
                                  ("denial", "#E8684C", "2", 2), ("demand", "#E8B04C", "3", 3)]
    history.run(MoveLabel("claim", 99))  # past the end: last
    assert project.label_names() == ["quote", "denial", "demand", "claim"]
    history.undo()
    history.undo()
    assert committed(path)[0] == DEFAULT_TABLE


def test_remove_with_delete_restores_spans_with_their_ids_on_undo(setup):
    project, doc, history, path = setup
    before = committed(path)
    history.run(RemoveLabel("quote", delete_spans=True))
    labels, spans = committed(path)
    assert [row[0] for row in labels] == ["claim", "denial", "demand"]
    assert [row[3] for row in labels] == [0, 1, 2]
    assert [(s.label, s.text) for s in project.spans(doc.id)] == [("claim", "The envoy"),
                                                                 ("denial", "Officials")]
    history.undo()
    assert committed(path) == before  # same ids, offsets, attribution, times, place
    history.redo()
    assert len(project.spans(doc.id)) == 2


def test_remove_with_move_moves_spans_and_undo_moves_them_back(setup):
    project, doc, history, path = setup
    before = committed(path)
    history.run(RemoveLabel("quote", move_spans_to="claim"))
    assert [s.label for s in project.spans(doc.id)] == ["claim", "claim", "claim", "denial"]
    assert project.label_names() == ["claim", "denial", "demand"]
    history.undo()
    assert committed(path) == before
    with pytest.raises(ContractError, match="no label named 'rumour'"):
        history.run(RemoveLabel("quote", move_spans_to="rumour"))
    with pytest.raises(ContractError, match="being removed"):
        history.run(RemoveLabel("quote", move_spans_to="quote"))
    assert committed(path) == before


def test_a_used_label_is_not_removed_without_saying_what_happens_to_its_spans(setup):
    _, _, history, path = setup
    before = committed(path)
    with pytest.raises(ContractError, match="used by 2 span"):
        history.run(RemoveLabel("quote"))
    assert committed(path) == before
    history.run(RemoveLabel("demand"))  # unused: nothing to ask
    history.undo()
    assert committed(path) == before


def test_span_and_label_edits_share_one_history_in_order(setup):
    project, doc, history, path = setup
    history.run(AddLabel("rumour"))
    history.run(CreateSpan(doc.id, make_span(TEXT, 47, 53, "rumour")))
    history.run(RenameLabel("rumour", "gossip"))
    assert project.spans(doc.id)[-1].label == "gossip"
    for _ in range(3):
        history.undo()
    assert committed(path)[0] == DEFAULT_TABLE
    for _ in range(3):
        history.redo()
    assert project.spans(doc.id)[-1].label == "gossip"


NAMES = st.sampled_from(["claim", "denial", "demand", "quote", "Quote", "rumour", " x", ""])
LABEL_EDITS = st.one_of(
    st.builds(AddLabel, NAMES, key=st.sampled_from([None, "", "1", "9", "z"])),
    st.builds(RenameLabel, NAMES, NAMES),
    st.builds(RecolourLabel, NAMES, st.sampled_from(["#000000", "#ABCDEF", "blue"])),
    st.builds(SetLabelKey, NAMES, st.sampled_from(["", "1", "2", "q", "["])),
    st.builds(SetLabelDescription, NAMES, st.text(max_size=20)),
    st.builds(MoveLabel, NAMES, st.integers(-1, 6)),
    st.builds(RemoveLabel, NAMES, move_spans_to=st.one_of(st.none(), NAMES),
              delete_spans=st.booleans()),
)


def snapshot(project):
    labels = project.db.execute("SELECT * FROM labels ORDER BY position").fetchall()
    spans = project.db.execute("SELECT * FROM spans ORDER BY id").fetchall()
    return labels, spans


@settings(max_examples=60, deadline=None)
@given(st.lists(LABEL_EDITS, max_size=12))
def test_any_sequence_of_label_edits_undoes_and_redoes_exactly(edits):
    project = Project.in_memory()
    try:
        project.add_document(Document(text=TEXT), spans=[
            make_span(TEXT, 0, 9, "claim"), make_span(TEXT, 17, 36, "quote", speaker="s"),
            make_span(TEXT, 37, 46, "denial")])
        history = History(LabelStore(project))
        start = snapshot(project)
        applied = 0
        for edit in edits:
            try:
                history.run(edit)
                applied += 1
            except ContractError:
                pass  # refused: must have changed nothing, checked by the round trip
        end = snapshot(project)
        for _ in range(applied):
            history.undo()
        assert snapshot(project) == start
        for _ in range(applied):
            history.redo()
        assert snapshot(project) == end
    finally:
        project.close()
