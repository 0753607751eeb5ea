"""Shared fixtures. Tests never touch the real user data folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The pass/fail suite is the same on every run: property tests draw their examples
# from a fixed seed, so CI is never red by the luck of the draw. New examples are
# explored on purpose, with `pytest --hypothesis-profile explore` (see README).
settings.register_profile("suite", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("suite")

REPO = Path(__file__).resolve().parents[1]
# The repository is checked out beside shared/ (here and in CI).
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("ANNOTATOR_PROJECT", raising=False)
    monkeypatch.setenv("ANNOTATOR_USER", "tester")
    return home


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected it at {CORPUS}")
    return CORPUS


@pytest.fixture
def project():
    from annotator.store import Project

    p = Project.in_memory()
    yield p
    p.close()


def read_exact(path: Path) -> str:
    """A UTF-8 file's text exactly as stored (no newline translation)."""
    return path.read_bytes().decode("utf-8")


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
