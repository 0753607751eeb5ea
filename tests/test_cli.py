"""The command line, as a user runs it."""
import json
import re
import subprocess
import sys

import pytest

from annotator import cli
from annotator.main import main, wants_cli
from tests.conftest import REPO, read_exact


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_gives_back_every_text_and_span_exactly(capsys, tmp_path, corpus):
    project = str(tmp_path / "p.annotator")
    code, out, err = run(capsys, "import", str(corpus / "tricky"), str(corpus / "interop"),
                         "--project", project)
    assert code == 1  # the empty file and the PNG are rejected...
    assert "empty.txt: empty file" in err and "not_text.txt" in err
    assert "Traceback" not in out + err
    out_file = tmp_path / "export.jsonl"
    code, out, err = run(capsys, "--project", project, "export", "--format", "jsonl",
                         "--out", str(out_file), "--status", "any")
    assert code == 0, err
    records = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    texts = {r["text"] for r in records}
    for stem in ["emoji_flags", "rtl_persian", "crlf_mixed", "combining_zwj"]:
        assert read_exact(corpus / "tricky" / f"{stem}.txt") in texts
    for record in records:
        assert record["schema_version"] == 1 and record["offset_unit"] == "codepoint"
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    expected = json.loads((corpus / "interop" / "EXPECTED.json").read_text("utf-8"))
    by_text = {r["text"]: r for r in records}
    for stem, want in expected.items():
        record = by_text[read_exact(corpus / "tricky" / f"{stem}.txt")]
        got = {(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]}
        assert got == {tuple(span) for span in want["spans"]}


def test_project_option_before_or_after_the_subcommand_and_from_the_environment(
        capsys, tmp_path, monkeypatch):
    for argv in (["--project", str(tmp_path / "a.annotator"), "info"],
                 ["info", "--project", str(tmp_path / "a.annotator")]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and f"project:     {tmp_path / 'a.annotator'}" in out
    monkeypatch.setenv("ANNOTATOR_PROJECT", str(tmp_path / "env.annotator"))
    code, out, _ = run(capsys, "info")
    assert "env.annotator" in out and "data folder:" in out


def test_first_run_creates_the_default_project_with_the_seed_article(capsys):
    from annotator.paths import default_project_path
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert default_project_path().exists()
    assert re.search(r"in-progress\s+1\n", out)
    assert re.search(r"quote\s+6\n\s+total\s+17\n", out)


def test_export_of_done_only_says_how_to_get_the_rest(capsys, tmp_path, corpus):
    project = str(tmp_path / "p.annotator")
    run(capsys, "import", str(corpus / "interop" / "doccano.jsonl"), "--project", project)
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "x.jsonl"), "--project", project)
    assert code == 1 and "--status any" in err
    assert not (tmp_path / "x.jsonl").exists()
    assert list(tmp_path.glob("*.part")) == []


def test_bad_project_file_gives_a_message_not_a_traceback(capsys, tmp_path):
    bad = tmp_path / "bad.annotator"
    bad.write_text("hello")
    code, _, err = run(capsys, "stats", "--project", str(bad))
    assert code == 1 and "not a SQLite database" in err and "Traceback" not in err
    assert bad.read_text() == "hello"


def test_missing_path_is_reported(capsys, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.txt"), "--project",
                       str(tmp_path / "p.annotator"))
    assert code == 1 and "nope.txt: no such file or folder" in err


@pytest.mark.parametrize("command", cli.COMMANDS)
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) > 3
    if not command.endswith("install-desktop"):  # the desktop commands work on no project
        assert "--project" in out


def test_which_arguments_go_to_the_command_line_and_which_to_the_app():
    assert wants_cli(["import", "x.txt"]) and wants_cli(["--project", "p", "stats"])
    assert wants_cli(["--help"])
    assert not wants_cli([]) and not wants_cli(["article.txt"])
    assert not wants_cli(["--project", "import", "a.txt"])  # a project file named "import"


