"""Adjudicating the open document, without Qt: one cluster at a time, one key each.

An :class:`Adjudication` walks the clusters of the session's document (where the
compared annotators' spans meet, core/adjudication.py) and turns the lead's
decisions into commands run through the session, so Ctrl+Z takes back an
adjudication step like any edit. Each decision that settles the cluster moves on to
the next unsettled one; accept-and-edit stays, in the gold layer, with the new span
selected so that its edges can be moved with the text view's keys.

Every method that decides returns a short sentence for the lead (plain text).
"""
from __future__ import annotations

from .core.adjudication import (
    ATTRIBUTION,
    Cluster,
    clusters,
    compared_names,
    place_of,
    progress,
    rivals,
    version_of,
)
from .core.adjudication_commands import (
    AcceptIntoGold,
    RejectCluster,
    Withdraw,
    new_gold_copies,
)
from .core.decisions import compared_annotators
from .core.layers import GOLD, Layer
from .core.model import Span
from .session import AnnotationSession, Change

ALL = Layer("all")
# what makes the clusters of the open document (or the corpus figures) out of date
STALE_ON = ("document", "spans", "decisions", "corpus", "labels")


class Adjudication:
    def __init__(self, session: AnnotationSession):
        self.session = session
        self.chosen: list[str] | None = None  # None: everyone with spans in the document
        self.current = 0
        self.advance = True  # a decision that settles a cluster moves to the next one
        self._found: list[Cluster] = []
        self._stale = True  # another document, labels, decisions or another program's writes
        self._spans: list[Span] = []
        self._rejected: list[tuple[int, int]] = []  # the open document's rejected regions
        self._edited_spans: set[int] = set()  # spans edited here since: only they are read again
        self._for_document: int | None = None
        self._corpus: dict[int, tuple[int, int]] | None = None
        self._edited: set[int] = set()  # documents whose corpus figure is out of date
        self._layer_before: Layer | None = None
        session.subscribe(self._on_change)

    # -- what is compared -------------------------------------------------------
    def choose(self, annotators: list[str] | None) -> None:
        """Compare these annotators (None: everyone with spans in each document)."""
        self.chosen = list(annotators) if annotators is not None else None
        self._stale, self._corpus = True, None
        self._edited.clear()

    def annotators(self) -> list[str]:
        self._read()
        return list(self.chosen) if self.chosen is not None else compared_annotators(self._spans)

    def clusters(self) -> list[Cluster]:
        self._read()
        return self._found

    @property
    def cluster(self) -> Cluster | None:
        found = self.clusters()
        return found[self.current] if 0 <= self.current < len(found) else None

    def progress(self) -> tuple[int, int]:
        """(settled, clusters) in the open document."""
        return progress(self.clusters())

    def corpus_progress(self) -> tuple[int, int]:
        """(documents fully settled, documents to adjudicate) over the project: read
        whole once, then only the documents edited in this window are read again."""
        project = self.session.project
        if self._corpus is None:
            self._corpus, self._edited = project.adjudication_progress(self.chosen), set()
        for document_id in self._edited:
            self._corpus.pop(document_id, None)
            try:
                figures = self._figures_of(document_id)
            except KeyError:  # deleted meanwhile
                continue
            if figures is not None:
                self._corpus[document_id] = figures
        self._edited.clear()
        figures = self._corpus.values()
        return sum(settled == total for settled, total in figures), len(figures)

    def _figures_of(self, document_id: int) -> tuple[int, int] | None:
        """The store's (settled, clusters) of a document; for the open one, from the
        clusters already read (the same figures, without reading its spans again)."""
        document = self.session.document
        if document is None or document.id != document_id:
            return self.session.project.document_adjudication_progress(document_id, self.chosen)
        self._read()
        return None if compared_names(self._spans, self.chosen) is None else progress(self._found)

    # -- starting and moving ---------------------------------------------------------
    def start(self) -> None:
        """Adjudicating shows every annotator's spans (and gold) in the text."""
        if self._layer_before is None:
            self._layer_before = self.session.layer
        self.session.set_layer(ALL)

    def stop(self) -> None:
        """Back to the layer shown before, unless another was chosen meanwhile."""
        if self._layer_before is not None and self.session.layer in (ALL, Layer(GOLD)):
            self.session.set_layer(self._layer_before)
        self._layer_before = None

    def go_to(self, index: int) -> Cluster | None:
        """Make cluster ``index`` the current one and select its first span."""
        found = self.clusters()
        if not found:
            return None
        self.current = max(0, min(index, len(found) - 1))
        if self.session.layer != ALL:  # back from editing a gold span
            self.session.set_layer(ALL)
        self.session.load_rest()  # the span to select may lie beyond the first screens
        cluster = self.cluster
        first = min(_spans_of(cluster), key=lambda s: (s.start, s.end, s.id))
        self.session.select(first.id)
        return cluster

    def next_unsettled(self) -> bool:
        """Go to the next unsettled cluster (from the top again after the last); False
        when every cluster is settled."""
        found = self.clusters()
        # after the current one, then from the top again (the current one last)
        order = list(range(self.current + 1, len(found))) + list(range(min(self.current + 1,
                                                                             len(found))))
        target = next((i for i in order if not found[i].settled), None)
        if target is None:
            return False
        self.go_to(target)
        return True

    def previous(self) -> bool:
        if self.current <= 0 or not self.clusters():
            return False
        self.go_to(self.current - 1)
        return True

    def first_unsettled(self) -> int:
        found = self.clusters()
        return next((i for i, c in enumerate(found) if not c.settled), 0)

    # -- deciding ----------------------------------------------------------------
    def accept(self, annotator: str) -> str:
        """Copy ``annotator``'s version of the current cluster into gold."""
        cluster, refusal = self._open_cluster()
        if refusal:
            return refusal
        spans = cluster.versions.get(annotator)
        if not spans:
            return f"{annotator} marked nothing here: nothing to accept"
        return self._accept(cluster, spans, f"{annotator}'s version")

    def accept_all(self) -> str:
        """Copy every version into gold (the same span marked twice goes in once);
        refused where versions of one span differ in attribution: taking them all would
        give gold two speakers for one span, and taking one is the lead's choice."""
        cluster, refusal = self._open_cluster()
        if refusal:
            return refusal
        spans = [span for name in cluster.versions for span in cluster.versions[name]]
        clashing = rivals(spans)
        if clashing:
            return _rivals_refused(clashing[0], spans)
        return self._accept(cluster, spans, "all versions")

    def accept_and_edit(self, annotator: str | None = None) -> str:
        """Accept a version (by default the first annotator's who marked something),
        then show the gold layer with the gold span selected, to move its edges."""
        cluster, refusal = self._open_cluster()
        if refusal:
            return refusal
        names = cluster.annotators_with_spans()
        annotator = annotator if annotator in names else (names[0] if names else None)
        if annotator is None:
            return "Nobody marked anything here"
        spans = cluster.versions[annotator]
        message = self._accept(cluster, spans, f"{annotator}'s version", advance=False)
        target = self._gold_twin(spans[0])
        if target is None:
            return message
        self.session.set_layer(Layer(GOLD))
        self.session.select(target.id)
        return f"{message}; move its edges with Shift+arrows (Alt+Shift for the start)"

    def reject(self) -> str:
        """Decide that nothing in the current cluster goes into gold; where it is
        rejected already but gold holds spans, take those out (the rejection stands)."""
        cluster, refusal = self._open_cluster()
        if refusal:
            return refusal
        if cluster.conflicting:
            return self._reject_again(cluster)
        if cluster.gold:
            return "Gold already holds spans here: reopen it (Delete) to reject instead"
        command = self.session.run(RejectCluster(self.session.document.id, cluster.start,
                                                 cluster.end, self.session.annotator))
        if command is None:
            return "Not rejected (see the status bar)"
        self._moved_on()
        return "Rejected: nothing here goes to gold"

    def keep_gold(self) -> str:
        """Where a rejection stands beside gold spans, keep the spans as gold holds them
        and drop the rejection (accepting a version would put that version instead)."""
        self.session.prepare_edit()
        cluster = self.cluster
        if cluster is None or not cluster.conflicting:
            return "Nothing to keep here: only a rejected cluster that gold holds spans in"
        command = self.session.run(Withdraw(self.session.document.id,
                                            decisions=self._decisions_in(cluster),
                                            description="keep gold: drop the rejection"))
        if command is None:
            return "Not kept (see the status bar)"
        self._moved_on()
        return "Kept gold's spans here; the rejection is dropped"

    def reopen(self) -> str:
        """Take the current cluster's gold spans and rejection out again, as one edit."""
        self.session.prepare_edit()
        cluster = self.cluster
        if cluster is None or not (cluster.gold or cluster.rejected):
            return "Nothing to reopen here"
        command = self.session.run(Withdraw(self.session.document.id, list(cluster.gold),
                                            self._decisions_in(cluster),
                                            description="reopen cluster"))
        return "Reopened: decide again" if command is not None else "Not reopened"

    # -- the parts ------------------------------------------------------------------
    def _open_cluster(self) -> tuple[Cluster | None, str]:
        """The current cluster and "", or None and why no decision can be made."""
        self.session.prepare_edit()  # a speaker typed on a version: in it before it is read
        cluster = self.cluster
        if cluster is None:
            return None, "No cluster to decide on in this document"
        if cluster.rejected and not cluster.conflicting:
            return None, "Rejected already: undo (Ctrl+Z) or reopen (Delete) to accept instead"
        return cluster, ""

    def _decisions_in(self, cluster: Cluster) -> list:
        return [d for d in self.session.project.decisions(self.session.document.id)
                if cluster.start <= d.start and d.end <= cluster.end]

    def _accept(self, cluster: Cluster, spans: list[Span], what: str,
                advance: bool = True) -> str:
        # accepting where a rejection stands beside gold overrules the rejection
        dropped = self._decisions_in(cluster) if cluster.conflicting else []
        if not new_gold_copies(spans, cluster.gold) and not dropped:
            return "Gold already holds that version"
        command = self.session.run(AcceptIntoGold(self.session.document.id, spans,
                                                  f"accept {what}", dropped=dropped))
        if command is None:
            return "Not accepted (see the status bar)"
        if advance:
            self._moved_on()
        count = len(command.created)
        message = f"Accepted {what}: {count} gold span" + "s" * (count != 1)
        message += _replaced_note(command.replaced, command.created)
        return message + ("; the rejection here is dropped" if dropped else "")

    def _reject_again(self, cluster: Cluster) -> str:
        """A rejected cluster where gold holds spans: the rejection wins, gold's go."""
        count = len(cluster.gold)
        command = self.session.run(Withdraw(self.session.document.id, list(cluster.gold),
                                            description="reject: take gold out"))
        if command is None:
            return "Not rejected (see the status bar)"
        self._moved_on()
        return (f"Rejected: {count} gold span{'s' * (count != 1)} taken out; "
                "nothing here goes to gold")

    def _moved_on(self) -> None:
        if self.advance:
            self.next_unsettled()

    def _gold_twin(self, span: Span) -> Span | None:
        """The gold span at the same place with the same label as ``span``."""
        self._read()
        return next((s for s in self._spans if s.annotator == GOLD and
                     (s.start, s.end, s.label) == (span.start, span.end, span.label)), None)

    # -- keeping up with the session --------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.kind == "spans":
            self._edited_spans.update(change.span_ids)  # read when the clusters are next asked for
        elif change.kind in STALE_ON:
            self._stale = True
        if change.kind in ("corpus", "labels"):
            self._corpus = None  # another program may have changed any document
        elif change.kind in ("document", "spans", "decisions") and self.session.document:
            # an edit, or an undo that opened the document it was made in
            self._edited.add(self.session.document.id)

    def _read(self) -> None:
        document = self.session.document
        if document is None:
            self._found, self._spans, self._for_document, self.current = [], [], None, 0
            return
        before = self.cluster_place()
        project = self.session.project
        if self._stale or self._for_document != document.id:
            self._spans = project.spans(document.id)
            self._rejected = [(d.start, d.end) for d in project.decisions(document.id)]
        elif self._edited_spans:
            # one edit in a long document: its span is read, not the document's thousands
            self._spans = _with_stored(project, document.id, self._spans, self._edited_spans)
        else:
            return
        self._edited_spans.clear()
        names = self.chosen if self.chosen is not None else compared_annotators(self._spans)
        self._found, self._stale = clusters(self._spans, names, self._rejected), False
        if self._for_document != document.id:
            self._for_document = document.id
            self.current = self.first_unsettled()
        else:
            self.current = _index_at(self._found, before)

    def cluster_place(self) -> int | None:
        """Where the current cluster starts (kept when the clusters are read again)."""
        found = self._found
        return found[self.current].start if 0 <= self.current < len(found) else None


