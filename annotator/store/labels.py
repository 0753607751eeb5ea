"""Label edits in the project file: the LabelRepository the label commands use.

Every method checks the rules of ``core.label_rules`` against the labels stored
now, then writes in one transaction (a savepoint inside the History's own), so a
refused edit leaves the project as it was. Renaming relies on the schema: spans
reference ``labels(name) ON UPDATE CASCADE``, so every span follows its label.

``LabelStore`` answers everything else by asking the project, so one History
over it can hold span edits and label edits in the order they were made.
"""
from __future__ import annotations

from typing import Iterable

from ..core.label_rules import check_colour, check_key, check_name
from ..core.model import ContractError, Label, Span, trusted
from .project import SPAN_COLUMNS, SPAN_FIELDS, Project

EDITABLE = ("name", "colour", "key", "description")


class LabelStore:
    def __init__(self, project: Project):
        self.project = project

    def __getattr__(self, name: str):
        # span edits, documents, transactions: the project's own
        if name == "project":  # not set yet (e.g. while copying): no recursion
            raise AttributeError(name)
        return getattr(self.project, name)

    def transaction(self):
        return self.project.transaction()

    # -- reading ----------------------------------------------------------------------
    def labels(self) -> list[Label]:
        return self.project.labels()

    def label(self, name: str) -> Label:
        found = next((label for label in self.labels() if label.name == name), None)
        if found is None:
            raise ContractError(f"There is no label named {name!r}.")
        return found

    def spans_with_label(self, name: str) -> list[Span]:
        cursor = self.conn.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE label = ? ORDER BY id",
                                   [name])
        return [trusted(Span, dict(zip(SPAN_FIELDS, row))) for row in cursor]

    def span_count(self, name: str) -> int:
        return self.conn.execute("SELECT count(*) FROM spans WHERE label = ?", [name]).fetchone()[0]

    # -- labels -----------------------------------------------------------------------
    def insert_label(self, label: Label) -> Label:
        """Add ``label`` at its position (the others after it move down one)."""
        others = self.labels()
        check_name(label.name, [other.name for other in others])
        check_key(label.key, _keys(others))
        check_colour(label.colour)
        names = [other.name for other in others]
        names.insert(max(0, min(label.position, len(names))), label.name)
        with self.project.transaction():
            self.db["labels"].insert({"name": label.name, "colour": label.colour,
                                      "key": label.key, "description": label.description,
                                      "position": 0})
            self._number(names)
        return self.label(label.name)

    def update_label(self, name: str, /, **changes) -> Label:
        """Change a label's name, colour, key or description (its guideline)."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not an editable label field: {', '.join(sorted(unknown))}")
        old = self.label(name)
        others = [label for label in self.labels() if label.name != name]
        if "name" in changes:
            check_name(changes["name"], [other.name for other in others])
        if "key" in changes:
            check_key(changes["key"], _keys(others))
        if "colour" in changes:
            check_colour(changes["colour"])
        if "description" in changes and not isinstance(changes["description"], str):
            raise ContractError("A guideline is text.")
        if changes:
            columns = ", ".join(f'"{column}" = ?' for column in changes)
            with self.project.transaction():
                self.db.execute(f"UPDATE labels SET {columns} WHERE name = ?",
                                [*changes.values(), old.name])
        return self.label(changes.get("name", name))

    def move_label(self, name: str, position: int) -> None:
        names = [label.name for label in self.labels()]
        if name not in names:
            raise ContractError(f"There is no label named {name!r}.")
        names.remove(name)
        names.insert(max(0, min(position, len(names))), name)
        with self.project.transaction():
            self._number(names)

    def delete_label(self, name: str) -> None:
        """Remove an unused label (the label commands first delete or move its spans)."""
        self.label(name)
        used = self.span_count(name)
        if used:
            raise ContractError(f"The label {name!r} is still used by {used} span(s).")
        with self.project.transaction():
            self.db.execute("DELETE FROM labels WHERE name = ?", [name])
            self._number([label.name for label in self.labels()])

    def _number(self, names: list[str]) -> None:
        # positions 0, 1, 2…: the order is exactly the list's
        self.conn.executemany("UPDATE labels SET position = ? WHERE name = ?",
                              [(position, name) for position, name in enumerate(names)])

    # -- the spans of a label that is removed ---------------------------------------------
    def delete_spans(self, span_ids: Iterable[int]) -> None:
        with self.project.transaction():
            self.conn.executemany("DELETE FROM spans WHERE id = ?", [(i,) for i in span_ids])

    def restore_spans(self, spans: Iterable[Span]) -> None:
        """Put deleted spans back as they were: ids, offsets, attribution and times."""
        marks = ", ".join("?" for _ in SPAN_FIELDS)
        rows = [[getattr(span, name) for name in SPAN_FIELDS] for span in spans]
        with self.project.transaction():
            self.conn.executemany(f"INSERT INTO spans ({SPAN_COLUMNS}) VALUES ({marks})", rows)

    def relabel_spans(self, span_ids: Iterable[int], label: str, stamp: str) -> None:
        """Give spans another label, with ``stamp`` as their time of change."""
        self.label(label)
        with self.project.transaction():
            self.conn.executemany("UPDATE spans SET label = ?, updated = ? WHERE id = ?",
                                  [(label, stamp, i) for i in span_ids])

    def restore_span_labels(self, spans: Iterable[Span]) -> None:
        """Give moved spans back the label and time of change they had."""
        with self.project.transaction():
            self.conn.executemany("UPDATE spans SET label = ?, updated = ? WHERE id = ?",
                                  [(span.label, span.updated, span.id) for span in spans])


def _keys(labels: Iterable[Label]) -> dict[str, str]:
    return {label.key: label.name for label in labels if label.key}
