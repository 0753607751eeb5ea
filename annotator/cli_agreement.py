"""`annotator agreement --annotators a,b[,c]`: inter-annotator agreement from the terminal.
Never imports Qt."""
from __future__ import annotations

import argparse
import json
import sys

from .agreement import COVERAGE, AgreementError, agreement, format_table
from .exporting import ExportError, parse_list, parse_statuses
from .store import Project

EXIT_OK, EXIT_REJECTED = 0, 1

DESCRIPTION = """\
How far annotators agree, per label and overall, over the corpus (and per document):

  exact F1     spans with the same start, end and label
  overlap F1   spans with the same label sharing a character, paired one to one,
               largest overlap first
  Cohen κ      token by token, per pair of annotators (with 3 or more: the mean)
  Fleiss κ     token by token, all annotators at once (3 or more)
  α tokens     Krippendorff's alpha, nominal, on tokens
  α_u chars    Krippendorff's unitizing alpha on character positions

Tokens are those of the CoNLL export; where one annotator's spans overlap, the longest
wins, as in that export. A document is compared when every named annotator has a span
in it (--coverage). "n/a": not defined (e.g. no spans of that label at all).

  annotator agreement --annotators alice,bob
  annotator agreement --annotators alice,bob,carol --labels claim,quote --format json"""


def add_parser(subparsers, parent_parser: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "agreement", parents=[parent_parser], help="inter-annotator agreement",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("--annotators", required=True, type=_annotators, metavar="A,B[,C...]",
                         help="two or more annotator names, comma separated")
    command.add_argument("--labels", help="only these labels (comma list; default: all)")
    command.add_argument("--status", default="any",
                         help="document statuses (comma list) or any (the default: a status "
                              "is shared by all annotators, so it does not say who finished)")
    command.add_argument("--coverage", choices=COVERAGE, default="all",
                         help="which documents to compare: annotated by all named annotators "
                              "(default), by at least two (others missing there), or by any "
                              "(no span counts as nothing found)")
    command.add_argument("--format", choices=("table", "json"), default="table")
    command.add_argument("--per-document", action="store_true",
                         help="table: add one line per document (json always has them)")


def run(project: Project, args: argparse.Namespace) -> int:
    try:
        statuses = parse_statuses(args.status)
        report = agreement(project, args.annotators, labels=parse_list(args.labels),
                           statuses=statuses, coverage=args.coverage)
    except (AgreementError, ExportError) as error:
        print(f"annotator: {error}", file=sys.stderr)
        return EXIT_REJECTED
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(report, per_document=args.per_document))
    if not report.corpus.documents:
        print(f"annotator: no document is annotated by {_who(args)}; nothing to compare "
              "(see --coverage and --status)", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


def _who(args: argparse.Namespace) -> str:
    names = ", ".join(args.annotators)
    return {"all": f"every one of {names}", "some": f"two or more of {names}"}.get(
        args.coverage, f"any of {names}")


def _annotators(value: str) -> list[str]:
    names = parse_list(value) or []
    if len(names) < 2:
        raise argparse.ArgumentTypeError(
            f"name at least two annotators, comma separated (got {value!r})")
    return names
