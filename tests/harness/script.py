"""The scripted annotation session a child runs until it is killed.

Every choice comes from ``random.Random(seed)`` and the state the session is in,
and span ids come from SQLite in the order spans are made, so running the same
seed against a copy of the same project file makes the same edits with the same
ids. The judge relies on that to know the state one step past the journal.
"""
from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from annotator.importing import ImportOptions, import_paths
from annotator.session import ATTRIBUTES, AnnotationSession
from annotator.store import Project
from annotator.store.backup import backup_now

from .texts import LABELS, article, word_spans

ANNOTATOR = "crash"
VALUES = ("Le Drian", "Tehran", "the ministry", "Zo\u0308e 😀", "", "«officials»")
# Weights of the steps; "import" brings a small file of new articles in; "back_up"
# and "open_again" change nothing but do what the window does beside the edits (a
# rolling backup; a worker opening the same project for an import or an export), which
# once dropped the process's SQLite locks (tests/store/test_locks_kept.py).
STEPS = {"create": 6, "relabel": 3, "nudge": 4, "move_edge": 2, "delete": 2, "undo": 3,
         "redo": 2, "set_attribute": 3, "import": 1, "back_up": 1, "open_again": 1}
SPAN_FIELDS = ("id", "start", "end", "label", "text", "speaker", "target", "cue", "note",
               "annotator")


def span_rows(spans) -> list[list]:
    """Spans as plain lists (no times: they differ from one run to the next)."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end, s.id))
    return [[getattr(span, name) for name in SPAN_FIELDS] for span in ordered]


def project_digest(project: Project) -> str:
    """A digest of everything an edit or an import can change, times left out."""
    digest = hashlib.sha256()
    for document, spans in project.documents_with_spans():
        row = [document.id, document.sha256, document.status, document.title, document.source]
        digest.update(json.dumps([row, span_rows(spans)], ensure_ascii=False).encode())
    return digest.hexdigest()


class ScriptedSession:
    """One seeded user: ``step()`` makes one call on the session and names it."""

    def __init__(self, project: Project, seed: int, import_dir: Path):
        self.project = project
        self.rng = random.Random(seed)
        self.import_dir = import_dir
        self.session = AnnotationSession(project, ANNOTATOR)
        self.refused: list[str] = []  # edits the session refused: none expected, one user
        self.session.subscribe(self._note_refusal)
        self.session.open_document(project.first_document_id())
        self.session.load_rest()
        self.imports = 0

    def step(self) -> str:
        names = list(STEPS)
        name = self.rng.choices(names, weights=[STEPS[n] for n in names])[0]
        needs_span = name in ("relabel", "nudge", "move_edge", "delete", "set_attribute")
        if needs_span and not self._select_some_span():
            name = "create"
        getattr(self, f"_{name}")()
        return name

    def state(self) -> dict:
        """What the journal records after a call returned: the spans the session shows
        and a digest of the whole project file."""
        return {"spans": span_rows(self.session.index), "digest": project_digest(self.project)}

    def session_matches_file(self) -> bool:
        document_id = self.session.document.id
        return span_rows(self.session.index) == span_rows(self.project.spans(document_id))

    def _note_refusal(self, change) -> None:
        if change.kind == "refused":
            self.refused.append(getattr(change, "message", ""))

    # -- the steps -----------------------------------------------------------------
    def _select_some_span(self) -> bool:
        ids = sorted(span.id for span in self.session.index)
        if not ids:
            return False
        self.session.select(self.rng.choice(ids))
        return True

    def _create(self) -> None:
        length = len(self.session.document.text)
        start = self.rng.randrange(length)
        end = min(length, start + self.rng.randint(1, 80))
        self.session.label_selection(start, end, self.rng.choice(LABELS),
                                     whole_words=self.rng.random() < 0.7)

    def _relabel(self) -> None:
        self.session.relabel(self.rng.choice(LABELS))

    def _nudge(self) -> None:
        self.session.nudge(self.rng.choice(("start", "end")), self.rng.choice((-1, 1)),
                           by_word=self.rng.random() < 0.3)

    def _move_edge(self) -> None:
        span = self.session.selected
        edge = self.rng.choice(("start", "end"))
        self.session.move_edge(edge, getattr(span, edge) + self.rng.randint(-12, 12))

    def _delete(self) -> None:
        self.session.delete_selected()

    def _undo(self) -> None:
        self.session.undo()

    def _redo(self) -> None:
        self.session.redo()

    def _set_attribute(self) -> None:
        self.session.set_attribute(self.rng.choice(ATTRIBUTES), self.rng.choice(VALUES))

    def _back_up(self) -> None:
        backup_now(self.project, folder=self.import_dir.parent / "backups")

    def _open_again(self) -> None:
        Project.open(self.project.path, create=False).close()

    def _import(self) -> None:
        self.imports += 1
        path = self.import_dir / f"import-{self.imports:04d}.jsonl"
        write_import_file(path, self.rng, f"edit-import {self.imports}", documents=2)
        import_paths(self.project, [path], ImportOptions(annotator=ANNOTATOR))


def write_import_file(path: Path, rng: random.Random, marker: str, documents: int,
                      chars: int = 600, spans: int = 5) -> list[tuple[str, list]]:
    """A JSONL file of new articles; returns each article's text and its spans as
    [start, end, label, text]."""
    made = []
    for number in range(documents):
        text = article(rng, chars, marker=f"[{marker} #{number}]")
        made.append((text, [[s, e, label, text[s:e]] for s, e, label in
                            word_spans(rng, text, spans)]))
    lines = [json.dumps({"text": text, "spans": [dict(zip(("start", "end", "label", "text"), s))
                                                for s in found]}, ensure_ascii=False)
             for text, found in made]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return made
