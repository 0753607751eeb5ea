"""The command line: import, export, stats, info. Never imports Qt.

`--project PATH` is accepted before or after the subcommand. Messages name the
file, the line and the reason; no traceback reaches the user.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from contextlib import closing
from pathlib import Path
from typing import Sequence

from . import __version__, cli_search, desktop_install, paths, user_settings
from . import cli_agreement
from . import cli_backup
from .core.layers import GOLD
from .core.model import STATUSES
from .core.offsets import UNITS
from .core.wording import counted
from .formats.writers import default_unit
from .exporting import (FORMATS, ExportError, ExportFilter, ExportRequest, WriterOptions, export,
                        parse_list, parse_split, parse_statuses)
from .exporting.selection import parse_layer
from .importing import ImportOptions, import_paths
from .importing.layer_notes import report_notes
from .importing.service import ImportReport
from .store import ProjectError
from .store.location import network_filesystem, network_warning
from .workspace import open_project

COMMANDS = ("import", "export", "search", "agreement", "stats", "info", "install-desktop",
            "uninstall-desktop", "backup")
EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # as a process ended by SIGPIPE: what a shell reports for one

DESCRIPTION = """\
Label claims, denials, demands and quotes in news articles.

  annotator [--project P] [FILE...]   start the app (importing FILEs and opening the first)
  annotator COMMAND --help           help on one command
