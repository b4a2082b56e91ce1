"""Broken plugins are contained: each failure is reported by the plugin's name with what it did
wrong, and the core and the other plugins keep working wherever a report does not need the
broken one. (test_plugins.py covers the first case of several kinds; this file covers the rest.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport._discovery import ALLOW_ENV, DISABLE_ENV
from govreport._guard import TIMEOUT_ENV

pytestmark = pytest.mark.usefixtures("allow_local_plugins")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "xinyu_commerce_2019"
PLUGIN = "local:p.py"
HEADER = """\
import attrs
from govreport import Edition, Flag, Paragraph, Part, Renderer, Run, SectionKind, Severity
from govreport import hookimpl, rule
from govreport.builtins.docx.profile import DocxProfile

@attrs.frozen
class Visits:
    count: int
"""
USES_KIND = '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits", count = 12 }]\n'


def report_with(folder: Path, source: str, text: str = MINIMAL, names=("p.py",)) -> Path:
    """A report whose folder holds the plugin ``p.py`` and names it (``names``) in the file."""
    (folder / "p.py").write_text(HEADER + source, encoding="utf-8")
    listed = ", ".join(f'"{name}"' for name in names)
    return write_report(folder, f"plugins = [{listed}]\n" + text)


def build(capsys, path: Path, formats: str = "md,html,docx", *options: str):
    return run_cli(capsys, "build", path, "--to", formats, *options)


def build_without(capsys, path: Path, formats: str, plugin: str = PLUGIN):
    """Build with ``plugin`` turned off, as the error about a failed plugin suggests."""
    return run_cli(capsys, "--disable-plugins", plugin, "build", path, "--to", formats)


def outputs(folder: Path) -> list[str]:
    build_folder = folder / "build"
    return sorted(p.name for p in build_folder.iterdir()) if build_folder.exists() else []


@pytest.fixture(autouse=True)
def fresh_shared_registry(monkeypatch):
    """Reload the shared registry for each test (it is reloaded when this variable changes)."""
    monkeypatch.setenv(DISABLE_ENV, f"nothing-{uuid.uuid4().hex}")


# -- fails to import ---------------------------------------------------------------------------

IMPORT_FAILURES = {
    "syntax": ("def broken(:\n", "SyntaxError"),
    "raises": ('raise RuntimeError("no licence key")\n', "RuntimeError('no licence key')"),
    "exits": ("import sys\nsys.exit(3)\n", "SystemExit(3)"),
    "missing-dependency": ("import attrz\n", "ModuleNotFoundError"),
}


@pytest.mark.parametrize(("source", "error"), IMPORT_FAILURES.values(), ids=list(IMPORT_FAILURES))
def test_local_plugin_that_fails_to_import(tmp_path, capsys, source, error):
    path = report_with(tmp_path, source)
    code, _, err = build(capsys, path)
    assert code == 2, err
    assert err.count(f"错误：插件 '{PLUGIN}'：导入失败： {error}") == 1
    assert f"有插件出错（见上文），不生成文件；请修好插件，或用 --disable-plugins {PLUGIN}" in err
    assert "Traceback" not in err
    assert outputs(tmp_path) == []
    assert build_without(capsys, path, "md,html,docx", PLUGIN)[0] == 0
    assert outputs(tmp_path) == [f"{tmp_path.name}.{ext}" for ext in ("docx", "html", "md")]
    path.write_text(path.read_text("utf-8") + USES_KIND, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert "没有这种内容类型 'tourism.visits'" in err
    assert f"（出错的插件：插件 '{PLUGIN}'：导入失败： {error}" in err


def installed_plugin(folder: Path, source: str, monkeypatch) -> str:
    """An installed distribution with a ``govreport`` entry point, on sys.path; its name."""
    module = f"broken_plugin_{uuid.uuid4().hex[:8]}"
    (folder / f"{module}.py").write_text(HEADER + source, encoding="utf-8")
    info = folder / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[govreport]\nbroken = {module}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv(ALLOW_ENV, f"{os.environ[ALLOW_ENV]},broken")
    return module


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ('raise ImportError("needs a licence")\n', "导入失败： ImportError"),
        (
            "@hookimpl\ndef govreport_rules():\n    raise KeyError('GR999')\n",
            "govreport_rules() raised KeyError('GR999')",
        ),
        (
            "@hookimpl\ndef govreport_editions():\n    return 'eight-part'\n",
            "govreport_editions() item 1 of 10 is str, not Edition; none of its items are used",
        ),
    ],
    ids=["import", "hook-raises", "wrong-type"],
)
def test_broken_installed_plugin_leaves_the_others_working(
    tmp_path, capsys, monkeypatch, source, what
):
    installed_plugin(tmp_path, source, monkeypatch)
    code, out, err = run_cli(capsys, "plugins")
    assert code == 0
    assert f"警告：插件 'broken'：{what}" in err
    assert "govreport.builtins.markdown" in out and "commerce 0.1.0 (installed)" in out
    assert "commerce.project_prereview" in out
    code, out, err = run_cli(capsys, "check", EXAMPLE)
    assert code == 2 and out == ""
    assert err.count(f"错误：插件 'broken'：{what}") == 1
    assert "--disable-plugins broken" in err
    code, _, err = run_cli(capsys, "--disable-plugins", "broken", "check", EXAMPLE)
    assert code == 0 and "broken" not in err


# -- registers a name another plugin already provides ----------------------------------------------

DUPLICATES = {
    "edition": (
        "govreport_editions",
        'Edition("eight-part", "八部分", (Part("overview", "概述"),))',
        "eight-part",
        "govreport.builtins.eight_part",
    ),
    "kind": (
        "govreport_section_kinds",
        'SectionKind("paragraph", Visits, lambda data, context: [])',
        "paragraph",
        "govreport.builtins.narrative",
    ),
    "rule": (
        "govreport_rules",
        'rule("GR101", Severity.ERROR, "冒名规则")(lambda report: [Flag("year", "假的")])',
        "GR101",
        "govreport.builtins.national.rules",
    ),
    "renderer": (
        "govreport_renderers",
        'Renderer("md", "md", lambda document: "hijacked")',
        "md",
        "govreport.builtins.markdown",
    ),
    "docx-profile": (
        "govreport_docx_profiles",
        'DocxProfile("gbt9704", description="冒名")',
        "gbt9704",
        "govreport.builtins.docx",
    ),
}


@pytest.mark.parametrize(
    ("hook", "item", "name", "owner"), DUPLICATES.values(), ids=list(DUPLICATES)
)
def test_duplicate_name_is_refused_and_the_first_provider_kept(
    tmp_path, capsys, hook, item, name, owner
):
    path = report_with(tmp_path, f"\n@hookimpl\ndef {hook}():\n    return [{item}]\n")
    code, _, err = build(capsys, path)
    assert code == 2, err
    assert (
        f"错误：插件 '{PLUGIN}'：registers {name!r}, which plugin {owner!r} already provides" in err
    )
    assert outputs(tmp_path) == []
    code, _, err = build_without(capsys, path, "md", PLUGIN)
    assert code == 0, err
    markdown = (tmp_path / "build" / f"{tmp_path.name}.md").read_text("utf-8")
    assert markdown.startswith("# 某市商务局2019年度政府信息公开工作报告")
    assert "本局认真贯彻落实" in markdown
    code, out, _ = run_cli(capsys, "--disable-plugins", PLUGIN, "check", path)
    assert code == 0 and "假的" not in out


def test_the_same_plugin_listed_twice_is_registered_once(tmp_path, capsys):
    source = "\n@hookimpl\ndef govreport_section_kinds():\n"
    source += '    return [SectionKind("tourism.visits", Visits, lambda d, c: [])]\n'
    path = report_with(tmp_path, source, MINIMAL + USES_KIND, names=("p.py", "p.py"))
    code, _, err = build(capsys, path)
    assert code == 2, err
    assert f"错误：插件 '{PLUGIN}'：cannot be registered" in err


def test_two_plugins_with_one_kind_name_the_second_is_named(tmp_path, capsys):
    kind = "\n@hookimpl\ndef govreport_section_kinds():\n"
    kind += '    return [SectionKind("tourism.visits", Visits, lambda d, c: [Paragraph((Run("{}"),))])]\n'
    (tmp_path / "q.py").write_text(HEADER + kind.format("第二个"), encoding="utf-8")
    path = report_with(tmp_path, kind.format("第一个"), MINIMAL + USES_KIND, ("p.py", "q.py"))
    code, _, err = build(capsys, path, "md")
    assert code == 2, err
    assert (
        "错误：插件 'local:q.py'：registers 'tourism.visits', which plugin "
        f"'{PLUGIN}' already provides" in err
    )
    assert "--disable-plugins local:q.py" in err
    assert build_without(capsys, path, "md", "local:q.py")[0] == 0
    markdown = (tmp_path / "build" / f"{tmp_path.name}.md").read_text("utf-8")
    assert "第一个" in markdown and "第二个" not in markdown


# -- returns the wrong type from a hook ---------------------------------------------------------------

WRONG_RETURNS = {
    "number": ("govreport_renderers", "42", "must return a list of Renderer objects, got int"),
    "single-object": (
        "govreport_section_kinds",
        'SectionKind("tourism.visits", Visits, lambda d, c: [])',
        "must return a list of SectionKind objects, got SectionKind",
    ),
    "text": ("govreport_editions", '"eight-part"', "item 1 of 10 is str, not Edition"),
    "another-hooks-type": (
        "govreport_renderers",
        '[SectionKind("tourism.visits", Visits, lambda d, c: [])]',
        "item 1 of 1 is SectionKind, not Renderer",
    ),
    "plain-function-as-rule": (
        "govreport_rules",
        "[lambda report: []]",
        "item 1 of 1 is function, not Rule",
    ),
    "dict-as-profile": (
        "govreport_docx_profiles",
        '[{"name": "house"}]',
        "item 1 of 1 is dict, not DocxProfile",
    ),
}


@pytest.mark.parametrize(
    ("hook", "returned", "message"), WRONG_RETURNS.values(), ids=list(WRONG_RETURNS)
)
def test_hook_returning_the_wrong_type(tmp_path, capsys, hook, returned, message):
    path = report_with(tmp_path, f"\n@hookimpl\ndef {hook}():\n    return {returned}\n")
    code, _, err = build(capsys, path)
    assert code == 2, err
    assert err.count(f"错误：插件 '{PLUGIN}'：{hook}() {message}") == 1
    assert "Traceback" not in err
    assert outputs(tmp_path) == []
    assert build_without(capsys, path, "md,html,docx", PLUGIN)[0] == 0
    assert len(outputs(tmp_path)) == 3


def test_renderer_returning_the_wrong_type(tmp_path, capsys):
    source = '\n@hookimpl\ndef govreport_renderers():\n    return [Renderer("txt", "txt", lambda document: 42)]\n'
    path = report_with(tmp_path, source)
    code, _, err = build(capsys, path, "md,txt")
    assert code == 2
    assert f"错误：插件 '{PLUGIN}'：renderer 'txt' returned int" in err
    assert outputs(tmp_path) == []
    assert build(capsys, path, "md")[0] == 0


def test_rule_yielding_the_wrong_type(tmp_path, capsys):
    source = '\n@rule("TST900", Severity.ERROR, "坏规则")\ndef bad(report):\n    yield "年份不对"\n'
    source += "\n@hookimpl\ndef govreport_rules():\n    return [bad]\n"
    path = report_with(tmp_path, source)
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert f"错误：插件 '{PLUGIN}'：rule TST900 yielded str, not Flag" in err
    assert "Traceback" not in err
    assert run_cli(capsys, "--disable-plugins", PLUGIN, "check", path)[0] == 0


def test_section_kind_building_something_that_is_not_a_block(tmp_path, capsys):
    source = "\n@hookimpl\ndef govreport_section_kinds():\n"
    source += '    return [SectionKind("tourism.visits", Visits, lambda d, c: ["接待游客"])]\n'
    path = report_with(tmp_path, source, MINIMAL + USES_KIND)
    code, _, err = build(capsys, path)
    assert code == 2
    assert f"错误：插件 '{PLUGIN}'：section kind 'tourism.visits' built str, not a block" in err
    assert "renderer" not in err
    assert outputs(tmp_path) == []


# -- raises in a hook --------------------------------------------------------------------------------

HOOKS = (
    "govreport_editions",
    "govreport_section_kinds",
    "govreport_rules",
    "govreport_renderers",
    "govreport_docx_profiles",
)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_that_raises_is_named_and_the_rest_works(tmp_path, capsys, hook):
    source = f"\n@hookimpl\ndef {hook}():\n    raise LookupError('配置缺失')\n"
    path = report_with(tmp_path, source)
    code, _, err = build(capsys, path)
    assert code == 2, err
    assert f"错误：插件 '{PLUGIN}'：{hook}() raised LookupError('配置缺失')" in err
    assert outputs(tmp_path) == []
    code, _, err = run_cli(capsys, "check", path)
    # check asks only the hooks it uses: a broken renderer or .docx profile is news for builds
    builds_only = hook in ("govreport_renderers", "govreport_docx_profiles")
    assert code == (0 if builds_only else 2)
    assert (f"插件 '{PLUGIN}'" in err) is not builds_only


def test_hook_generator_that_raises_half_way(tmp_path, capsys):
    source = '\n@hookimpl\ndef govreport_renderers():\n    yield Renderer("txt", "txt", str)\n'
    source += "    raise RuntimeError('half-way')\n"
    path = report_with(tmp_path, source)
    code, _, err = build(capsys, path, "md,txt")
    assert code == 2
    assert f"插件 '{PLUGIN}'：govreport_renderers() raised RuntimeError('half-way')" in err
    assert build(capsys, path, "md")[0] == 2
    code, _, err = build_without(capsys, path, "md,txt", PLUGIN)
    assert code == 2 and "没有这种输出格式 'txt'" in err
    assert build_without(capsys, path, "md", PLUGIN)[0] == 0


# -- raises during build or check ---------------------------------------------------------------------

RAISING_KIND = """
def build(data, context):
    raise ValueError("no visitor data")

