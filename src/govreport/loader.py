"""Loading a report file: TOML (or JSON) → the attrs model, with every problem reported at once.

Reading the file safely (regular files only, bounded), choosing the registry (a report's own
plugins only when allowed), structuring it strictly (:mod:`govreport._converter`) and the checks a
type cannot express (edition, parts, placeholders). Each problem names its place in the file
(``sections[0].content[2].passed``) and what was expected there.
"""

from __future__ import annotations

import errno
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from . import _local_plugins, _memo
from ._calling import call_with_supported_arguments
from ._converter import (
    describe,
    make_converter,
    problems_from,
)
from ._discovery import DISABLE_ENV, names_in
from ._files import NOT_A_FILE, read_bytes, reason
from ._records import record
from ._verbs import ReportVerbs
from .editions import Edition
from .errors import Problem, ReportError
from .figures import CellPathError, cell_places, reference_problems
from .model import (
    REPORT_FILE,
    SCALARS,
    Report,
    Section,
    Tables,
    nodes_by_type,
    nodes_of,
    resolve,
)
from .numbering import MAX_NUMERAL, chinese_numeral
from .placeholders import (
    BUILT_IN_PLACEHOLDERS,
    CELL_PREFIX,
    PlaceholderError,
    placeholder_values,
    placeholders,
)
from .plugins import Registry, load_registry, shared_registry
from .suggest import closest
from .tables.loading import TableProblems, structure_tables
from .tables.reports import table_formats, table_values
from .tables.spec import TableFormat
from .tables.totals import TableValues
from .validators import FieldValueError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

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
    _worked_out: _memo.Held = attrs.field(init=False, factory=dict, eq=False, repr=False)
    """What loading worked out about this report (its nodes), for its checks to reuse."""

    @property
    def edition(self) -> Edition:
        """The edition the report follows, resolved when it was loaded."""
        edition = self.report.edition_spec
        assert edition is not None, "a loaded report has its edition"
        return edition

    @property
    def table_format(self) -> TableFormat | None:
        """The format its tables follow (the one ``[tables]`` names, else its edition's)."""
        return self.report.table_format

    @property
    def tables(self) -> dict[str, TableValues]:
        """The values of each table of its format, by key, totals as the report says."""
        table_format = self.report.table_format
        if table_format is None:
            return {}
        values = {spec.key: table_values(self.report, spec.key) for spec in table_format.tables}
        return {key: value for key, value in values.items() if value is not None}

    def _loaded(self, path: str | Path) -> LoadedReport:
        """Another report file, loaded as :func:`load` loads it (``check(previous=path)``)."""
        return load(path)


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
        why = f"文件夹中没有 {REPORT_FILE}" if missing else reason(error)
        raise ReportError(str(candidate), [Problem("", why)]) from None
    if inner_is_a_folder:
        raise ReportError(str(inner), [Problem("", NOT_A_FILE)])
    return inner


def _read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A report file's text, turning every way reading it can fail into a ReportError."""
    source = str(path)
    data = read_bytes(path, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"不是 UTF-8 编码的文字（第 {error.start} 字节）；请另存为 UTF-8"
        raise ReportError(source, [Problem("", message)]) from None
    if not text.strip():
        raise ReportError(source, [Problem("", "文件是空的")])
    return text


def _refuse_shape(data: Any, source: str) -> None:
    """Refuse data nested too deep or holding too many values (None: the parser gave up)."""
    depth, values = (MAX_NESTING + 1, 0) if data is None else _shape(data)
    if depth > MAX_NESTING:
        message = f"表和列表嵌套超过 {MAX_NESTING} 层"
        raise ReportError(source, [Problem("", message)])
    if values > MAX_VALUES:
        message = f"键和列表项超过 {MAX_VALUES:,} 个；真实的报告最多几千个"
        raise ReportError(source, [Problem("", message)])


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a report file, turning every way it can fail into a ReportError."""
    return parse_toml(_read_text(path), str(path))


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse report text; a syntax error or too deep nesting is a ReportError naming source."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportError(source, [Problem("", _toml_problem(error))]) from None
    except RecursionError:
        data = None
    _refuse_shape(data, source)
    return data


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def _toml_problem(error: Exception) -> str:
    """A TOML syntax error in words for the author: the place first, the parser's detail after."""
    detail = str(error)
    place = _TOML_PLACE.search(detail)
    if place is None:
        return f"不是有效的 TOML 文件：{detail}"
    where = f"第 {place[1]} 行第 {place[2]} 列" if place[1] else "文件末尾"
    return f"不是有效的 TOML 文件，错在{where}（{detail[: place.start()]}）"


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
                raise ValueError(f"同一对象中键 {key!r} 出现了两次")
            seen.add(key)
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} 不是报告能容纳的数字")


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
        raise ReportError(source, [Problem("", f"不是有效的 JSON 文件：{error}")]) from None
    except RecursionError:
        data = None
    _refuse_shape(data, source)
    if not isinstance(data, dict):
        message = f"最外层应为 JSON 对象，实际为 {describe(data)}"
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