"""


def build_parser() -> argparse.ArgumentParser:
    project_option = argparse.ArgumentParser(add_help=False)
    project_option.add_argument(
        "--project", metavar="PATH", default=argparse.SUPPRESS,
        help=f"project file (default: ${paths.PROJECT_ENV}, else {paths.default_project_path()})")
    parser = argparse.ArgumentParser(
        prog="annotator", description=DESCRIPTION, parents=[project_option],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_import(sub, project_option)
    _add_export(sub, project_option)
    cli_search.add_parser(sub, project_option)
    cli_agreement.add_parser(sub, project_option)
    cli_backup.add_parser(sub, project_option)
    sub.add_parser("stats", parents=[project_option], help="documents by status, spans by label",
                   description="Print documents by status and spans by label.")
    sub.add_parser("info", parents=[project_option], help="where the project and data live",
                   description="Print the project path, the data folder and the versions.")
    sub.add_parser("install-desktop", help="add annotator to the desktop's menu",
                   description="Install the menu entry, the icon and the project file type into "
                               "$XDG_DATA_HOME (default ~/.local/share), for this user.")
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added",
                   description="Remove exactly the files install-desktop wrote.")
    return parser


def _add_import(sub, parent) -> None:
    cmd = sub.add_parser(
        "import", parents=[parent], help="import files or folders",
        description="Import articles (.txt, .md, .html), datasets (.jsonl: native, doccano, "
                    "Prodigy; .json: Label Studio) and brat .txt+.ann pairs. Folders are read "
                    "recursively. Texts already in the project are not duplicated. Exits 1 if "
                    "anything was rejected.")
    cmd.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    cmd.add_argument("--offset-unit", choices=UNITS, default=None,
                     help="unit of span offsets in files that do not say (doccano counts "
                          "utf16 by default, most other tools codepoint); without it, a record "
                          "that the two would read differently is refused, never guessed")
    cmd.add_argument("--strict", action="store_true",
                     help="import nothing from a file that has any rejected item")
    cmd.add_argument("--encoding", help="text encoding of .txt/.md files (default: detected)")
    cmd.add_argument("--annotator", help="the name this import runs under (default: "
                     "$ANNOTATOR_USER, else the name saved on first start, else your login "
                     "name): recorded on imported spans that carry none, and the annotator "
                     "whose spans here an import never changes")
    cmd.add_argument("--replace-layer", action="append", default=[], metavar="NAME",
                     help="in the documents a colleague's file holds, replace NAME's spans "
                          "here with the file's (their updated work: spans they deleted go, "
                          "relabelled and corrected ones change), after backing the project "
                          "up; never your own. 'gold' replaces the adjudicated layer. Repeat, "
                          "or separate names with commas")
    cmd.add_argument("--quiet", action="store_true", help="print only problems")


def _add_export(sub, parent) -> None:
    cmd = sub.add_parser(
        "export", parents=[parent], help="export a dataset",
        description="Export documents with their spans, checked and written whole, with a "
                    "manifest beside the export. jsonl is annotator's native format: one "
                    "document per line with schema_version, offset_unit, metadata and spans.")
    cmd.add_argument("--format", choices=FORMATS, default="jsonl")
    cmd.add_argument("--out", required=True, type=Path, metavar="PATH",
                     help="the file to write (a folder for brat, or for --split)")
    chosen = cmd.add_argument_group("what to export")
    chosen.add_argument("--status", default="done",
                        help=f"document statuses: {', '.join(STATUSES)} or any; a comma list "
                             "is allowed (default: done)")
    chosen.add_argument("--labels", help="only spans with these labels (comma list)")
    chosen.add_argument("--annotator", help="only spans by these annotators (comma list)")
    chosen.add_argument("--layer", metavar="LAYER", help="gold (the adjudicated spans), all (the "
                        "default: every span, its annotator kept on it) or one annotator's name")
    chosen.add_argument("--source", help="only documents from these sources (comma list)")
    chosen.add_argument("--since", metavar="DATE", help="only documents published on or after")
    chosen.add_argument("--until", metavar="DATE", help="only documents published on or before")
    splits = cmd.add_argument_group("train/dev/test splits")
    splits.add_argument("--split", metavar="RATIOS", help="e.g. 80/10/10 or 80/20; --out names "
                        "a folder that gets one file per split and the manifest")
    splits.add_argument("--group-by", metavar="KEY", help="keep documents with the same source "
                        "(or metadata KEY, e.g. a story id) in one split")
    splits.add_argument("--seed", type=int, default=13, help="the same seed gives the same split")
    shape = cmd.add_argument_group("format details")
    shape.add_argument("--offset-unit", choices=UNITS, default=None,
                       help="unit of offsets in jsonl, doccano and label-studio files "
                            "(default: utf16 for doccano, which counts it; else codepoint)")
    shape.add_argument("--alignment", choices=("strict", "contract", "expand"), default="strict",
                       help="spaCy: what to do with spans that do not fall on token boundaries")
    shape.add_argument("--doccano-variant", choices=("label", "entities"), default="label")
    shape.add_argument("--span-key", default="sc", help="spaCy: the doc.spans key (default sc)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return EXIT_USAGE
    try:
        if args.command == "info":
            return cmd_info(args)
        if args.command == "backup":  # works on the file itself: the project need not exist
            return cli_backup.run(args)
        if args.command in DESKTOP:
            return DESKTOP[args.command]()
        with closing(open_project(getattr(args, "project", None))) as project:
            return HANDLERS[args.command](project, args)
    except (ProjectError, ExportError) as error:
        print(f"annotator: {error}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("annotator: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The program reading our output (head, less) stopped: end quietly, as Unix tools
    do. stdout goes to /dev/null so that Python's own flush at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def cmd_info(args) -> int:
    project_path = paths.chosen_project_path(getattr(args, 'project', None))
    print(f"project:     {project_path}")
    print(f"data folder: {paths.data_dir()}")
    print(f"annotator:   {user_settings.describe_annotator()}")
    print(f"version:     annotator {__version__}, Python {sys.version.split()[0]}")
    drive = network_filesystem(project_path)
    if drive is not None:
        print(f"warning:     {network_warning(drive)}")
    return EXIT_OK


def cmd_stats(project, args) -> int:
    print(f"project: {project.path}")
    print("documents by status:")
    counts = project.counts_by_status()
    for status in STATUSES:
        print(f"  {status:<12} {counts.get(status, 0):>8}")
    print(f"  {'total':<12} {sum(counts.values()):>8}")
    print("spans by label:")
    by_label = project.counts_by_label()
    for name in project.label_names():
        print(f"  {name:<12} {by_label.get(name, 0):>8}")
    print(f"  {'total':<12} {sum(by_label.values()):>8}")
    return EXIT_OK


def cmd_import(project, args) -> int:
    options = ImportOptions(offset_unit=args.offset_unit, strict=args.strict,
                            encoding=args.encoding)
    if args.annotator:
        options.annotator = args.annotator
    options.replace_layers = frozenset(
        name.strip() for names in args.replace_layer for name in names.split(",") if name.strip())
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    present = [p for p in args.paths if p.exists()]
    with _progress(present) as tick:
        report = import_paths(project, present, options, progress=tick)
    _print_report(report, quiet=args.quiet)
    return EXIT_REJECTED if missing or not report.ok else EXIT_OK


def cmd_export(project, args) -> int:
    with _export_progress() as tick:
        result = export(project, export_request(args), progress=tick)
    labels = ", ".join(f"{name} {count}" for name, count in sorted(result.by_label.items()))
    print(f"Exported {result.documents} documents and {result.spans} spans "
          f"({labels or 'no spans'}) to {result.path}")
    if args.split:
        for name, counts in result.counts.items():
            print(f"  {name:<6} {counts['documents']:>6} documents ({counts['ratio']:.1%}), "
                  f"{counts['spans']:>7} spans")
    for note in result.notes:
        print(f"note: {note}")
    print(f"manifest: {result.manifest_path}")
    return EXIT_OK


def export_request(args) -> ExportRequest:
    filters = ExportFilter(statuses=parse_statuses(args.status), labels=parse_list(args.labels),
                           annotators=_chosen_annotators(args), sources=parse_list(args.source),
                           since=args.since, until=args.until)
    options = WriterOptions(offset_unit=args.offset_unit or default_unit(args.format),
                            alignment=args.alignment,
                            doccano_variant=args.doccano_variant, span_key=args.span_key)
    plan = parse_split(args.split, args.seed, args.group_by) if args.split else None
    return ExportRequest(out=args.out, fmt=args.format, filters=filters, options=options,
                         split=plan)


def _chosen_annotators(args) -> list[str] | None:
    if args.layer is not None and args.annotator:
        raise ExportError("use --layer or --annotator, not both")
    return parse_layer(args.layer) if args.layer is not None else parse_list(args.annotator)


def cmd_install_desktop() -> int:
    for path in desktop_install.install():
        print(f"installed {path}")
    return EXIT_OK


def cmd_uninstall_desktop() -> int:
    removed = desktop_install.uninstall()
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print("nothing to remove: install-desktop has not been run for this user")
    return EXIT_OK


DESKTOP = {"install-desktop": cmd_install_desktop, "uninstall-desktop": cmd_uninstall_desktop}
HANDLERS = {"import": cmd_import, "export": cmd_export, "search": cli_search.run,
            "agreement": cli_agreement.run,
            "stats": cmd_stats}


def _print_report(report: ImportReport, quiet: bool) -> None:
    for problem in report.problems:
        print(f"rejected: {problem}", file=sys.stderr)
    for file in report.files:
        if file.discarded:
            print(f"rejected: {file.path}: nothing imported from this file (--strict), "
                  f"{file.discarded} valid document(s) left out", file=sys.stderr)
    if quiet:
        return
    for warning in report.warnings:
        print(f"note: {warning}")
    documents, spans = counted(len(report.added), "new document"), counted(report.spans_added, "span")
    came = f"{documents} and {spans}"
    if report.decisions_added:  # a colleague lead's project file
        came = f"{documents}, {spans} and {counted(report.decisions_added, 'adjudication decision')}"
    print(f"Imported {came} from {counted(len(report.files), 'file')}; "
          f"{counted(report.merged, 'existing document')} changed, {report.duplicates} "
          f"{'was' if report.duplicates == 1 else 'were'} already in the project unchanged; "
          f"{counted(len(report.problems), 'item')} rejected.")
    for note in report_notes(report, replace_hint=_replace_option):
        print(note)


def _replace_option(annotator: str, path: Path) -> str:
    """How to take a file's version of someone's spans, on the command line."""
    gold = " (the adjudicated layer: only if the file's adjudication is the one to keep)" \
        if annotator == GOLD else ""
    return (f"To take the file's version instead (a backup is made first), import it again "
            f"with --replace-layer {shlex.quote(annotator)}{gold}.")


class _export_progress:
    """A progress bar over the documents written, on a terminal; silent otherwise."""

    def __init__(self):
        self.bar = None

    def __enter__(self):
        return self.tick if sys.stderr.isatty() else None

    def tick(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit=" documents", desc="exporting", leave=False)
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


class _progress:
    """A progress bar over files on a terminal; silent otherwise."""

    def __init__(self, paths_given):
        self.bar = None
        if sys.stderr.isatty() and (len(paths_given) > 1 or any(p.is_dir() for p in paths_given)):
            from tqdm import tqdm
            self.bar = tqdm(unit=" files", desc="importing", leave=False)

    def __enter__(self):
        return self.tick

    def tick(self, path):
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
