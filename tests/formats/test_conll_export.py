"""CoNLL BIO export: literal output, the overlap policy and its notes, and on any text
the tokens give back every non-whitespace character in order."""
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syntok import segmenter

from annotator.core.model import Document, make_span
from annotator.formats import conll_export
from annotator.formats.export_base import ExportDoc, WriterOptions
from tests.strategies import tricky_texts

TEXT = 'Zarif said: "We stay 😀 here."\r\nThe envoy denied it.'


def span(text, piece, label, **attrs):
    start = text.index(piece)
    return make_span(text, start, start + len(piece), label, **attrs)


def export(tmp_path, *docs):
    target = tmp_path / "out.conll"
    notes = conll_export.write(list(docs), target, WriterOptions())
    return target.read_text(encoding="utf-8"), notes


def doc(text, spans=(), number=1):
    return ExportDoc(Document(text=text, id=number), sorted(spans, key=lambda s: (s.start, s.end)))


def parse(output: str) -> list[list[list[tuple[str, str]]]]:
    """Documents → sentences → (token, tag). splitlines(): no token may break a line."""
    documents = []
    for line in output.splitlines():
        if line == conll_export.DOCSTART:
            documents.append([[]])
        elif not line:
            if documents[-1][-1]:
                documents[-1].append([])
        else:
            token, tag = line.split(" ")  # exactly two columns
            documents[-1][-1].append((token, tag))
    return [[sentence for sentence in sentences if sentence] for sentences in documents]


def test_literal_output_with_a_nested_span_a_sentence_break_crlf_and_emoji(tmp_path):
    quote = span(TEXT, '"We stay 😀 here."', "quote")
    inner = span(TEXT, "We stay 😀 here", "claim")
    denial = span(TEXT, "denied it", "denial")
    output, notes = export(tmp_path, doc(TEXT, [quote, inner, denial]))
    assert output == (
        "-DOCSTART- -X- O O\n"
        "\n"
        "Zarif O\nsaid O\n: O\n\" B-quote\nWe I-quote\nstay I-quote\n😀 I-quote\n"
        "here I-quote\n. I-quote\n\" I-quote\n"
        "\n"
        "The O\nenvoy O\ndenied B-denial\nit I-denial\n. O\n"
        "\n"
    )
    assert notes == [
        "1 span(s) left out of the BIO tags because they overlap a longer span (one BIO column "
        "holds one label per token; where spans overlap the longest wins): document 1 claim "
        "'We stay 😀 here'"]


def test_equal_lengths_go_to_the_earlier_start_then_the_label_name():
    text = "aa bb cc"
    tokens = conll_export.Tokens(text)
    later, earlier = make_span(text, 3, 8, "claim"), make_span(text, 0, 5, "quote")
    same_a, same_b = make_span(text, 0, 5, "denial"), make_span(text, 0, 5, "claim")
    tally = conll_export.Tally()
    tags = conll_export.bio_tags(tokens, doc(text, [later, earlier]), tally)
    assert tags == ["B-quote", "I-quote", "O"] and tally.overlapped == [(1, later)]
    tags = conll_export.bio_tags(tokens, doc(text, [same_a, same_b]), conll_export.Tally())
    assert tags == ["B-claim", "I-claim", "O"]


def test_a_span_inside_a_token_takes_the_whole_token(tmp_path):
    text = "The minister spoke."
    output, notes = export(tmp_path, doc(text, [make_span(text, 4, 9, "claim")]))  # "minis"
    assert "minister B-claim\nspoke O\n" in output
    assert notes == ["1 span(s) start or end inside a token and were widened to whole tokens"]


def test_a_span_across_sentences_restarts_with_b_in_each(tmp_path):
    text = "He said: We stay. We fight. Then left."
    output, notes = export(tmp_path, doc(text, [span(text, "We stay. We fight.", "quote")]))
    [[first, second, third]] = parse(output)
    assert [tag for _, tag in second] == ["B-quote", "I-quote", "I-quote"]
    assert first[-2:] == [("stay", "I-quote"), (".", "I-quote")] and third[0] == ("Then", "O")
    assert notes == ["1 span(s) cross a sentence break and are written as one B-/I- chunk "
                     "per sentence"]


def test_whitespace_spans_and_empty_documents_are_reported(tmp_path):
    text = "One  two"
    output, notes = export(tmp_path, doc(text, [make_span(text, 3, 5, "claim")]),
                           doc(" \r\n\t", number=2))
    assert output == "-DOCSTART- -X- O O\n\nOne O\ntwo O\n\n"
    assert notes == ["1 span(s) left out because they cover only whitespace, so no token: "
                     "document 1 claim '  '",
                     "1 document(s) without tokens (only whitespace) were left out"]


def test_only_ten_examples_are_named(tmp_path):
    text = "word " * 12
    outer = make_span(text, 0, len(text) - 1, "claim")
    inner = [make_span(text, 5 * i, 5 * i + 4, "quote") for i in range(12)]
    _, [note] = export(tmp_path, doc(text, [outer, *inner]))
    assert note.startswith("12 span(s) left out") and note.endswith("; and 2 more")
    assert note.count("quote 'word'") == 10


def test_skipped_characters_and_odd_separators_make_tokens_without_whitespace(tmp_path):
    """syntok leaves hyphens and the zero-width space between its tokens and keeps U+001C
    inside one; the written tokens keep the first two and split at the third."""
    text = "A family-reunification\u200bclause\x1cends_here."
    output, _ = export(tmp_path, doc(text, [span(text, "family-reunification", "claim")]))
    [[sentence]] = parse(output)
    assert sentence == [("A", "O"), ("family", "B-claim"), ("-", "I-claim"),
                        ("reunification", "I-claim"), ("\u200b", "O"), ("clause", "O"),
                        ("ends", "O"), ("_", "O"), ("here", "O"), (".", "O")]


