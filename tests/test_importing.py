"""Importing real files end to end: readers, resolution, the store, the report."""
import json

import pytest

from annotator.core.model import check_span_against
from annotator.importing import ImportOptions, import_paths
from tests.conftest import read_exact

INTEROP_STEMS = ["emoji_flags", "rtl_persian", "crlf_mixed", "combining_zwj"]
# the interop doccano sample counts code points (its README says so), which the file
# itself cannot say: an import is told, as a user would be asked to
AS_CODEPOINTS = ImportOptions(offset_unit="codepoint")


def spans_of(project, doc_id):
    return [[s.start, s.end, s.label, s.text] for s in project.spans(doc_id)]


def by_source(project):
    return {d.source or d.metadata.get("source"): d for d in project.documents()}


def test_tricky_texts_are_stored_exactly(project, corpus):
    report = import_paths(project, [corpus / "tricky"])
    stored = {d.metadata.get("filename"): d for d in project.documents()}
    for stem in INTEROP_STEMS:
        assert stored[f"{stem}.txt"].text == read_exact(corpus / "tricky" / f"{stem}.txt")
    cp1252 = stored["cp1252.txt"].text
    assert cp1252.startswith("Minister denies \u201csecret talks\u201d with rebels\r\n\r\n")
    assert "resignation \u2013 and" in cp1252
    html = next(d for d in project.documents() if d.title == "Council votes to freeze budget")
    assert "\u20ac4\u00a0million" in html.text or "\u20ac4 million" in html.text
    assert "Example Gazette" not in html.text and "cookie" not in html.text
    rejected = {p.file.rsplit("/", 1)[-1]: p.reason for p in report.problems}
    assert set(rejected) == {"empty.txt", "not_text.txt"}
    assert "empty" in rejected["empty.txt"]
    assert "PNG" in rejected["not_text.txt"]


@pytest.mark.parametrize("sample", ["doccano.jsonl", "prodigy.jsonl", "label_studio.json"])
def test_interop_samples_give_exactly_the_expected_spans(project, corpus, sample):
    expected = json.loads((corpus / "interop" / "EXPECTED.json").read_text("utf-8"))
    options = AS_CODEPOINTS if sample == "doccano.jsonl" else None  # Prodigy, LS: their own unit
    report = import_paths(project, [corpus / "interop" / sample], options)
    assert report.ok, report.problems
    docs = by_source(project)
    for stem, want in expected.items():
        doc = docs[stem]
        assert len(doc.text) == want["text_len"]
        assert spans_of(project, doc.id) == want["spans"]


def test_brat_pair_gives_the_expected_spans_and_note(project, corpus):
    expected = json.loads((corpus / "interop" / "EXPECTED.json").read_text("utf-8"))
    report = import_paths(project, [corpus / "interop" / "brat"])
    assert report.ok, report.problems
    [doc] = project.documents()
    assert spans_of(project, doc.id) == expected["emoji_flags"]["spans"]
    assert [s.note for s in project.spans(doc.id) if s.label == "quote"] == ["envoy speaking to press"]


def test_interop_texts_match_the_tricky_files_so_annotations_merge(project, corpus):
    import_paths(project, [corpus / "tricky"])
    before = project.document_count()
    report = import_paths(project, [corpus / "interop" / "doccano.jsonl"], AS_CODEPOINTS)
    assert project.document_count() == before  # same texts: no duplicates
    assert report.merged == 4 and report.spans_added == 17


def test_importing_twice_duplicates_nothing(project, corpus):
    import_paths(project, [corpus / "interop" / "doccano.jsonl"], AS_CODEPOINTS)
    report = import_paths(project, [corpus / "interop" / "doccano.jsonl"], AS_CODEPOINTS)
    assert report.duplicates == 4 and report.spans_added == 0
    assert project.document_count() == 4 and project.span_count() == 17


def test_malformed_lines_are_reported_and_valid_ones_imported(project, corpus):
    path = corpus / "bad" / "malformed.jsonl"
    report = import_paths(project, [path])
    by_line = {p.line: p.reason for p in report.problems}
    assert set(by_line) == {2, 3, 4, 5, 6}
    assert "JSON" in by_line[2]
    assert "outside the text" in by_line[3]
    assert "not before" in by_line[4]
    assert "unknown label 'rumour'" in by_line[5]
    assert "text" in by_line[6]
    assert all(p.file == str(path) for p in report.problems)
    assert sorted(d.title for d in project.documents()) == [
        "A valid line. The minister denied it.", "Another valid line: officials claimed success."]


def test_strict_imports_nothing_from_a_file_with_errors(project, corpus):
    report = import_paths(project, [corpus / "bad" / "malformed.jsonl"], ImportOptions(strict=True))
    assert project.document_count() == 0
    assert report.files[0].discarded == 2 and not report.ok


