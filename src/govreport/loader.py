"""Loading a report file: TOML → the attrs model, with every problem reported at once.

Each problem names its place in the file (``sections[0].content[2].passed``) and what was
expected there. Types are strict: a count written as ``"12"`` or ``12.5`` is an error, not
silently converted; unknown keys are errors with a "did you mean" when a known key is close.
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, mapping_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from . import local_plugins
from ._verbs import ReportVerbs
from .calling import call_with_supported_arguments
from .errors import Problem, ReportError
from .memo import memoized
from .model import Report, Section, Tables, walk
from .numbering import MAX_NUMERAL, chinese_numeral
from .plugins import DISABLE_ENV, Registry, load_registry, names_in, shared_registry
from .records import record
from .sections.narrative import EnumerationData, ParagraphData, SubpartData
from .suggest import closest
from .tables.loading import TableProblems, structure_tables
from .tables.reports import table_formats
from .tables.spec import TableFormat
from .text import PlaceholderError, placeholders
from .validators import FieldValueError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

REPORT_FILE = "report.toml"
MAX_FILE_BYTES = 2 * 1024 * 1024
"""Report files larger than this (2 MiB) are refused before parsing."""
MAX_JSON_BYTES = 4 * MAX_FILE_BYTES
"""The same for JSON report files (8 MiB): what ``export`` writes from any report file that
loads, since JSON spells the same data out at more length."""
MAX_NESTING = 12
"""Tables and lists nested deeper than this are refused: real reports nest five or six deep."""
MAX_VALUES = 100_000
"""Files whose tables and lists hold more keys and items than this, all told, are refused: a
real report holds a few thousand."""


@record
class LoadedReport(ReportVerbs):
    """A report with the registry its plugins were loaded into and the file it came from; it
    can :meth:`~ReportVerbs.check`, :meth:`~ReportVerbs.build`, :meth:`~ReportVerbs.render` and
    :meth:`~ReportVerbs.write` itself."""

    report: Report
    registry: Registry
    path: Path | None
    """The report file; None for a report loaded from text with no folder (:func:`loads`)."""
    output_options: dict[str, Any] = attrs.field(factory=dict)
    """The report's ``[output.<format>]`` settings, structured by each renderer's options type."""


def _reason(error: OSError) -> str:
    """Why a path cannot be used, in words for the person who typed it."""
    reasons = {
        errno.ENOENT: "no such file or folder",
        errno.ENOTDIR: "no such file or folder (a part of the path is a file, not a folder)",
        errno.ENAMETOOLONG: "the name is too long for the file system",
        errno.EACCES: "cannot be opened: permission denied",
        errno.EPERM: "cannot be opened: permission denied",
        errno.ELOOP: "cannot be opened: too many levels of symbolic links",
    }
    return reasons.get(error.errno, f"cannot be read: {error.strerror or error}")


NOT_A_FILE = "is not a regular file; give the path of a report file"


def resolve_report_path(path: str | Path) -> Path:
    """A report file, or the ``report.toml`` inside a folder; raises ReportError if neither.

    Whether the file can be read is :func:`read_report_data`'s to say.
    """
    candidate = Path(path)
    inner = None
    try:
        if not stat.S_ISDIR(candidate.stat().st_mode):
            return candidate
        inner = candidate / REPORT_FILE
        inner_is_a_folder = stat.S_ISDIR(inner.stat().st_mode)
    except OSError as error:
        missing = inner is not None and error.errno == errno.ENOENT
        reason = f"folder has no {REPORT_FILE}" if missing else _reason(error)
        raise ReportError(str(candidate), [Problem("", reason)]) from None
    if inner_is_a_folder:
        raise ReportError(str(inner), [Problem("", NOT_A_FILE)])
    return inner


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most one more than ``max_bytes``.

    The file is opened once without waiting (a FIFO would block an ordinary open), checked on
    the open descriptor to be a regular file, and read only that far: a device, a FIFO or a
    file growing under us cannot make the read hang or run on.
    """
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ReportError(source, [Problem("", _reason(error))]) from None
    chunks: list[bytes] = []
    size = 0
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ReportError(source, [Problem("", NOT_A_FILE)])
        while size <= max_bytes:
            chunk = os.read(descriptor, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise ReportError(source, [Problem("", _reason(error))]) from None
    finally:
        os.close(descriptor)
    if size > max_bytes:
        limit = max_bytes // 1024 // 1024
        raise ReportError(source, [Problem("", f"file is larger than {limit} MiB")])
    return b"".join(chunks)


def _read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A report file's text, turning every way reading it can fail into a ReportError."""
    source = str(path)
    data = _read_bytes(path, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (byte {error.start}); save it as UTF-8"
        raise ReportError(source, [Problem("", message)]) from None
    if not text.strip():
        raise ReportError(source, [Problem("", "file is empty")])
    return text


def _refuse_shape(data: Any, source: str) -> None:
    """Refuse data nested too deep or holding too many values (None: the parser gave up)."""
    depth, values = (MAX_NESTING + 1, 0) if data is None else _shape(data)
    if depth > MAX_NESTING:
        message = f"tables and lists are nested more than {MAX_NESTING} deep"
        raise ReportError(source, [Problem("", message)])
    if values > MAX_VALUES:
        message = (
            f"holds more than {MAX_VALUES:,} keys and list items; a real report holds a few "
            "thousand at most"
        )
        raise ReportError(source, [Problem("", message)])


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a report file, turning every way it can fail into a ReportError."""
    return parse_toml(_read_text(path), str(path))


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse report text; a syntax error or too deep nesting is a ReportError naming source."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportError(source, [Problem("", f"not valid TOML: {error}")]) from None
    except RecursionError:
        data = None
    _refuse_shape(data, source)
    return data


JSON_OUTPUT_KEYS = ("computed",)
"""Top-level keys of an exported JSON report that are output only: derived from the rest (the
title, the cells with totals computed) and ignored when the file is loaded."""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key repeats (in time linear in its size)."""
    data = dict(pairs)
    if len(data) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a report can hold")


def read_json(path: Path) -> dict[str, Any]:
    """Parse a report file written as JSON (``govreport export`` writes them).

    The data has the keys of the TOML report file; dates are text (``"2020-01-20"``); the
    keys in :data:`JSON_OUTPUT_KEYS` are dropped. Fails as :func:`read_toml` does.
    """
    source = str(path)
    text = _read_text(path, MAX_JSON_BYTES)
    import json  # only for JSON report files: ``check`` of TOML files never loads it

    try:
        data = json.loads(text, object_pairs_hook=_json_object, parse_constant=_no_constant)
    except ValueError as error:  # json.JSONDecodeError included
        raise ReportError(source, [Problem("", f"not valid JSON: {error}")]) from None
    except RecursionError:
        data = None
    _refuse_shape(data, source)
    if not isinstance(data, dict):
        message = f"expected a JSON object at the top, got {_describe(data)}"
        raise ReportError(source, [Problem("", message)])
    return {key: value for key, value in data.items() if key not in JSON_OUTPUT_KEYS}


def read_report_data(path: Path) -> dict[str, Any]:
    """A report file's data: JSON for a ``.json`` file, else TOML."""
    return read_json(path) if path.suffix.lower() == ".json" else read_toml(path)


def _shape(value: object) -> tuple[int, int]:
    """How deeply tables and lists nest in parsed data, and how many keys and items they hold.

    Without recursion; stops as soon as either passes its limit.
    """
    deepest, values, stack = 0, 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, (dict, list)) and children:  # its values are one level deeper
            deepest = max(deepest, depth + 1)
            values += len(children)
            if deepest > MAX_NESTING or values > MAX_VALUES:
                break
            stack += [(child, depth + 1) for child in children if isinstance(child, (dict, list))]
    return deepest, values


def _describe(value: object) -> str:
    names = {
        str: "text",
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        list: "a list",
        dict: "a table",
        datetime.date: "a date",
        datetime.datetime: "a date and time",
        type(None): "null",
    }
    return f"{value!r} ({names.get(type(value), type(value).__name__)})"


def _strict(expected: tuple[type, ...], label: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, bool) and bool not in expected:
            raise TypeError(f"expected {label}, got {_describe(value)}")
        if not isinstance(value, expected):
            raise TypeError(f"expected {label}, got {_describe(value)}")
        return value

    return structure


def _guarded(
    inner: Callable[[Any, Any], Any], expected: type, label: str
) -> Callable[[Any, Any], Any]:
    """A structure hook that first makes sure the value is a TOML table or list."""

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, expected):
            raise TypeError(f"expected {label}, got {_describe(value)}")
        return inner(value, type_)

    return structure


