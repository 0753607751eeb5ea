"""Label Studio JSON export: a list of tasks, each with annotations made of results.

The list is decoded one task at a time, so a Problem can name the line where its task
starts and the other tasks still import.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any, BinaryIO

from annotator.formats.decoding import describe_decode_error, require_utf8_json
from annotator.formats.jsonl import BadRecord, document_fields, json_type, not_imported, text_field
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan

WHITESPACE = " \t\r\n"
# what our export keeps in a result's "meta", beside Label Studio's own notes ("text")
META_ATTRIBUTES = ("speaker", "target", "cue", "annotator")
NOT_AN_EXPORT = "not a Label Studio export (expected a JSON list of tasks)"
_decoder = json.JSONDecoder()


class BadTask(ValueError):
    """One task cannot be read; its message is the Problem's reason."""


def read(stream: BinaryIO, name: str) -> Iterator[RawDocument | Problem]:
    text = _decode(stream.read(), name)
    # Parse the whole list before yielding, so broken JSON at the end of the file
    # rejects the file instead of importing it in part.
    tasks = list(iter_tasks(text, name))
    for task, line in tasks:
        try:
            yield parse_task(task, name, line)
        except (BadTask, BadRecord) as bad:  # BadRecord: a field that holds no text
            yield Problem(file=name, line=line, reason=str(bad))


def _decode(data: bytes, name: str) -> str:
    unmarked = require_utf8_json(data, name)
    try:
        return unmarked.decode("utf-8")
    except UnicodeDecodeError as error:
        where = describe_decode_error(error, skipped=len(data) - len(unmarked))
        reason = f"not valid UTF-8 ({where})"
        raise FormatError(Problem(file=name, line=None, reason=reason)) from None


def iter_tasks(text: str, name: str) -> Iterator[tuple[Any, int]]:
    """(task, line where it starts) for a JSON list of tasks or a single task object."""
    position = _skip_whitespace(text, 0)
    if text.startswith("{", position):
        task, end = _decode_value(text, position, name)
        _expect_end(text, end, name)
        # A lone object is one task only if it looks like one; any other .json (a
        # settings file, an answer key) is not this format at all.
        if "data" not in task:
            raise _file_error(name, _line_at(text, position), NOT_AN_EXPORT)
        yield task, _line_at(text, position)
        return
    if not text.startswith("[", position):
        raise _file_error(name, _line_at(text, position), NOT_AN_EXPORT)
    yield from _iter_list(text, position + 1, name)


def _iter_list(text: str, position: int, name: str) -> Iterator[tuple[Any, int]]:
    line, counted_to = 1, 0  # newlines counted incrementally: big exports stay linear
    position = _skip_whitespace(text, position)
    if text.startswith("]", position):
        _expect_end(text, position + 1, name)
        return
    while True:
        task, end = _decode_value(text, position, name)
        line += text.count("\n", counted_to, position)
        counted_to = position
        yield task, line
        position = _skip_whitespace(text, end)
        if text.startswith("]", position):
            _expect_end(text, position + 1, name)
            return
        if not text.startswith(",", position):
            raise _syntax_error(text, position, name, "Expecting ',' delimiter or ']'")
        position = _skip_whitespace(text, position + 1)


def _decode_value(text: str, position: int, name: str) -> tuple[Any, int]:
    try:
        return _decoder.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise _syntax_error(text, error.pos, name, error.msg) from None
    except ValueError:
        # int() refuses numbers of more than 4300 digits (CPython's guard against slow parsing)
        reason = "a number too long to read (more than 4300 digits)"
    except RecursionError:
        reason = "JSON nested too deeply to read"
    line = _line_at(text, position)
    raise _file_error(name, line, f"{reason}, in the task starting at line {line}")


def _expect_end(text: str, position: int, name: str) -> None:
    position = _skip_whitespace(text, position)
    if position < len(text):
        raise _syntax_error(text, position, name, "Extra data")


def _skip_whitespace(text: str, position: int) -> int:
    while position < len(text) and text[position] in WHITESPACE:
        position += 1
    return position


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _syntax_error(text: str, position: int, name: str, message: str) -> FormatError:
    line = _line_at(text, position)
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return _file_error(name, line, f"invalid JSON ({message} at line {line}, column {column})")


def _file_error(name: str, line: int, reason: str) -> FormatError:
    return FormatError(Problem(file=name, line=line, reason=reason))


