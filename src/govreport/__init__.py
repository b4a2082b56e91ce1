"""govreport: build and check 政府信息公开工作年度报告 (annual reports on government information
disclosure) in the national format.

A report is a TOML file (``report.toml``): the edition it follows, the agency, key figures, its
sections and its statistical tables. govreport loads it into a frozen attrs model, checks it with
rules that yield findings, builds a document tree (heading numbers, computed figures and table
totals resolved) and renders that tree to Markdown, HTML or .docx::

    from govreport import load, run_checks, build_document, render_outputs

    loaded = load("examples/xinyu_commerce_2019")    # a report.toml, or the folder holding one
    for finding in run_checks(loaded.report, loaded.registry):
        print(finding.code, finding.severity.value, finding.path, finding.message)
    document = build_document(loaded.report, loaded.registry)   # Heading, Paragraph, Table blocks
    render_outputs(loaded, ["md", "html", "docx"])   # writes build/ beside the report

The same from the command line: ``govreport check PATH``, ``govreport build PATH --to md,html``,
``govreport plugins``, ``govreport new-plugin NAME``.

Plugins add section kinds (:class:`SectionKind`), rules (:func:`rule`), editions
(:class:`Edition`) and renderers (:class:`Renderer`) through the hooks in
:mod:`govreport.hookspecs`; :data:`hookimpl` marks a plugin's implementations. The built-in
features are registered the same way. The guides and references are in the repository's
``docs/`` folder (getting started, the report file reference, editions and tables, the rules
catalogue, writing plugins).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .build import BuildContext, build_document
    from .building import render_outputs
    from .checking import run_checks
    from .checks import Finding, Flag, Rule, Severity, rule
    from .document import Document, Heading, Paragraph, Run, Table, TableCell
    from .editions import Edition, Part
    from .errors import GovreportError, PluginError, Problem, ReportError
    from .hookspecs import hookimpl
    from .loader import LoadedReport, load
    from .model import Agency, Figure, LocalRegulation, Report, Section, find, walk
    from .plugins import Registry, load_registry
    from .renderers import Renderer
    from .sections import SectionKind

_EXPORTS = {
    "BuildContext": "build",
    "build_document": "build",
    "render_outputs": "building",
    "run_checks": "checking",
    "Finding": "checks",
    "Flag": "checks",
    "Rule": "checks",
    "Severity": "checks",
    "rule": "checks",
    "Document": "document",
    "Heading": "document",
    "Paragraph": "document",
    "Run": "document",
    "Table": "document",
    "TableCell": "document",
    "Edition": "editions",
    "Part": "editions",
    "GovreportError": "errors",
    "PluginError": "errors",
    "Problem": "errors",
    "ReportError": "errors",
    "hookimpl": "hookspecs",
    "LoadedReport": "loader",
    "load": "loader",
    "Agency": "model",
    "Figure": "model",
    "LocalRegulation": "model",
    "Report": "model",
    "Section": "model",
    "find": "model",
    "walk": "model",
    "Registry": "plugins",
    "load_registry": "plugins",
    "Renderer": "renderers",
    "SectionKind": "sections",
}
"""Where each public name lives: imported on first use, so ``govreport check`` and ``--help``
load only what they need."""


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "Agency",
    "BuildContext",
    "Document",
    "Edition",
    "Figure",
    "Finding",
    "Flag",
    "GovreportError",
    "Heading",
    "LoadedReport",
    "LocalRegulation",
    "Paragraph",
    "Part",
    "PluginError",
    "Problem",
    "Registry",
    "Renderer",
    "Report",
    "ReportError",
    "Rule",
    "Run",
    "Section",
    "SectionKind",
    "Severity",
    "Table",
    "TableCell",
    "__version__",
    "build_document",
    "find",
    "hookimpl",
    "load",
    "load_registry",
    "render_outputs",
    "rule",
    "run_checks",
    "walk",
]