def _is_sequence(type_: Any) -> bool:
    return get_origin(type_) is tuple and len(get_args(type_)) == 2 and get_args(type_)[1] is ...


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) is dict


def _is_literal(type_: Any) -> bool:
    return get_origin(type_) is Literal


def _literal_factory(type_: Any) -> Callable[[Any, Any], Any]:
    """One of a few fixed words, such as an agency's ``kind``."""
    allowed = get_args(type_)

    def structure(value: Any, _: Any) -> Any:
        if value not in allowed or isinstance(value, bool):
            choices = ", ".join(repr(choice) for choice in allowed)
            raise ValueError(f"expected one of {choices}, got {_describe(value)}")
        return value

    return structure


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_from_text(value: Any, _: Any) -> datetime.date:
    """A date written as text (JSON has no dates): exactly ``YYYY-MM-DD``."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a date: {error}") from None
    raise TypeError(f'expected a date such as "2020-01-20", got {_describe(value)}')


def make_converter(registry: Registry, text_dates: bool = False) -> cattrs.Converter:
    """A strict converter that knows the section kinds of ``registry``.

    ``text_dates``: dates are written as text (``"2020-01-20"``), as in a JSON report file.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict((str,), "text"))
    converter.register_structure_hook(int, _strict((int,), "a whole number"))
    converter.register_structure_hook(bool, _strict((bool,), "true or false"))
    converter.register_structure_hook(float, _strict((int, float), "a number"))
    converter.register_structure_hook(int | float, _strict((int, float), "a number"))
    converter.register_structure_hook(
        datetime.date,
        _date_from_text if text_dates else _strict((datetime.date,), "a date such as 2020-01-20"),
    )

    def attrs_factory(cl: type) -> Callable[[Any, Any], Any]:
        inner = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True)
        return _guarded(inner, Mapping, "a table")

    def sequence_factory(type_: Any) -> Callable[[Any, Any], Any]:
        if type_ == tuple[Any, ...]:
            return content_structure
        inner = homogenous_tuple_structure_factory(type_, converter)
        return _guarded(inner, list, "a list")

    def mapping_factory(type_: Any) -> Callable[[Any, Any], Any]:
        return _guarded(mapping_structure_factory(type_, converter), Mapping, "a table")

    def content_structure(value: Any, _: Any) -> tuple[Any, ...]:
        """Section content: a list of paragraphs (plain strings) and ``kind = …`` tables."""
        if not isinstance(value, list):
            raise TypeError(f"expected a list of content, got {_describe(value)}")
        built, errors = [], []
        for index, entry in enumerate(value):
            try:
                built.append(structure_content_entry(entry))
            except Exception as error:
                note = IterableValidationNote(f"content @ index {index}", index, object)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError("invalid content", errors, tuple)
        return tuple(built)

    def structure_content_entry(entry: Any) -> Any:
        if isinstance(entry, str):
            return ParagraphData(text=entry)
        if not isinstance(entry, Mapping):
            raise TypeError(f"expected text or a table with a kind, got {_describe(entry)}")
        if "kind" not in entry:
            raise KindError("needs a 'kind' (for instance kind = \"paragraph\")")
        kind_name = entry["kind"]
        kind = registry.section_kinds.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            raise KindError(_unknown_kind_message(kind_name, registry))
        fields = {key: item for key, item in entry.items() if key != "kind"}
        # The kind's class and validators are the plugin's code: what they raise as a problem
        # with the data (ValueError, TypeError…) is reported at its place, anything else, or
        # a validator that never returns, as the plugin's failure.
        action = f"section kind {kind.name!r} reading its data"
        with registry.running_item("govreport_section_kinds", kind, action, passes=(Exception,)):
            return converter.structure(fields, kind.data_type)

    converter.register_structure_hook_factory(attrs.has, attrs_factory)
    converter.register_structure_hook_factory(_is_sequence, sequence_factory)
    converter.register_structure_hook_factory(_is_mapping, mapping_factory)
    converter.register_structure_hook_factory(_is_literal, _literal_factory)
    return converter


