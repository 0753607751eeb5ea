"""Telling a project on a network drive (WAL is unsafe there) from one on a local disk."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import location
from annotator.store.location import filesystem_of, network_filesystem, network_warning

MOUNT_TABLE = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 27 0:45 / /home rw,relatime shared:20 - ext4 /dev/sda2 rw
51 40 0:52 / /home/ana/shared\040drive rw,relatime shared:30 - cifs //fs/team rw,vers=3.1.1
52 27 0:53 / /mnt/lab rw,relatime - nfs4 fs:/export/lab rw
53 52 0:54 / /mnt/lab/local rw,relatime - tmpfs tmpfs rw
54 27 0:55 / /mnt/over rw - nfs4 fs:/old rw
55 27 0:56 / /mnt/over rw - ext4 /dev/sdb1 rw
bad line without the separator
"""


@pytest.mark.parametrize("path, expected", [
    ("/home/ana/projects/p.annotator", "ext4"),
    ("/home/ana/shared drive/team.annotator", "cifs"),  # \040 is a space
    ("/home/ana/shared drive2/p.annotator", "ext4"),  # a longer name is not inside it
    ("/mnt/lab/p.annotator", "nfs4"),
    ("/mnt/lab/local/p.annotator", "tmpfs"),  # the innermost mount counts
    ("/mnt/over/p.annotator", "ext4"),  # a later mount on the same point hides the first
    ("/srv/p.annotator", "ext4"),
])
def test_the_innermost_mount_names_the_file_system(path, expected):
    assert filesystem_of(Path(path), MOUNT_TABLE) == expected


def test_only_network_file_systems_are_reported(monkeypatch, tmp_path):
    table = tmp_path / "mountinfo"
    table.write_text(MOUNT_TABLE)
    monkeypatch.setattr(location, "MOUNT_TABLE", table)
    monkeypatch.setattr(location.sys, "platform", "linux")
    assert network_filesystem("/mnt/lab/p.annotator") == "nfs4"
    assert network_filesystem("/home/ana/shared drive/t.annotator") == "cifs"
    assert network_filesystem("/home/ana/p.annotator") is None
    assert "one computer at a time" in network_warning("nfs4")


def test_an_unreadable_mount_table_reports_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(location, "MOUNT_TABLE", tmp_path / "missing")
    monkeypatch.setattr(location.sys, "platform", "linux")
    assert network_filesystem(tmp_path / "p.annotator") is None


def test_this_machine_s_temporary_folder_is_not_a_network_drive(tmp_path):
    assert network_filesystem(tmp_path / "p.annotator") is None