def parse_task(task: Any, name: str, line: int) -> RawDocument:
    if not isinstance(task, dict):
        raise BadTask(f"the task is not a JSON object (found {json_type(task)})")
    data = task.get("data")
    if not isinstance(data, dict):
        raise BadTask('missing the "data" object')
    text_key = _text_key(data)
    fields, metadata = document_fields(data, frozenset({text_key}))
    if "id" in task:
        metadata["label_studio_id"] = task["id"]
    spans, warnings = _spans_and_warnings(task)
    return RawDocument(
        text=data[text_key], file=name, line=line, **fields,
        metadata=metadata, spans=spans, warnings=warnings,
        format_unit="codepoint",  # Label Studio counts code points (its PR #1559)
    )


def _text_key(data: dict[str, Any]) -> str:
    """ "text", or the only string in data (projects may name their text field freely)."""
    if "text" in data:
        if not isinstance(data["text"], str):
            raise BadTask(f'"data.text" is not a string (found {json_type(data["text"])})')
        return "text"
    strings = [key for key, value in data.items() if isinstance(value, str)]
    if len(strings) != 1:
        raise BadTask('missing the "data.text" field')
    return strings[0]


def _spans_and_warnings(task: dict[str, Any]) -> tuple[list[RawSpan], list[str]]:
    spans: list[RawSpan] = []
    other_types: Counter[str] = Counter()
    for annotation in _list_of(task, "annotations"):
        if not isinstance(annotation, dict):
            raise BadTask("an annotation is not a JSON object")
        if annotation.get("was_cancelled"):
            continue  # the annotator skipped this task; nothing was labelled
        annotator = _annotator(annotation.get("completed_by"))
        for number, result in enumerate(_list_of(annotation, "result"), start=1):
            if isinstance(result, dict) and result.get("type") != "labels":
                other_types[str(result.get("type"))] += 1
                continue
            spans.extend(_spans_of_result(result, annotator, _where(annotation, number)))
    warnings = [
        not_imported(count, f'result of type "{kind}"', f'results of type "{kind}"')
        for kind, count in other_types.items()
    ]
    predictions = task.get("predictions")
    if isinstance(predictions, list) and predictions:
        warnings.append(not_imported(len(predictions), "prediction", "predictions"))
    return spans, warnings


def _spans_of_result(result: Any, annotator: str, where: str) -> list[RawSpan]:
    value = result.get("value") if isinstance(result, dict) else None
    if not (isinstance(value, dict) and {"start", "end", "labels"} <= value.keys()):
        raise BadTask(f"{where} has no start, end and labels")
    if not isinstance(value["labels"], list):
        raise BadTask(f'{where}: "labels" is not a list')
    text = text_field(value.get("text"), "text", f"{where}: ")
    # the name our export keeps in "meta" wins over completed_by, which Label Studio
    # sets to whoever imported the file
    attributes = {"annotator": annotator, **_meta_attributes(result.get("meta"), where)}
    return [
        RawSpan(
            start=value["start"], end=value["end"], label=label,
            text=text, **attributes,
        )
        for label in value["labels"]
    ]


def _meta_attributes(meta: Any, where: str) -> dict[str, str]:
    """A region's "meta": Label Studio keeps its notes as {"text": ["note", ...]}; our
    export adds "speaker", "target", "cue" and "annotator". Anything else is ignored."""
    if not isinstance(meta, dict):
        return {}
    prefix = f"{where}: meta: "
    attributes = {name: text_field(meta[name], name, prefix) for name in META_ATTRIBUTES
                  if meta.get(name) not in (None, "")}
    notes = meta.get("text")
    if isinstance(notes, list):  # Label Studio's own shape: one string per note
        notes = "\n".join(text_field(note, "text", prefix) or "" for note in notes)
    else:
        notes = text_field(notes, "text", prefix)
    if notes:
        attributes["note"] = notes
    return attributes


def _list_of(container: dict[str, Any], key: str) -> list:
    value = container.get(key) or []
    if not isinstance(value, list):
        raise BadTask(f'"{key}" is not a list (found {json_type(value)})')
    return value


def _where(annotation: dict[str, Any], number: int) -> str:
    if "id" in annotation:
        return f"annotation {annotation['id']}, result {number}"
    return f"result {number}"


def _annotator(completed_by: Any) -> str:
    """Exports hold a user id, or a user object when exported with details."""
    if completed_by is None:
        return ""
    if isinstance(completed_by, dict):
        return str(completed_by.get("email") or completed_by.get("id") or "")
    return str(completed_by)