class KindError(ValueError):
    """A content entry's ``kind`` is missing or unknown."""


def _unknown_kind_message(kind_name: object, registry: Registry) -> str:
    known = sorted(registry.section_kinds)
    message = f"unknown section kind {kind_name!r}"
    close = closest(kind_name, known)
    if close:
        message += f"; did you mean {close!r}?"
    else:
        message += f"; known kinds: {', '.join(known)}. Is the plugin that provides it installed?"
    return message + registry.failure_note()


def _join(path: str, note: object) -> str:
    if isinstance(note, AttributeValidationNote):
        return f"{path}.{note.name}" if path else note.name
    if isinstance(note, IterableValidationNote):
        index = note.index
        if isinstance(index, str):
            return f"{path}.{index}" if path else index
        return f"{path}[{index}]"
    return path


def _did_you_mean(key: str, cl: type) -> str:
    names = [field.name for field in attrs.fields(cl)]
    close = closest(key, names)
    return f"; did you mean {close!r}?" if close else f"; expected one of: {', '.join(names)}"


def problems_from(error: BaseException, path: str = "") -> Iterator[Problem]:
    """Flatten a cattrs validation error tree into problems with file paths."""
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        for inner in error.exceptions:
            notes = [
                note
                for note in getattr(inner, "__notes__", [])
                if isinstance(note, (AttributeValidationNote, IterableValidationNote))
            ]
            yield from problems_from(inner, _join(path, notes[-1]) if notes else path)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            where = f"{path}.{key}" if path else key
            yield Problem(where, "unknown key" + _did_you_mean(key, error.cl))
    elif isinstance(error, TableProblems):
        for problem in error.problems:
            where = f"{path}.{problem.location}" if problem.location else path
            yield Problem(where, problem.message)
    elif isinstance(error, KeyError):
        yield Problem(path, "required, but missing")
    elif isinstance(error, FieldValueError):
        yield Problem(f"{path}.{error.field}" if path else error.field, str(error))
    elif isinstance(error, (ValueError, TypeError)):
        yield Problem(path, str(error))
    else:
        raise error


