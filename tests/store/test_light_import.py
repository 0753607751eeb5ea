"""sqlite-utils imported without pandas, numpy, its plugin system, click and dateutil's
parser (store/light_import.py), each deferred part still working when it is used.

Every check runs in a fresh interpreter: in this one sqlite-utils is imported already.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
DEFERRED = ("pandas", "numpy", "click", "pluggy", "dateutil.parser",
            "sqlite_utils.plugins", "sqlite_utils.hookspecs")


def run_fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPOSITORY,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_opening_a_project_imports_none_of_the_deferred_modules(tmp_path):
    loaded = run_fresh(f"""
        import sys
        from annotator.store import Project
        project = Project.open({str(tmp_path / "p.annotator")!r})
        project.close()
        print(sorted(name for name in {DEFERRED!r} if name in sys.modules))
    """)
    assert loaded == "[]"


def test_the_deferred_parts_work_when_used():
    out = run_fresh("""
        import sys
        import annotator.store  # sqlite-utils comes in the light way
        import sqlite_utils
        from sqlite_utils import db, recipes, utils

        # a plugin made the way sqlite-utils' documentation says, with the package's marker
        class Plugin:
            @sqlite_utils.hookimpl
            def prepare_connection(conn):
                conn.create_function("answer", 0, lambda: 42)

        import sqlite_utils.plugins
        sqlite_utils.plugins.pm.register(Plugin)
        with_plugins = sqlite_utils.Database(memory=True)  # execute_plugins=True: they run
        print(with_plugins.execute("select answer()").fetchone()[0])
        print(type(sqlite_utils.plugins.pm).__name__, db.pm.get_plugins() == sqlite_utils.plugins.pm.get_plugins())
        print(recipes.parsedate("5th October 2019"))
        with utils.click.progressbar(range(2), file=open("/dev/null", "w")) as bar:
            print(sum(bar))
        import click, dateutil.parser  # the real modules, imported as usual
        print(type(click.progressbar).__name__, callable(dateutil.parser.parse))
        import sqlite_utils.cli  # its command line needs all of it
        print(sqlite_utils.cli.cli.name)
    """)
    assert out.splitlines() == ["42", "PluginManager True", "2019-10-05", "1",
                                "function True", "cli"]


def test_a_sqlite_utils_that_does_not_fit_is_imported_the_ordinary_way():
    # a later sqlite-utils might use something of a stand-in at its import: simulated
    # by stand-ins that fit nothing; the import must then happen as if they never were
    out = run_fresh("""
        import importlib.util, sys
        # the module alone: importing annotator.store would import sqlite-utils already
        spec = importlib.util.spec_from_file_location("light_import",
                                                      "annotator/store/light_import.py")
        light_import = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(light_import)

        def does_not_fit(self, attribute):
            raise AttributeError(attribute)
        light_import.StandIn.__getattr__ = does_not_fit
        light_import.import_sqlite_utils()
        import sqlite_utils.db, sqlite_utils.plugins
        print(type(sqlite_utils.db.pm).__name__, sqlite_utils.db.pm is sqlite_utils.plugins.pm)
        print(any(isinstance(m, light_import.StandIn) for m in sys.modules.values()))
        print(sqlite_utils.Database(memory=True).execute("select 1").fetchone()[0])
    """)
    assert out.splitlines() == ["PluginManager True", "False", "1"]