def test_tokens_never_cut_a_grapheme_cluster(tmp_path):
    """syntok alone gives "Cafe" + a lone U+0301, and one token per code point of 👩‍👩‍👧."""
    text = "Cafe\u0301 owners, family👩\u200d👩\u200d👧 and 👍🏽!"
    output, _ = export(tmp_path, doc(text))
    [[sentence]] = parse(output)
    assert [token for token, _ in sentence] == [
        "Cafe\u0301", "owners", ",", "family", "👩\u200d👩\u200d👧", "and", "👍🏽!"]


def test_labels_with_spaces_keep_two_columns(tmp_path):
    text = "They refused."
    output, _ = export(tmp_path, doc(text, [make_span(text, 5, 12, "flat denial")]))
    assert "refused B-flat_denial\n" in output


@st.composite
def documents_with_spans(draw):
    text = draw(tricky_texts)
    spans = []
    for _ in range(draw(st.integers(0, 5)) if text else 0):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(make_span(text, start, end, draw(st.sampled_from(["claim", "quote"]))))
    return doc(text, spans)


@settings(max_examples=60, deadline=None,  # tmp_path is shared: each example overwrites
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(documents_with_spans())
def test_tokens_hold_every_visible_character_and_tags_are_valid_iob2(tmp_path, item):
    output, notes = export(tmp_path, item)
    text = item.document.text
    documents = parse(output)
    tokens = [token for document in documents for sentence in document for token, _ in sentence]
    assert "".join(tokens) == "".join(ch for ch in text if not ch.isspace())
    assert len(documents) == (1 if text.strip() else 0)
    for document in documents:
        for sentence in document:
            previous = "O"
            for _, tag in sentence:
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:], sentence
                previous = tag
    chunks_started = sum(tag.startswith("B-") for document in documents
                         for sentence in document for _, tag in sentence)
    assert chunks_started >= len(item.spans) - _reported(notes)


def _reported(notes: list[str]) -> int:
    """Spans the notes say were left out."""
    return sum(int(note.split(" ")[0]) for note in notes if " left out " in note
               and "document(s)" not in note)


@settings(max_examples=60, deadline=None)
@given(tricky_texts)
def test_touching_tokens_meet_at_a_grapheme_boundary(text):
    tokens = [token for sentence in conll_export.sentences(text) for token in sentence]
    boundaries = {match.end() for match in regex.finditer(r"\X", text)}
    for (_, end), (start, _) in zip(tokens, tokens[1:]):
        assert end < start or end in boundaries, (text, end)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([tricky_texts, st.just("\n\n"), st.just(". The")]), max_size=8)
       .flatmap(lambda parts: st.tuples(*parts)).map("".join))
def test_paragraph_by_paragraph_gives_syntoks_own_tokens_and_sentences(text):
    ours = [[(offset + t.offset, t.value) for t in sentence]
            for offset, sentence in conll_export.syntok_sentences(text)]
    theirs = [[(t.offset, t.value) for t in sentence]
              for paragraph in segmenter.analyze(text) for sentence in paragraph]
    assert ours == theirs
    assert all(text[start:start + len(value)] == value
               for sentence in ours for start, value in sentence)


def test_spans_meeting_inside_one_token_split_it_and_both_keep_their_tags(tmp_path):
    text = 'The U.S.-backed deal failed. He said:"no" and left.'
    spans = [span(text, "U.S.", "claim"), span(text, "backed deal", "quote"),
             span(text, "said", "claim"), span(text, '"no"', "quote")]
    output, notes = export(tmp_path, doc(text, spans))
    [[first, second]] = parse(output)
    assert first[:5] == [("The", "O"), ("U.S.", "B-claim"), ("-", "O"), ("backed", "B-quote"),
                         ("deal", "I-quote")]
    assert second[:5] == [("He", "O"), ("said", "B-claim"), (":", "O"), ('"no', "B-quote"),
                          ('"', "I-quote")]
    assert notes == ['2 token(s) split where two spans meet inside them ("U.S.-backed" as '
                     '"U.S." "-" "backed"), so that both keep their tags']


def test_spans_meeting_inside_a_character_cluster_say_they_share_a_token(tmp_path):
    text = "Say 👩\u200d👩\u200d👧 now."
    first, second = make_span(text, 4, 5, "claim"), make_span(text, 6, 9, "quote")  # 👩 | 👩‍👧
    output, notes = export(tmp_path, doc(text, [first, second]))
    assert "👩\u200d👩\u200d👧 B-quote\n" in output  # the longer one; the cluster stays whole
    assert notes == ["1 span(s) left out of the BIO tags because they share a token with a "
                     "neighbouring span they do not overlap, and the token cannot be split "
                     "between them (the edge falls inside a character cluster): document 1 "
                     "claim '👩'",
                     "1 span(s) start or end inside a token and were widened to whole tokens"]


def test_a_nested_span_inside_one_token_is_still_an_overlap_and_splits_nothing(tmp_path):
    text = "The U.S.-backed deal failed."
    outer, inner = span(text, "U.S.-backed deal", "claim"), span(text, "backed", "quote")
    output, notes = export(tmp_path, doc(text, [outer, inner]))
    assert "U.S.-backed B-claim\ndeal I-claim\n" in output
    assert notes[0].startswith("1 span(s) left out of the BIO tags because they overlap a "
                               "longer span")
