"""govreport: build and check 政府信息公开工作年度报告 (annual reports on government information
disclosure) in the national format.

Load a report file, check it and render it::

    from govreport import load, run_checks, build_document, render_outputs

    loaded = load("examples/xinyu_commerce_2019")
    findings = run_checks(loaded.report, loaded.registry)
    render_outputs(loaded, ["md"])

Plugins add editions, section kinds, rules and renderers through the hooks in
:mod:`govreport.hookspecs`; :data:`hookimpl` marks a plugin's implementations.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
