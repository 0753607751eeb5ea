"""Who is annotating: $ANNOTATOR_USER, else the saved name; saved atomically, read safely."""
import json
import os

import pytest

from annotator import paths, user_settings
from annotator.user_settings import (
    SettingsError,
    annotator_name,
    default_annotator,
    describe_annotator,
    save_annotator_name,
    saved_annotator_name,
    settings_path,
    settings_problem,
    validate_annotator_name,
)


@pytest.fixture
def no_env_name(monkeypatch):
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)


@pytest.fixture
def login(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "jdoe")
    return "jdoe"


def test_the_settings_file_is_in_the_user_config_folder(isolated_user_dirs):
    assert settings_path() == paths.config_dir() / "settings.json"
    assert settings_path().is_relative_to(isolated_user_dirs)


def test_nobody_has_said_yet(no_env_name, login):
    assert annotator_name() is None
    assert default_annotator() == "jdoe"
    assert "login name" in describe_annotator()


def test_a_saved_name_is_read_back_stripped(no_env_name, login):
    assert save_annotator_name("  María José ") == "María José"
    assert annotator_name() == "María José"
    assert default_annotator() == "María José"
    assert json.loads(settings_path().read_text("utf-8")) == {"annotator_name": "María José"}
    assert describe_annotator() == f"María José (saved in {settings_path()})"


def test_the_environment_overrides_the_saved_name(monkeypatch, login):
    monkeypatch.setenv("ANNOTATOR_USER", "script")
    save_annotator_name("Maria")
    assert saved_annotator_name() == "Maria"
    assert annotator_name() == "script"
    assert default_annotator() == "script"
    assert describe_annotator() == "script (from $ANNOTATOR_USER)"


def test_a_reserved_name_in_the_environment_is_ignored_and_said(monkeypatch, login):
    """ANNOTATOR_USER=gold made every new span count as adjudicated gold."""
    monkeypatch.setenv("ANNOTATOR_USER", "gold")
    save_annotator_name("Maria")
    assert annotator_name() == "Maria" and default_annotator() == "Maria"
    assert describe_annotator().startswith("Maria (saved in ")
    assert "$ANNOTATOR_USER is ignored: “gold” names the adjudicated layer" in describe_annotator()


def test_an_empty_environment_variable_does_not_count(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", "  ")
    save_annotator_name("Maria")
    assert annotator_name() == "Maria"


def test_the_importing_service_still_offers_default_annotator(monkeypatch):
    from annotator.importing import ImportOptions
    from annotator.importing.service import default_annotator as from_service

    monkeypatch.delenv("ANNOTATOR_USER")
    save_annotator_name("Maria")
    assert from_service() == "Maria"
    assert ImportOptions().annotator == "Maria"


def test_the_login_name_has_a_fallback_without_a_user_database(no_env_name, monkeypatch):
    def no_user():
        raise OSError("no username")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert default_annotator() == "analyst"


@pytest.mark.parametrize(("name", "reason"), [
    ("", "empty"),
    ("   \t ", "empty"),
    ("Ann\tLee", "control characters"),
    ("Ann\nLee", "control characters"),
    ("Ann\u2028Lee", "control characters"),
    ("Ann\x00", "control characters"),
    ("x" * 65, "65 characters long; at most 64"),
    ("gold", "names the adjudicated layer"),
    (" Gold ", "names the adjudicated layer"),
])
def test_unusable_names_are_refused_with_the_reason(no_env_name, name, reason):
    with pytest.raises(ValueError, match=reason):
        save_annotator_name(name)
    assert not settings_path().exists()  # nothing written


def test_names_in_any_script_up_to_64_characters_are_fine():
    assert validate_annotator_name("x" * 64) == "x" * 64
    assert validate_annotator_name("محمد") == "محمد"
    assert validate_annotator_name("क्\u200dष") == "क्\u200dष"  # a zero-width joiner is part of it


def test_saving_keeps_other_settings(no_env_name):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"later": [1, 2]}', encoding="utf-8")
    save_annotator_name("Maria")
    assert json.loads(settings_path().read_text("utf-8")) == {"later": [1, 2], "annotator_name": "Maria"}


def test_the_write_is_atomic_a_failed_rename_leaves_the_old_file(no_env_name, monkeypatch):
    save_annotator_name("Maria")

    def failing_replace(source, target):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(user_settings.os, "replace", failing_replace)
        with pytest.raises(SettingsError, match="settings.json: cannot save settings"):
            save_annotator_name("Someone else")
    assert saved_annotator_name() == "Maria"
    assert os.listdir(settings_path().parent) == ["settings.json"]  # no temporary file left


def test_an_unwritable_config_folder_is_a_clear_error(no_env_name, isolated_user_dirs):
    (isolated_user_dirs / ".config").write_text("a file where the folder should be")
    with pytest.raises(SettingsError) as caught:
        save_annotator_name("Maria")
    assert str(caught.value).startswith(f"{settings_path()}: cannot save settings (")


@pytest.mark.parametrize(("content", "reason"), [
    ('{"annotator_name": "Maria",\n', "line 2: not valid JSON"),
    ('["Maria"]', "line 1: expected a JSON object, found list"),
    ('{"annotator_name": 42}', "cannot be used (it is int, not text)"),
    ('{"annotator_name": "Ann\\nLee"}', "cannot be used (The annotator name may not contain control"),
])
def test_a_corrupt_settings_file_is_reported_and_ignored(no_env_name, login, content, reason):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text(content, encoding="utf-8")
    assert annotator_name() is None
    assert default_annotator() == "jdoe"
    problem = settings_problem()
    assert problem.startswith(str(settings_path()))
    assert reason in problem
    assert problem in describe_annotator()


def test_undecodable_settings_are_reported_not_raised(no_env_name):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(b'{"annotator_name": "\xff"}')
    assert annotator_name() is None
    assert "cannot be read" in settings_problem()


def test_saving_over_a_corrupt_file_keeps_a_copy_of_it(no_env_name):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("{oops", encoding="utf-8")
    save_annotator_name("Maria")
    assert saved_annotator_name() == "Maria"
    assert settings_problem() is None
    kept = settings_path().with_name("settings.json.unreadable")
    assert kept.read_text("utf-8") == "{oops"


def test_annotator_info_says_who_is_annotating(no_env_name, capsys):
    from annotator import cli

    save_annotator_name("Maria")
    assert cli.main(["info"]) == 0
    assert f"annotator:   Maria (saved in {settings_path()})" in capsys.readouterr().out.splitlines()
