"""The files that packagers and desktops read: metainfo, desktop entry, icons, entry points."""
import shutil
import struct
import subprocess
import sys
import tomllib
from xml.etree import ElementTree

import pytest

from annotator import __version__
from annotator.desktop_install import APP_ID
from annotator.paths import APP_NAME
from tests.conftest import REPO

PACKAGING = REPO / "packaging"
METAINFO = PACKAGING / "io.github.annotator.Annotator.metainfo.xml"
DESKTOP = PACKAGING / "annotator.desktop"


def pyproject() -> dict:
    return tomllib.loads(REPO.joinpath("pyproject.toml").read_text("utf-8"))


def metainfo() -> ElementTree.Element:
    return ElementTree.parse(METAINFO).getroot()


def test_metainfo_names_the_desktop_entry_that_is_installed_and_the_app_announces():
    root = metainfo()
    assert METAINFO.name == f"{root.findtext('id')}.metainfo.xml"
    launchable = root.find("launchable[@type='desktop-id']").text
    # install-desktop writes <APP_ID>.desktop; the app tells Wayland the same name
    assert launchable == DESKTOP.name == f"{APP_ID}.desktop" == f"{APP_NAME}.desktop"
    provided = root.find("provides")
    assert provided.findtext("binary") in pyproject()["project"]["scripts"]
    assert provided.findtext("mediatype") in DESKTOP.read_text("utf-8")


def test_metainfo_release_and_license_match_the_project():
    root = metainfo()
    releases = [release.get("version") for release in root.iter("release")]
    assert releases[0] == __version__ == pyproject()["project"]["version"]
    assert root.findtext("project_license") == pyproject()["project"]["license"]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("content_rating").get("type") == "oars-1.1"


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli is not installed")
def test_metainfo_passes_appstream_validation_beside_its_desktop_entry_and_icon(tmp_path):
    share = tmp_path / "usr" / "share"
    for folder, source in (("metainfo", METAINFO), ("applications", DESKTOP),
                           ("icons/hicolor/128x128/apps",
                            REPO / "resources" / "icons" / "128x128" / "annotator.png")):
        (share / folder).mkdir(parents=True)
        shutil.copy(source, share / folder)
    for command in (["appstreamcli", "validate", "--no-net", str(METAINFO)],
                    ["appstreamcli", "validate-tree", "--no-net", str(tmp_path)]):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate is not installed")
def test_the_desktop_entry_in_the_source_validates():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_windows_icon_holds_every_rendered_size():
    data = (REPO / "resources" / "annotator.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)  # an icon, not a cursor
    # in the directory a width or height of 0 means 256
    sizes = sorted((data[6 + 16 * i] or 256) for i in range(count))
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_one_program_is_the_console_and_the_gui_launcher_and_python_m_runs_it(tmp_path):
    project = pyproject()["project"]
    assert project["scripts"]["annotator"] == project["gui-scripts"]["annotator-gui"] \
        == "annotator.main:main"
    done = subprocess.run([sys.executable, "-m", "annotator", "info"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"annotator {__version__}" in done.stdout


def test_the_wheel_carries_the_desktop_files_and_not_the_bundle_build_files():
    force = pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    shipped = {source: target for source, target in force.items() if source.startswith("packaging")}
    names = (DESKTOP.name, "annotator-mime.xml", METAINFO.name)
    assert shipped == {f"packaging/{name}": f"annotator/packaging/{name}" for name in names}
    assert all((PACKAGING / name).is_file() for name in names)