_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 (and so .docx and HTML) cannot carry, and DEL."""


def _check_references(report: Report, registry: Registry) -> Iterator[Problem]:
    """Problems a type cannot express: the edition, the parts and the placeholders."""
    edition = registry.editions.get(report.edition)
    if edition is None:
        known = ", ".join(sorted(registry.editions))
        close = closest(report.edition, registry.editions)
        hint = f"did you mean {close!r}?" if close else f"known editions: {known}"
        message = f"unknown edition {report.edition!r}; {hint}" + registry.failure_note()
        yield Problem("edition", message)
    seen: dict[str, int] = {}
    for index, section in enumerate(report.sections):
        yield from _check_section(section, index, edition, seen)
    introduction: list[tuple[str, str]] = []
    sections: list[tuple[str, str]] = []
    for path, value in memoized("walk", report, lambda: list(walk(report))):
        if not isinstance(value, str):
            continue
        if bad := _FORBIDDEN_CHARACTERS.search(value):
            yield Problem(
                path,
                f"contains the control character U+{ord(bad.group()):04X}, which no document "
                "can hold; delete it (it often comes from copying out of another program)",
            )
        if path.startswith("introduction["):
            introduction.append((path, value))
        elif path.startswith("sections["):
            sections.append((path, value))
    known_values = {"year", "next_year", "agency", *report.figures}
    for path, value in introduction + sections:
        try:
            unknown = [name for name in placeholders(value) if name not in known_values]
        except PlaceholderError as error:
            yield Problem(path, str(error))
            continue
        for name in unknown:
            figures = "、".join(sorted(report.figures)) or "none defined"
            message = (
                f"unknown placeholder {{{name}}}; use {{year}}, {{next_year}}, {{agency}} "
                f"or a name from [figures] ({figures})"
            )
            yield Problem(path, message)


def _check_section(
    section: Section, index: int, edition: Any, seen: dict[str, int]
) -> Iterator[Problem]:
    place = f"sections[{index}]"
    if section.part is None:
        if not section.title:
            yield Problem(place, "needs a 'part' of the edition or a 'title' of its own")
        return
    if section.part in seen:
        yield Problem(
            f"{place}.part", f"part {section.part!r} already at sections[{seen[section.part]}]"
        )
    seen[section.part] = index
    if edition is not None and edition.part(section.part) is None:
        keys = [part.key for part in edition.parts]
        close = closest(section.part, keys)
        hint = f"did you mean {close!r}?" if close else f"its parts: {', '.join(keys)}"
        yield Problem(
            f"{place}.part", f"edition {edition.name!r} has no part {section.part!r}; {hint}"
        )


def _check_numbering(report: Report) -> Iterator[Problem]:
    """Lists numbered in Chinese numerals (一、 （一） 一是) that run past the last numeral."""
    last = chinese_numeral(MAX_NUMERAL)

    def too_long(path: str, count: int, what: str, numbers: str) -> Problem:
        message = f"{count} {what}; they are numbered {numbers}, so at most {MAX_NUMERAL} ({last})"
        return Problem(path, message)

    if len(report.sections) > MAX_NUMERAL:
        yield too_long("sections", len(report.sections), "sections", "一、二、…")
    for path, value in memoized("walk", report, lambda: list(walk(report))):
        if isinstance(value, tuple):
            subparts = sum(isinstance(entry, SubpartData) for entry in value)
            if subparts > MAX_NUMERAL:
                yield too_long(path, subparts, "sub-parts in one list", "（一）（二）…")
        elif isinstance(value, EnumerationData) and len(value.items) > MAX_NUMERAL:
            yield too_long(f"{path}.items", len(value.items), "points", "一是、二是…")
        points = getattr(value, "points", None)
        if isinstance(points, tuple) and len(points) > MAX_NUMERAL:
            yield too_long(f"{path}.points", len(points), "points", "一是、二是…")


def _local_plugins(raw: dict[str, Any], source: str) -> list[str]:
    plugins = raw.get("plugins", [])
    if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
        raise ReportError(source, [Problem("plugins", "expected a list of plugin file paths")])
    return plugins


_VALIDATION_ERRORS = (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError)
_FIELD_ERROR = (FieldValueError,)


def _table_format(raw: Mapping[str, Any], edition_name: object, registry: Registry) -> TableFormat:
    """The format ``[tables]`` follows: the edition's own, or the one ``format`` names."""
    formats = table_formats(registry)
    edition = registry.editions.get(edition_name) if isinstance(edition_name, str) else None
    name = raw.get("format")
    if name is None:
        if edition is not None and edition.tables is not None:
            return edition.tables
        why = (
            f"edition {edition_name!r} has no tables of its own"
            if edition is not None
            else "the edition is unknown"
        )
        message = f"required: {why}; name the format, one of: {', '.join(sorted(formats))}"
        raise TableProblems([Problem("format", message)])
    if not isinstance(name, str) or name not in formats:
        close = closest(name, formats)
        hint = f"did you mean {close!r}?" if close else f"known: {', '.join(sorted(formats))}"
        raise TableProblems([Problem("format", f"unknown table format {name!r}; {hint}")])
    if edition is not None and edition.tables is not None and edition.tables.name != name:
        message = f"edition {edition.name!r} uses the {edition.tables.name} tables, not {name}"
        raise TableProblems([Problem("format", message)])
    return formats[name]


