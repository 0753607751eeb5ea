"""The PyInstaller bundle: built by packaging/build_bundle.sh, then run as a user would.

One build serves the whole module (about a minute and a half on a 2-core machine with a
warm pip cache; the first build on a machine also creates build/bundle-venv). Set
ANNOTATOR_SKIP_BUNDLE=1 to leave it out of a local run; CI runs it.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the bundle checked here is the Linux one-folder bundle"),
    pytest.mark.skipif(os.environ.get("ANNOTATOR_SKIP_BUNDLE") == "1",
                       reason="ANNOTATOR_SKIP_BUNDLE=1"),
]
# The build needs the real HOME (pip's cache); the tests below isolate theirs.
BUILD_ENVIRONMENT = dict(os.environ)
SIZE_LIMIT_MB = 190  # 218 MB before the exclusions in packaging/annotator.spec


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        ["bash", str(REPO / "packaging" / "build_bundle.sh"),
         "--dist", str(out / "dist"), "--work", str(out / "work")],
        env=BUILD_ENVIRONMENT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "size:" in done.stdout and "files:" in done.stdout
    return out / "dist" / "annotator"


def run(bundle: Path, *arguments: str, home: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"),
               XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen")
    env.pop("ANNOTATOR_PROJECT", None)
    return subprocess.run([str(bundle / "annotator"), *arguments], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def seed_title() -> str:
    first = (REPO / "seeds" / "seed_example_annotations.jsonl").read_text("utf-8").splitlines()[0]
    return json.loads(first)["meta"]["title"]


def test_smoke_test_opens_the_seed_article_in_a_painted_window(bundle, tmp_path):
    done = run(bundle, "--smoke-test", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"smoke test: window painted on '{seed_title()}'" in done.stdout
    assert (tmp_path / "share" / "annotator" / "default.annotator").is_file()


def test_cli_commands_run_from_the_bundle(bundle, tmp_path):
    info = run(bundle, "info", home=tmp_path)
    assert info.returncode == 0, info.stderr
    assert str(tmp_path / "share" / "annotator") in info.stdout
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Mayor denies report</title></head><body><article>"
                    "<h1>Mayor denies report</h1>"
                    + "<p>The mayor said on Monday that the report was wrong and that the "
                      "council would publish its own figures next week.</p>" * 4
                    + "</article></body></html>", encoding="utf-8")
    project = str(tmp_path / "p.annotator")
    imported = run(bundle, "import", "--project", project, str(page), home=tmp_path)
    # trafilatura reads its settings file at run time: it must be in the bundle
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 new document" in imported.stdout
    out = tmp_path / "export"
    # export formats are imported by name, out of PyInstaller's sight
    exported = run(bundle, "export", "--project", project, "--status", "any",
                   "--format", "brat", "--out", str(out), home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert any(out.rglob("*.txt"))


def test_spacy_export_is_left_out_with_a_message_not_a_traceback(bundle, tmp_path):
    project = str(tmp_path / "p.annotator")
    run(bundle, "import", "--project", project,
        str(REPO / "seeds" / "seed_example_annotations.jsonl"), home=tmp_path)
    done = run(bundle, "export", "--project", project, "--status", "any", "--format", "spacy",
               "--out", str(tmp_path / "out.spacy"), home=tmp_path)
    assert done.returncode != 0
    assert "spacy" in done.stderr and "Traceback" not in done.stderr
    assert "standalone bundle leaves it out" in done.stderr


def test_bundle_menu_entry_starts_the_bundle_and_validates(bundle, tmp_path):
    done = run(bundle, "install-desktop", home=tmp_path)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "share" / "applications" / "annotator.desktop"
    assert f"Exec={bundle / 'annotator'} %F" in entry.read_text("utf-8").splitlines()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_bundle_holds_its_data_and_leaves_out_what_the_app_does_not_use(bundle):
    internal = bundle / "_internal"
    for needed in ("seeds/seed_example_annotations.jsonl", "resources/annotator.svg",
                   "resources/icons/48x48/annotator.png", "packaging/annotator.desktop",
                   "packaging/annotator-mime.xml",
                   "packaging/io.github.annotator.Annotator.metainfo.xml",
                   "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforms/libqwayland.so",
                   "PySide6/Qt/plugins/iconengines/libqsvgicon.so"):
        assert (internal / needed).exists(), needed
    bindings = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.so")}
    imported = {name for source in (REPO / "annotator").rglob("*.py")
                for name in re.findall(r"PySide6\.(Qt\w+)", source.read_text("utf-8"))}
    assert bindings == imported and {"QtNetwork", "QtDBus", "QtQml"}.isdisjoint(bindings)
    for absent in ("PySide6/Qt/translations", "PySide6/Qt/plugins/tls", "spacy", "numpy",
                   "tkinter", "pytest", "PySide6/Qt/plugins/platformthemes/libqgtk3.so"):
        assert not (internal / absent).exists(), absent
    dangling = [str(path) for path in internal.rglob("*") if path.is_symlink() and not path.exists()]
    assert dangling == []
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()
               and not path.is_symlink())
    assert size < SIZE_LIMIT_MB * 1024 * 1024, f"{size / 1024 / 1024:.0f} MB"