def test_utf16_offsets_are_detected_not_guessed(project, tmp_path):
    text = "Flags 🇫🇷🇮🇷 then the minister denied it."
    start16 = len(text[:text.index("denied")].encode("utf-16-le")) // 2
    line = {"text": text, "label": [[start16, start16 + 6, "denial"]]}
    path = tmp_path / "doccano16.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")

    report = import_paths(project, [path])
    assert project.document_count() == 0
    assert "--offset-unit utf16" in report.problems[0].reason

    report = import_paths(project, [path], ImportOptions(offset_unit="utf16"))
    assert report.ok
    [doc] = project.documents()
    assert spans_of(project, doc.id) == [[text.index("denied"), text.index("denied") + 6, "denial", "denied"]]


def test_span_text_that_fits_only_as_utf16_names_the_option(project, tmp_path):
    text = "😀😀 said: no."
    path = tmp_path / "native.jsonl"
    path.write_text(json.dumps({"text": text, "spans": [{"start": 5, "end": 9, "label": "claim",
                                                          "text": "said"}]}) + "\n", "utf-8")
    report = import_paths(project, [path])
    assert "--offset-unit utf16" in report.problems[0].reason


def test_brat_offsets_counting_crlf_once_are_explained(project, tmp_path):
    (tmp_path / "doc.txt").write_bytes(b"Title\r\nThe mayor denied it.\r\n")
    (tmp_path / "doc.ann").write_text("T1\tDenial 16 22\tdenied\n", "utf-8")  # counted with \n only
    report = import_paths(project, [tmp_path])
    assert project.document_count() == 0
    assert "CRLF" in report.problems[0].reason


def test_unsupported_and_missing_companion_files_are_reported(project, tmp_path):
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "orphan.ann").write_text("T1\tClaim 0 1\tx\n")
    report = import_paths(project, [tmp_path])
    reasons = sorted(p.reason for p in report.problems)
    assert any("unsupported file type '.png'" in r for r in reasons)
    assert any("no text file orphan.txt" in r for r in reasons)


def test_seed_article_imports_with_its_attributed_spans(project):
    from annotator.paths import seeds_dir
    report = import_paths(project, [seeds_dir() / "seed_example_annotations.jsonl"])
    assert report.ok, report.problems
    [doc] = project.documents()
    spans = project.spans(doc.id)
    assert len(spans) == 17
    assert doc.title == "Iran Says Missile Work Will Continue Despite Western Pressure"
    assert {s.speaker for s in spans} >= {"Le Drian", "Zarif"}
    for span in spans:
        check_span_against(doc.text, span)


# -- offsets that name no unit (doccano's): never read one way on a guess ------------

FANS = 'Fans 😀 chanted "Go home" at the minister.'


