"""Building a loaded report into output files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .build import build_document
from .calling import call_with_supported_arguments
from .errors import GovreportError, PluginError
from .loader import REPORT_FILE, LoadedReport
from .output import write_all
from .renderers import Renderer

DEFAULT_OUTPUT_FOLDER = "build"


def output_stem(report_path: Path) -> str:
    """Outputs are named after the report: its folder's name for ``report.toml``, else its stem."""
    if report_path.name == REPORT_FILE:
        return report_path.resolve().parent.name
    return report_path.stem


def default_folder(report_path: Path) -> Path:
    """``build/`` beside the report; refused when it is a symbolic link, which could lead the
    outputs anywhere on disk (an explicit ``-o`` may point anywhere)."""
    folder = report_path.parent / DEFAULT_OUTPUT_FOLDER
    if folder.is_symlink():
        raise GovreportError(
            f"{folder} is a symbolic link; govreport writes into {DEFAULT_OUTPUT_FOLDER}/ beside "
            "the report only when it is a real folder there: remove the link, or choose the "
            "output folder with -o"
        )
    return folder


def _options(loaded: LoadedReport, renderer: Renderer, override: dict[str, Any]) -> Any:
    """The options ``renderer.render`` receives: the report's, ``override`` laid over, resolved."""
    options = loaded.output_options.get(renderer.name) or renderer.default_options()
    if override:
        if options is None:
            raise GovreportError(f"format {renderer.name!r} takes no options")
        options = attrs.evolve(options, **override)
    if renderer.resolve_options is not None:
        options = call_with_supported_arguments(
            renderer.resolve_options, options=options, registry=loaded.registry
        )
    return options


def _output_bytes(result: object, plugin: str, name: str) -> bytes:
    """What a renderer returned, as the bytes to write: text is written as UTF-8."""
    if isinstance(result, bytes):
        return result
    if not isinstance(result, str):
        raise PluginError(plugin, f"renderer {name!r} returned {type(result).__name__}")
    try:
        return str.encode(result, "utf-8")
    except UnicodeEncodeError as error:
        message = f"renderer {name!r} returned text with a lone surrogate at position {error.start}"
        raise PluginError(plugin, message) from None


def render_outputs(
    loaded: LoadedReport,
    formats: Sequence[str],
    out_dir: Path | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
) -> list[Path]:
    """Render the report to each format and write the files; returns the paths written.

    ``overrides`` sets renderer options over the report's own (``{"html": {"fragment": True}}``).
    Every format is rendered before anything is written, so a renderer that fails leaves no
    output of this build behind; the files are then written together, all or none.
    """
    registry = loaded.registry
    unknown = [name for name in formats if name not in registry.renderers]
    if unknown:
        known = ", ".join(sorted(registry.renderers))
        raise GovreportError(
            f"unknown output format {unknown[0]!r}; known formats: {known}"
            + registry.failure_note()
        )
    folder = out_dir if out_dir is not None else default_folder(loaded.path)
    document = build_document(loaded.report, registry)
    stem = output_stem(loaded.path)
    rendered: list[tuple[Path, bytes]] = []
    for name in formats:
        renderer = registry.renderers[name]
        target = folder / f"{stem}.{renderer.extension}"
        if target.resolve() == loaded.path.resolve():
            raise GovreportError(f"refusing to write {target} over the report it is built from")
        with registry.running_item("govreport_renderers", renderer, f"renderer {name!r}"):
            options = _options(loaded, renderer, (overrides or {}).get(name, {}))
            result = call_with_supported_arguments(
                renderer.render,
                document=document,
                report=loaded.report,
                options=options,
                registry=registry,
            )
        plugin = registry.provider("govreport_renderers", renderer)
        rendered.append((target, _output_bytes(result, plugin, name)))
    write_all(rendered)
    return [target for target, _ in rendered]