_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 (and so .docx and HTML) cannot carry, and DEL."""


def _check_references(report: Report, registry: Registry) -> Iterator[Problem]:
    """Problems a type cannot express: the edition, the parts and the placeholders."""
    edition = report.edition_spec
    if edition is None:
        known = ", ".join(sorted(registry.editions))
        close = closest(report.edition, registry.editions)
        hint = f"是不是 {close!r}？" if close else f"可用的版本：{known}"
        message = f"没有这个版本 {report.edition!r}；{hint}" + registry.failure_note()
        yield Problem("edition", message)
    seen: dict[str, int] = {}
    for index, section in enumerate(report.sections):
        yield from _check_section(section, index, edition, seen)
    texts = nodes_of(report, str)
    if _FORBIDDEN_CHARACTERS.search("\n".join(value for _, value in texts)):
        for path, value in texts:
            if bad := _FORBIDDEN_CHARACTERS.search(value):
                yield Problem(
                    path,
                    f"含有控制字符 U+{ord(bad.group()):04X}，文档无法容纳；请删去"
                    "（它常来自从其他程序复制的文字）",
                )
    introduction = [(path, value) for path, value in texts if path.startswith("introduction[")]
    sections = [(path, value) for path, value in texts if path.startswith("sections[")]
    for location, message in reference_problems(report):
        yield Problem(location, message)
    known_values = placeholder_values(report)
    for path, value in introduction + sections:
        try:
            unknown = [name for name in placeholders(value) if name not in known_values]
        except PlaceholderError as error:
            yield Problem(path, str(error))
            continue
        for name in unknown:
            if name.startswith(CELL_PREFIX):
                yield Problem(path, f"{{{name}}}：{_cell_problem(report, name)}")
                continue
            figures = "、".join(sorted(report.figures)) or "尚未定义"
            built_in = ", ".join(f"{{{known}}}" for known in BUILT_IN_PLACEHOLDERS)
            message = (
                f"没有这个占位符 {{{name}}}；请用 {built_in} 或 [figures] 中的名称（{figures}）"
            )
            yield Problem(path, message)


def _cell_problem(report: Report, name: str) -> str:
    """Why a ``{tables.…}`` placeholder names no cell."""
    try:
        cell_places(report, name.removeprefix(CELL_PREFIX))
    except CellPathError as error:
        return str(error)
    return "不是统计表中的单元格"


def _check_section(
    section: Section, index: int, edition: Any, seen: dict[str, int]
) -> Iterator[Problem]:
    place = f"sections[{index}]"
    if section.part is None:
        if not section.title:
            yield Problem(place, "需要版本中的 part，或自己的 title")
        return
    if section.part in seen:
        yield Problem(
            f"{place}.part", f"part {section.part!r} 已在 sections[{seen[section.part]}] 出现"
        )
    seen[section.part] = index
    if edition is not None and edition.part(section.part) is None:
        keys = [part.key for part in edition.parts]
        close = closest(section.part, keys)
        hint = f"是不是 {close!r}？" if close else f"它的部分有：{', '.join(keys)}"
        yield Problem(f"{place}.part", f"版本 {edition.name!r} 没有部分 {section.part!r}；{hint}")


_NUMBERED_KINDS = ("subpart", "enumeration")
"""The kinds whose sub-parts and points are numbered （一） and 一是."""


def _check_numbering(report: Report, registry: Registry) -> Iterator[Problem]:
    """Lists numbered in Chinese numerals (一、 （一） 一是) that run past the last numeral.

    The ``subpart`` and ``enumeration`` kinds are found by name, whichever plugin provides them.
    """
    last = chinese_numeral(MAX_NUMERAL)
    kinds = registry.section_kinds
    subpart, enumeration = (kinds[n].data_type if n in kinds else None for n in _NUMBERED_KINDS)

    def too_long(path: str, count: int, what: str, numbers: str) -> Problem:
        message = f"{count} 个{what}；编号为 {numbers}，最多 {MAX_NUMERAL} 个（{last}）"
        return Problem(path, message)

    if len(report.sections) > MAX_NUMERAL:
        yield too_long("sections", len(report.sections), "部分", "一、二、…")
    found: list[tuple[int, Problem]] = []  # by place in the walk: problems in the file's order
    for kind, entries in nodes_by_type(report).items():
        if kind in SCALARS:  # most of a report's values: nothing numbered inside
            continue
        for position, path, value in entries:
            if isinstance(value, tuple):
                subparts = sum(type(entry) is subpart for entry in value)
                if subparts > MAX_NUMERAL:
                    problem = too_long(path, subparts, "小部分（同一列表中）", "（一）（二）…")
                    found.append((position, problem))
            elif kind is enumeration and len(value.items) > MAX_NUMERAL:
                problem = too_long(f"{path}.items", len(value.items), "要点", "一是、二是…")
                found.append((position, problem))
            points = getattr(value, "points", None)
            if isinstance(points, tuple) and len(points) > MAX_NUMERAL:
                problem = too_long(f"{path}.points", len(points), "要点", "一是、二是…")
                found.append((position, problem))
    for _, problem in sorted(found, key=lambda entry: entry[0]):
        yield problem


def _plugins_named(raw: dict[str, Any], source: str) -> list[str]:
    plugins = raw.get("plugins", [])
    if not isinstance(plugins, list) or not all(isinstance(p, str) for p in plugins):
        raise ReportError(source, [Problem("plugins", "应为插件文件路径的列表")])
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
        why = f"版本 {edition_name!r} 没有自己的表" if edition is not None else "版本未知"
        message = f"必填：{why}；请写明格式，{'、'.join(sorted(formats))} 之一"
        raise TableProblems([Problem("format", message)])
    if not isinstance(name, str) or name not in formats:
        close = closest(name, formats)
        hint = f"是不是 {close!r}？" if close else f"可用的有：{', '.join(sorted(formats))}"
        raise TableProblems([Problem("format", f"没有这种表格格式 {name!r}；{hint}")])
    if edition is not None and edition.tables is not None and edition.tables.name != name:
        message = f"版本 {edition.name!r} 使用 {edition.tables.name} 的表，不是 {name}"
        raise TableProblems([Problem("format", message)])
    return formats[name]


def _tables_hook(edition_name: str | None, registry: Registry) -> Callable[[Any, Any], Tables]:
    def structure(value: Any, _: Any) -> Tables:
        if not isinstance(value, Mapping):
            raise TypeError(f"应为表（{{ … }}），实际为 {describe(value)}")
        table_format = _table_format(value, edition_name, registry)
        cells, compute, unpublished = structure_tables(value, table_format)
        return Tables(
            format=table_format.name, compute_totals=compute, cells=cells, unpublished=unpublished
        )

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
            problems.append(Problem(f"output.{name}", f"没有这种输出格式；可用的有：{known}"))
        elif renderer.options_type is None:
            problems.append(Problem(f"output.{name}", f"格式 {name!r} 没有选项"))
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


def _resolved_format(
    report: Report, edition: Edition | None, registry: Registry
) -> TableFormat | None:
    """The format the report's tables follow: the one ``[tables]`` named (checked while
    structuring), else its edition's."""
    if report.tables is not None:
        return table_formats(registry).get(report.tables.format)
    return edition.tables if edition is not None else None