def _tables_hook(edition_name: str | None, registry: Registry) -> Callable[[Any, Any], Tables]:
    def structure(value: Any, _: Any) -> Tables:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a table, got {_describe(value)}")
        return structure_tables(value, _table_format(value, edition_name, registry))

    return structure


def _converter(registry: Registry, edition_name: object, text_dates: bool) -> cattrs.Converter:
    """The converter for reports of one edition, made once per registry, edition and date style.

    A converter keeps the code it generates for each class: making one per report cost more
    than the rest of loading and checking it.
    """
    edition = registry.editions.get(edition_name) if isinstance(edition_name, str) else None
    key = ("loader.converter", edition.name if edition is not None else None, text_dates)
    converter = registry.memo.get(key)
    if converter is None:
        converter = make_converter(registry, text_dates)
        converter.register_structure_hook(Tables, _tables_hook(key[1], registry))
        registry.memo[key] = converter
    return converter


def _output_options(
    report: Report, registry: Registry, converter: cattrs.Converter
) -> tuple[dict[str, Any], list[Problem]]:
    """Structure each ``[output.<format>]`` table with its renderer's options type."""
    options: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in report.output.items():
        renderer = registry.renderers.get(name)
        if renderer is None:
            known = ", ".join(sorted(registry.renderers))
            problems.append(Problem(f"output.{name}", f"unknown output format; known: {known}"))
        elif renderer.options_type is None:
            problems.append(Problem(f"output.{name}", f"format {name!r} takes no options"))
        else:
            guard = registry.running_item
            try:
                action = f"renderer {name!r} options"
                with guard("govreport_renderers", renderer, action, passes=_VALIDATION_ERRORS):
                    options[name] = converter.structure(raw, renderer.options_type)
            except _VALIDATION_ERRORS as error:
                problems += problems_from(error, f"output.{name}")
                continue
            if renderer.check_options is not None:
                action = f"renderer {name!r} check_options"
                try:
                    with guard("govreport_renderers", renderer, action, passes=_FIELD_ERROR):
                        call_with_supported_arguments(
                            renderer.check_options, options=options[name], registry=registry
                        )
                except FieldValueError as error:
                    problems.append(Problem(f"output.{name}.{error.field}", str(error)))
    return options, problems