@hookimpl
def govreport_section_kinds():
    return [SectionKind("tourism.visits", Visits, build)]
"""


def test_section_kind_raising_stops_only_the_reports_that_use_it(tmp_path, capsys):
    path = report_with(tmp_path, RAISING_KIND)
    code, _, err = build(capsys, path)
    assert code == 0 and "error" not in err
    before = {p.name: p.read_bytes() for p in (tmp_path / "build").iterdir()}
    path.write_text(path.read_text("utf-8") + USES_KIND, encoding="utf-8")
    code, _, err = build(capsys, path)
    assert code == 2
    assert (
        f"错误：插件 '{PLUGIN}'：section kind 'tourism.visits' failed: "
        "ValueError('no visitor data')" in err
    )
    assert {p.name: p.read_bytes() for p in (tmp_path / "build").iterdir()} == before


def test_rule_raising_is_named_with_its_code_and_stops_building_too(tmp_path, capsys):
    source = '\n@rule("TST901", Severity.ERROR, "坏规则")\ndef bad(report):\n'
    source += "    return report.no_such_field\n\n@hookimpl\ndef govreport_rules():\n"
    source += "    return [bad]\n"
    path = report_with(tmp_path, source)
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert f"错误：插件 '{PLUGIN}'：rule TST901 failed: AttributeError(" in err
    assert "Traceback" not in err
    code, _, err = build(capsys, path)  # build checks first: an unchecked report is not built
    assert code == 2 and "rule TST901 failed" in err
    assert not (tmp_path / "build").exists()
    assert build_without(capsys, path, "md")[0] == 0


def test_renderer_raising_leaves_the_other_formats_usable(tmp_path, capsys):
    source = "\ndef render(document):\n    raise MemoryError('too big')\n"
    source += (
        '\n@hookimpl\ndef govreport_renderers():\n    return [Renderer("odt", "odt", render)]\n'
    )
    path = report_with(tmp_path, source)
    code, _, err = build(capsys, path, "md,html,docx,odt")
    assert code == 2
    assert f"错误：插件 '{PLUGIN}'：renderer 'odt' failed: MemoryError('too big')" in err
    assert outputs(tmp_path) == []
    assert build(capsys, path)[0] == 0
    assert len(outputs(tmp_path)) == 3


# -- contained: nothing plugin code does escapes as more than a failure naming it ----------------------
# Run as subprocesses with an installed plugin: these are about exit codes, stdout and time.

RULE = '\n@hookimpl\ndef govreport_rules():\n    return [bad]\n\n@rule("TST1", Severity.ERROR, "坏规则")\n'
KIND = "\n@hookimpl\ndef govreport_section_kinds():\n    return [SectionKind('tourism.visits', Visits, build)]\n"
EDITION = (
    "\n@hookimpl\ndef govreport_editions():\n"
    '    return [Edition("house", "自定", (Part("overview", "概述"),), {})]\n'
)
TXT = """
@attrs.frozen
class TxtOptions:
    width: int = 80

