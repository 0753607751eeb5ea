"""What a merge did with each annotator's layer, in sentences for the command line and
the window's import report alike (the same words in both)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..core.layers import GOLD
from ..core.wording import counted
from .layers import LayerDifference, layer_name

Hint = Callable[[str, Path], str]


def own_note(file) -> str:
    """The importing annotator's spans in the file, which an import never takes; ""
    when the file holds none for documents already here."""
    if not file.own_spans_in_file:
        return ""
    held = (f"The file holds {counted(file.own_spans_in_file, 'span')} of yours "
            f"({file.own_name}) for documents already here")
    difference = file.own_difference
    if not difference:
        return f"{held}, the same as yours here."
    return (f"Your own spans ({file.own_name}) were left as they are here. {held}; in "
            f"{counted(len(difference.documents), 'document')}, "
            f"{_differences(difference, 'among yours here', 'of yours here')}. An import "
            "never adds, changes or removes the importing annotator's spans: the project "
            "you work in is the reference for your own work.")


def difference_note(difference: LayerDifference, hint: str = "") -> str:
    """Another annotator's layer here that differs from the file's, left as it is;
    ``hint`` says how to take the file's version instead."""
    return (f"In {counted(len(difference.documents), 'document')}, "
            f"{layer_name(difference.annotator)} here differ from the file's: "
            f"{_differences(difference, 'here', 'here')}. They were left as they are here: "
            "an import adds someone's spans to a document only where this project has "
            "none of theirs." + (f" {hint}" if hint else ""))


def replaced_note(file, annotator: str) -> str:
    """A layer the import was asked to make the file's: what that changed."""
    name = layer_name(annotator)
    done = file.replaced.get(annotator)
    if not done:
        return f"Nothing to replace: {name} here were already the file's."
    changes = [f"{done.only_here:,} removed", f"{done.only_in_file:,} added",
               f"{done.changed:,} changed in speaker, target, cue or note"]
    gold = (" These were adjudicated spans: the file's adjudication now stands in those "
            "documents." if annotator == GOLD else "")
    return (f"Replaced {name} with the file's in {counted(len(done.documents), 'document')}: "
            f"{', '.join(changes[:2])} and {changes[2]}.{gold}")


def backup_note(file) -> str:
    if not file.replacing:
        return ""
    if file.backup is None:
        return "The project has no file, so no backup was made before replacing spans."
    return (f"Before replacing spans the project was backed up, at {file.backup_time} "
            f"({file.backup}): restoring that backup undoes this import.")


def _differences(difference: LayerDifference, among_here: str, of_here: str) -> str:
    """"2 spans in the file are not here, 1 here is not in the file and ..." """
    parts = []
    if difference.only_in_file:
        parts.append(f"{counted(difference.only_in_file, 'span')} in the file "
                     f"{_be(difference.only_in_file)} not {among_here}")
    if difference.only_here:
        parts.append(f"{difference.only_here:,} {of_here} "
                     f"{_be(difference.only_here)} not in the file")
    if difference.changed:
        parts.append(f"{counted(difference.changed, 'span')} "
                     f"{'has' if difference.changed == 1 else 'have'} another speaker, "
                     "target, cue or note here")
    return " and ".join(parts) if len(parts) < 3 else f"{parts[0]}, {parts[1]} and {parts[2]}"


def _be(number: int) -> str:
    return "is" if number == 1 else "are"


def file_notes(file, replace_hint: Hint | None = None) -> list[str]:
    """Every sentence about the layers of one file's merge. ``replace_hint(annotator,
    path)`` says how to replace that layer with the file's (a command, a button)."""
    notes = [backup_note(file)]
    notes += [replaced_note(file, annotator) for annotator in sorted(file.replacing)]
    notes.append(own_note(file))
    notes += [difference_note(difference, replace_hint(difference.annotator, file.path)
                              if replace_hint else "")
              for difference in file.differences.values() if difference]
    return [note for note in notes if note]


def report_notes(report, replace_hint: Hint | None = None) -> list[str]:
    """Every file's notes; each names its file when the import read several."""
    several = len(report.files) > 1
    return [f"{file.path}: {note}" if several else note
            for file in report.files for note in file_notes(file, replace_hint)]


def needs_a_look(report) -> bool:
    """Whether the merge did something with layers that the user should read about:
    their own spans in a file that differ, a colleague's that differ, a replace."""
    return any(file.own_difference or any(file.differences.values()) or file.replacing
               for file in report.files)
