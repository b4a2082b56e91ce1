"""The plugin system: every hook exercised through a report-local plugin, and plugin failures."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport import Registry, hookimpl, hookspecs, load, load_registry
from govreport._discovery import ALLOW_ENV
from govreport.hookspecs import HOOKS, Hook

pytestmark = pytest.mark.usefixtures("allow_local_plugins")

TESTS = Path(__file__).parent
REPO = TESTS.parent

PLUGIN_HEADER = """\
from govreport import Edition, Flag, Paragraph, Part, Renderer, Run, SectionKind, Severity
from govreport import hookimpl, rule
import attrs
"""

KIND_PLUGIN = (
    PLUGIN_HEADER
    + """
@attrs.frozen
class Visits:
    count: int

def build(data, context):
    yield Paragraph((Run(f"{context.report.year}年接待游客{data.count}人次。"),))

@hookimpl
def govreport_section_kinds():
    return [SectionKind("tourism.visits", Visits, build)]
"""
)


def with_plugin(tmp_path: Path, plugin_source: str, report_text: str) -> Path:
    (tmp_path / "local_plugin.py").write_text(plugin_source, encoding="utf-8")
    return write_report(tmp_path, 'plugins = ["local_plugin.py"]\n' + report_text)


def test_every_hookspec_has_a_test():
    """A hook added to hookspecs.py without a test_hook_<name> test anywhere fails here."""
    hooks = set(HOOKS)
    sources = [p.read_text(encoding="utf-8") for p in REPO.glob("**/tests/**/test_*.py")]
    tested = {m for s in sources for m in re.findall(r"def test_hook_(govreport_\w+)", s)}
    assert hooks - tested == set()


def test_the_hook_table_holds_every_spec_pluggy_knows():
    """A spec marked for pluggy but missing from HOOKS would be a hook the registry never asks."""
    hooks = vars(load_registry().manager.hook).items()
    specs = {name for name, caller in hooks if getattr(caller, "spec", None) is not None}
    assert specs == set(HOOKS)
    assert "govreport_docx_profiles" in specs  # added by the .docx renderer's own hookspec
    assert all(hook.doc for hook in HOOKS.values())


@pytest.mark.parametrize("hook", HOOKS.values(), ids=list(HOOKS))
def test_registry_gives_each_hooks_items_under_the_tables_name(hook):
    registry = load_registry()
    provided = getattr(registry, hook.attribute)
    items = provided if hook.ordered else list(provided.values())
    assert isinstance(provided, list if hook.ordered else dict)
    assert items and all(isinstance(item, hook.item_type()) for item in items)
    if not hook.ordered:
        assert all(getattr(item, hook.key) == name for name, item in provided.items())
    assert getattr(registry, hook.attribute) is provided  # asked once


def test_a_hook_entered_in_the_table_is_asked_and_listed(monkeypatch):
    """Nothing is written per hook: a new table entry is enough for the registry to serve it."""
    hook = Hook("govreport_widgets", "govreport.editions:Part", "key", False, False, "Widgets.")
    monkeypatch.setitem(HOOKS, hook.name, hook)
    registry = Registry()
    spec = hookspecs.hookspec(lambda: None)
    registry.manager.add_hookspecs(types.SimpleNamespace(govreport_widgets=spec))
    from govreport import Part

    good = types.SimpleNamespace(govreport_widgets=hookimpl(lambda: [Part("w", "W")]))
    bad = types.SimpleNamespace(govreport_widgets=hookimpl(lambda: ["x"]))
    registry.register(good, "good", "test", "0")
    registry.register(bad, "bad", "test", "0")
    assert [str(f) for f in registry.failures] == [
        "插件 'bad'：govreport_widgets() item 1 of 1 is str, not Part; none of its items are used"
    ]
    assert [part.key for part in registry.widgets.values()] == ["w"]
    assert registry.provided_by("good") == {"widgets": ["w"]}
    with pytest.raises(AttributeError, match="no attribute 'gadgets'"):
        registry.gadgets  # noqa: B018


def stray_site(folder: Path) -> Path:
    """A folder holding an installed distribution ``stray`` that is no plugin of the repository."""
    (folder / "stray_plugin.py").write_text("", encoding="utf-8")
    info = folder / "stray-2.5.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: stray\nVersion: 2.5\n")
    (info / "entry_points.txt").write_text("[govreport]\nstray = stray_plugin\n")
    return folder


def test_tests_load_only_the_repositorys_installed_plugins(tmp_path):
    """tests/conftest.py keeps whatever else is installed out of the tests and their commands."""
    path = os.pathsep.join(filter(None, [str(stray_site(tmp_path)), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    command = [sys.executable, "-m", "govreport.cli", "plugins"]
    isolated = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert isolated.returncode == 0, isolated.stderr
    assert "commerce 0.1.0 (installed)" in isolated.stdout
    assert "stray" not in isolated.stdout
    env.pop(ALLOW_ENV)
    found = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert "stray 2.5 (installed)" in found.stdout, found.stderr


def test_hook_govreport_section_kinds(tmp_path, capsys):
    text = (
        MINIMAL
        + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits", count = 12 }]\n'
    )
    path = with_plugin(tmp_path, KIND_PLUGIN, text)
    code, _, err = run_cli(capsys, "build", path)
    assert code == 0, err
    assert "2019年接待游客12人次。" in (tmp_path / "build" / f"{tmp_path.name}.md").read_text(
        "utf-8"
    )


def test_report_local_kind_is_validated_by_its_type(tmp_path, capsys):
    text = (
        MINIMAL
        + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits", count = "x" }]\n'
    )
    code, _, err = run_cli(capsys, "check", with_plugin(tmp_path, KIND_PLUGIN, text))
    assert code == 2
    assert "sections[1].content[0].count: 应为整数，实际为 'x'（文字）" in err


def test_hook_govreport_editions(tmp_path, capsys):
    plugin = (
        PLUGIN_HEADER
        + """