@hookimpl
def govreport_renderers():
    return [Renderer("txt", "txt", {render}, options_type=TxtOptions, check_options={check})]
"""


def installed_env(folder: Path, source: str) -> dict[str, str]:
    """An environment in which the distribution ``house_plugin`` (entry point ``house``) is
    installed, its module holding HEADER + source."""
    site = folder / "site"
    site.mkdir()
    (site / "house_plugin.py").write_text(HEADER + source, encoding="utf-8")
    info = site / "house_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house_plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[govreport]\nhouse = house_plugin\n")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    allowed = f"{os.environ[ALLOW_ENV]},house"
    return {**os.environ, "PYTHONPATH": path, TIMEOUT_ENV: "1", ALLOW_ENV: allowed}


def govreport(env: dict[str, str], *args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "govreport.cli", *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def assert_contained(result: subprocess.CompletedProcess[str], code: int, message: str) -> None:
    """The command ended with ``code``, named the plugin with ``message``, and no traceback."""
    assert result.returncode == code, result.stderr
    assert f"插件 'house'：{message}" in result.stderr
    assert "Traceback" not in result.stderr


def verdicts_and_findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, list]]:
    """Each file's verdict and findings in ``check --format json`` output."""
    return [(entry["verdict"], entry["findings"]) for entry in json.loads(result.stdout)]


