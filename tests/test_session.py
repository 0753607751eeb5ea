"""The annotation session: every edit is one committed, undoable command, announced."""
import pytest

from annotator.core.model import Document, make_span
from annotator.session import AnnotationSession, Change
from annotator.store import Project
from annotator.store.navigator import DocumentFilter, DocumentOrder, neighbour_in_list

TEXT = "Le Drian said Iran must \u201cstop now\u201d. Tehran denied it."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901


@pytest.fixture
def project():
    p = Project.in_memory()
    yield p
    p.close()


def add(project, text=TEXT, spans=(), **fields):
    return project.add_document(Document(text=text, **fields),
                                [make_span(text, s, e, label) for s, e, label in spans])


def open_session(project, document) -> AnnotationSession:
    session = AnnotationSession(project, "tester")
    session.open_document(document.id)
    return session


@pytest.fixture
def nested(project):
    """The sentence as a claim holding the demand, which holds the quote."""
    document = add(project, spans=[(0, 35, "claim"), (14, 35, "demand"), (24, 34, "quote"),
                                   (36, 53, "denial")])
    return open_session(project, document)


def span_id(session, label):
    return next(s.id for s in session.index if s.label == label)


def undo_depth(session):
    return len(session.history._undo)


def assert_one_committed_edit(session, before):
    assert undo_depth(session) == before + 1
    assert not session.project.db.conn.in_transaction


# -- making spans --------------------------------------------------------------------------

def test_label_selection_snaps_stores_and_selects(project):
    session = open_session(project, add(project))
    span = session.label_selection(5, 11, "claim")  # "rian s"
    assert (span.start, span.end, span.text) == (3, 13, "Drian said")
    assert project.spans(session.document.id) == [span]
    assert span.annotator == "tester"
    assert session.selected == span
    assert_one_committed_edit(session, 0)


def test_label_selection_refuses_whitespace_and_unknown_labels(project):
    session = open_session(project, add(project))
    assert session.label_selection(2, 3, "claim") is None
    assert session.label_selection(3, 8, "gossip") is None
    assert project.spans(session.document.id) == []
    assert undo_depth(session) == 0


def test_undo_and_redo_a_new_span(project):
    session = open_session(project, add(project))
    span = session.label_selection(3, 8, "claim")
    assert session.undo()
    assert project.spans(session.document.id) == [] and span.id not in session.index
    assert session.selected is None
    assert session.redo()
    assert project.get_span(span.id).text == "Drian"
    assert session.index.get(span.id).text == "Drian"


# -- editing the selected span -------------------------------------------------------------

def edit_and_undo(session, edit, read):
    """Run ``edit``; check it is one committed edit, that undo restores and redo repeats."""
    before_value, before_depth = read(), undo_depth(session)
    edit()
    after_value = read()
    assert after_value != before_value
    assert_one_committed_edit(session, before_depth)
    session.undo()
    assert read() == before_value
    session.redo()
    assert read() == after_value


def test_relabel(nested):
    nested.select(span_id(nested, "quote"))
    selected = nested.selected_id
    edit_and_undo(nested, lambda: nested.relabel("claim"),
                  lambda: nested.project.get_span(selected).label)
    assert nested.index.get(selected).label == "claim"


def test_set_attribute(nested):
    nested.select(span_id(nested, "quote"))
    selected = nested.selected_id
    edit_and_undo(nested, lambda: nested.set_attribute("speaker", "Le Drian"),
                  lambda: nested.project.get_span(selected).speaker)
    assert nested.speakers() == ["Le Drian"]


def test_nudge_and_move_edge(nested):
    nested.select(span_id(nested, "demand"))
    selected = nested.selected_id
    read = lambda: (nested.project.get_span(selected).start, nested.project.get_span(selected).end)
    edit_and_undo(nested, lambda: nested.nudge("end", -1), read)
    assert read() == (14, 34)
    edit_and_undo(nested, lambda: nested.nudge("start", +1, by_word=True), read)
    assert read() == (19, 34)  # the next word: an edge never rests on a space
    edit_and_undo(nested, lambda: nested.move_edge("start", 0), read)
    assert nested.project.get_span(selected).text == TEXT[0:34]


def test_delete_selected(nested):
    nested.select(span_id(nested, "quote"))
    selected = nested.selected_id
    edit_and_undo(nested, nested.delete_selected,
                  lambda: [s.id for s in nested.project.spans(nested.document.id)])
    nested.undo()
    assert nested.project.get_span(selected).text == "\u201cstop now\u201d"


def test_edits_that_change_nothing_make_no_command(nested):
    nested.select(span_id(nested, "quote"))
    nested.relabel("quote")
    nested.set_attribute("speaker", "")
    nested.move_edge("start", 40)  # past the end: refused
    nested.nudge("start", -1)  # this one does change something
    assert undo_depth(nested) == 1
    nested.select(None)
    nested.relabel("claim")
    nested.delete_selected()
    nested.set_attribute("note", "x")
    assert undo_depth(nested) == 1


# -- choosing a span -----------------------------------------------------------------------