@hookimpl
def govreport_editions():
    return [Edition("two-part", "两部分", (Part("one", "第一部分"), Part("two", "第二部分")),
                    title_template="{agency}{year}年报告")]
"""
    )
    text = MINIMAL.replace('"eight-part"', '"two-part"').replace('"overview"', '"two"')
    path = with_plugin(tmp_path, plugin, text)
    code, _, err = run_cli(capsys, "build", path)
    assert code == 0, err
    markdown = (tmp_path / "build" / f"{tmp_path.name}.md").read_text("utf-8")
    assert markdown.startswith("# 某市商务局2019年报告\n")
    assert "## 一、第二部分" in markdown


def test_hook_govreport_rules(tmp_path, capsys):
    plugin = (
        PLUGIN_HEADER
        + """
@rule("TST001", Severity.ERROR, "概述不得少于两段")
def overview_length(report):
    if len(report.sections[0].content) < 2:
        yield Flag("sections[0].content", "概述只有一段。")

@hookimpl
def govreport_rules():
    return [overview_length]
"""
    )
    code, out, _ = run_cli(capsys, "check", with_plugin(tmp_path, plugin, MINIMAL))
    assert code == 1
    assert "TST001" in out and "概述只有一段。" in out


def test_hook_govreport_renderers(tmp_path, capsys):
    plugin = (
        PLUGIN_HEADER
        + """
def render(document):
    return document.title + "\\n"

@hookimpl
def govreport_renderers():
    return [Renderer("txt", "txt", render)]
"""
    )
    path = with_plugin(tmp_path, plugin, MINIMAL)
    code, _, err = run_cli(capsys, "build", path, "--to", "txt,md", "-o", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / f"{tmp_path.name}.txt").read_text(
        "utf-8"
    ) == "某市商务局2019年度政府信息公开工作报告\n"
    assert (tmp_path / "out" / f"{tmp_path.name}.md").is_file()


def test_plugin_raising_in_a_hook_is_named(tmp_path, capsys):
    plugin = (
        PLUGIN_HEADER
        + """
@hookimpl
def govreport_section_kinds():
    raise RuntimeError("boom")
