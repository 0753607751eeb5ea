"""agreement(): the figures together, from a project or from (document, spans) pairs."""
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.agreement import AgreementError, agreement, format_table
from annotator.core.model import Document, make_span

TEXT = "The minister said talks would go on. Officials denied it. Unions demanded more."
FIGURES = ("exact_f1", "overlap_f1", "cohen_kappa", "fleiss_kappa", "alpha", "unitizing_alpha")


def mark(piece, label, who, text=TEXT):
    start = text.index(piece)
    return make_span(text, start, start + len(piece), label, annotator=who)


def doc(number, *spans, text=TEXT):
    return Document(text=text, id=number, title=f"Article {number}"), list(spans)


def test_two_annotators_by_hand():
    pairs = [doc(1, mark("said talks would go on", "claim", "a"),
                 mark("denied it", "denial", "a"),
                 mark("said talks would go on", "claim", "b"),
                 mark("Officials denied it", "denial", "b"),
                 mark("demanded more", "demand", "b"))]
    report = agreement(pairs, ["a", "b"], labels=["claim", "denial", "demand"])
    corpus = report.corpus
    # a: 2 spans, b: 3. Exact: the claim. Overlap: the claim and the denial.
    assert corpus.overall.exact_f1 == pytest.approx(2 * 1 / 5)
    assert corpus.overall.overlap_f1 == pytest.approx(2 * 2 / 5)
    assert corpus.by_label["claim"].exact_f1 == 1.0
    assert corpus.by_label["denial"].exact_f1 == 0.0
    assert corpus.by_label["demand"].overlap_f1 == 0.0
    assert corpus.overall.fleiss_kappa is None  # two annotators: Cohen's
    # tokens: 16 (The minister said talks would go on . Officials denied it . Unions
    # demanded more .); a: claim ×5 (said..on), denial ×2; b: claim ×5, denial ×3
    # (Officials denied it), demand ×2. Agreed: 5 claim + 2 denial + 6 O = 13 of 16.
    # first: claim 5, denial 2, O 9; second: claim 5, denial 3, demand 2, O 6
    # p_e = (25 + 6 + 0 + 54) / 256 = 85/256; kappa = (13·16 - 85) / (256 - 85)
    assert corpus.tokens == 16
    assert corpus.overall.cohen_kappa == pytest.approx((13 * 16 - 85) / (256 - 85))
    kinds = {(d.kind, d.span.text) for d in report.disagreements}
    assert kinds == {("boundary", "denied it"), ("missing", "demanded more")}
    assert corpus.disagreements == {"missing": 1, "label": 0, "boundary": 1}


def test_a_different_label_on_the_same_words_is_a_label_disagreement():
    pairs = [doc(1, mark("denied it", "denial", "a"), mark("denied it", "claim", "b"))]
    report = agreement(pairs, ["a", "b"])
    (found,) = report.disagreements
    assert (found.kind, found.annotator, found.other_annotator) == ("label", "a", "b")
    assert found.other.label == "claim"


def test_three_annotators_give_pairs_fleiss_and_the_mean_of_pairs():
    claim = "said talks would go on"
    pairs = [doc(1, mark(claim, "claim", "a"), mark(claim, "claim", "b"),
                 mark("denied it", "claim", "c"))]
    report = agreement(pairs, ["a", "b", "c"])
    corpus = report.corpus
    assert [p.overall.annotators for p in corpus.pairs] == [("a", "b"), ("a", "c"), ("b", "c")]
    f1 = [p.overall.exact_f1 for p in corpus.pairs]
    assert f1 == [1.0, 0.0, 0.0]
    assert corpus.overall.exact_f1 == pytest.approx(1 / 3)
    assert corpus.overall.fleiss_kappa is not None


def test_per_document_figures_and_the_corpus_sum():
    claim = "said talks would go on"
    pairs = [doc(1, mark(claim, "claim", "a"), mark(claim, "claim", "b")),
             doc(2, mark(claim, "claim", "a"), mark("denied it", "claim", "b"))]
    report = agreement(pairs, ["a", "b"])
    first, second = report.documents
    assert first.document_id == 1 and first.figures.overall.exact_f1 == 1.0
    assert second.figures.overall.exact_f1 == 0.0
    assert report.corpus.overall.exact_f1 == 0.5  # 2·1 / (2 + 2): counts pooled
    assert report.corpus.documents == 2 and report.corpus.tokens == 32


def test_undefined_figures_are_none_and_n_a_never_an_error():
    # both annotators annotated, with a label nobody used in the comparison
    pairs = [doc(1, mark("denied it", "denial", "a"), mark("denied it", "denial", "b"))]
    report = agreement(pairs, ["a", "b"], labels=["quote"])
    quote = report.corpus.by_label["quote"]
    assert all(getattr(quote, name) is None for name in FIGURES)
    assert "n/a" in format_table(report)
    json.dumps(report.to_json(), allow_nan=False)


def test_no_documents_to_compare_gives_an_empty_report():
    pairs = [doc(1, mark("denied it", "denial", "a")), doc(2, mark("denied it", "denial", "b"))]
    report = agreement(pairs, ["a", "b"])
    assert report.corpus.documents == 0 and report.corpus.overall.exact_f1 is None
    assert agreement(pairs, ["a", "b"], coverage="any").corpus.documents == 2