PLUGIN_FAILURES_WARNED = {
    "import-exits": ("raise SystemExit(42)\n", "导入失败： SystemExit(42)"),
    "import-interrupts": ("raise KeyboardInterrupt\n", "导入失败： KeyboardInterrupt()"),
    "import-base-exception": (
        "class Boom(BaseException):\n    pass\n\nraise Boom('x')\n",
        "导入失败： Boom('x')",
    ),
    "import-raises-a-govreport-error": (
        "from govreport.errors import GovreportError\n\nraise GovreportError('licence')\n",
        "导入失败： GovreportError('licence')",
    ),
    "import-loops": ("while True:\n    pass\n", "import did not finish within 1 s"),
    "hook-exits": (
        "\n@hookimpl\ndef govreport_rules():\n    raise SystemExit(42)\n",
        "govreport_rules() raised SystemExit(42)",
    ),
    "hook-generator-exit": (
        "\n@hookimpl\ndef govreport_section_kinds():\n    raise GeneratorExit\n",
        "govreport_section_kinds() raised GeneratorExit()",
    ),
    "hook-endless-iterator": (
        "import itertools\n\n@hookimpl\ndef govreport_rules():\n    return itertools.count()\n",
        "govreport_rules() yielded more than 10,000 items",
    ),
    "hook-loops": (
        "\n@hookimpl\ndef govreport_editions():\n    while True:\n        pass\n",
        "govreport_editions() did not finish within 1 s (GOVREPORT_PLUGIN_TIMEOUT)",
    ),
    "bad-title-template": (
        EDITION.format("title_template='{agency}{year}{oops}'"),
        "govreport_editions() item 1 of 1 (edition 'house'): title_template may hold only "
        "{agency} and {year}, not {oops}",
    ),
    "title-template-indexing": (
        EDITION.format("title_template='{agency[99]}'"),
        "govreport_editions() item 1 of 1 (edition 'house'): title_template may hold only "
        "{agency} and {year}, not {agency[99]}",
    ),
}