def structure_report(
    raw: dict[str, Any], registry: Registry, source: str, text_dates: bool = False
) -> tuple[Report, dict[str, Any]]:
    """Structure parsed TOML (or JSON, with ``text_dates``) into a Report and its output options.

    Raises ReportError listing every problem found.
    """
    converter = _converter(registry, raw.get("edition"), text_dates)
    try:
        report = converter.structure(raw, Report)
    except _VALIDATION_ERRORS as error:
        raise ReportError(source, list(problems_from(error))) from None
    problems = [*_check_references(report, registry), *_check_numbering(report)]
    options, option_problems = _output_options(report, registry, converter)
    problems += option_problems
    if problems:
        raise ReportError(source, problems)
    return report, options


def load(
    path: str | Path,
    registry: Registry | None = None,
    *,
    allow_local_plugins: bool | None = None,
) -> LoadedReport:
    """Load a report file (or a folder holding ``report.toml``); a ``.json`` file is read as JSON.

    Plugin files the report names for itself run only when ``allow_local_plugins`` is true (by
    default, when ``GOVREPORT_ALLOW_LOCAL_PLUGINS=1``); a report that names one that may not run
    is a ReportError. They are loaded into a fresh registry unless one is given; other reports
    share the process's registry of built-in and installed plugins.
    """
    file = resolve_report_path(path)
    raw = read_report_data(file)
    if registry is None:
        registry = _registry_for(_local_plugins(raw, str(file)), file, allow_local_plugins)
    text_dates = file.suffix.lower() == ".json"
    report, options = structure_report(raw, registry, str(file), text_dates)
    return LoadedReport(report, registry, file, options)


def _registry_for(written: list[str], file: Path, allowed: bool | None) -> Registry:
    """The registry for a report naming the plugin files ``written``."""
    if not written:
        return shared_registry()
    if allowed is None:
        allowed = local_plugins.allowed_by_environment()
    disabled = names_in(DISABLE_ENV) or set()
    plugins, problems = local_plugins.resolve(written, file.parent, allowed, disabled)
    if problems:
        raise ReportError(str(file), problems)
    return load_registry(plugins) if plugins else shared_registry()


TEXT_SOURCE = "<text>"
"""How messages name a report loaded from text with no folder of its own."""


def loads(
    text: str,
    base: str | Path | None = None,
    *,
    registry: Registry | None = None,
    allow_local_plugins: bool | None = None,
) -> LoadedReport:
    """Load a report from its TOML text, as :func:`load` loads a file.

    ``base`` is the folder the report is taken to be in: the plugin files it names are found
    there, messages name ``<base>/report.toml`` and ``write`` puts ``build/`` in it. Without a
    folder, messages name ``<text>``, the report may name no plugin files of its own and
    ``write`` needs an output folder.
    """
    file = Path(base) / REPORT_FILE if base is not None else None
    source = str(file) if file is not None else TEXT_SOURCE
    raw = parse_toml(_usable_text(text, source), source)
    if registry is None:
        written = _local_plugins(raw, source)
        if not written:
            registry = shared_registry()
        elif file is None:
            message = (
                "a report loaded from text with no folder cannot name plugin files; "
                "give the folder that holds them as base"
            )
            raise ReportError(source, [Problem("plugins", message)])
        else:
            registry = _registry_for(written, file, allow_local_plugins)
    report, options = structure_report(raw, registry, source)
    return LoadedReport(report, registry, file, options)


def _usable_text(text: str, source: str) -> str:
    """Report text held to what :func:`load` asks of a file: UTF-8, not empty, at most
    :data:`MAX_FILE_BYTES` long; without the byte order mark an editor may have left."""
    try:
        size = len(str.encode(text, "utf-8"))
    except UnicodeEncodeError as error:
        message = f"holds a lone surrogate at position {error.start}, which no file can hold"
        raise ReportError(source, [Problem("", message)]) from None
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ReportError(source, [Problem("", f"text is larger than {limit} MiB")])
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ReportError(source, [Problem("", "text is empty")])
    return text
