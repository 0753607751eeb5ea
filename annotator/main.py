"""Entry point of the `annotator` command: a subcommand runs the CLI, anything else the app."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


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
            # the CLI is imported only when a word could name a command: its imports
            # (every format, the exporters) would cost the window's start-up
            from .cli import COMMANDS
            return arg in COMMANDS
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
        from . import cli
        return cli.main(argv)
    args = gui_arguments(argv)
    # The Qt-free modules the window needs are imported before Qt: once PySide6 is
    # loaded, its import hook reads the source of every module imported after it
    # (some 40 ms of CPU for these, of about 500 for the whole start-up).
    from . import compat, session, workspace  # noqa: F401
    from .ui.app import run  # Qt is loaded only when a window is wanted

    return run(args.project, args.files, smoke_test=args.smoke_test)


if __name__ == "__main__":
    sys.exit(main())
