"""`annotator search`: document, position and snippet per hit, on plain lines."""
import argparse

import pytest

from annotator import cli_search
from annotator.core.model import Document


def namespace(*query, limit=20, offset=0):
    return argparse.Namespace(query=list(query), limit=limit, offset=offset)


@pytest.fixture
def filled(project):
    project.add_document(Document(title="Port row", text="Fishermen demanded an inquiry.\r\n"
                                  "The port authority denied that fuel had leaked."))
    project.add_document(Document(title="Talks", text="The envoy said talks would go on."))
    for number in range(3):
        project.add_document(Document(title=f"Denials {number}", text="denied " * (number + 2)))
    return project


def test_each_hit_prints_its_document_position_title_and_snippet(capsys, filled):
    assert cli_search.run(filled, namespace("authority", "denied")) == 0
    out = capsys.readouterr().out.splitlines()
    text = filled.document_text(1)
    assert out[0] == f"1\tchar {text.index('authority')}\tPort row"
    assert out[1] == ("\tFishermen demanded an inquiry. The port [authority] [denied] that fuel "
                      "had leaked.")
    assert out[2] == "1–1 of 1 matching documents"


def test_hits_are_ranked_and_paged(capsys, filled):
    cli_search.run(filled, namespace("denied", limit=2))
    out = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in out[0:4:2]] == ["Denials 2", "Denials 1"]
    assert out[-1] == "1–2 of 4 matching documents; the next with --offset 2"
    cli_search.run(filled, namespace("denied", limit=2, offset=2))
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "3–4 of 4 matching documents"


def test_an_argument_with_spaces_is_a_phrase(capsys, filled):
    assert cli_search.query_from_arguments(["talks would", "envoy"]) == '"talks would" envoy'
    assert cli_search.query_from_arguments(['"a b" c']) == '"a b" c'
    assert cli_search.run(filled, namespace("would talks")) == 1  # not in this order
    assert cli_search.run(filled, namespace("talks would")) == 0


def test_nothing_found_or_nothing_to_search_for_exits_1(capsys, filled):
    assert cli_search.run(filled, namespace("nowhere")) == 1
    assert "no document matches nowhere" in capsys.readouterr().err
    assert cli_search.run(filled, namespace("*", '"', "NEAR(")) == 1  # a word "near": none
    assert cli_search.run(filled, namespace("*")) == 1
    assert "nothing to search for" in capsys.readouterr().err


def test_the_command_is_documented_and_checks_its_options(capsys):
    project_option = argparse.ArgumentParser(add_help=False)
    project_option.add_argument("--project")
    parser = argparse.ArgumentParser(prog="annotator")
    cli_search.add_parser(parser.add_subparsers(dest="command"), project_option)
    args = parser.parse_args(["search", "nuclear deal", "Iran", "--limit", "5"])
    assert (args.command, args.query, args.limit, args.offset) == ("search", ["nuclear deal", "Iran"], 5, 0)
    with pytest.raises(SystemExit):
        parser.parse_args(["search", "x", "--limit", "0"])
    assert "must be 1 or more" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["search", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--project" in out and '"nuclear deal"' in out and "minist*" in out
