"""Entry point of the `annotator` command: a subcommand runs the CLI, anything else the app."""
from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


@contextmanager
def collector_paused_then_frozen() -> Iterator[None]:
    """No cycle collection while the app's modules are imported; then they are frozen.

    The imports make some 30,000 objects (modules, classes, functions) that live as
    long as the process. The collector would walk them some 70 times while they are
    being made, finding next to nothing (a few hundred objects); frozen (gc.freeze),
    they are left out of every later pass, the one at exit included. About 25 ms of
    CPU of a start-up near 390. Done once, in a fresh process only: where the modules
    are in already (tests, a second window), nothing is frozen.
    """
    fresh = "annotator.ui.app" not in sys.modules
    was_enabled = gc.isenabled()
    if fresh:
        gc.disable()
    try:
        yield
    finally:
        if fresh:
            gc.freeze()
            if was_enabled:
                gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_cli(argv):
        from . import cli
        return cli.main(argv)
    args = gui_arguments(argv)
    with collector_paused_then_frozen():
        # The Qt-free modules the window needs are imported before Qt: once PySide6 is
        # loaded, its import hook reads the source of every module imported after it
        # (some 40 ms of CPU for these).
        from . import compat, session, workspace  # noqa: F401
        from .ui.app import run  # Qt is loaded only when a window is wanted

    return run(args.project, args.files, smoke_test=args.smoke_test)


if __name__ == "__main__":
    sys.exit(main())