def _with_stored(project, document_id: int, spans: list[Span], span_ids: set[int]) -> list[Span]:
    """``spans`` with those of ``span_ids`` as the project now stores them (or without
    them, if deleted), in the order the project reads a document's spans."""
    kept = [span for span in spans if span.id not in span_ids]
    for span_id in span_ids:
        try:
            span = project.get_span(span_id)
        except KeyError:  # deleted
            continue
        if span.document_id == document_id:
            kept.append(span)
    kept.sort(key=lambda span: (span.start, span.end, span.id))  # the store's order
    return kept


def _rivals_refused(versions: list[Span], spans: list[Span]) -> str:
    """Why accept all stopped: one span, ``versions`` of it (among ``spans``) that say
    different things about it, each with everyone who marked it so."""
    first = versions[0]
    aspects = [name for name in ATTRIBUTION
               if len({getattr(span, name) or "" for span in versions}) > 1]
    said = "; ".join(f"{_names_of(version, spans)}: {attribution(version, aspects)}"
                     for version in versions)
    return (f"Not accepted: the versions of the {first.label} at {first.start}–{first.end} "
            f"differ in {', '.join(aspects)} ({said}); accept one with its number")


def _names_of(version: Span, spans: list[Span]) -> str:
    mark = version_of(version)
    return ", ".join(dict.fromkeys(s.annotator for s in spans if version_of(s) == mark))


