"""`annotator agreement`: the table, the JSON, and clear refusals."""
import json

import pytest

from annotator.core.model import Document, make_span
from annotator.main import main
from annotator.store import Project

TEXT = "The minister said talks would go on. Officials denied it."


def mark(piece, label, who):
    start = TEXT.index(piece)
    return make_span(TEXT, start, start + len(piece), label, annotator=who)


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.annotator"
    project = Project.open(path)
    document = project.add_document(Document(text=TEXT, title="Talks"))
    project.add_spans(document.id, [
        mark("said talks would go on", "claim", "alice"),
        mark("said talks would go on", "claim", "bob"),
        mark("denied it", "denial", "alice"),
        mark("Officials denied it", "denial", "bob"),
        mark("said talks", "quote", "carol"),
    ])
    project.close()
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table(capsys, project_file):
    code, out, err = run(capsys, "agreement", "--annotators", "alice,bob",
                         "--project", project_file)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Agreement of alice, bob: 1 document (each annotated by every "
                               "one of them), 12 tokens")
    overall = next(line for line in lines if line.startswith("overall")).split()
    # 2 spans each: the claims match exactly, the denials overlap
    assert overall[1:3] == ["0.500", "1.000"]
    assert "alice – bob" in out and "Disagreements: 1 (missing 0, label 0, boundary 1)" in out


def test_json_holds_figures_documents_and_disagreements(capsys, project_file):
    code, out, _ = run(capsys, "--project", project_file, "agreement", "--annotators",
                       "alice,bob,carol", "--labels", "claim,quote", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["annotators"] == ["alice", "bob", "carol"]
    assert report["labels"] == ["claim", "quote"] and report["statuses"] == "any"
    assert set(report["corpus"]["overall"]) == {"exact_f1", "overlap_f1", "cohen_kappa",
                                                "fleiss_kappa", "alpha", "unitizing_alpha"}
    assert len(report["corpus"]["pairs"]) == 3 and len(report["documents"]) == 1
    found = {(d["annotator"], d["kind"], d["span"]["text"], d["other_annotator"],
              d["other_span"]["text"]) for d in report["disagreements"]}
    # carol's quote lies on alice's and bob's claim: another label, once per pair
    assert found == {("alice", "label", "said talks would go on", "carol", "said talks"),
                     ("bob", "label", "said talks would go on", "carol", "said talks")}


def test_unknown_annotator_lists_those_present(capsys, project_file):
    code, out, err = run(capsys, "agreement", "--annotators", "alice,dave",
                         "--project", project_file)
    assert code == 1 and not out
    assert "no spans by annotator 'dave'; annotators with spans: alice, bob, carol" in err
    assert "Traceback" not in err


def test_fewer_than_two_annotators_is_a_usage_error(capsys, project_file):
    with pytest.raises(SystemExit) as exit_info:
        main(["agreement", "--annotators", "alice", "--project", project_file])
    assert exit_info.value.code == 2
    assert "name at least two annotators" in capsys.readouterr().err


def test_bad_status_or_label_and_nothing_to_compare(capsys, project_file):
    code, _, err = run(capsys, "agreement", "--annotators", "alice,bob", "--status", "finished",
                       "--project", project_file)
    assert code == 1 and "unknown status 'finished'" in err
    code, _, err = run(capsys, "agreement", "--annotators", "alice,bob", "--labels", "rumour",
                       "--project", project_file)
    assert code == 1 and "unknown label 'rumour'" in err
    code, out, err = run(capsys, "agreement", "--annotators", "alice,bob", "--status", "done",
                         "--project", project_file)
    assert code == 1 and "no document is annotated by every one of alice, bob" in err
    assert "0 documents" in out


def test_per_document_lines(capsys, project_file):
    code, out, _ = run(capsys, "agreement", "--annotators", "alice,carol", "--coverage", "any",
                       "--per-document", "--project", project_file)
    assert code == 0
    assert any(line.startswith("1 ") and "Talks" in line for line in out.splitlines())
