"""Importing sqlite-utils without the parts of it annotator never uses.

sqlite-utils imports, at its own import, more than annotator needs from it (a Database
wrapper over a connection, transactions, migrations), and every command that writes,
and the window soon after it opens (store/project.py, Project.db), pays for all of it:

- pandas and numpy, whenever they are installed (spaCy and datasets bring them), only
  to map their scalar types to column types when it creates tables from Python values;
  annotator creates its tables in SQL and never hands it such values. They are hidden
  from it: its own ``import pandas`` fails, which it expects. Most of a second.
- its plugin system (sqlite_utils.plugins and .hookspecs, which import pluggy and
  click), which lets plugins add commands to the sqlite-utils command line and prepare
  each connection; annotator opens its projects with execute_plugins=False. And click
  for progress bars, dateutil's parser for its date recipes. About 30 ms of CPU.

Those four modules are replaced, while sqlite-utils is imported, by stand-ins whose
attributes import the real module when first called or looked into (a plugin manager,
a decorator, ``click.progressbar``): whoever uses them gets the real thing, later.
Once sqlite-utils is in, the stand-ins leave ``sys.modules``, so that any later
``import click`` (or the sqlite-utils command line) imports the real modules as usual.
If a future sqlite-utils does not fit (the import fails with a stand-in in place), it
is imported again the ordinary way: slower, never broken.
"""
from __future__ import annotations

import importlib
import sys
import types
from importlib.util import find_spec

SKIPPED = ("pandas", "numpy")
# What sqlite-utils imports at its import and uses only when asked to (see above).
DEFERRED = ("sqlite_utils.plugins", "sqlite_utils.hookspecs", "click", "dateutil.parser")


def import_sqlite_utils() -> None:
    """Import sqlite-utils once, pandas and numpy hidden from it unless already loaded,
    its plugin system, click and dateutil's parser deferred until first used."""
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in SKIPPED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # `import pandas` now raises ImportError, which it expects
    try:
        try:
            _import_with_stand_ins()
        except (ImportError, AttributeError, TypeError):
            # sqlite-utils changed so that a stand-in does not fit: the ordinary import
            _forget_sqlite_utils()
            import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]  # whoever needs them later imports them as usual


def _import_with_stand_ins() -> None:
    placed = [name for name in DEFERRED if name not in sys.modules and _installed(name)]
    for name in placed:
        sys.modules[name] = StandIn(name)
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), StandIn):
                del sys.modules[name]


def _installed(name: str) -> bool:
    """Whether the real module can be imported later (a missing one fails now, as usual)."""
    top = name.partition(".")[0]
    return top == "sqlite_utils" or find_spec(top) is not None  # no package is run


def _forget_sqlite_utils() -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == "sqlite_utils"]:
        del sys.modules[name]
    for name in DEFERRED:
        if isinstance(sys.modules.get(name), StandIn):
            del sys.modules[name]


def real_module(name: str) -> types.ModuleType:
    """The module itself, imported now if a stand-in held its place."""
    if isinstance(sys.modules.get(name), StandIn):
        del sys.modules[name]
    return importlib.import_module(name)


class StandIn(types.ModuleType):
    """Holds a module's place in sys.modules: every attribute taken from it is Deferred.

    Dunder names are not faked (``__path__``, ``__file__``...): to the import system
    and to inspect it is a plain module without a file, not a package.
    """

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return Deferred(self.__name__, attribute)


class Deferred:
    """``module.attribute``, the module imported when the attribute is first used."""

    __slots__ = ("_attribute", "_module", "_target")

    def __init__(self, module: str, attribute: str):
        self._module, self._attribute, self._target = module, attribute, None

    def _real(self):
        if self._target is None:
            self._target = getattr(real_module(self._module), self._attribute)
        return self._target

    def __call__(self, *args, **kwargs):
        return self._real()(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._real(), name)

    def __repr__(self) -> str:
        state = "imported" if self._target is not None else "not imported yet"
        return f"<{self._module}.{self._attribute}, {state}>"