def structure_report(
    raw: dict[str, Any], registry: Registry, source: str, text_dates: bool = False
) -> tuple[Report, dict[str, Any]]:
    """Structure parsed TOML (or JSON, with ``text_dates``) into a Report and its output options.

    The report's edition and table format are resolved here, once (``report.edition_spec``,
    ``report.table_format``): what reads the report later never looks them up again by name.

    Raises ReportError listing every problem found.
    """
    converter = _converter(registry, raw.get("edition"), text_dates)
    try:
        report = converter.structure(raw, Report)
    except _VALIDATION_ERRORS as error:
        raise ReportError(source, list(problems_from(error))) from None
    edition = registry.editions.get(report.edition)
    resolve(report, edition, _resolved_format(report, edition, registry))
    problems = [*_check_references(report, registry), *_check_numbering(report, registry)]
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

    A published document (``.html``, ``.docx``, ``.pdf``: any suffix an installed reader takes)
    is read and mapped to a report, as ``govreport import`` does, without writing anything.

    Plugin files the report names for itself run only when ``allow_local_plugins`` is true (by
    default, when ``GOVREPORT_ALLOW_LOCAL_PLUGINS=1``); a report that names one that may not run
    is a ReportError. They are loaded into a fresh registry unless one is given; other reports
    share the process's registry of built-in and installed plugins.
    """
    file = resolve_report_path(path)
    if file.suffix.lower() not in REPORT_SUFFIXES:
        loaded = _load_document(file, registry)
        if loaded is not None:
            return loaded
    raw = read_report_data(file)
    if registry is None:
        registry = _registry_for(_plugins_named(raw, str(file)), file, allow_local_plugins)
    return _structured(raw, registry, file, str(file), text_dates=file.suffix.lower() == ".json")


def _structured(
    raw: dict[str, Any],
    registry: Registry,
    file: Path | None,
    source: str,
    text_dates: bool = False,
) -> LoadedReport:
    """Parsed data as a loaded report, which keeps what loading worked out for its checks."""
    worked_out: _memo.Held = {}
    with _memo.scope(worked_out):
        report, options = structure_report(raw, registry, source, text_dates)
    loaded = LoadedReport(report, registry, file, options)
    loaded._worked_out.update(worked_out)
    return loaded


REPORT_SUFFIXES = (".toml", ".json")
"""Suffixes of report files; a file with another suffix that a reader takes is a document."""


def _load_document(file: Path, registry: Registry | None) -> LoadedReport | None:
    """The report made from a published document (nothing is written), or None when no
    reader takes the file's suffix (it is then read as a report file)."""
    from .importing.read import read_document, reader_for

    registry = registry or shared_registry()
    if reader_for(file, registry) is None:
        return None
    imported = read_document(file, registry)
    return _structured(imported.data, registry, file, str(file))


