"""Entry point of the `annotator` command: a subcommand runs the CLI, anything else the app."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import cli


def wants_cli(argv: Sequence[str]) -> bool:
    """True for `annotator import ...`, `annotator --help` and the like."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg == "--project":
            skip_next = True
        elif arg in ("-h", "--help", "--version"):
            return True
        elif not arg.startswith("-"):
            return arg in cli.COMMANDS
    return False


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="annotator", add_help=False)
    parser.add_argument("--project", default=None)
    parser.add_argument("--smoke-test", action="store_true")
    parser.add_argument("files", nargs="*", type=Path)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(argv):
        return cli.main(argv)
    args = gui_arguments(argv)
    from .ui.app import run  # Qt is loaded only when a window is wanted

    return run(args.project, args.files, smoke_test=args.smoke_test)


if __name__ == "__main__":
    sys.exit(main())
