"""Rendering a loaded report: one format in memory, or every format written to files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ._atomic import write_all
from ._availability import unavailable_because
from ._calling import call_with_supported_arguments
from .build import build_document
from .document import Document
from .errors import GovreportError, PluginError, Problem, ReportError
from .model import REPORT_FILE
from .renderers import Renderer
from .validators import FieldValueError

if TYPE_CHECKING:
    from .loader import LoadedReport
    from .plugins import Registry

DEFAULT_OUTPUT_FOLDER = "build"
TEXT_STEM = "report"
"""The name of the outputs of a report loaded from text with no folder of its own."""

_INVALID = (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError)


def output_stem(report_path: Path | None) -> str:
    """Outputs are named after the report: its folder's name for ``report.toml``, else its stem."""
    if report_path is None:
        return TEXT_STEM
    if report_path.name == REPORT_FILE:
        return report_path.resolve().parent.name
    return report_path.stem


def default_folder(report_path: Path | None) -> Path:
    """``build/`` beside the report; refused when it is a symbolic link, which could lead the
    outputs anywhere on disk (an explicit ``-o`` may point anywhere)."""
    if report_path is None:
        raise GovreportError("从文字读入的报告没有所在文件夹，无处写 build/：请给出 out_dir")
    folder = report_path.parent / DEFAULT_OUTPUT_FOLDER
    if folder.is_symlink():
        raise GovreportError(
            f"{folder} 是符号链接；只有报告旁的 {DEFAULT_OUTPUT_FOLDER}/ 是真实的文件夹时，"
            "govreport 才会写入其中：请删去这个链接，或用 -o 选择输出文件夹"
        )
    return folder


def renderer_named(loaded: LoadedReport, name: str) -> Renderer:
    """The renderer of an output format; an unknown format is a GovreportError."""
    registry = loaded.registry
    renderer = registry.renderers.get(name)
    if renderer is None:
        known = ", ".join(sorted(registry.renderers))
        raise GovreportError(
            f"没有这种输出格式 {name!r}；可用的格式：{known}" + registry.failure_note()
        )
    return renderer


def _options(loaded: LoadedReport, renderer: Renderer, override: Mapping[str, Any]) -> Any:
    """The options ``renderer.render`` receives: the report's ``[output.<name>]`` settings with
    ``override`` set over them, then what the renderer's ``resolve_options`` makes of them."""
    options = loaded.output_options.get(renderer.name) or renderer.default_options()
    if override:
        options = _overridden(loaded, renderer, override)
    if renderer.resolve_options is not None:
        action = f"renderer {renderer.name!r} resolve_options"
        with loaded.registry.running_item("govreport_renderers", renderer, action):
            options = call_with_supported_arguments(
                renderer.resolve_options, options=options, registry=loaded.registry
            )
    return options


def _overridden(loaded: LoadedReport, renderer: Renderer, override: Mapping[str, Any]) -> Any:
    """The report's ``[output.<name>]`` settings with ``override`` set over them, checked as the
    loader checks that table (a ReportError says what is wrong)."""
    if renderer.options_type is None:
        raise GovreportError(f"格式 {renderer.name!r} 没有选项")
    from ._converter import make_converter, problems_from

    registry = loaded.registry
    raw = {**loaded.report.output.get(renderer.name, {}), **override}
    source = f"{renderer.name} options"
    guard = registry.running_item
    try:
        with guard("govreport_renderers", renderer, f"renderer {source}", passes=_INVALID):
            options = make_converter(registry).structure(raw, renderer.options_type)
    except _INVALID as error:
        raise ReportError(source, list(problems_from(error))) from None
    if renderer.check_options is not None:
        action = f"renderer {renderer.name!r} check_options"
        try:
            with guard("govreport_renderers", renderer, action, passes=(FieldValueError,)):
                call_with_supported_arguments(
                    renderer.check_options, options=options, registry=registry
                )
        except FieldValueError as error:
            raise ReportError(source, [Problem(error.field, str(error))]) from None
    return options


def render_one(
    loaded: LoadedReport,
    renderer: Renderer,
    document: Document,
    override: Mapping[str, Any] | None = None,
) -> str | bytes:
    """The document in one format, as its renderer returned it: text or bytes.

    ``override`` sets options over the report's own (``{"fragment": True}`` for HTML). What
    a renderer returns that cannot be written (neither text nor bytes, text with a lone
    surrogate) is a PluginError naming the plugin, as is any failure of the renderer.
    """
    registry = loaded.registry
    name = renderer.name
    reason = unavailable_because(loaded.registry, renderer)
    if reason is not None:
        raise GovreportError(f"无法生成 {name} 格式：{reason}")
    with registry.running_item("govreport_renderers", renderer, f"renderer {name!r}"):
        options = _options(loaded, renderer, override or {})
        result = call_with_supported_arguments(
            renderer.render,
            document=document,
            report=loaded.report,
            options=options,
            registry=registry,
        )
    plugin = registry.provider("govreport_renderers", renderer)
    if isinstance(result, bytes):
        return result
    if not isinstance(result, str):
        message = f"renderer {name!r} returned {type(result).__name__}"
        raise PluginError(plugin, message)
    try:
        str.encode(result, "utf-8")  # str's own: a plugin's subclass cannot change it
    except UnicodeEncodeError as error:
        message = f"renderer {name!r} returned text with a lone surrogate at position {error.start}"
        raise PluginError(plugin, message) from None
    return result