@pytest.mark.parametrize(
    ("source", "message"), PLUGIN_FAILURES_WARNED.values(), ids=list(PLUGIN_FAILURES_WARNED)
)
def test_plugin_failing_to_load_stops_check_and_build_until_turned_off(tmp_path, source, message):
    env = installed_env(tmp_path, source)
    report = write_report(tmp_path)
    result = govreport(env, "check", "--format", "json", report)
    assert_contained(result, 2, message)
    assert result.stderr.count(f"插件 'house'：{message}") == 1
    assert "--disable-plugins house" in result.stderr
    assert verdicts_and_findings(result) == [("unusable", [])]
    assert_contained(govreport(env, "build", "--to", "md", report), 2, message)
    assert not (tmp_path / "build").exists()
    result = govreport(env, "--disable-plugins", "house", "check", "--format", "json", report)
    assert result.returncode == 0, result.stderr
    assert verdicts_and_findings(result) == [("pass", [])]
    assert_contained(govreport(env, "plugins"), 0, message)


def test_an_edition_refused_for_its_title_template_is_named(tmp_path):
    env = installed_env(tmp_path, EDITION.format("title_template='{agency!r}:{year:>9}'"))
    result = govreport(env, "plugins")
    message = "title_template may hold only {agency} and {year}, not {agency!r}"
    assert_contained(result, 0, f"govreport_editions() item 1 of 1 (edition 'house'): {message}")
    report = write_report(tmp_path, MINIMAL.replace('"eight-part"', '"house"'))
    result = govreport(env, "build", report)
    assert result.returncode == 2
    assert "没有这个版本 'house'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "build").exists()


