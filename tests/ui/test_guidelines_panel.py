"""The guideline beside the text: of the selected span's label, else the sticky one, else all."""
import pytest

from annotator.core.commands import History
from annotator.core.label_commands import SetLabelDescription
from annotator.session import AnnotationSession
from annotator.store.labels import LabelStore
from annotator.ui.guidelines_panel import GuidelinesPanel

from .conftest import add_article

TEXT = "The envoy said \"we will not sign\". Officials urged talks."


@pytest.fixture
def panel(qtbot, project):
    first = add_article(project, TEXT, [(15, 33, "quote"), (47, 52, "demand")])
    add_article(project, "Another article.")
    session = AnnotationSession(project, "tester")
    session.open_document(first.id)
    widget = GuidelinesPanel(session)
    qtbot.addWidget(widget)
    return widget


def shown(panel):
    return panel.heading.text(), panel.body.toPlainText()


def test_with_nothing_chosen_every_label_in_short(panel):
    assert shown(panel) == ("All labels", (
        "claim (1): An assertion presented as fact by a speaker.\n\n"
        "denial (2): A speaker rejects a claim or an accusation.\n\n"
        "demand (3): A speaker calls on someone to act.\n\n"
        "quote (4): Words reproduced as spoken, usually in quotation marks."))


def test_the_sticky_label_then_the_selected_span_which_wins(panel):
    session = panel.session
    session.set_sticky_label("denial")
    assert shown(panel) == ("denial (key 2) — the sticky label",
                            "A speaker rejects a claim or an accusation.")
    session.select(session.index.in_order()[0].id)
    assert shown(panel) == ("quote (key 4) — the selected span's label",
                            "Words reproduced as spoken, usually in quotation marks.")
    session.select(None)
    assert shown(panel)[0] == "denial (key 2) — the sticky label"
    session.set_sticky_label(None)
    assert shown(panel)[0] == "All labels"


def test_opening_another_document_drops_the_selected_spans_guideline(panel):
    session = panel.session
    session.select(session.index.in_order()[1].id)
    assert shown(panel)[0] == "demand (key 3) — the selected span's label"
    session.go(+1)
    assert shown(panel)[0] == "All labels"


def test_an_edited_guideline_shows_after_labels_changed_and_stays_plain(panel, project):
    session = panel.session
    session.set_sticky_label("claim")
    guideline = "A fact, as said.\n\nExample: <b>Prices rose</b> &amp; more"
    History(LabelStore(project)).run(SetLabelDescription("claim", guideline))
    session.labels = project.labels()  # what the window does after the editor changed labels
    panel.labels_changed()
    assert shown(panel) == ("claim (key 1) — the sticky label", guideline)


def test_the_overview_shortens_long_guidelines_and_names_missing_ones(panel, project):
    store = LabelStore(project)
    store.update_label("claim", description="Long. " * 60)
    store.update_label("denial", description="")
    panel.session.labels = project.labels()
    panel.labels_changed()
    claim, denial = shown(panel)[1].split("\n\n")[:2]
    assert claim.startswith("claim (1): Long. Long.") and claim.endswith("…")
    assert len(claim) <= len("claim (1): ") + 140
    assert denial == "denial (2): No guideline yet: write one in the label editor."
