"""install-desktop / uninstall-desktop write and remove exactly the user's desktop files."""
import shutil
import subprocess

import pytest

from annotator.desktop_install import ICON_SIZES
from annotator.main import main


def test_install_then_uninstall_leaves_the_folder_as_it_was(tmp_path, monkeypatch, capsys):
    data_home = tmp_path / "share"
    (data_home / "applications").mkdir(parents=True)
    (data_home / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    assert main(["install-desktop"]) == 0
    entry = data_home / "applications" / "annotator.desktop"
    text = entry.read_text("utf-8")
    assert "Exec=" in text and " %F" in text and "application/x-annotator-project" in text
    # only its own projects: listing text/plain or text/html made annotator the default
    # application for every .txt and .html file a user double-clicks
    [types] = [line for line in text.splitlines() if line.startswith("MimeType=")]
    assert types == "MimeType=application/x-annotator-project;"
    assert (data_home / "mime" / "packages" / "annotator.xml").exists()
    for size in ICON_SIZES:
        assert (data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "annotator.png").exists()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg").exists()
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    assert main(["uninstall-desktop"]) == 0
    left = sorted(str(p.relative_to(data_home)) for p in data_home.rglob("*") if p.is_file())
    # what the desktop's own cache tools may have generated is theirs, not ours
    ours = [name for name in left if "annotator" in name]
    assert ours == [] and "applications/other.desktop" in left
    assert "removed" in capsys.readouterr().out


def test_uninstall_without_install_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


@pytest.mark.parametrize("argument,expected", [("/usr/bin/annotator", "/usr/bin/annotator"),
                                               ("/home/a b/annotator", '"/home/a b/annotator"')])
def test_launcher_paths_are_quoted_for_the_desktop_entry(argument, expected):
    from annotator.desktop_install import _quoted
    assert _quoted(argument) == expected