RULE_FAILURES = {
    "exits": ("def bad(report):\n    raise SystemExit(42)\n", "rule TST1 failed: SystemExit(42)"),
    "interrupts": (
        "def bad(report):\n    raise KeyboardInterrupt\n",
        "rule TST1 failed: KeyboardInterrupt()",
    ),
    "generator-exit": (
        "def bad(report):\n    yield Flag('year', '一')\n    raise GeneratorExit\n",
        "rule TST1 failed: GeneratorExit()",
    ),
    "loops": ("def bad(report):\n    while True:\n        pass\n", "rule TST1 did not finish"),
    "swallows-the-stop": (
        "def bad(report):\n    while True:\n        try:\n            while True:\n"
        "                pass\n        except BaseException:\n            pass\n",
        "rule TST1 did not stop when its time ran out (1 s)；govreport 就此停止",
    ),
    "endless-flags": (
        "def bad(report):\n    while True:\n        yield Flag('year', '又一条')\n",
        "rule TST1 yielded more than 10,000 flags",
    ),
    "path-not-text": (
        "def bad(report):\n    yield Flag(2019, '年份')\n",
        "rule TST1 yielded a Flag whose path is int, not text",
    ),
    "lone-surrogate": (
        "def bad(report):\n    yield Flag('year', '年份\\ud800')\n",
        "rule TST1 yielded a Flag whose message holds a lone surrogate at position 2",
    ),
    "cells-not-text": (
        "def bad(report):\n    yield Flag('year', '年份', (None,))\n",
        "rule TST1 yielded a Flag whose cell is NoneType, not text",
    ),
    "unprintable-exception": (
        "def bad(report):\n    class Odd(Exception):\n        def __repr__(self):\n"
        "            raise SystemExit(3)\n\n    raise Odd()\n",
        "rule TST1 failed: Odd()",
    ),
}


@pytest.mark.parametrize(("source", "message"), RULE_FAILURES.values(), ids=list(RULE_FAILURES))
def test_rule_failure_is_named_with_exit_2_and_stdout_stays_json(tmp_path, source, message):
    env = installed_env(tmp_path, RULE + source)
    report = write_report(tmp_path)
    result = govreport(env, "check", "--format", "json", report)
    assert_contained(result, 2, message)
    if "govreport stops" not in message:
        assert verdicts_and_findings(result) == [("unusable", [])]
    assert govreport({**env, DISABLE_ENV: "house"}, "check", report).returncode == 0


def test_what_a_plugin_prints_goes_to_stderr_so_json_output_stays_clean(tmp_path):
    source = "print('importing')\n" + RULE.replace("return [bad]", "print('asked');return [bad]")
    source += "def bad(report):\n    print('checking')\n    yield Flag('year', '年份有误')\n"
    env = installed_env(tmp_path, source)
    report = write_report(tmp_path)
    result = govreport(env, "check", "--format", "json", report)
    assert result.returncode == 1, result.stderr
    [entry] = json.loads(result.stdout)
    assert [finding["code"] for finding in entry["findings"]] == ["TST1"]
    for printed in ("importing", "asked", "checking"):
        assert printed in result.stderr