def prepare_renderers(registry: Registry, formats: Sequence[str]) -> None:
    """Call the ``prepare`` of each renderer of ``formats`` that has one (see
    :class:`~govreport.renderers.Renderer`); a plugin's failure is a PluginError."""
    for name in formats:
        renderer = registry.renderers.get(name)
        if renderer is not None and renderer.prepare is not None:
            action = f"renderer {name!r} prepare"
            with registry.running_item("govreport_renderers", renderer, action):
                renderer.prepare()


class PreparedOutputs:
    """A report's outputs, rendered but not yet written: each target with its renderer and its
    bytes, or None while the renderer's ``render_many`` has yet to make them in a batch."""

    def __init__(self, loaded: LoadedReport, document: Document) -> None:
        self.loaded = loaded
        self.document = document
        self.outputs: list[tuple[Path, Renderer, bytes | None]] = []
        self.options: dict[str, Any] = {}
        """The options each batched format renders with."""


def prepare_outputs(
    loaded: LoadedReport,
    formats: Sequence[str],
    out_dir: Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    batched: bool = False,
) -> PreparedOutputs:
    """Render the report to each format, in memory; when ``batched``, the formats whose renderer
    has ``render_many`` are left for :func:`render_batch`."""
    renderers = [renderer_named(loaded, name) for name in formats]
    folder = out_dir if out_dir is not None else default_folder(loaded.path)
    document = build_document(loaded.report, loaded.registry)
    stem = output_stem(loaded.path)
    source = loaded.path.resolve() if loaded.path is not None else None
    prepared = PreparedOutputs(loaded, document)
    for renderer in renderers:
        target = folder / f"{stem}.{renderer.extension}"
        if target.resolve() == source:
            raise GovreportError(f"不会把 {target} 写在生成它的报告上")
        override = (overrides or {}).get(renderer.name)
        if batched and renderer.render_many is not None:
            reason = unavailable_because(loaded.registry, renderer)
            if reason is not None:
                raise GovreportError(f"无法生成 {renderer.name} 格式：{reason}")
            action = f"renderer {renderer.name!r}"
            with loaded.registry.running_item("govreport_renderers", renderer, action):
                prepared.options[renderer.name] = _options(loaded, renderer, override or {})
            prepared.outputs.append((target, renderer, None))
            continue
        result = render_one(loaded, renderer, document, override)
        data = result if isinstance(result, bytes) else str.encode(result, "utf-8")
        prepared.outputs.append((target, renderer, data))
    return prepared


def render_batch(batch: Sequence[PreparedOutputs]) -> None:
    """Make the outputs the reports left to ``render_many``: one call per renderer for all of
    them. Any failure is raised (a PluginError naming the plugin for a renderer's own)."""
    waiting: dict[tuple[str, Any], list[tuple[PreparedOutputs, int]]] = defaultdict(list)
    for prepared in batch:
        for index, (_, renderer, data) in enumerate(prepared.outputs):
            if data is None:
                waiting[renderer.name, renderer.render_many].append((prepared, index))
    for (name, render_many), places in waiting.items():
        first = places[0][0]
        registry = first.loaded.registry
        renderer = first.outputs[places[0][1]][1]
        action = f"renderer {name!r}"
        # one call does the work of a render per report: the time limit is per report
        with registry.running_item("govreport_renderers", renderer, action, calls=len(places)):
            results = call_with_supported_arguments(
                render_many,
                documents=[prepared.document for prepared, _ in places],
                options=[prepared.options[name] for prepared, _ in places],
                registry=registry,
            )
        plugin = registry.provider("govreport_renderers", renderer)
        if not isinstance(results, list) or len(results) != len(places):
            message = f"renderer {name!r} render_many did not return one output per document"
            raise PluginError(plugin, message)
        for (prepared, index), result in zip(places, results, strict=True):
            if not isinstance(result, (bytes, str)):
                message = f"renderer {name!r} render_many returned {type(result).__name__}"
                raise PluginError(plugin, message)
            data = result if isinstance(result, bytes) else str.encode(result, "utf-8")
            target, _, _ = prepared.outputs[index]
            prepared.outputs[index] = (target, renderer, data)


def write_prepared(prepared: PreparedOutputs) -> list[Path]:
    """Write a report's outputs together, all or none; returns their paths."""
    rendered = [(target, data) for target, _, data in prepared.outputs if data is not None]
    if len(rendered) != len(prepared.outputs):
        raise GovreportError("有输出尚未生成，不写入任何文件")
    write_all(rendered)
    return [target for target, _ in rendered]


def render_outputs(
    loaded: LoadedReport,
    formats: Sequence[str],
    out_dir: Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Path]:
    """Render the report to each format and write the files; returns the paths written.

    ``overrides`` sets renderer options over the report's own (``{"html": {"fragment": True}}``).
    Every format is rendered before anything is written, so a renderer that fails leaves no
    output of this build behind; the files are then written together, all or none.
    """
    return write_prepared(prepare_outputs(loaded, formats, out_dir, overrides))
