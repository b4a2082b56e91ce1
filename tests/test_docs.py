"""The documentation is complete and current.

Every hook has a section in the hook reference with its signature; every rule is in the
catalogue with an example and a fix; the generated pages equal fresh output; the worked example
in "Writing plugins" works as printed; the site builds with ``mkdocs build --strict``.
"""

from __future__ import annotations

import importlib.util
import inspect
import re
import subprocess
import sys
import types
from pathlib import Path

import attrs
import pytest
from reportfiles import run_cli

import govreport
from govreport import Registry, Rule, Severity, docgen, hookimpl, load, load_registry, run_checks
from govreport.hookspecs import HOOKS
from govreport.renderers import Renderer
from govreport.testing import plugin_registry

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
REGENERATE = "python -m govreport.docgen docs/"

REGISTRY = docgen.documented_registry(REPO)


def documented_hooks() -> dict[str, str]:
    """Hook name → the arguments its heading in the hook reference shows."""
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^### (govreport_\w+)\((.*)\)$", text, flags=re.MULTILINE))


def hookspec_arguments() -> dict[str, str]:
    load_registry()  # the built-in plugins declare hooks of their own as they load
    return {
        name: ", ".join(inspect.signature(hook.spec).parameters) for name, hook in HOOKS.items()
    }


@pytest.mark.parametrize("hook", sorted(hookspec_arguments()))
def test_every_hookspec_is_documented_with_its_signature(hook):
    documented = documented_hooks()
    assert hook in documented, f"docs/plugins.md needs a section '### {hook}(…)'"
    assert documented[hook] == hookspec_arguments()[hook]


def test_hook_reference_documents_only_real_hooks():
    assert set(documented_hooks()) - set(hookspec_arguments()) == set()


@pytest.mark.parametrize("hook", HOOKS.values(), ids=list(HOOKS))
def test_the_hook_summary_names_what_each_hook_returns(hook):
    """The table opening docs/plugins.md gives each hook the class of the items it returns."""
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    row = re.search(rf"^\|.*\[`{hook.name}`\]\(#{hook.name}\) \| (.*) \|$", text, re.MULTILINE)
    assert row, f"docs/plugins.md: the opening table needs a row for {hook.name}"
    assert row.group(1).startswith(f"`{hook.type_path.rpartition(':')[2]}`")


