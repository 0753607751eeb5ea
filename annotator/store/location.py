"""Whether a project lies on a network drive, where SQLite's write-ahead log is unsafe.

annotator keeps every project in WAL mode, whose shared-memory index only works when
every program using the project runs on the same computer (sqlite.org/wal.html). A
project on an NFS or SMB share opened from two computers at once can be damaged, so
the window and `annotator info` say where a project lies when it is on such a drive.
Linux reads the kernel's mount table; Windows asks for the drive type; elsewhere
(macOS) nothing is reported.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

MOUNT_TABLE = Path("/proc/self/mountinfo")
# file systems whose files other computers can open at the same time
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "ceph",
    "glusterfs", "lustre", "gpfs", "beegfs", "orangefs", "ocfs2", "gfs2", "davfs",
    "fuse.sshfs", "fuse.glusterfs", "fuse.davfs2", "fuse.rclone", "fuse.s3fs",
    "fuse.gvfsd-fuse",  # GNOME's mounts of SMB, SFTP and WebDAV shares
})
DRIVE_REMOTE = 4  # GetDriveTypeW
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")


def network_filesystem(path: str | os.PathLike) -> str | None:
    """The kind of network drive ``path`` lies on ("nfs4", "cifs", "network share"…),
    or None for a local disk or when it cannot be told."""
    resolved = Path(path).expanduser().resolve()
    try:
        if sys.platform.startswith("linux"):
            return _linux(resolved, MOUNT_TABLE.read_text(encoding="utf-8", errors="replace"))
        if os.name == "nt":
            return _windows(resolved)
    except OSError:
        return None
    return None


def _linux(path: Path, mount_table: str) -> str | None:
    kind = filesystem_of(path, mount_table)
    return kind if kind in NETWORK_FILESYSTEMS else None


def filesystem_of(path: Path, mount_table: str) -> str | None:
    """The file system type of the innermost mount holding ``path``, from the text of
    /proc/self/mountinfo (a later mount on the same point hides an earlier one)."""
    best, kind = -1, None
    for mount_point, filesystem in _mounts(mount_table):
        if _holds(mount_point, path) and len(mount_point) >= best:
            best, kind = len(mount_point), filesystem
    return kind


def _mounts(mount_table: str):
    # "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw" (proc(5))
    for line in mount_table.splitlines():
        mount, separator, source = line.partition(" - ")
        fields, described = mount.split(), source.split()
        if separator and len(fields) >= 5 and described:
            yield _unescape(fields[4]), described[0]


def _unescape(field: str) -> str:
    # spaces, tabs, newlines and backslashes in mount points are written as \ooo
    return _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


def _holds(mount_point: str, path: Path) -> bool:
    return mount_point == "/" or path == Path(mount_point) or Path(mount_point) in path.parents


def _windows(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "network share"
    import ctypes  # only here: Windows alone has windll
    drive = os.path.splitdrive(text)[0] + "\\"
    return "network drive" if ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE else None


def network_warning(kind: str) -> str:
    """What to tell the analyst about a project on a ``kind`` network drive."""
    return (f"This project is on a network drive ({kind}). annotator saves every edit at "
            "once with SQLite, which is safe there only while one computer at a time uses "
            "the project: two computers writing to it at once can damage it. Work on a copy "
            "in a local folder and merge it back (annotator import), or make sure nobody "
            "else opens it meanwhile.")
