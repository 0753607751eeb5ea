"""Import files and folders into a project, and report what came in and what did not.

Each file is written in one transaction: either everything accepted from it is
stored or nothing is. With ``strict`` a file with any rejected item contributes
nothing. The same text is never stored twice (sha256); annotations for a text
already in the project are added to that document, except the importing
annotator's own spans: the project one works in is the reference for one's own
work, and a file's copy of it is older or the same (see importing/layers.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..core.decisions import Decision
from ..core.gc_pause import cyclic_gc_paused
from ..core.model import Span
from ..formats import detect
from ..formats.records import FormatError, Problem, RawDocument
from ..store import Project
from ..store.bulk import add_documents, ids_by_sha256
from ..user_settings import default_annotator  # still importable from here, as before
from .layers import LayerDifference, changes_between
from .manifest_unit import manifest_unit
from .readers import read_path
from .resolve import Resolved, resolve


@dataclass
class ImportOptions:
    offset_unit: str | None = None  # for sources that do not name their unit
    strict: bool = False
    encoding: str | None = None
    annotator: str = field(default_factory=default_annotator)


@dataclass
class FileReport:
    path: Path
    added: list[int] = field(default_factory=list)  # new document ids
    merged: dict[int, int] = field(default_factory=dict)  # document id -> spans added
    duplicates: list[int] = field(default_factory=list)  # already there, nothing new
    spans_added: int = 0
    decisions_added: int = 0  # a colleague's adjudication decisions (project files)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    discarded: int = 0  # accepted items not written because of --strict
    document_ids: list[int] = field(default_factory=list)  # every document read, in file order
    # the importing annotator's spans that the file holds for documents already here:
    # none is taken; how they differ from theirs here (the report says why)
    own_name: str = ""
    own_spans_in_file: int = 0
    own_difference: LayerDifference | None = None


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def added(self) -> list[int]:
        return [d for f in self.files for d in f.added]

    @property
    def merged(self) -> int:
        return sum(len(f.merged) for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(len(f.duplicates) for f in self.files)

    @property
    def spans_added(self) -> int:
        return sum(f.spans_added for f in self.files)

    @property
    def decisions_added(self) -> int:
        return sum(f.decisions_added for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return [w for f in self.files for w in f.warnings]

    @property
    def ok(self) -> bool:
        return not self.problems


def import_paths(project: Project, paths: Iterable[Path], options: ImportOptions | None = None,
                 progress: Callable[[Path], None] | None = None) -> ImportReport:
    options = options or ImportOptions()
    report = ImportReport()
    for path in _files_to_import(paths):
        report.files.append(import_file(project, path, options))
        if progress:
            progress(path)
    return report


def _files_to_import(paths: Iterable[Path]) -> Iterator[Path]:
    given = {Path(p) for p in paths}
    for path in detect.iter_files(given):
        kind = detect.reader_for(path)
        # a brat .ann is read together with its .txt
        if kind == "brat-annotations" and path.with_suffix(".txt").exists():
            continue
        # an export's manifest and brat's annotation.conf found in a folder are not data
        if kind in detect.SKIPPED_IN_FOLDERS and path not in given:
            continue
        yield path


def import_file(project: Project, path: Path, options: ImportOptions) -> FileReport:
    # 10,000 documents / 100,000 spans: the collector's passes were a tenth of the import
    with cyclic_gc_paused():
        return _import_file(project, path, options)


def _import_file(project: Project, path: Path, options: ImportOptions) -> FileReport:
    report = FileReport(path)
    if _is_the_project_itself(project, path):
        report.problems.append(Problem(str(path), None, "this is the open project itself: "
                                                        "there is nothing to merge"))
        return report
    accepted = _accepted_documents(project, path, options, report)
    if options.strict and report.problems:
        report.discarded = len(accepted)
        return report
    report.own_name = options.annotator
    report.own_difference = LayerDifference(options.annotator)
    with project.transaction():
        _store(project, accepted, report)
    return report


def _is_the_project_itself(project: Project, path: Path) -> bool:
    if project.path is None or detect.reader_for(path) != "project":
        return False
    try:
        return Path(path).resolve() == project.path.resolve()
    except OSError:
        return False


def _accepted_documents(project, path, options, report) -> list[Resolved]:
    labels = {name.lower(): name for name in project.label_names()}
    options = _with_manifest_unit(path, options, report)
    accepted = []
    for item in _read(path, options):
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        report.warnings.extend(f"{item.file}:{item.line or 1}: {w}" for w in item.warnings)
        outcome = resolve(item, labels, options.offset_unit, options.annotator)
        if isinstance(outcome, list):
            report.problems.extend(outcome)
        else:
            accepted.append(outcome)
    return accepted


def _with_manifest_unit(path: Path, options: ImportOptions, report: FileReport) -> ImportOptions:
    """The options for one file: with the offset unit its export manifest names, if any
    (the file says what it counts: that beats a choice made for files that do not)."""
    found = manifest_unit(path)
    if found.warning:
        report.warnings.append(f"{path}: {found.warning}")
    if found.unit is None:
        return options
    if options.offset_unit not in (None, found.unit):
        report.warnings.append(f"{path}: its export manifest says the offsets count "
                               f"{found.unit}, which was used, not --offset-unit "
                               f"{options.offset_unit}")
    return replace(options, offset_unit=found.unit)


def _read(path: Path, options: ImportOptions) -> Iterator[RawDocument | Problem]:
    try:
        yield from read_path(path, encoding=options.encoding, offset_unit=options.offset_unit)
    except FormatError as error:
        yield error.problem
    except OSError as error:
        yield Problem(str(path), None, f"cannot read the file ({error.strerror or error})")
    except (ValueError, LookupError, TypeError) as error:
        # a reader missed a case; the user still gets a message, not a traceback
        yield Problem(str(path), None, f"could not be read ({error})")


def _store(project: Project, accepted: list[Resolved], report: FileReport) -> None:
    """Texts new to the project go in together (the bulk path: 10,000 documents one
    by one cost five times what SQLite needs); then, in file order, the report, and
    the annotations for texts already stored (or met earlier in this file) merged."""
    known = ids_by_sha256(project, (resolved.document.sha256 for resolved in accepted))
    fresh: dict[str, Resolved] = {}  # sha256 -> the first document with a text new here
    for resolved in accepted:
        if resolved.document.sha256 not in known:
            fresh.setdefault(resolved.document.sha256, resolved)
    known.update(zip(fresh, add_documents(project, [(r.document, r.spans) for r in fresh.values()])))
    for resolved in accepted:
        doc_id = known[resolved.document.sha256]
        if fresh.get(resolved.document.sha256) is resolved:
            report.added.append(doc_id)
            report.document_ids.append(doc_id)
            report.spans_added += len(resolved.spans)
            report.decisions_added += project.add_decisions(
                doc_id, _not_yet_decided([], resolved.decisions))
        else:
            _merge(project, doc_id, resolved, report)


def _merge(project: Project, doc_id: int, resolved: Resolved, report: FileReport) -> None:
    report.document_ids.append(doc_id)
    here = project.spans(doc_id)
    new_spans = _not_yet_present(here, _without_own_spans(here, doc_id, resolved, report))
    new_decisions = _not_yet_decided(project.decisions(doc_id), resolved.decisions) \
        if resolved.decisions else []
    if new_spans:
        project.add_spans(doc_id, new_spans)
        report.spans_added += len(new_spans)
    report.decisions_added += project.add_decisions(doc_id, new_decisions)
    if new_spans or new_decisions:
        report.merged[doc_id] = report.merged.get(doc_id, 0) + len(new_spans)
    else:
        report.duplicates.append(doc_id)


def _without_own_spans(here: list[Span], doc_id: int, resolved: Resolved,
                       report: FileReport) -> list[Span]:
    """The file's spans but those it names the importing annotator for, which are
    counted (and compared with theirs here) for the report instead.

    A file that holds your spans for a document you have here holds a copy of your
    work from when its owner merged it: adding it back would undo what you deleted or
    relabelled since. Spans the file names nobody for are not such a copy: they carry
    your name because you bring them (a model's pre-annotation, a brat file)."""
    own = report.own_name
    kept, mine = [], []
    for place, span in enumerate(resolved.spans):
        if span.annotator == own and place not in resolved.unnamed:
            mine.append(span)
        else:
            kept.append(span)
    if mine:
        report.own_spans_in_file += len(mine)
        report.own_difference.count(doc_id, changes_between(
            [span for span in here if span.annotator == own], mine))
    return kept


def _not_yet_decided(old: list[Decision], new: list[Decision]) -> list[Decision]:
    """The decisions of ``new`` not already made here on the same stretch (whoever made
    them, whenever): merging a file twice adds none."""
    return _not_yet_in(old, new, key=lambda d: (d.start, d.end, d.verdict))


def _not_yet_present(old: list[Span], new: list[Span]) -> list[Span]:
    return _not_yet_in(old, new, key=lambda s: (s.start, s.end, s.label, s.annotator))


def _not_yet_in(old: list, new: list, key: Callable) -> list:
    """The items of ``new`` whose key neither ``old`` nor an earlier one of ``new`` has."""
    seen = {key(item) for item in old}
    fresh = []
    for item in new:
        if key(item) not in seen:
            seen.add(key(item))
            fresh.append(item)
    return fresh