def test_clicking_again_cycles_from_the_innermost_span_outward(nested):
    ids = [span_id(nested, label) for label in ("quote", "demand", "claim")]
    assert [nested.click(26).id for _ in range(4)] == ids + ids[:1]
    assert nested.click(16).id == span_id(nested, "demand")
    assert nested.click(53) is None and nested.selected is None


def test_select_neighbour_goes_in_text_order_and_wraps(nested):
    order = ["claim", "demand", "quote", "denial"]
    assert [nested.select_neighbour(+1).label for _ in range(5)] == order + order[:1]
    assert nested.select_neighbour(-1).label == "denial"
    nested.select(None)
    assert nested.select_neighbour(-1).label == "denial"


def test_select_neighbour_without_spans(project):
    session = open_session(project, add(project))
    assert session.select_neighbour(+1) is None


def test_selecting_an_unknown_span_selects_nothing(nested):
    nested.select(9999)
    assert nested.selected is None and nested.selected_id is None


# -- documents -----------------------------------------------------------------------------

def test_mark_done_and_next_then_undo_goes_back(project):
    first = add(project, "First text.", [(0, 5, "claim")])
    second = add(project, "Second text.")
    session = open_session(project, first)
    assert session.mark_done_and_next()
    assert session.document.id == second.id
    assert project.document(first.id).status == "done"
    assert session.undo()
    assert session.document.id == first.id
    assert session.document.status == "in-progress" == project.document(first.id).status
    assert session.redo()
    assert project.document(first.id).status == "done"


def test_mark_done_on_the_last_document_stays_there(project):
    only = add(project, "Only text.")
    session = open_session(project, only)
    assert not session.mark_done_and_next()
    assert session.document.id == only.id and session.document.status == "done"
    session.undo()
    assert session.document.status == "new"


def test_undo_of_an_edit_in_another_document_opens_it(project):
    first, second = add(project, "First text."), add(project, "Second text.")
    session = open_session(project, first)
    session.label_selection(0, 5, "claim")
    session.go(+1)
    assert session.document.id == second.id
    session.undo()
    assert session.document.id == first.id
    assert project.spans(first.id) == []


def test_an_undo_or_redo_that_opens_another_document_says_its_status_may_have_changed(project):
    """The views over all documents (the navigator's status and span counts) hear it."""
    first, second = add(project, "First text."), add(project, "Second text.")
    session = open_session(project, first)
    session.label_selection(0, 5, "claim")
    session.mark_done_and_next()
    assert session.document.id == second.id
    kinds = []
    session.subscribe(lambda change: kinds.append(change.kind))
    session.undo()  # "done", from the second document
    assert session.document.id == first.id and kinds == ["document", "status"]
    session.go(+1)
    kinds.clear()
    session.undo()  # the first span, from the second document
    assert session.document.id == first.id and kinds == ["document", "status"]
    assert session.document.status == "new"


def test_go_stops_at_either_end(project):
    first, second = add(project, "First text."), add(project, "Second text.")
    session = open_session(project, first)
    assert not session.go(-1)
    assert session.go(+1) and session.document.id == second.id
    assert not session.go(+1)


def in_list(project, where=DocumentFilter(), order=DocumentOrder()):
    """A window's document list, as the session walks through it."""
    return lambda document_id, step: neighbour_in_list(project, document_id, step, where, order)


def test_go_walks_through_the_list_it_is_given(project):
    ids = [add(project, f"Text {title}.", title=title).id for title in ("b", "c", "a")]
    session = open_session(project, project.document(ids[1]))  # "c"
    session.walk_through(in_list(project, order=DocumentOrder("title")))  # a, b, c
    assert not session.go(+1)
    assert session.go(-1) and session.document.title == "b"
    assert session.go(-1) and session.document.title == "a"
    assert not session.go(-1)


def test_mark_done_and_next_opens_the_row_that_followed_it(project):
    # To do, by status, most first: new (1), in progress (3), in progress (2). Marked
    # done, the third leaves the list (and would sort after all): the second followed it.
    for number in range(3):
        add(project, f"Text {number}.", [(0, 4, "claim")] if number else [])
    to_do = DocumentFilter(statuses=("new", "in-progress"))
    session = open_session(project, project.document(3))
    session.walk_through(in_list(project, to_do, DocumentOrder("status", descending=True)))
    assert session.mark_done_and_next()
    assert session.document.id == 2 and project.document(3).status == "done"
    assert not session.mark_done_and_next()  # the last to do
    assert session.document.id == 2 and session.document.status == "done"


# -- announcements and labels --------------------------------------------------------------

def test_listeners_hear_what_changed(project):
    document = add(project)
    session = AnnotationSession(project, "tester")
    heard: list[Change] = []
    session.subscribe(heard.append)
    session.open_document(document.id)
    span = session.label_selection(3, 8, "claim")
    session.set_attribute("cue", "said")
    session.select(None)
    session.set_sticky_label("quote")
    session.undo()
    made = (span.id,)
    # the first span makes the document in progress: announced as a status change
    assert heard == [Change("document"), Change("spans", made), Change("status"),
                     Change("selection", made),
                     Change("spans", made), Change("selection"), Change("sticky"),
                     Change("spans", made)]


