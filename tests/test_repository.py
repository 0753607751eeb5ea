"""Promises about the repository itself: set-up commands, layering, packaging."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO


def readme_setup_commands():
    block = REPO.joinpath("README.md").read_text("utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_setup_commands_and_ci_runs_the_second():
    run_app, run_tests = readme_setup_commands()
    assert run_app.endswith("annotator") and "pip install ." in run_app
    assert "pytest" in run_tests
    assert run_tests in REPO.joinpath(".ci", "run").read_text("utf-8")


def test_layers_depend_one_way():
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [shutil.which("lint-imports")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_seed_article_ships_in_seeds_and_in_the_wheel():
    assert (REPO / "seeds" / "seed_example_annotations.jsonl").is_file()
    config = tomllib.loads(REPO.joinpath("pyproject.toml").read_text("utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["seeds"] == "annotator/seeds" and force["resources"] == "annotator/resources"
