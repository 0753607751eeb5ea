"""Import files and folders into a project, and report what came in and what did not.

Each file is written in one transaction: either everything accepted from it is
stored or nothing is. With ``strict`` a file with any rejected item contributes
nothing. The same text is never stored twice (sha256); annotations for a text
already in the project are added to that document one layer (one annotator's
spans) at a time: a layer this project has no spans of there comes in whole, one it
has is left as it is and compared, and the importing annotator's own never comes
in (see importing/layers.py and ``_layers_to_take``).
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
from .layers import LayerDifference, by_annotator, changes_between
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
    # other annotators' layers here that differ from the file's: left as they are
    differences: dict[str, LayerDifference] = field(default_factory=dict)


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
    carried = _named_annotators(accepted)
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
            _merge(project, doc_id, resolved, report, carried)


def _merge(project: Project, doc_id: int, resolved: Resolved, report: FileReport,
           carried: set[str]) -> None:
    report.document_ids.append(doc_id)
    here = project.spans(doc_id)
    layers = {annotator: [] for annotator in project.emptied_layers(doc_id)}
    layers.update(by_annotator(here))
    taken = _layers_to_take(doc_id, layers, _named_layers(resolved), report, carried)
    new_spans = _not_yet_present(here, [span for place, span in enumerate(resolved.spans)
                                        if place in resolved.unnamed or span.annotator in taken])
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


def _named_annotators(accepted: list[Resolved]) -> set[str]:
    """Everyone the file names on a span: whose layers it holds, in each of its
    documents (one without spans of theirs holds their empty layer)."""
    return {span.annotator for resolved in accepted
            for place, span in enumerate(resolved.spans) if place not in resolved.unnamed}


def _named_layers(resolved: Resolved) -> dict[str, list[Span]]:
    return by_annotator([span for place, span in enumerate(resolved.spans)
                         if place not in resolved.unnamed])


def _layers_to_take(doc_id: int, here: dict[str, list[Span]], theirs: dict[str, list[Span]],
                    report: FileReport, carried: set[str]) -> set[str]:
    """The annotators whose spans in this document come in from the file: those it
    names that have no layer here (no spans, and none deleted here: ``here`` holds the
    emptied layers too). Every other layer the file holds is compared with the one
    here, for the report, and left as it is.

    A layer comes in whole or not at all: a file holds other people's layers as they
    were when its owner merged them, and merging such a copy span by span into a newer
    version brought back what had been deleted, and put a relabelled span beside its
    old label. The importing annotator's own layer never comes in: the project one
    works in is the reference for one's own work. Spans the file names nobody for are
    not a copy of a layer: they carry the importer's name because the importer brings
    them (a model's pre-annotation, a brat file), and are merged as before."""
    taken = set()
    for annotator in sorted(carried):
        file_layer = theirs.get(annotator, [])
        if annotator == report.own_name:
            if file_layer:  # where the file holds none of yours, it says nothing of them
                report.own_spans_in_file += len(file_layer)
                report.own_difference.count(doc_id, changes_between(here.get(annotator, []),
                                                                    file_layer))
        elif annotator not in here:
            if file_layer:
                taken.add(annotator)
        else:
            changes = changes_between(here[annotator], file_layer)
            if not changes.none:
                report.differences.setdefault(annotator, LayerDifference(annotator)).count(
                    doc_id, changes)
    return taken


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