def test_status_changes_are_announced(project):
    only = add(project, "Only text.")
    session = open_session(project, only)
    heard = []
    session.subscribe(lambda change: heard.append(change.kind))
    session.mark_done_and_next()
    assert heard == ["status"]


def test_labels_keys_and_counts(nested):
    assert nested.label_for_key("1") == "claim"
    assert nested.label_for_key("4") == "quote"
    assert nested.label_for_key("9") is None
    assert nested.label("denial").colour.startswith("#")
    assert nested.counts() == {"claim": 1, "denial": 1, "demand": 1, "quote": 1}


def test_sticky_label_is_set_and_toggled(nested):
    nested.set_sticky_label("claim")
    nested.set_sticky_label("claim")
    assert nested.sticky_label == "claim"
    nested.toggle_sticky_label("claim")
    assert nested.sticky_label is None
    nested.toggle_sticky_label("quote")
    assert nested.sticky_label == "quote"


def test_a_long_document_opens_with_its_first_spans_and_loads_the_rest_before_an_edit(project):
    text = "word " * 10_000  # longer than the part read first
    spans = [(5 * i, 5 * i + 4, "claim") for i in range(0, 10_000, 100)]
    session = open_session(project, add(project, text, spans))
    heard = []
    session.subscribe(lambda change: heard.append(change.kind))
    assert not session.complete and 0 < len(session.index) < len(spans)
    session.select(session.index.in_order()[0].id)
    session.set_attribute("cue", "said")
    assert session.complete and len(session.index) == len(spans)
    assert heard == ["selection", "loaded", "spans"]


def test_the_first_span_shows_the_document_in_progress_at_once():
    from annotator.core.model import Document
    from annotator.session import AnnotationSession
    from annotator.store import Project
    project = Project.in_memory()
    doc = project.add_document(Document(text="The minister denied it."))
    session = AnnotationSession(project, "tester")
    kinds = []
    session.subscribe(lambda change: kinds.append(change.kind))
    session.open_document(doc.id)
    session.label_selection(13, 19, "denial")
    assert session.document.status == "in-progress" and "status" in kinds


def test_undoing_the_first_span_shows_the_document_new_again_and_redo_in_progress(project):
    document = add(project)
    session = open_session(project, document)
    kinds = []
    session.subscribe(lambda change: kinds.append(change.kind))
    session.label_selection(3, 8, "claim")  # selected, so its undo clears the selection too
    assert session.document.status == "in-progress"
    kinds.clear()
    session.undo()
    assert session.document.status == "new" == project.document(document.id).status
    assert "status" in kinds
    kinds.clear()
    session.redo()
    assert session.document.status == "in-progress" == project.document(document.id).status
    assert "status" in kinds


# -- naming the speaker, target or cue with words of the text ------------------------------

def test_words_of_the_text_become_the_selected_spans_speaker_as_one_edit(nested):
    nested.select(span_id(nested, "quote"))
    selected = nested.selected_id
    edit_and_undo(nested, lambda: nested.name_from_text("speaker", 1, 6),  # "e Dri"
                  lambda: nested.project.get_span(selected).speaker)
    assert nested.project.get_span(selected).speaker == "Le Drian"
    assert nested.name_from_text("cue", 9, 13) == "said"
    assert nested.name_from_text("target", 14, 18, whole_words=False) == "Iran"
    span = nested.project.get_span(selected)
    assert (span.speaker, span.target, span.cue) == ("Le Drian", "Iran", "said")
    assert (span.start, span.end, span.label) == (24, 34, "quote")  # the span itself is as it was


def test_a_name_broken_over_lines_is_one_name(project):
    text = "The report was denied by Jean-Yves\r\n  Le Drian on Monday."
    session = open_session(project, add(project, text=text, spans=[(4, 21, "denial")]))
    session.select(next(iter(session.index)).id)
    start = text.index("Jean")
    assert session.name_from_text("speaker", start, text.index(" on")) == "Jean-Yves Le Drian"
    assert project.spans(session.document.id)[0].speaker == "Jean-Yves Le Drian"


def test_naming_needs_a_span_words_and_a_name_not_a_passage(project):
    passage = "Le Drian said " + "very " * 60 + "much."
    session = open_session(project, add(project, text=passage, spans=[(0, 8, "claim")]))
    heard = []
    session.subscribe(heard.append)
    assert session.name_from_text("speaker", 0, 8) is None  # no span selected
    session.select(next(iter(session.index)).id)
    assert session.name_from_text("speaker", 8, 9) is None  # only a space
    assert session.name_from_text("note", 0, 8) is None  # a note is not a name
    assert session.name_from_text("speaker", 0, len(passage)) is None
    assert [c.message for c in heard if c.kind == "refused"] == [
        "Select a span first (click it), then the words that name its speaker",
        f"Not used as the speaker: {len(passage)} characters are a passage, not a name "
        "(at most 200)"]
    assert project.spans(session.document.id)[0].speaker == ""
    assert undo_depth(session) == 0