def test_docgen_writes_and_checks_pages_as_a_command(tmp_path):
    """``python -m govreport.docgen`` (run by CI) writes the pages, and --check finds them stale."""
    command = [sys.executable, "-m", "govreport.docgen"]
    docs = tmp_path / "docs"
    docs.mkdir()
    stale = subprocess.run([*command, str(docs), "--check"], capture_output=True, text=True)
    assert stale.returncode == 1
    assert f"stale: {docs / docgen.RULES_PAGE}" in stale.stdout
    written = subprocess.run([*command, str(docs)], capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    expected = docgen.rules_page(docgen.documented_registry(tmp_path))  # no plugins/ folder
    assert (docs / docgen.RULES_PAGE).read_text(encoding="utf-8") == expected
    current = subprocess.run([*command, str(docs), "--check"], capture_output=True, text=True)
    assert (current.returncode, current.stdout) == (0, "")


def test_the_repository_plugins_are_documented():
    """The generated pages include the commerce plugin; it must be installed to regenerate them."""
    assert "commerce" in [plugin.name for plugin in REGISTRY.plugins]


@pytest.mark.parametrize("code", sorted(rule.code for rule in REGISTRY.rules))
def test_every_rule_code_is_in_the_catalogue(code):
    catalogue = (DOCS / docgen.RULES_PAGE).read_text(encoding="utf-8")
    assert f"\n### {code}\n" in catalogue, f"{code} is missing: run {REGENERATE}"


def test_every_rule_has_an_example_and_a_fix():
    """Rule docstrings need ``Example:`` and ``Fix:`` sections (see docs/plugins.md)."""
    assert docgen.undocumented_rules(REGISTRY) == []


def test_generated_pages_equal_fresh_output():
    stale = [str(path.relative_to(REPO)) for path in docgen.outdated(DOCS, REGISTRY)]
    assert stale == [], f"generated pages are out of date; run: {REGENERATE}"


def _registry_with(*rules: Rule) -> Registry:
    plugin = types.SimpleNamespace(govreport_rules=hookimpl(lambda: list(rules)))
    registry = Registry()
    registry.register(plugin, "sample", "test", "0")
    return registry


def _flags(report):
    return iter(())


def test_rule_docstring_sections_in_either_language():
    def checked(report):
        """Text before the sections.

        例：
            ```toml
            year = 2019
            ```

        改正：
            Write it right.
        """

    doc = docgen.rule_doc(Rule("X001", Severity.ERROR, "t", checked))
    assert doc.description == "Text before the sections."
    assert doc.example == "```toml\nyear = 2019\n```"
    assert doc.fix == "Write it right."


def test_a_rule_without_example_or_fix_is_visible_and_fails():
    registry = _registry_with(Rule("ZZZ001", Severity.WARNING, "无说明的规则", _flags))
    assert docgen.undocumented_rules(registry) == [
        "ZZZ001: docstring has no Example: or Fix: section"
    ]
    page = docgen.rules_page(registry)
    assert page.count("**缺少 Missing:**") == 2


def test_reference_shows_field_docs_examples_and_required():
    page = docgen.report_file_page(REGISTRY)
    assert "| `year` | 整数 whole number | 是 yes | — | `2019` | 报告年度。" in page
    assert '| `kind` | `"government"` / `"department"` | 否 no | `"department"` |' in page
    for kind in REGISTRY.section_kinds:
        assert f"\n### {kind}\n" in page


def _doc_examples() -> dict[str, str]:
    """The code blocks of docs/plugins.md marked ``<!-- example: FILE -->``, joined by file."""
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    files: dict[str, str] = {}
    for name, code in re.findall(r"<!-- example: (\S+) -->\n```\w+\n(.*?)\n```\n", text, re.DOTALL):
        files[name] = files.get(name, "") + code + "\n"
    return files


def test_the_writing_plugins_example_works_as_printed(tmp_path, capsys):
    files = _doc_examples()
    assert set(files) == {"tourism_plugin.py", "report.toml"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code, _, err = run_cli(
        capsys,
        "--allow-local-plugins",
        "build",
        tmp_path,
        "--to",
        "md,txt,docx",
        "-o",
        tmp_path / "out",
    )
    assert code == 0, err
    text = (tmp_path / "out" / f"{tmp_path.name}.txt").read_text(encoding="utf-8")
    assert "二、游客服务信息公开情况\n2023年接待游客12000人次，收到投诉3件。" in text
    assert "本报告由某市文化广电旅游局办公室编制。" in text
    loaded = load(tmp_path, allow_local_plugins=True)
    assert [f for f in run_checks(loaded.report, loaded.registry) if f.code == "TOU001"] == []
    swapped = files["report.toml"].replace(
        "count = 12000, complaints = 3", "count = 3, complaints = 9"
    )
    (tmp_path / "report.toml").write_text(swapped, encoding="utf-8")
    loaded = load(tmp_path, allow_local_plugins=True)
    findings = [f for f in run_checks(loaded.report, loaded.registry) if f.code == "TOU001"]
    assert [f.path for f in findings] == ["sections[1].content[0].complaints"]


def test_help_of_the_package_explains_it():
    doc = inspect.getdoc(govreport) or ""
    for words in ("report.toml", "load", "run_checks", "render_outputs", "hookimpl", "docs/"):
        assert words in doc


def test_version_is_exposed(capsys):
    with pytest.raises(SystemExit):
        run_cli(capsys, "--version")
    assert capsys.readouterr().out.strip() == f"govreport {govreport.__version__}"


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is not installed")
def test_the_site_builds_strictly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_no_file_holds_unresolved_merge_markers():
    root = Path(__file__).parents[1]
    suffixes = {".md", ".py", ".toml", ".yml", ".txt", ".html", ".css"}
    marked = [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.suffix in suffixes
        and ".git" not in path.parts
        and any(
            line.startswith(("<<<<<<< ", ">>>>>>> "))
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        )
    ]
    assert marked == []


def test_every_renderer_option_has_a_bilingual_description_and_a_sensible_example():
    """The ``[output.*]`` reference: no empty description, no placeholder example."""
    assert docgen.undocumented_options(REGISTRY) == []
    page = (DOCS / docgen.REPORT_FILE_PAGE).read_text(encoding="utf-8")
    assert "| `paper_width_mm` | 数 number | 否 no | `210.0` | `210` | 纸张宽度" in page


def test_an_option_without_description_or_with_a_refused_example_is_refused():
    @attrs.frozen
    class TxtOptions:
        width: int = attrs.field(
            default=60,
            validator=attrs.validators.gt(0),
            metadata={"doc": "每行字数。Characters per line.", "example": 0},
        )
        margin: int = attrs.field(default=0, metadata={"doc": "Left margin only in English."})

    # the docx options as they once were shown: a paper 1.5 mm wide (no room for any text)
    docx = REGISTRY.renderers["docx"]
    fields = {
        field.name: attrs.field(
            default=field.default,
            type=field.type,
            validator=field.validator,
            metadata={**field.metadata, "example": 1.5}
            if field.name == "paper_width_mm"
            else field.metadata,
        )
        for field in attrs.fields(docx.options_type)
    }
    placeholder = attrs.make_class("Placeholder", fields, frozen=True)
    renderers = [
        Renderer("txt", "txt", str, options_type=TxtOptions),
        Renderer("word", "docx", str, options_type=placeholder, check_options=docx.check_options),
    ]
    registry = plugin_registry(
        types.SimpleNamespace(govreport_renderers=hookimpl(lambda: renderers))
    )
    refused = docgen.undocumented_options(registry)
    assert [line.split(":")[0] for line in refused] == [
        "output.txt.width",
        "output.txt.margin",
        "output.txt.margin",
        "output.word.paper_width_mm",
    ]
    assert "the example 0 is refused" in refused[0]
    assert "description in Chinese, then English" in refused[1]
    assert "needs an example value" in refused[2]
    assert "the example 1.5 is refused" in refused[3]
