"""`annotator install-desktop` / `uninstall-desktop`: the menu entry, the icon in the
hicolor sizes and the MIME type of project files, in the user's XDG data folder.

Every file written is listed in a record beside the project data, so uninstalling
removes exactly those files and nothing else. The desktop entry starts the very
launcher that ran the install (a virtual environment's, pipx's), so the menu entry
works without anything on PATH. The caches that desktops read are refreshed when their
tools exist; their absence is not an error.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import packaging_dir, resources_dir

APP_ID = "annotator"
RECORD = "installed-desktop-files.txt"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
CACHE_TOOLS = (("update-desktop-database", "applications"), ("update-mime-database", "mime"),
               ("gtk-update-icon-cache", "icons/hicolor"))


def xdg_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> list[str]:
    """The command that starts the annotator that is running: its own launcher, else the
    one on PATH, else this Python with -m."""
    running = Path(sys.argv[0])
    if running.name == "annotator" and running.exists():
        return [str(running.resolve())]
    found = shutil.which("annotator")
    return [found] if found else [sys.executable, "-m", "annotator"]


def install(data_home: Path | None = None) -> list[Path]:
    data_home = data_home or xdg_data_home()
    written = [_desktop_entry(data_home), _mime_type(data_home), *_icons(data_home)]
    record = data_home / APP_ID / RECORD
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("".join(f"{path}\n" for path in written), encoding="utf-8")
    _refresh_caches(data_home)
    return written


def uninstall(data_home: Path | None = None) -> list[Path]:
    data_home = data_home or xdg_data_home()
    record = data_home / APP_ID / RECORD
    if not record.exists():
        return []
    removed = []
    for line in record.read_text(encoding="utf-8").splitlines():
        path = Path(line)
        if line and path.is_file():
            path.unlink()
            removed.append(path)
    record.unlink()
    _refresh_caches(data_home)
    return removed


def _desktop_entry(data_home: Path) -> Path:
    source = (packaging_dir() / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    exec_line = "Exec=" + " ".join(_quoted(part) for part in launcher()) + " %F"
    text = "\n".join(exec_line if line.startswith("Exec=") else line
                     for line in source.splitlines()) + "\n"
    return _write(data_home / "applications" / f"{APP_ID}.desktop", text.encode("utf-8"))


def _mime_type(data_home: Path) -> Path:
    source = (packaging_dir() / f"{APP_ID}-mime.xml").read_bytes()
    return _write(data_home / "mime" / "packages" / f"{APP_ID}.xml", source)


def _icons(data_home: Path) -> list[Path]:
    icons = resources_dir() / "icons"
    hicolor = data_home / "icons" / "hicolor"
    written = [_write(hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
                      (icons / f"{size}x{size}" / f"{APP_ID}.png").read_bytes())
               for size in ICON_SIZES]
    svg = (resources_dir() / f"{APP_ID}.svg").read_bytes()
    written.append(_write(hicolor / "scalable" / "apps" / f"{APP_ID}.svg", svg))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(data)
    os.replace(temp, path)  # never a half-written entry in the menu
    return path


def _quoted(argument: str) -> str:
    # the desktop entry spec: an argument with a space or a reserved character is quoted,
    # and inside quotes " ` $ and \ are escaped with a backslash
    if not any(ch in argument for ch in ' \t"\'\\><~|&;$*?#()`'):
        return argument
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
    return f'"{escaped}"'


def _refresh_caches(data_home: Path) -> None:
    for tool, folder in CACHE_TOOLS:
        if shutil.which(tool) and (data_home / folder).is_dir():
            subprocess.run([tool, str(data_home / folder)], capture_output=True, check=False)
