"""Import files and folders into a project, and report what came in and what did not.

Each file is written in one transaction: either everything accepted from it is
stored or nothing is. With ``strict`` a file with any rejected item contributes
nothing. The same text is never stored twice (sha256); annotations for a text
already in the project are merged into that document one layer (one annotator's
spans) at a time: a layer this project has none of there comes in whole, one it
has is left as it is and compared, and the importing annotator's own never comes
in (importing/merge.py says why).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..core.gc_pause import cyclic_gc_paused
from ..formats import detect
from ..formats.records import FormatError, Problem, RawDocument
from ..store import Project, ProjectError
from ..store.backup import backup_now, describe, list_backups
from ..store.bulk import add_documents, ids_by_sha256
from ..user_settings import default_annotator  # still importable from here, as before
from .layers import LayerDifference
from .manifest_unit import manifest_unit
from .merge import DocumentMerge, MergeRules, merge_document, not_yet_decided
from .readers import read_path
from .resolve import Resolved, resolve


@dataclass
class ImportOptions:
    offset_unit: str | None = None  # for sources that do not name their unit
    strict: bool = False
    encoding: str | None = None
    # the name the import runs under: recorded on spans that carry none, and whose
    # spans here no import changes (the project you work in is the reference for yours)
    annotator: str = field(default_factory=default_annotator)
    # annotators whose spans, in the documents a file holds, are to become the file's
    # (a colleague's updated work); a backup of the project is made first
    replace_layers: frozenset[str] = frozenset()


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
    # layers asked to be replaced, and what that changed; the backup made before
    replacing: frozenset[str] = frozenset()
    replaced: dict[str, LayerDifference] = field(default_factory=dict)
    backup: Path | None = None
    backup_time: str = ""  # local time, as `annotator backup list` shows it

    def count_merge(self, doc_id: int, outcome: DocumentMerge) -> None:
        """Add what merging one document already here did."""
        self.spans_added += outcome.spans_added
        self.decisions_added += outcome.decisions_added
        if outcome.changed:
            self.merged[doc_id] = self.merged.get(doc_id, 0) + outcome.spans_added
        else:
            self.duplicates.append(doc_id)
        self.own_spans_in_file += outcome.own_in_file
        self.own_difference.count(doc_id, outcome.own)
        for annotator, changes in outcome.differing.items():
            self.differences.setdefault(annotator, LayerDifference(annotator)).count(doc_id, changes)
        for annotator, changes in outcome.replaced.items():
            self.replaced.setdefault(annotator, LayerDifference(annotator)).count(doc_id, changes)


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
    rules = MergeRules.for_file(accepted, options.annotator, options.replace_layers)
    problem = _refused_replacement(rules, report) or _back_up_before_replacing(project, rules,
                                                                                report)
    if problem:
        report.problems.append(problem)
        return report
    with project.transaction():
        _store(project, accepted, report, rules)
    return report


def _refused_replacement(rules: MergeRules, report: FileReport) -> Problem | None:
    """A replace that cannot be done as asked refuses the whole file: a rejected
    input changes nothing."""
    reason = rules.refusal()
    if not reason:
        return None
    return Problem(str(report.path), None, f"{reason}; nothing was imported from this file")


def _back_up_before_replacing(project: Project, rules: MergeRules,
                              report: FileReport) -> Problem | None:
    """A replace removes spans: the project as it was is backed up first (unless the
    newest backup already holds it), and the report says when. No backup, no replace."""
    report.replacing = rules.replacing
    if not rules.replacing or project.path is None:  # a project in memory has no backups
        return None
    try:
        made = backup_now(project)
        newest = describe(made) if made else list_backups(project.path)[0]
    except (ProjectError, IndexError) as error:
        return Problem(str(report.path), None, f"the project could not be backed up before "
                                               f"replacing spans ({error}); nothing was "
                                               "imported from this file")
    report.backup, report.backup_time = newest.path, newest.local_time
    return None


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


def _store(project: Project, accepted: list[Resolved], report: FileReport,
           rules: MergeRules) -> None:
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
                doc_id, not_yet_decided([], resolved.decisions))
        else:
            report.document_ids.append(doc_id)
            report.count_merge(doc_id, merge_document(project, doc_id, resolved, rules))
