"""The stoppable import walk: the same files as import_paths, whole files only."""
from annotator.importing import ImportOptions, import_paths
from annotator.importing.stoppable import StoppableReport, files_to_import, import_until_stopped
from annotator.store import Project


def test_the_walk_lists_what_import_paths_reads(corpus, project):
    interop = corpus / "interop"
    files = files_to_import([interop])
    # the brat .ann is read with its .txt, not on its own; names in a file manager's
    # order (case aside)
    assert [f.relative_to(interop).as_posix() for f in files] == [
        "doccano.jsonl", "EXPECTED.json", "label_studio.json", "prodigy.jsonl",
        "brat/emoji_flags.txt"]
    assert [f.path for f in import_paths(project, [interop]).files] == files


def test_a_walk_told_to_stop_stops_between_files(corpus, project):
    files = files_to_import([corpus / "interop", corpus / "bad"])
    report, started = StoppableReport(), []
    import_until_stopped(project, files, ImportOptions(), report,
                         should_stop=lambda: len(started) == 2,
                         starting=lambda index, path: started.append((index, path)))
    assert started == list(enumerate(files[:2]))
    assert [f.path for f in report.files] == files[:2]
    assert report.not_imported == files[2:] and report.stopped_early
    whole = Project.in_memory()
    import_paths(whole, files[:2])
    assert project.span_count() == whole.span_count() > 0


def test_a_walk_that_ends_names_nothing_left(corpus, project):
    files = files_to_import([corpus / "bad"])
    report = StoppableReport()
    import_until_stopped(project, files, ImportOptions(), report)
    assert not report.stopped_early and len(report.added) == 2 and len(report.problems) == 5