def utf16_units(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def write_doccano(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_bare_offsets_that_read_two_ways_are_refused_with_both_readings(project, tmp_path):
    start, end = FANS.index('"Go'), FANS.index('" at') + 1
    path = write_doccano(tmp_path / "d.jsonl", [
        {"text": FANS, "label": [[utf16_units(FANS, start), utf16_units(FANS, end), "quote"]]}])
    report = import_paths(project, [path])
    [problem] = report.problems
    assert (problem.file, problem.line) == (str(path), 1)
    assert "counted in characters it is 'Go home\" '" in problem.reason
    assert "counted in UTF-16 units it is '\"Go home\"'" in problem.reason
    assert "--offset-unit utf16" in problem.reason and "--offset-unit codepoint" in problem.reason
    assert problem.offset_units == ("utf16", "codepoint")  # the window offers both
    assert project.document_count() == 0

    assert import_paths(project, [path], ImportOptions(offset_unit="utf16")).ok
    [doc] = project.documents()
    assert spans_of(project, doc.id) == [[start, end, "quote", '"Go home"']]


def test_bare_offsets_show_the_word_cut_evidence_when_there_is_some(project, tmp_path):
    text = "Crowds 🙅 shouted. The minister said talks failed."
    start = text.index("said")
    path = write_doccano(tmp_path / "d.jsonl", [{"text": text, "label": [
        [utf16_units(text, start), utf16_units(text, start + 4), "claim"]]}])
    [problem] = import_paths(project, [path]).problems
    # 'aid ' in code points: its start cuts "said"; its end does not cut "talks"
    assert "of the 2 span edges, 1 cut through a word or character counted in characters, " \
           "0 counted in UTF-16 units" in problem.reason


def test_a_record_is_refused_only_where_the_two_readings_differ(project, corpus):
    report = import_paths(project, [corpus / "interop" / "doccano.jsonl"])
    # only the emoji article: the others have no character beyond U+FFFF
    assert [(p.line, "--offset-unit codepoint" in p.reason) for p in report.problems] == [(1, True)]
    assert sorted(d.source for d in project.documents()) == ["combining_zwj", "crlf_mixed",
                                                             "rtl_persian"]


def test_astral_characters_after_every_span_leave_the_offsets_unambiguous(project, tmp_path):
    text = "The minister denied it. 😀"
    path = write_doccano(tmp_path / "d.jsonl", [{"text": text, "label": [[13, 22, "denial"]]}])
    assert import_paths(project, [path]).ok
    [doc] = project.documents()
    assert spans_of(project, doc.id) == [[13, 22, "denial", "denied it"]]


def test_a_declared_unit_is_used_without_asking(project, tmp_path):
    start = FANS.index('"Go')
    path = write_doccano(tmp_path / "n.jsonl", [
        {"text": FANS, "offset_unit": "utf16", "spans": [
            {"start": utf16_units(FANS, start), "end": utf16_units(FANS, start + 9), "label": "quote"}]},
        # Prodigy's keys say code points, its unit
        {"text": FANS + " Again.", "answer": "accept",
         "spans": [{"start": start, "end": start + 9, "label": "QUOTE"}]}])
    assert import_paths(project, [path]).ok
    assert [spans_of(project, d.id)[0][3] for d in project.documents()] == ['"Go home"'] * 2


@pytest.mark.parametrize("unit", ["utf16", "codepoint"])
def test_our_doccano_export_comes_back_with_the_unit_its_manifest_names(tmp_path, unit):
    from annotator.exporting import ExportFilter, ExportRequest, WriterOptions, export
    from annotator.store import Project

    source = Project.open(tmp_path / "a.annotator")
    start = FANS.index('"Go')
    path = write_doccano(tmp_path / "n.jsonl", [{"text": FANS, "offset_unit": "codepoint",
                         "spans": [{"start": start, "end": start + 9, "label": "quote"}]}])
    import_paths(source, [path])
    out = tmp_path / "d.jsonl"
    export(source, ExportRequest(out=out, fmt="doccano", filters=ExportFilter(statuses=None),
                                 options=WriterOptions(offset_unit=unit)))
    back = Project.open(tmp_path / "b.annotator")
    report = import_paths(back, [out])
    assert report.ok and report.warnings == []
    [doc] = back.documents()
    assert spans_of(back, doc.id) == [[start, start + 9, "quote", '"Go home"']]

    # doccano's own export under the same name: the manifest no longer describes it
    out.write_text(out.read_text("utf-8").replace('"Comments": []', '"Comments": [], "x": 1'), "utf-8")
    report = import_paths(Project.in_memory(), [out])
    assert "--offset-unit utf16" in report.problems[0].reason
    assert report.warnings == [f"{out}: d.jsonl.manifest.json describes another version of "
                               f"this file (its checksum differs): its offset unit ({unit}) "
                               "was not used"]
    source.close()
    back.close()


def test_a_manifest_beats_another_unit_asked_for_and_says_so(project, tmp_path):
    start = FANS.index('"Go')
    path = write_doccano(tmp_path / "d.jsonl", [{"text": FANS, "label": [[start, start + 9, "quote"]]}])
    from annotator.exporting.manifest import checksum
    (tmp_path / "d.jsonl.manifest.json").write_text(json.dumps({
        "offset_unit": "codepoint", "files": [{"name": "d.jsonl", "sha256": checksum(path)}]}))
    report = import_paths(project, [path], ImportOptions(offset_unit="utf16"))
    assert report.ok
    assert report.warnings == [f"{path}: its export manifest says the offsets count codepoint, "
                               "which was used, not --offset-unit utf16"]
    [doc] = project.documents()
    assert spans_of(project, doc.id)[0][3] == '"Go home"'


def test_brat_spans_without_their_text_count_code_points_as_brat_does(project, tmp_path):
    (tmp_path / "doc.txt").write_text(FANS, "utf-8")
    start = FANS.index('"Go')
    (tmp_path / "doc.ann").write_text(f"T1\tQuote {start} {start + 9}\n", "utf-8")
    assert import_paths(project, [tmp_path]).ok
    [doc] = project.documents()
    assert spans_of(project, doc.id)[0][3] == '"Go home"'


def test_a_list_where_text_belongs_is_refused_with_file_line_and_field(project, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Fine text.", "spans": []}\n'
                    '{"text": "Ana and Bo said no.", "spans": [{"start": 8, "end": 18, '
                    '"label": "claim", "speaker": ["Ana", "Bo"]}]}\n', "utf-8")
    report = import_paths(project, [path])
    assert [str(p) for p in report.problems] == [
        f'{path}:2: span 1: the "speaker" field is a list (["Ana", "Bo"]), not text: '
        "write it as one string"]
    assert [d.text for d in project.documents()] == ["Fine text."]
    assert project.span_count() == 0