"""
    )
    text = (
        MINIMAL
        + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits", count = 1 }]\n'
    )
    code, _, err = run_cli(capsys, "check", with_plugin(tmp_path, plugin, text))
    assert code == 2
    assert (
        "插件 'local:local_plugin.py'：govreport_section_kinds() raised RuntimeError('boom')" in err
    )
    assert "（出错的插件：插件 'local:local_plugin.py'：govreport_section_kinds()" in err
    assert "Traceback" not in err


def test_plugin_raising_while_building_is_named(tmp_path, capsys):
    plugin = KIND_PLUGIN.replace(
        "yield Paragraph", 'raise ZeroDivisionError("no")\n    yield Paragraph'
    )
    text = (
        MINIMAL
        + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits", count = 1 }]\n'
    )
    code, _, err = run_cli(capsys, "build", with_plugin(tmp_path, plugin, text))
    assert code == 2
    assert "插件 'local:local_plugin.py'：section kind 'tourism.visits' failed" in err
    assert not (tmp_path / "build").exists()


def test_plugin_that_fails_to_import_is_named_and_the_rest_work(tmp_path, capsys):
    path = with_plugin(tmp_path, "import not_a_module\n", MINIMAL)
    code, _, err = run_cli(capsys, "build", path)
    assert code == 2
    assert "错误：插件 'local:local_plugin.py'：导入失败： ModuleNotFoundError" in err
    assert "--disable-plugins local:local_plugin.py" in err
    assert run_cli(capsys, "--disable-plugins", "local:local_plugin.py", "build", path)[0] == 0


def test_missing_local_plugin_file(tmp_path, capsys):
    path = write_report(tmp_path, 'plugins = ["absent.py"]\n' + MINIMAL)
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert "）中没有这个文件" in err


def test_plugins_command_lists_builtins_and_commerce(capsys):
    code, out, _ = run_cli(capsys, "plugins")
    assert code == 0
    assert "govreport.builtins.eight_part" in out and "editions: eight-part" in out
    assert "commerce 0.1.0 (installed)" in out
    assert "commerce.project_prereview" in out


def test_environment_allow_list_restricts_installed_plugins(monkeypatch):
    monkeypatch.setenv("GOVREPORT_PLUGINS", "")
    assert "commerce.project_prereview" not in load_registry().section_kinds
    monkeypatch.setenv("GOVREPORT_PLUGINS", "commerce")
    assert "commerce.project_prereview" in load_registry().section_kinds


def test_example_without_commerce_plugin_says_what_is_missing(monkeypatch, capsys):
    monkeypatch.setenv("GOVREPORT_PLUGINS", "none")
    code, _, err = run_cli(capsys, "check", REPO / "examples" / "xinyu_commerce_2019")
    assert code == 2
    assert "没有这种内容类型 'commerce.project_prereview'" in err


def test_duplicate_kind_name_is_a_named_failure(tmp_path):
    plugin = KIND_PLUGIN.replace('"tourism.visits"', '"paragraph"')
    (tmp_path / "local_plugin.py").write_text(plugin, encoding="utf-8")
    path = write_report(tmp_path, 'plugins = ["local_plugin.py"]\n' + MINIMAL)
    registry = load(path).registry
    assert any(
        f.plugin == "local:local_plugin.py" and "already provides" in str(f)
        for f in registry.failures
    )


def test_disable_option_turns_an_installed_plugin_off(capsys):
    code, _, err = run_cli(
        capsys, "--disable-plugins", "commerce", "check", REPO / "examples" / "xinyu_commerce_2019"
    )
    assert code == 2
    assert "没有这种内容类型 'commerce.project_prereview'" in err
    assert run_cli(capsys, "check", REPO / "examples" / "xinyu_commerce_2019")[0] == 0


def test_disable_environment_variable_turns_a_local_plugin_off(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_DISABLE_PLUGINS", "local:local_plugin.py")
    path = with_plugin(tmp_path, KIND_PLUGIN, MINIMAL)
    assert "tourism.visits" not in load(path).registry.section_kinds
    monkeypatch.delenv("GOVREPORT_DISABLE_PLUGINS")
    assert "tourism.visits" in load(path).registry.section_kinds


def test_rules_read_the_resolved_edition_and_tables_from_the_report(tmp_path):
    """A rule gets the edition and table format the loader resolved on ``report`` and
    ``previous``; a rule that still names ``registry`` keeps working."""
    plugin = (
        PLUGIN_HEADER
        + """
@rule("TST002", Severity.WARNING, "读出版本与统计表")
def resolved(report, previous):
    last = previous.table_format.name if previous is not None else "-"
    yield Flag("edition", f"{report.edition_spec.name}/{report.table_format.name}/{last}")

@rule("TST003", Severity.WARNING, "旧的写法")
def with_registry(report, registry):
    same = registry.editions[report.edition] is report.edition_spec
    yield Flag("edition", f"same edition: {same}")

@hookimpl
def govreport_rules():
    return [resolved, with_registry]
"""
    )
    huaian = (TESTS / "fixtures" / "huaian_2024" / "report.toml").read_text(encoding="utf-8")
    loaded = load(with_plugin(tmp_path, plugin, huaian))
    assert loaded.edition is loaded.report.edition_spec
    assert loaded.edition is loaded.registry.editions[loaded.report.edition]
    assert loaded.table_format is loaded.edition.tables
    assert loaded.tables["requests"].spec is loaded.table_format.table("requests")
    shanghai = TESTS / "fixtures" / "shanghai_2019" / "report.toml"
    messages = {f.code: f.message for f in loaded.check(previous=shanghai)}
    assert messages["TST002"] == "gb2021/gb2021/gb2019"
    assert messages["TST003"] == "same edition: True"
    assert {f.code: f.message for f in loaded.check()}["TST002"] == "gb2021/gb2021/-"


def test_hook_govreport_readers():
    from govreport.readers import Reader, SourceDocument, SourceParagraph
    from govreport.testing import plugin_registry

    def read(data: bytes) -> SourceDocument:
        return SourceDocument((SourceParagraph(data.decode("utf-8"), "第1段"),))

    plugin = types.ModuleType("txt_reader")
    plugin.govreport_readers = hookimpl(lambda: [Reader("txt", (".txt",), read)])  # type: ignore[attr-defined]
    readers = plugin_registry(plugin).readers
    assert readers["txt"].read("一、总体情况".encode()).blocks[0].text == "一、总体情况"
    assert readers["html"].suffixes == (".html", ".htm")  # the built-in reader