def _registry_for(written: list[str], file: Path, allowed: bool | None) -> Registry:
    """The registry for a report naming the plugin files ``written``."""
    if not written:
        return shared_registry()
    if allowed is None:
        allowed = _local_plugins.allowed_by_environment()
    disabled = names_in(DISABLE_ENV) or set()
    plugins, problems = _local_plugins.resolve(written, file.parent, allowed, disabled)
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
        written = _plugins_named(raw, source)
        if not written:
            registry = shared_registry()
        elif file is None:
            message = (
                "从文字读入、没有所在文件夹的报告不能指定插件文件；请以 base 给出存放它们的文件夹"
            )
            raise ReportError(source, [Problem("plugins", message)])
        else:
            registry = _registry_for(written, file, allow_local_plugins)
    return _structured(raw, registry, file, source)


def _usable_text(text: str, source: str) -> str:
    """Report text held to what :func:`load` asks of a file: UTF-8, not empty, at most
    :data:`MAX_FILE_BYTES` long; without the byte order mark an editor may have left."""
    try:
        size = len(str.encode(text, "utf-8"))
    except UnicodeEncodeError as error:
        message = f"第 {error.start} 个位置有孤立的代理字符，文件无法容纳"
        raise ReportError(source, [Problem("", message)]) from None
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise ReportError(source, [Problem("", f"文字大于 {limit} MiB")])
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ReportError(source, [Problem("", "文字是空的")])
    return text