def _replaced_note(replaced: list[Span], created: list[Span]) -> str:
    """What the accept took gold's word away from: the fields the lead overruled."""
    if not replaced:
        return ""
    if len(replaced) > 1:
        return f", in place of {len(replaced)} gold spans with another attribution"
    old = replaced[0]
    new = next(span for span in created if place_of(span) == place_of(old))
    names = [name for name in ATTRIBUTION if (getattr(old, name) or "") != (getattr(new, name) or "")]
    return f", in place of gold's {old.label} {attribution(old, names)}"


def attribution(span: Span, names=ATTRIBUTION) -> str:
    """"by Le Drian", "(no speaker), target Iran": the fields ``names`` of a span, as
    the panel's cells and the messages say them (an empty one said, not left out)."""
    words = []
    for name in names:
        value = " ".join((getattr(span, name) or "").split())  # on one line
        if name == "speaker":
            words.append(f"by {value}" if value else "(no speaker)")
        else:
            words.append(f"{name} {value}" if value else f"(no {name})")
    return ", ".join(words)


def _spans_of(cluster: Cluster) -> list[Span]:
    return [span for spans in cluster.versions.values() for span in spans] + list(cluster.gold)


def _index_at(found: list[Cluster], place: int | None) -> int:
    """The cluster that holds ``place``, or the first after it (the last if none is)."""
    if place is None or not found:
        return 0
    return next((i for i, c in enumerate(found) if c.end > place), len(found) - 1)