def test_coverage_some_leaves_missing_annotators_out():
    claim = "said talks would go on"
    pairs = [doc(1, mark(claim, "claim", "a"), mark(claim, "claim", "b")),
             doc(2, mark(claim, "claim", "b"), mark(claim, "claim", "c")),
             doc(3, mark(claim, "claim", "a"), mark(claim, "claim", "b"),
                 mark(claim, "claim", "c"))]
    report = agreement(pairs, ["a", "b", "c"], coverage="some")
    documents = {p.overall.annotators: p.overall.documents for p in report.corpus.pairs}
    assert documents == {("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 2}
    assert report.corpus.overall.exact_f1 == 1.0 and report.corpus.overall.alpha == 1.0
    # alpha-u needs everyone on the whole continuum: document 3 only
    assert report.corpus.overall.unitizing_alpha == 1.0


def test_unknown_annotators_and_labels_are_refused_with_what_there_is():
    pairs = [doc(1, mark("denied it", "denial", "alice"), mark("denied it", "denial", "bob"))]
    with pytest.raises(AgreementError, match="no spans by annotator 'carol'; annotators "
                                             "with spans: alice, bob"):
        agreement(pairs, ["alice", "carol"])
    with pytest.raises(AgreementError, match="at least two annotators"):
        agreement(pairs, ["alice"])
    with pytest.raises(AgreementError, match="named twice"):
        agreement(pairs, ["alice", "alice"])
    with pytest.raises(AgreementError, match="unknown coverage"):
        agreement(pairs, ["alice", "bob"], coverage="most")


def test_from_a_project_with_statuses_and_its_labels(project):
    first = project.add_document(Document(text=TEXT, title="One"))
    second = project.add_document(Document(text=TEXT + " Again.", title="Two"))
    for document in (first, second):
        project.add_spans(document.id, [mark("denied it", "denial", who, document.text)
                                        for who in ("a", "b")])
    project.set_status(first.id, "done")
    report = agreement(project, ["a", "b"], statuses=["done"])
    assert report.labels == ["claim", "denial", "demand", "quote"]
    assert [d.document_id for d in report.documents] == [first.id]
    assert report.corpus.by_label["denial"].exact_f1 == 1.0
    assert report.to_json()["statuses"] == ["done"]
    with pytest.raises(AgreementError, match="annotators with spans: a, b"):
        agreement(project, ["a", "z"])
    with pytest.raises(AgreementError, match="unknown label 'rumour'; labels: claim, denial, "
                                             "demand, quote"):
        agreement(project, ["a", "b"], labels=["rumour"])


def test_the_table_names_every_figure_and_pair():
    claim = "said talks would go on"
    pairs = [doc(1, mark(claim, "claim", "a"), mark(claim, "claim", "b"),
                 mark("denied it", "claim", "c"))]
    table = format_table(agreement(pairs, ["a", "b", "c"]), per_document=True)
    for heading in ("exact F1", "overlap F1", "Cohen κ", "Fleiss κ", "α tokens", "α_u chars",
                    "a – b", "b – c", "Disagreements: 4 (missing 4, label 0, boundary 0)",
                    "Article 1"):
        assert heading in table
    assert "Fleiss" not in format_table(agreement(pairs, ["a", "b"]))


# -- properties ---------------------------------------------------------------------

WORDS = ["The", "minister", "said", "talks", "would", "go", "on.", "Officials", "denied", "it."]


@st.composite
def annotated(draw, annotators=("a", "b", "c")):
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=25)))
    pairs = []
    for number in range(draw(st.integers(1, 3))):
        spans = []
        for who in annotators:
            for _ in range(draw(st.integers(1, 4))):
                start = draw(st.integers(0, len(text) - 1))
                end = draw(st.integers(start + 1, min(len(text), start + 30)))
                label = draw(st.sampled_from(["claim", "denial"]))
                spans.append(make_span(text, start, end, label, annotator=who))
        pairs.append((Document(text=text, id=number + 1), spans))
    return pairs


def figures(report):
    scopes = [report.corpus.overall, *report.corpus.by_label.values()]
    return [getattr(scope, name) for scope in scopes for name in FIGURES]


def same(left, right):
    return all((a is None and b is None) or (a is not None and b is not None and
                                             math.isclose(a, b, abs_tol=1e-9))
               for a, b in zip(left, right, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated())
def test_figures_do_not_depend_on_the_order_of_annotators(pairs):
    forward = agreement(pairs, ["a", "b", "c"], labels=["claim", "denial"])
    backward = agreement(pairs, ["c", "a", "b"], labels=["claim", "denial"])
    assert same(figures(forward), figures(backward))
    assert forward.corpus.disagreements == backward.corpus.disagreements
    pair = agreement(pairs, ["a", "b"], labels=["claim", "denial"])
    swapped = agreement(pairs, ["b", "a"], labels=["claim", "denial"])
    assert same(figures(pair), figures(swapped))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated(annotators=("a",)))
def test_identical_annotations_agree_perfectly(pairs):
    copied = [(document, spans + [span.with_changes(annotator=who) for span in spans
                                  for who in ("b", "c")]) for document, spans in pairs]
    for names in (["a", "b"], ["a", "b", "c"]):
        report = agreement(copied, names, labels=["claim", "denial"])
        assert all(value is None or value == pytest.approx(1.0) for value in figures(report))
        assert report.corpus.overall.exact_f1 == 1.0 and not report.disagreements


def test_a_label_named_o_is_not_mistaken_for_outside():
    pairs = [doc(1, mark("denied it", "O", "a"), mark("denied it", "O", "b"))]
    report = agreement(pairs, ["a", "b"])
    assert report.corpus.by_label["O"].cohen_kappa == 1.0
    assert report.corpus.overall.alpha == 1.0