def test_section_kind_exiting_in_worker_processes_is_named_for_each_report(tmp_path):
    source = "def build(data, context):\n    print('building')\n    raise SystemExit(42)\n" + KIND
    env = installed_env(tmp_path, source)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    reports = [write_report(tmp_path / name, MINIMAL + USES_KIND) for name in ("a", "b")]
    result = govreport(env, "build", "-j", "2", *reports)
    assert_contained(result, 2, "section kind 'tourism.visits' failed: SystemExit(42)")
    assert result.stderr.count("SystemExit(42)") == 2
    assert result.stdout == ""


BUILD_FAILURES = {
    "preamble-raises": (
        "def preamble(report, context):\n    raise RuntimeError('no preamble')\n"
        + EDITION.format("preamble=preamble"),
        "html",
        "edition 'house' preamble failed: RuntimeError('no preamble')",
    ),
    "preamble-endless": (
        "import itertools\n\ndef preamble(report, context):\n"
        "    return itertools.repeat(Paragraph((Run('又一段'),)))\n"
        + EDITION.format("preamble=preamble"),
        "md",
        "edition 'house' preamble yielded more than 10,000 blocks",
    ),
    "renderer-lone-surrogate": (
        "def render(document):\n    return '坏\\udc80'\n"
        + TXT.format(render="render", check="None"),
        "txt",
        "renderer 'txt' returned text with a lone surrogate at position 1",
    ),
    "renderer-interrupts": (
        "def render(document):\n    raise KeyboardInterrupt\n"
        + TXT.format(render="render", check="None"),
        "txt",
        "renderer 'txt' failed: KeyboardInterrupt()",
    ),
    "renderer-loops": (
        "def render(document):\n    while True:\n        pass\n"
        + TXT.format(render="render", check="None"),
        "txt",
        "renderer 'txt' did not finish within 1 s",
    ),
}


@pytest.mark.parametrize(
    ("source", "formats", "message"), BUILD_FAILURES.values(), ids=list(BUILD_FAILURES)
)
def test_build_failure_in_plugin_code_is_named_with_exit_2(tmp_path, source, formats, message):
    env = installed_env(tmp_path, source)
    text = MINIMAL.replace('"eight-part"', '"house"') if "preamble" in source else MINIMAL
    report = write_report(tmp_path, text)
    result = govreport(env, "build", "--to", formats, report)
    assert_contained(result, 2, message)
    assert not (tmp_path / "build").exists()


def test_check_options_raising_is_named_with_exit_2(tmp_path):
    source = "def check(options):\n    raise SystemExit('bad options')\n"
    env = installed_env(tmp_path, source + TXT.format(render="str", check="check"))
    report = write_report(tmp_path, MINIMAL + "\n[output.txt]\nwidth = 60\n")
    result = govreport(env, "check", "--format", "json", report)
    assert_contained(result, 2, "renderer 'txt' check_options failed: SystemExit('bad options')")
    assert verdicts_and_findings(result) == [("unusable", [])]


def test_an_unreadable_time_limit_is_refused_with_exit_2(tmp_path):
    env = installed_env(tmp_path, RULE + "def bad(report):\n    return []\n")
    result = govreport({**env, TIMEOUT_ENV: "soon"}, "check", write_report(tmp_path))
    assert result.returncode == 2
    assert f"错误：{TIMEOUT_ENV} 应为 0（不限时）到 86400 之间的秒数" in result.stderr
    assert "Traceback" not in result.stderr
    assert govreport({**env, TIMEOUT_ENV: "0"}, "check", write_report(tmp_path)).returncode == 0


VALIDATING_KIND = """
import sys

def checked(instance, attribute, value):
    if value == 1:
        sys.exit(42)
    if value == 2:
        while True:
            pass
    if value == 3:
        raise ValueError("接待人次不能是 3")

@attrs.frozen
class Checked:
    count: int = attrs.field(validator=checked)

def build(data, context):
    yield Paragraph((Run("x"),))

@hookimpl
def govreport_section_kinds():
    return [SectionKind("tourism.visits", Checked, build)]
"""


