"""Random sessions of edits, undos and adjudication steps, checked after every step.

Hypothesis drives an annotation session on a tricky text (CRLF, emoji, combining
accents, Persian) holding two colleagues' spans: labelling selections, relabelling,
moving edges, editing attribution, deleting, undoing and redoing, switching layers,
adding, renaming and removing labels (as the label editor does), accepting and
rejecting clusters, while another program adds spans now and then.
After each step:

- every stored span is exact: ``text[start:end] == span.text``;
- the session shows what the store holds (its layer's spans, by value);
- the adjudication's clusters, kept up to date edit by edit, are those a fresh read
  of the project makes;
- the session shows the document's stored status, and a status set on purpose (done,
  skipped) is changed only by marking the document (or undoing or redoing a marking),
  never by a span edit or its undo: the document starts new, the lead's first edit
  begins it, and undoing that edit makes it new again;

and at the end undoing everything gives back the project as it started (with what the
other program wrote; an undo that would take away a label its spans now use is refused).

The suite runs 40 sessions of up to 25 steps; a long run sets ANNOTATOR_SESSION_EXAMPLES
(sessions, then of up to 40 steps)::

    ANNOTATOR_SESSION_EXAMPLES=1500 pytest tests/test_session_stateful.py
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from annotator.adjudicating import Adjudication
from annotator.core.commands import SetStatus
from annotator.core.label_commands import AddLabel, RemoveLabel, RenameLabel
from annotator.core.layers import GOLD, Layer
from annotator.core.model import ContractError, Document, make_span
from annotator.session import AnnotationSession
from annotator.store import Project

TEXT = ("Le Drian said Iran should \"address concerns\" 🇫🇷 now.\r\n"
        "Zarif countered: Europe must «play a constructive role».\n"
        "Cafe\u0301 owners denied it 👍🏽 outright.\n"
        "وزیر امور خارجه گفت: «برنامه موشکی دفاعی است»")
LABELS = ("claim", "denial", "demand", "quote")
NAMES = (*LABELS, "threat", "Claim")  # the label editor's steps name these
COLLEAGUES = (("ana", [(0, 8, "claim"), (14, 46, "demand"), (60, 84, "claim")]),
              ("bo", [(0, 8, "claim"), (27, 44, "quote"), (108, 114, "denial"),
                      (140, 186, "quote")]))

OTHER_PROGRAM = "cy"  # the annotator of the spans another program writes
positions = st.integers(min_value=0, max_value=len(TEXT))
STATUSES = ("new", "in-progress", "done", "skipped")
ON_PURPOSE = ("done", "skipped")  # never a span edit's side effect


def as_values(spans) -> list[tuple]:
    return sorted((s.start, s.end, s.label, s.text, s.annotator, s.speaker, s.target, s.cue,
                   s.note) for s in spans)


def _without_labels(values: list[tuple]) -> list[tuple]:
    return sorted(value[:2] + value[3:] for value in values)


def cluster_values(clusters) -> list[tuple]:
    return [(c.start, c.end, c.rejected, as_values(c.gold),
             {name: as_values(spans) for name, spans in c.versions.items()}) for c in clusters]


class EditingSession(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-stateful-"))
        self.project = Project.open(self.folder / "p.annotator")
        spans = [make_span(TEXT, start, end, label, annotator=name)
                 for name, marks in COLLEAGUES for start, end, label in marks]
        self.document = self.project.add_document(Document(text=TEXT, title="t"), spans)
        # the colleagues' spans began it for them; for the lead's own work it is new
        self.project.set_status(self.document.id, "new")
        self.session = AnnotationSession(self.project, "lead")
        self.session.open_document(self.document.id)
        self.adjudication = Adjudication(self.session)
        self.adjudication.start()
        self.initial = self._stored()
        self.added_elsewhere = []  # spans another program wrote: no undo here takes them back
        # theirs that a label removal here deleted with its spans (the analyst's choice);
        # undo brings them back unless it is refused first (see teardown)
        self.deleted_here: set[int] = set()
        self.status = "new"  # as stored after the last step
        self.status_may_change = False  # the step marked the document (or undid a marking)
        self.status_set_elsewhere = False

    def teardown(self):
        try:
            # as an analyst who keeps pressing Ctrl+Z: a refused undo is dropped (and said
            # so), and the next one undoes the step before it
            while self.session.history.can_undo():
                self.session.undo()
            spans, decisions, labels = self.initial
            now_spans, now_decisions, now_labels = self._stored()
            theirs = [span for span in now_spans if span[4] == OTHER_PROGRAM]
            # the other program's spans stay (a label renamed here and back renames theirs),
            # but for those a label removal here deleted: the removal's undo is refused
            # when the name has been taken again (by their new label), so they stay deleted
            kept = [span for span in self.added_elsewhere if span.id not in self.deleted_here]
            assert set(_without_labels(as_values(kept))) <= set(_without_labels(theirs))
            assert set(_without_labels(theirs)) <= set(_without_labels(
                as_values(self.added_elsewhere)))
            if not self.added_elsewhere and not self.status_set_elsewhere:
                assert (now_spans, now_decisions, now_labels) == (spans, decisions, labels), \
                    "undoing every step did not give back the start"
                assert self.project.document_status(self.document.id) == "new"
            # else some undo may have been refused (and dropped): one that would take away
            # a label the other program's spans now use, so the start does not come back
        finally:
            self.project.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _stored(self):
        decisions = sorted((d.start, d.end, d.verdict) for d in self.project.decisions(self.document.id))
        labels = [(label.name, label.colour, label.key) for label in self.project.labels()]
        return as_values(self.project.spans(self.document.id)), decisions, labels

    # -- the analyst's steps ----------------------------------------------------------
    @rule(start=positions, end=positions, label=st.sampled_from(LABELS), whole_words=st.booleans())
    def label_a_selection(self, start, end, label, whole_words):
        self.session.label_selection(min(start, end), max(start, end), label, whole_words)

    @rule(choice=st.integers(min_value=0))
    def select_a_span(self, choice):
        shown = self.session.index.in_order()
        if shown:
            self.session.select(shown[choice % len(shown)].id)

    @rule(label=st.sampled_from(LABELS))
    def relabel(self, label):
        self.session.relabel(label)

    @rule(edge=st.sampled_from(("start", "end")), direction=st.sampled_from((-1, 1)),
          by_word=st.booleans())
    def nudge(self, edge, direction, by_word):
        self.session.nudge(edge, direction, by_word)

    @rule(edge=st.sampled_from(("start", "end")), position=positions)
    def drag_an_edge(self, edge, position):
        self.session.move_edge(edge, position)

    @rule(name=st.sampled_from(("speaker", "target", "cue", "note")),
          value=st.sampled_from(("", "Zarif", "Le Drian", "وزیر", "<b>x</b>")))
    def attribute(self, name, value):
        self.session.set_attribute(name, value)

    @rule(name=st.sampled_from(("speaker", "target", "cue")), start=positions, end=positions,
          whole_words=st.booleans())
    def name_from_the_text(self, name, start, end, whole_words):
        """Words of the text (any range, backwards and empty ones too) name a speaker."""
        self.session.name_from_text(name, start, end, whole_words)

    @rule()
    def delete(self):
        self.session.delete_selected()

    @rule()
    def undo(self):
        self._marking_may_come_from(self.session.history._undo)
        self.session.undo()

    @rule()
    def redo(self):
        self._marking_may_come_from(self.session.history._redo)
        self.session.redo()

    def _marking_may_come_from(self, stack):
        self.status_may_change = bool(stack) and isinstance(stack[-1], SetStatus)

    @rule(status=st.sampled_from(STATUSES))
    def mark_the_document(self, status):
        self.session.run(SetStatus(self.document.id, status, description="mark"))
        self.status_may_change = True

    @rule(layer=st.sampled_from((Layer("all"), Layer("mine"), Layer(GOLD))))
    def show_a_layer(self, layer):
        self.session.set_layer(layer)

    @rule(start=positions, length=st.integers(min_value=1, max_value=30),
          label=st.sampled_from(LABELS))
    def another_program_adds_a_span(self, start, length, label):
        start, end = min(start, len(TEXT) - 1), min(len(TEXT), start + length)
        other = Project.open(self.project.path)  # a second window, or annotator import
        try:
            known = [name.name for name in other.labels()]
            # as an import resolves its labels: the name, else the first one there is
            span = make_span(TEXT, start, end, label if label in known else known[0],
                             annotator=OTHER_PROGRAM)
            span = other.add_span(self.document.id, span)  # stored: with its id
        finally:
            other.close()
        self.added_elsewhere.append(span)
        self.session.refresh()  # as the window does when it regains the focus

    @rule(status=st.sampled_from(STATUSES))
    def another_program_marks_the_document(self, status):
        other = Project.open(self.project.path)
        try:
            other.set_status(self.document.id, status)
        finally:
            other.close()
        self.status_may_change = self.status_set_elsewhere = True
        self.session.refresh()

    # -- the label editor's steps (Labels and guidelines…, one undo history) --------------
    def _edit_labels(self, command):
        try:
            self.session.history.run(command)
        except ContractError:
            return  # refused (a name taken, the last label): the editor says why
        self.session.reload_labels()  # as the window does when the editor reports a change

    @rule(name=st.sampled_from(NAMES), new_name=st.sampled_from(NAMES))
    def rename_a_label(self, name, new_name):
        self._edit_labels(RenameLabel(name, new_name))

    @rule(name=st.sampled_from(NAMES), move_to=st.sampled_from((None, *NAMES)),
          delete_spans=st.booleans())
    def remove_a_label(self, name, move_to, delete_spans):
        command = RemoveLabel(name, move_spans_to=move_to, delete_spans=delete_spans)
        self._edit_labels(command)
        self.deleted_here.update(span.id for span in command.deleted)  # empty if refused

    @rule(name=st.sampled_from(NAMES))
    def add_a_label(self, name):
        self._edit_labels(AddLabel(name, colour="#336699"))

    # -- the lead's steps ---------------------------------------------------------------
    @precondition(lambda self: self.adjudication.clusters())
    @rule(choice=st.integers(min_value=0), step=st.sampled_from(
        ("accept ana", "accept bo", "accept all", "reject", "reopen")))
    def adjudicate(self, choice, step):
        self.adjudication.go_to(choice % len(self.adjudication.clusters()))
        if step.startswith("accept ") and step != "accept all":
            self.adjudication.accept(step.split()[1])
        elif step == "accept all":
            self.adjudication.accept_all()
        else:
            getattr(self.adjudication, step)()

    # -- what must hold after every step ------------------------------------------------
    @invariant()
    def every_stored_span_is_exact(self):
        for span in self.project.spans(self.document.id):
            assert 0 <= span.start < span.end <= len(TEXT)
            assert TEXT[span.start:span.end] == span.text, span

    @invariant()
    def names_are_one_line_without_edge_spaces(self):
        for span in self.project.spans(self.document.id):
            for name in (span.speaker, span.target, span.cue):
                assert name == " ".join(name.split()), span

    @invariant()
    def every_span_has_a_label_of_the_project(self):
        names = {label.name for label in self.project.labels()}
        assert {span.label for span in self.project.spans(self.document.id)} <= names
        assert [label.name for label in self.session.labels] == \
            [label.name for label in self.project.labels()]

    @invariant()
    def the_session_shows_what_is_stored(self):
        self.session.load_rest()
        stored = self.session._shown(self.project.spans(self.document.id))
        assert as_values(self.session.index) == as_values(stored)

    @invariant()
    def a_status_set_on_purpose_stays_and_the_session_shows_the_stored_one(self):
        stored = self.project.document_status(self.document.id)
        assert self.session.document.status == stored
        if self.status in ON_PURPOSE and not self.status_may_change:
            assert stored == self.status, "a span edit or its undo changed a status set on purpose"
        self.status, self.status_may_change = stored, False

    @invariant()
    def the_clusters_kept_up_to_date_are_those_of_a_fresh_read(self):
        kept = cluster_values(self.adjudication.clusters())
        fresh = Adjudication(self.session)
        assert kept == cluster_values(fresh.clusters())
        assert self.adjudication.annotators() == fresh.annotators()
        assert self.adjudication.progress() == fresh.progress()


LONG_RUN = int(os.environ.get("ANNOTATOR_SESSION_EXAMPLES", "0"))
EditingSession.TestCase.settings = settings(
    max_examples=LONG_RUN or 40, stateful_step_count=40 if LONG_RUN else 25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
test_random_editing_sessions = EditingSession.TestCase
