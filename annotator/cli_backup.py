"""`annotator backup list|now|restore`: the project's rolling backups from the terminal.
Never imports Qt."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .store import backup as store_backup
from .store.backup import BackupInfo
from .store.opening import ProjectError

EXIT_OK, EXIT_REJECTED = 0, 1

DESCRIPTION = """\
The app backs the project up when it opens it and every {minutes} minutes while it
changes; a backup is skipped when nothing changed since the newest one, and the
newest {keep} are kept, in the user data folder (`annotator backup list` shows where).
Close the project in the app before restoring from here, or use the app's
File → Restore from backup….

  annotator backup list          the backups, newest first, numbered
  annotator backup now           back up the project now
  annotator backup restore 3     put backup number 3 back (or give a backup file)

A restore first backs up the project as it is, so it can itself be undone."""


def add_parser(subparsers, parent_parser: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "backup", parents=[parent_parser], help="list, make or restore backups",
        description=DESCRIPTION.format(minutes=store_backup.DEFAULT_MINUTES,
                                       keep=store_backup.DEFAULT_KEEP),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = command.add_subparsers(dest="backup_action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[parent_parser], help="the backups, newest first",
                       description="List the project's backups, newest first: number, time, "
                                   "documents, spans and size.")
    actions.add_parser("now", parents=[parent_parser], help="back up the project now",
                       description="Back up the project now, unless nothing changed since "
                                   f"the newest backup; the newest {store_backup.DEFAULT_KEEP} are kept.")
    restore = actions.add_parser(
        "restore", parents=[parent_parser], help="put a backup back",
        description="Replace the project's content with a backup's, after checking the "
                    "backup. The project as it was is backed up first: restoring that "
                    "backup (number 1 afterwards) undoes the restore.")
    restore.add_argument("backup", metavar="BACKUP",
                         help="a number from `annotator backup list` (1 is the newest), or "
                              "the path of a backup file")


def run(args: argparse.Namespace) -> int:
    project_path = paths.chosen_project_path(getattr(args, "project", None))
    actions = {"list": show_list, "now": make_backup, "restore": restore}
    try:
        return actions[args.backup_action](project_path, args)
    except ProjectError as error:
        print(f"annotator: {error}", file=sys.stderr)
        return EXIT_REJECTED


def show_list(project_path: Path, args: argparse.Namespace) -> int:
    backups = store_backup.list_backups(project_path)
    folder = store_backup.backups_dir(project_path)
    if not backups:
        print(f"No backups of {project_path} yet (they are kept in {folder}).")
        return EXIT_OK
    print(f"Backups of {project_path}, newest first (in {folder}):")
    print(f"  {'#':>3}  {'taken (local time)':<19}  {'documents':>9}  {'spans':>9}  {'size':>10}")
    for number, info in enumerate(backups, start=1):
        print(f"  {number:>3}  {row(info)}")
    return EXIT_OK


def row(info: BackupInfo) -> str:
    if info.problem:
        return f"{info.local_time:<19}  {info.problem}"
    return (f"{info.local_time:<19}  {info.documents:>9}  {info.spans:>9}  "
            f"{info.size_text:>10}")


def make_backup(project_path: Path, args: argparse.Namespace) -> int:
    made = store_backup.backup_now(project_path)
    if made is None:
        newest = store_backup.list_backups(project_path)[0]
        print(f"Nothing changed since the newest backup ({newest.local_time}); "
              "no new backup was made.")
        return EXIT_OK
    info = store_backup.describe(made)
    print(f"Backed up {project_path} ({info.documents} documents, {info.spans} spans, "
          f"{info.size_text}) to {made}")
    return EXIT_OK


def restore(project_path: Path, args: argparse.Namespace) -> int:
    backup = chosen_backup(project_path, args.backup)
    info = store_backup.describe(backup)
    result = store_backup.restore_backup(project_path, backup)
    print(f"Restored the backup of {info.local_time} ({info.documents} documents, "
          f"{info.spans} spans) into {project_path}.")
    if result.before == backup:
        print("The project already held this backup's content.")
    elif result.before is not None:
        print(f"The project as it was is backup {_number_of(project_path, result.before)} "
              f"({result.before}); restoring it undoes this.")
    return EXIT_OK


def chosen_backup(project_path: Path, choice: str) -> Path:
    """A number from the list, or the path of a backup file."""
    if choice.isdigit():
        backups = store_backup.list_backups(project_path)
        number = int(choice)
        if not 1 <= number <= len(backups):
            there_are = {0: "there are none yet", 1: "there is 1"}.get(
                len(backups), f"there are {len(backups)}")
            raise ProjectError(f"there is no backup number {choice} of {project_path}: "
                               f"{there_are} (see `annotator backup list`)")
        return backups[number - 1].path
    path = Path(choice).expanduser()
    if not path.is_file():
        raise ProjectError(f"{choice}: no such backup file, and not a number from "
                           "`annotator backup list`")
    return path


def _number_of(project_path: Path, backup: Path) -> int | str:
    for number, info in enumerate(store_backup.list_backups(project_path), start=1):
        if info.path == backup:
            return number
    return "?"