@pytest.mark.parametrize(
    ("count", "code", "message"),
    [
        (
            1,
            2,
            "插件 'house'：section kind 'tourism.visits' reading its data failed: SystemExit(42)",
        ),
        (2, 2, "插件 'house'：section kind 'tourism.visits' reading its data did not finish"),
        (3, 2, "sections[1].content[0].count: 接待人次不能是 3"),
    ],
    ids=["exits", "loops", "refuses-the-value"],
)
def test_a_section_kinds_validators_are_plugin_code_too(tmp_path, count, code, message):
    env = installed_env(tmp_path, VALIDATING_KIND)
    report = write_report(tmp_path, MINIMAL + USES_KIND.replace("count = 12", f"count = {count}"))
    result = govreport(env, "check", "--format", "json", report)
    assert result.returncode == code, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert verdicts_and_findings(result) == [("unusable", [])]


def test_a_worker_ended_by_a_plugin_fails_its_reports_and_the_batch_goes_on(tmp_path):
    """A section kind that swallows the time limit makes govreport end its worker process."""
    source = (
        "def build(data, context):\n    while True:\n        try:\n            while True:\n"
        "                pass\n        except BaseException:\n            pass\n" + KIND
    )
    env = installed_env(tmp_path, source)
    env.pop("GOVREPORT_ALLOW_LOCAL_PLUGINS", None)  # in the workers, not in children of their own
    reports = []
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        reports.append(write_report(tmp_path / name, MINIMAL + USES_KIND))
    (tmp_path / "plain").mkdir()
    plain = write_report(tmp_path / "plain")
    result = govreport(env, "build", "-j", "2", *reports, plain)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    for report in reports:
        assert f"{report}: 处理这份报告的进程中止了" in result.stderr
    assert result.stderr.count("section kind 'tourism.visits' did not stop") >= len(reports)
    assert (tmp_path / "plain" / "build" / "plain.md").exists()


# -- a hook name govreport does not know ------------------------------------------------------------

MISNAMED = {
    "misspelt": (
        "\n@hookimpl\ndef govreport_rule():\n    return []\n",
        "govreport_rule() is not a govreport hook; did you mean govreport_rules?",
    ),
    "unmarked": (
        "\ndef govreport_rules():\n    return []\n",
        "govreport_rules() is not marked @hookimpl, so govreport never calls it",
    ),
}


@pytest.mark.parametrize(("source", "message"), MISNAMED.values(), ids=list(MISNAMED))
def test_a_hook_function_govreport_would_never_call_is_an_error(tmp_path, source, message):
    env = installed_env(tmp_path, source)
    report = write_report(tmp_path)
    result = govreport(env, "check", report)
    assert_contained(result, 2, message)
    assert "--disable-plugins house" in result.stderr
    assert_contained(govreport(env, "build", "--to", "md", report), 2, message)
    assert_contained(govreport(env, "plugins"), 0, message)


def test_one_wrong_rule_among_good_ones_stops_check_naming_the_item(tmp_path):
    source = '\n@rule("TST1", Severity.ERROR, "好规则")\ndef good(report):\n    return []\n'
    source += "\n@hookimpl\ndef govreport_rules():\n    return [good, 42]\n"
    env = installed_env(tmp_path, source)
    result = govreport(env, "check", write_report(tmp_path))
    assert_contained(result, 2, "govreport_rules() item 2 of 2 is int, not Rule")
    assert "通过" not in result.stdout
    assert result.stderr.count("item 2 of 2") == 1


# -- a plugin turned off -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "switch"),
    [
        ({DISABLE_ENV: "commerce"}, "--disable-plugins 或 GOVREPORT_DISABLE_PLUGINS"),
        ({ALLOW_ENV: "nothing"}, "GOVREPORT_PLUGINS（未列出它）"),
    ],
    ids=["disabled", "not-allowed"],
)
def test_a_kind_of_a_turned_off_plugin_names_the_switch(settings, switch):
    env = {**os.environ, **settings}
    result = govreport(env, "check", EXAMPLE)
    assert result.returncode == 2, result.stderr
    assert "没有这种内容类型 'commerce.project_prereview'" in result.stderr
    assert f"插件 'commerce' 已安装，但被 {switch} 关闭" in result.stderr
    assert "可能是它提供的" in result.stderr  # after every plugin turned off
    assert "提供它的插件装了吗？" not in result.stderr
    assert "Traceback" not in result.stderr
