"""Per-user settings that the CLI needs as much as the window: who is annotating.

They live in a small JSON file in the user's config folder (platformdirs), not in
QSettings, because the CLI never loads Qt. The annotator's name is looked up in
this order: $ANNOTATOR_USER (an explicit override for scripts and tests), then the
saved name; ``default_annotator`` falls back to the login name.
"""
from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path

from . import paths
from .core.layers import GOLD

ENV_VAR = "ANNOTATOR_USER"
SETTINGS_FILE = "settings.json"
NAME_KEY = "annotator_name"
MAX_NAME_LENGTH = 64
FALLBACK_NAME = "analyst"
# control characters, unpaired surrogates and line/paragraph separators; format
# characters (Cf) stay allowed: ZWJ and ZWNJ are part of names in several scripts
_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}


class SettingsError(Exception):
    """The settings file could not be written; the message names the file and the reason."""


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


# -- the name -----------------------------------------------------------------------------
def validate_annotator_name(name: str) -> str:
    """The name as it will be stored (stripped), or ValueError saying what is wrong."""
    cleaned = name.strip()
    if not cleaned:
        raise ValueError("The annotator name is empty: type the name your spans should carry.")
    if any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in cleaned):
        raise ValueError("The annotator name may not contain control characters "
                         "(such as tabs or line breaks).")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(f"The annotator name is {len(cleaned)} characters long; "
                         f"at most {MAX_NAME_LENGTH} are allowed.")
    if cleaned.casefold() == GOLD:
        # spans of that name are the adjudicated layer: they would count as agreed gold
        raise ValueError(f"“{GOLD}” names the adjudicated layer (spans become gold by "
                         "adjudication); type the name your own spans should carry.")
    return cleaned


def login_name() -> str:
    import getpass  # and termios: only where no name was chosen (0.7 ms of start-up)
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user database entry (containers)
        return FALLBACK_NAME


def environment_name() -> str | None:
    """$ANNOTATOR_USER if it is a name spans may carry; one that is not is ignored
    (``describe_annotator`` says why) rather than stored on every span."""
    name = os.environ.get(ENV_VAR, "").strip()
    try:
        return validate_annotator_name(name) if name else None
    except ValueError:
        return None


def _environment_problem() -> str | None:
    name = os.environ.get(ENV_VAR, "").strip()
    try:
        validate_annotator_name(name) if name else None
    except ValueError as error:
        return f"${ENV_VAR} is ignored: {error}"
    return None


def saved_annotator_name() -> str | None:
    return _saved_name()[0]


def annotator_name() -> str | None:
    """$ANNOTATOR_USER, else the saved name, else None (nobody has said yet)."""
    return environment_name() or saved_annotator_name()


def default_annotator() -> str:
    """The name new spans carry: the chosen one, else the login name."""
    return annotator_name() or login_name()


def save_annotator_name(name: str) -> str:
    """Validate, store and return the cleaned name (ValueError, SettingsError)."""
    cleaned = validate_annotator_name(name)
    values, problem = read_settings()
    if problem:
        _keep_unreadable_copy()
    _write_atomically(settings_path(), {**values, NAME_KEY: cleaned})
    return cleaned


def settings_problem() -> str | None:
    """Why the saved settings cannot be used, for a message; None when they can."""
    return _saved_name()[1]


def describe_annotator() -> str:
    """One line for `annotator info`: the name and where it comes from."""
    overridden = environment_name()
    if overridden:
        return f"{overridden} (from ${ENV_VAR})"
    ignored = _environment_problem()
    ignored = f"; {ignored}" if ignored else ""
    saved, problem = _saved_name()
    if saved:
        return f"{saved} (saved in {settings_path()}{ignored})"
    note = f"; {problem}" if problem else "; the app asks on its next start"
    return f"{login_name()} (login name{note}{ignored})"


def _saved_name() -> tuple[str | None, str | None]:
    values, problem = read_settings()
    if problem or NAME_KEY not in values:
        return None, problem
    stored = values[NAME_KEY]
    where = f"{settings_path()}: \"{NAME_KEY}\" cannot be used"
    if not isinstance(stored, str):
        return None, f"{where} (it is {type(stored).__name__}, not text)"
    try:
        return validate_annotator_name(stored), None
    except ValueError as error:
        return None, f"{where} ({error})"


# -- the file -----------------------------------------------------------------------------
def read_settings() -> tuple[dict, str | None]:
    """The saved settings and, if the file cannot be used, why (the settings are then {})."""
    path = settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as error:
        return {}, f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})"
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, f"{path}: line {error.lineno}: not valid JSON ({error.msg})"
    if not isinstance(values, dict):
        return {}, f"{path}: line 1: expected a JSON object, found {type(values).__name__}"
    return values, None


def _keep_unreadable_copy() -> None:
    # a hand-edited file with a typo is kept beside the new one, not silently lost
    path = settings_path()
    try:
        path.replace(path.with_name(SETTINGS_FILE + ".unreadable"))
    except OSError:
        pass  # nothing to keep, or it cannot be moved; the new file replaces it anyway


def _write_atomically(path: Path, values: dict) -> None:
    """Write to a temporary file beside ``path`` and rename it over: a crash or a full
    disk leaves the old file or the new one, never half of one."""
    text = json.dumps(values, ensure_ascii=False, indent=2) + "\n"
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=f".{path.name}.", suffix=".tmp",
                                         delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise SettingsError(f"{path}: cannot save settings "
                            f"({error.strerror or error})") from error