def test_the_command_line_never_loads_qt(tmp_path, corpus):
    script = (
        "import sys; from annotator.main import main; "
        f"code = main(['import', {str(corpus / 'interop' / 'brat')!r}, {str(corpus / 'interop' / 'label_studio.json')!r}, '--project', {str(tmp_path / 'p.annotator')!r}]); "
        f"main(['export', '--status', 'any', '--out', {str(tmp_path / 'o.jsonl')!r}, '--project', {str(tmp_path / 'p.annotator')!r}]); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'; "
        "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_python_dash_m_annotator_runs_the_same_entry_point(tmp_path):
    done = subprocess.run([sys.executable, "-m", "annotator", "info", "--project",
                           str(tmp_path / "p.annotator")], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0 and "p.annotator" in done.stdout


def test_info_warns_about_a_project_on_a_network_drive(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "network_filesystem", lambda path: "cifs")
    code, out, _ = run(capsys, "info", "--project", str(tmp_path / "a.annotator"))
    assert code == 0 and "warning:     This project is on a network drive (cifs)" in out
    monkeypatch.setattr(cli, "network_filesystem", lambda path: None)
    code, out, _ = run(capsys, "info", "--project", str(tmp_path / "a.annotator"))
    assert code == 0 and "warning" not in out


def test_output_piped_to_a_reader_that_stops_early_ends_quietly(tmp_path):
    """`annotator search … | head -1` ended in a BrokenPipeError traceback."""
    project, articles = str(tmp_path / "p.annotator"), tmp_path / "many.jsonl"
    articles.write_text("".join(json.dumps({"text": f"Story {n}: the minister denied it again."}) + "\n"
                                for n in range(2000)), encoding="utf-8")
    assert main(["import", str(articles), "--project", project]) == 0
    reader = subprocess.Popen([sys.executable, "-m", "annotator", "search", "minister", "--limit",
                               "2000", "--project", project], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    reader.stdout.read(1)
    reader.stdout.close()  # head has read its line and gone; far more than a pipe holds is left
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
    assert reader.returncode == cli.EXIT_BROKEN_PIPE


def test_doccano_offsets_that_name_no_unit_are_refused_and_the_option_named(capsys, tmp_path):
    text = 'Fans 😀 chanted "Go home" at the minister.'
    source = tmp_path / "d.jsonl"
    source.write_text(json.dumps({"text": text, "label": [[16, 25, "quote"]]},
                                 ensure_ascii=False) + "\n", "utf-8")
    project = str(tmp_path / "p.annotator")
    code, _, err = run(capsys, "import", str(source), "--project", project)
    assert code == 1 and "Traceback" not in err
    assert f"rejected: {source}:1: the offsets do not say whether they count" in err
    assert "--offset-unit utf16" in err and "--offset-unit codepoint" in err
    code, out, _ = run(capsys, "import", str(source), "--offset-unit", "utf16", "--project", project)
    assert code == 0 and "1 new document and 1 span" in out


def test_doccano_export_counts_utf16_units_unless_told_and_then_warns(capsys, tmp_path):
    text = 'Fans 😀 chanted "Go home" at the minister.'
    source = tmp_path / "n.jsonl"
    source.write_text(json.dumps({"text": text, "offset_unit": "codepoint", "status": "done",
                                  "spans": [{"start": 15, "end": 24, "label": "quote"}]},
                                 ensure_ascii=False) + "\n", "utf-8")
    project = str(tmp_path / "p.annotator")
    run(capsys, "import", str(source), "--project", project)
    out = tmp_path / "d.jsonl"
    code, printed, _ = run(capsys, "export", "--format", "doccano", "--out", str(out),
                           "--project", project)
    assert code == 0 and "note:" not in printed
    assert json.loads(out.read_text("utf-8"))["label"] == [[16, 25, "quote"]]  # doccano's unit
    assert json.loads((tmp_path / "d.jsonl.manifest.json").read_text("utf-8"))["offset_unit"] == "utf16"

    code, printed, _ = run(capsys, "export", "--format", "doccano", "--offset-unit", "codepoint",
                           "--out", str(tmp_path / "c.jsonl"), "--project", project)
    assert code == 0 and json.loads((tmp_path / "c.jsonl").read_text("utf-8"))["label"] == [
        [15, 24, "quote"]]
    assert ("note: offsets count code points, as asked (the manifest says so); doccano counts "
            "UTF-16 units and would misplace the spans after a character beyond U+FFFF (an "
            "emoji, say) in 1 document(s): export with --offset-unit utf16") in printed

    # other formats keep code points by default
    run(capsys, "export", "--format", "jsonl", "--out", str(tmp_path / "n2.jsonl"), "--project", project)
    assert json.loads((tmp_path / "n2.jsonl").read_text("utf-8"))["offset_unit"] == "codepoint"
