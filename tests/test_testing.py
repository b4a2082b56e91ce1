"""The test kit for plugin authors (govreport.testing): its helpers and its pytest fixtures."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from test_docs import _doc_examples

import govreport_commerce
from govreport import Finding, Rule, Table, hookimpl
from govreport.docgen import tables_renderer
from govreport.testing import (
    assert_problem,
    findings_of,
    load_problems,
    plugin_registry,
    rendered,
    rendered_bytes,
    report_from,
)

REPO = Path(__file__).resolve().parent.parent

REPORT = """\
edition = "eight-part"
year = 2019

[agency]
name = "某市商务局"
office = "某市商务局办公室"

[[sections]]
part = "overview"

[[sections.content]]
kind = "commerce.project_prereview"
lead = "坚持项目落户预审。"
meetings = 45
reviewed = 339
passed = 293
"""


def test_a_report_from_text_with_the_plugin_named():
    report = report_from(REPORT, govreport_commerce)
    assert [plugin.name for plugin in report.registry.plugins][-1] == "govreport_commerce"
    assert findings_of(report) == []
    assert "通过率86.4%" in rendered(report, "md")


def test_the_plugin_can_be_named_by_its_import_name():
    assert "通过率86.4%" in rendered(REPORT, "html", "govreport_commerce", fragment=True)


def test_binary_formats_come_as_bytes():
    assert rendered_bytes(REPORT, "docx", govreport_commerce).startswith(b"PK")
    assert rendered_bytes(REPORT, "md", govreport_commerce).decode("utf-8").startswith("#")
    with pytest.raises(TypeError, match="rendered_bytes"):
        rendered(REPORT, "docx", govreport_commerce)


def test_findings_of_report_text():
    text = REPORT.replace("passed = 293", "passed = 340")
    (finding,) = findings_of(text, govreport_commerce)
    assert isinstance(finding, Finding)
    assert (finding.code, finding.path) == ("COM001", "sections[0].content[0].passed")


def test_a_registry_holds_only_the_plugins_named():
    """The commerce plugin is installed for this test session, yet a report loaded without
    naming it does not know its kinds."""
    assert_problem(REPORT, "sections[0].content[0]", "没有这种内容类型 'commerce.")
    names = [plugin.name for plugin in plugin_registry().plugins]
    assert "govreport_commerce" not in names
    assert all(plugin.source == "built-in" for plugin in plugin_registry().plugins)


def test_assert_problem_returns_the_problem_at_its_place():
    text = REPORT.replace("reviewed = 339", "reviewed = -2")
    problem = assert_problem(
        text, "sections[0].content[0].reviewed", "0 或更大", govreport_commerce
    )
    assert problem.message == "应为 0 或更大的数，实际为 -2"


def test_assert_problem_fails_on_another_place_listing_the_problems():
    text = REPORT.replace("reviewed = 339", "reviewed = -2")
    with pytest.raises(pytest.fail.Exception) as caught:
        assert_problem(text, "sections[0].content[0].passed", "0 或更大", govreport_commerce)
    assert "sections[0].content[0].reviewed: 应为 0 或更大的数" in str(caught.value)


def test_a_report_that_loads_fails_the_assertion():
    with pytest.raises(pytest.fail.Exception, match="the report loaded"):
        load_problems(REPORT, govreport_commerce)


class _BrokenRules:
    @hookimpl
    def govreport_rules(self) -> list[Rule]:
        return ["not a rule"]  # type: ignore[list-item]


def test_a_plugin_with_a_broken_hook_fails_the_test_with_its_message():
    with pytest.raises(pytest.fail.Exception, match="_BrokenRules"):
        plugin_registry(_BrokenRules())


def test_the_kit_is_a_pytest_plugin_of_the_package():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["pytest11"] == {"govreport": "govreport.testing"}


def test_the_fixtures_load_reports_with_the_plugins_under_test(tmp_path):
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            """
            import govreport_commerce
            import pytest

            @pytest.fixture
            def govreport_plugins():
                return [govreport_commerce]
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "test_plugin.py").write_text(
        textwrap.dedent(
            f"""
            REPORT = {REPORT!r}

            def test_the_kind_builds(govreport_report, govreport_registry):
                report = govreport_report(REPORT)
                assert report.registry is govreport_registry
                assert "通过率86.4%" in report.render("md")

            def test_the_plugins_under_test_are_named(govreport_plugins):
                assert govreport_plugins
            """
        ),
        encoding="utf-8",
    )
    installed = any(p.value == "govreport.testing" for p in entry_points(group="pytest11"))
    load_kit = [] if installed else ["-p", "govreport.testing"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *load_kit, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def _kit_example() -> str:
    """The test module docs/plugins.md prints in its testing section."""
    text = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    (code,) = re.findall(
        r"<!-- kit-example: test_tourism.py -->\n```python\n(.*?)\n```\n", text, re.DOTALL
    )
    return code + "\n"


def test_the_testing_example_of_the_plugin_page_passes(tmp_path):
    files = {**_doc_examples(), "test_tourism.py": _kit_example()}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    installed = any(p.value == "govreport.testing" for p in entry_points(group="pytest11"))
    load_kit = [] if installed else ["-p", "govreport.testing"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *load_kit,
            "test_tourism.py",
        ],
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout


def test_the_reference_page_lists_every_value_a_plugin_meets():
    page = (REPO / "docs" / "plugin-reference.md").read_text(encoding="utf-8")
    for name in (
        "Document",
        "Meta",
        "Heading",
        "Paragraph",
        "Run",
        "Table",
        "TableCell",
        "Flag",
        "Finding",
        "Severity",
        "Rule",
        "SectionKind",
        "BuildContext",
        "Edition",
        "Part",
        "Renderer",
    ):
        assert f"\n### {name}\n" in page, name
    assert "| `rowspan` | `int` | `1` |" in page
    assert "- `numbered_item(lead: str, text: str = '') -> Paragraph`" in page
    assert "`FieldValueError(field: str, message: str) -> None`" in page
    assert "plugins/govreport-commerce/src/govreport_commerce/" in page
    assert (REPO / "plugins/govreport-commerce/src/govreport_commerce").is_dir()
    assert inspect.getsource(tables_renderer) in page


def test_the_worked_renderer_prints_the_statistical_tables(tmp_path):
    """The reference page's renderer, as a report-local plugin through the command line."""
    source = REPO / "examples" / "xinyu_commerce_2019"
    report = tmp_path / "report"
    report.mkdir()
    text = (source / "report.toml").read_text(encoding="utf-8")
    (report / "report.toml").write_text(
        'plugins = ["tables_renderer.py"]\n' + text, encoding="utf-8"
    )
    (report / "tables_renderer.py").write_bytes(inspect.getsource(tables_renderer).encode("utf-8"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "govreport.cli",
            "--allow-local-plugins",
            "build",
            str(report),
            "--to",
            "tables",
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (output,) = (tmp_path / "out").iterdir()
    assert output.name == "report.tables.txt"
    printed = output.read_text(encoding="utf-8")
    loaded = report_from(text, govreport_commerce)
    document = loaded.build()
    tables = [block for block in (*document.blocks, *document.appendix) if isinstance(block, Table)]
    assert tables
    for table in tables:
        assert f"\n\n{table.caption}\n" in printed
        for row in table.body:
            assert " | ".join("  " * cell.indent + cell.text for cell in row) in printed
