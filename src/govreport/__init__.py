"""govreport: build and check 政府信息公开工作年度报告 (annual reports on government information
disclosure) in the national format.

A report is a TOML file (``report.toml``): the edition it follows, the agency, key figures, its
sections and its statistical tables. :func:`load` reads one (or :func:`loads` its text) into a
:class:`LoadedReport`, which checks, builds, renders and writes itself::

    import govreport

    report = govreport.load("examples/xinyu_commerce_2019")  # a report.toml, or its folder
    for finding in report.check():                            # Finding: code, severity, path
        print(finding.code, finding.severity.value, finding.path, finding.message)
    html = report.render("html", fragment=True)               # str; "docx" gives bytes
    report.write(["md", "html", "docx"])                      # build/ beside the report

``report.build()`` gives the document tree (Heading, Paragraph, Table blocks) that renderers
receive; :func:`run_checks`, :func:`build_document` and :func:`render_outputs` are the same
steps as functions of a report and its registry. The same from the command line: ``govreport
check PATH``, ``govreport build PATH --to md,html``, ``govreport plugins``, ``govreport
new-plugin NAME``.

Plugins add section kinds (:class:`SectionKind`), rules (:func:`rule`), editions
(:class:`Edition`) and renderers (:class:`Renderer`) through the hooks in
:mod:`govreport.hookspecs`; :data:`hookimpl` marks a plugin's implementations; the validators
(:func:`non_negative`, :func:`not_blank`…) check a section kind's fields. The built-in
features are registered the same way. The guides and references are in the repository's
``docs/`` folder (getting started, the Python API, the report file reference, editions and
tables, the rules catalogue, writing plugins).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._memo import memoized
    from ._records import record
    from .build import BuildContext, build_document
    from .checks import Finding, Flag, Rule, Severity, rule
    from .checks.run import run_checks
    from .document import Block, Document, Heading, Meta, Paragraph, Run, Table, TableCell
    from .editions import Edition, Part
    from .errors import ChecksFailedError, GovreportError, PluginError, Problem, ReportError
    from .hookspecs import hookimpl
    from .loader import LoadedReport, load, loads
    from .model import Agency, Figure, LocalRegulation, Report, Section, find, walk
    from .numbering import number_text
    from .plugins import Registry, load_registry
    from .render import render_outputs
    from .renderers import Renderer
    from .sections import SectionKind
    from .validators import (
        FieldValueError,
        a_name,
        at_least_one,
        date_only,
        names_as_keys,
        non_negative,
        non_negative_number,
        not_blank,
        one_line,
        one_line_items,
        report_year,
    )

_EXPORTS = {
    "BuildContext": "build",
    "build_document": "build",
    "render_outputs": "render",
    "run_checks": "checks.run",
    "Finding": "checks",
    "Flag": "checks",
    "Rule": "checks",
    "Severity": "checks",
    "rule": "checks",
    "Block": "document",
    "Document": "document",
    "Heading": "document",
    "Meta": "document",
    "Paragraph": "document",
    "Run": "document",
    "Table": "document",
    "TableCell": "document",
    "Edition": "editions",
    "Part": "editions",
    "ChecksFailedError": "errors",
    "GovreportError": "errors",
    "PluginError": "errors",
    "Problem": "errors",
    "ReportError": "errors",
    "hookimpl": "hookspecs",
    "LoadedReport": "loader",
    "load": "loader",
    "loads": "loader",
    "Agency": "model",
    "Figure": "model",
    "LocalRegulation": "model",
    "Report": "model",
    "Section": "model",
    "find": "model",
    "walk": "model",
    "number_text": "numbering",
    "Registry": "plugins",
    "load_registry": "plugins",
    "Renderer": "renderers",
    "SectionKind": "sections",
    "FieldValueError": "validators",
    "record": "_records",
    "memoized": "_memo",
    "a_name": "validators",
    "at_least_one": "validators",
    "date_only": "validators",
    "names_as_keys": "validators",
    "non_negative": "validators",
    "non_negative_number": "validators",
    "not_blank": "validators",
    "one_line": "validators",
    "one_line_items": "validators",
    "report_year": "validators",
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
    "Block",
    "BuildContext",
    "ChecksFailedError",
    "Document",
    "Edition",
    "FieldValueError",
    "Figure",
    "Finding",
    "Flag",
    "GovreportError",
    "Heading",
    "LoadedReport",
    "LocalRegulation",
    "Meta",
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
    "a_name",
    "at_least_one",
    "build_document",
    "date_only",
    "find",
    "hookimpl",
    "load",
    "load_registry",
    "loads",
    "memoized",
    "names_as_keys",
    "non_negative",
    "non_negative_number",
    "not_blank",
    "number_text",
    "one_line",
    "one_line_items",
    "record",
    "render_outputs",
    "report_year",
    "rule",
    "run_checks",
    "walk",
]
