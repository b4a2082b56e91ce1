"""A report file never runs code unless the person running govreport allows it, and one report's
plugins never change what another report of the same call is checked or built with.

Every test runs the govreport command in a process of its own, as a portal checking uploaded
files would. A plugin that runs leaves a mark file, so "it did not run" is seen on disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHANGHAI = FIXTURES / "shanghai_2019" / "report.toml"
HUAIAN = FIXTURES / "huaian_2024" / "report.toml"

MARKING_PLUGIN = """\
from pathlib import Path

Path({mark!r}).write_text("the plugin ran", encoding="utf-8")
"""


def govreport(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    for variable in ("GOVREPORT_ALLOW_LOCAL_PLUGINS", "GOVREPORT_DISABLE_PLUGINS"):
        if variable not in (env or {}):
            environment.pop(variable, None)
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


def report_naming(folder: Path, written: str, plugin_file: Path, mark: Path) -> Path:
    """A copy of a real report that names a plugin file which, if run, writes ``mark``."""
    folder.mkdir(parents=True, exist_ok=True)
    plugin_file.parent.mkdir(parents=True, exist_ok=True)
    plugin_file.write_text(MARKING_PLUGIN.format(mark=str(mark)), encoding="utf-8")
    text = f"plugins = [{json.dumps(written)}]\n" + SHANGHAI.read_text(encoding="utf-8")
    path = folder / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def other_report(folder: Path, source: Path = SHANGHAI) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.toml"
    path.write_bytes(source.read_bytes())
    return path


def commands(report: Path, other: Path, out: Path) -> dict[str, list[object]]:
    """Every command that loads a report, with the report naming a plugin."""
    return {
        "check": ["check", report],
        "check --previous": ["check", other, "--previous", report],
        "build": ["build", report, "--to", "md,html,docx", "-o", out / "build"],
        "build -j 2": ["build", report, other, "--to", "md", "-o", out / "jobs", "-j", "2"],
        "export": ["export", report],
        "compare": ["compare", report, other],
        "new --from": ["new", out / "next", "--from", report],
        "aggregate": ["aggregate", report, other, "-o", out / "sum.toml"],
    }


WRITTEN = {
    "inside the folder": ("evil.py", lambda folder, tmp: folder / "evil.py"),
    "./ inside the folder": ("./evil.py", lambda folder, tmp: folder / "evil.py"),
    "absolute path": (None, lambda folder, tmp: tmp / "elsewhere" / "evil.py"),
    "parent folder": ("../evil.py", lambda folder, tmp: folder.parent / "evil.py"),
}


@pytest.mark.parametrize("command", list(commands(Path(), Path(), Path())))
@pytest.mark.parametrize("where", list(WRITTEN))
def test_no_command_runs_a_plugin_the_report_names_by_default(tmp_path, command, where):
    written, place = WRITTEN[where]
    folder = tmp_path / "uploads" / "report"
    plugin_file = place(folder, tmp_path)
    mark = tmp_path / "PLUGIN_RAN"
    report = report_naming(folder, written or str(plugin_file), plugin_file, mark)
    other = other_report(tmp_path / "other")
    result = govreport(*commands(report, other, tmp_path / "out")[command])
    assert not mark.exists(), "the report's plugin ran"
    assert result.returncode == 2, result.stderr
    assert "plugins[0]: 指定了插件文件" in result.stderr
    assert "--allow-local-plugins" in result.stderr and "Traceback" not in result.stderr
    written_for_it = [
        p for p in (tmp_path / "out").rglob("*") if not p.is_relative_to(other.parent)
    ]
    assert [p.name for p in written_for_it if not p.name.startswith("other.")] in ([], ["jobs"])


def test_the_plugins_environment_list_is_not_needed_to_stop_it(tmp_path):
    """GOVREPORT_PLUGINS selects installed plugins; a report's own plugins stay off regardless."""
    mark = tmp_path / "PLUGIN_RAN"
    report = report_naming(tmp_path / "r", "evil.py", tmp_path / "r" / "evil.py", mark)
    for selection in ("", "commerce"):
        result = govreport("check", report, env={"GOVREPORT_PLUGINS": selection})
        assert result.returncode == 2 and not mark.exists()


@pytest.mark.parametrize("switch", ["flag", "environment"])
def test_allowed_plugins_run_from_inside_the_report_folder(tmp_path, switch):
    mark = tmp_path / "PLUGIN_RAN"
    report = report_naming(tmp_path / "r", "evil.py", tmp_path / "r" / "evil.py", mark)
    if switch == "flag":
        result = govreport("--allow-local-plugins", "check", report)
    else:
        result = govreport("check", report, env={"GOVREPORT_ALLOW_LOCAL_PLUGINS": "1"})
    assert result.returncode in (0, 1), result.stderr
    assert mark.exists()


@pytest.mark.parametrize("where", ["absolute path", "parent folder"])
def test_allowed_plugins_still_never_run_from_outside_the_report_folder(tmp_path, where):
    written, place = WRITTEN[where]
    folder = tmp_path / "uploads" / "report"
    plugin_file = place(folder, tmp_path)
    mark = tmp_path / "PLUGIN_RAN"
    report = report_naming(folder, written or str(plugin_file), plugin_file, mark)
    result = govreport("--allow-local-plugins", "build", report, "--to", "md")
    assert result.returncode == 2 and not mark.exists()
    assert "plugins[0]: " in result.stderr


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path):
    mark = tmp_path / "PLUGIN_RAN"
    outside = tmp_path / "outside.py"
    report = report_naming(tmp_path / "r", "link.py", outside, mark)
    (tmp_path / "r" / "link.py").symlink_to(outside)
    result = govreport("--allow-local-plugins", "check", report)
    assert result.returncode == 2 and not mark.exists()
    assert "指向报告所在文件夹之外的符号链接" in result.stderr


@pytest.mark.parametrize("pattern", ["local:*", "local:evil.py", "local:./evil.py"])
def test_disabling_by_pattern_or_any_spelling_reads_the_report_without_the_plugin(
    tmp_path, pattern
):
    mark = tmp_path / "PLUGIN_RAN"
    report = report_naming(tmp_path / "r", "./evil.py", tmp_path / "r" / "evil.py", mark)
    result = govreport("--disable-plugins", pattern, "check", report)
    assert not mark.exists()
    assert result.returncode == 1, result.stderr  # the Shanghai report's own findings
    assert "不通过" in result.stdout


# -- one report's plugins do not reach another ----------------------------------------------------

SILENCING_PLUGIN = """\
from govreport.plugins import shared_registry

shared_registry().rules.clear()
"""

HIJACKING_PLUGIN = """\
from govreport import Renderer
from govreport.plugins import shared_registry

shared_registry().renderers["md"] = Renderer("md", "md", lambda document: "HIJACKED")
"""


def with_plugin(folder: Path, source: str, base: Path = SHANGHAI) -> Path:
    folder.mkdir(parents=True)
    (folder / "house.py").write_text(source, encoding="utf-8")
    path = folder / "report.toml"
    path.write_text('plugins = ["house.py"]\n' + base.read_text(encoding="utf-8"), "utf-8")
    return path


def test_a_plugin_clearing_the_rules_does_not_silence_the_next_report(tmp_path):
    silencer = with_plugin(tmp_path / "a", SILENCING_PLUGIN)
    victim = other_report(tmp_path / "b")
    alone = govreport("check", victim, "--format", "json")
    together = govreport("--allow-local-plugins", "check", silencer, victim, "--format", "json")
    assert alone.returncode == together.returncode == 1
    [checked_alone] = json.loads(alone.stdout)
    assert checked_alone["findings"]
    assert json.loads(together.stdout)[1] == checked_alone


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugin_replacing_a_renderer_does_not_reach_the_other_reports(tmp_path, jobs):
    hijacker = with_plugin(tmp_path / "a", HIJACKING_PLUGIN)
    victims = [other_report(tmp_path / name) for name in "bcd"]
    result = govreport(
        "--allow-local-plugins", "build", hijacker, *victims, "--to", "md", "-j", jobs, "--force"
    )  # --force: the real report's own inconsistencies are not what this is about
    assert result.returncode == 0, result.stderr
    for victim in victims:
        text = (victim.parent / "build" / f"{victim.parent.name}.md").read_text("utf-8")
        assert "HIJACKED" not in text and "信息公开" in text


# -- what reaches the terminal ---------------------------------------------------------------------

ESCAPE = "\x1b]0;pwned\x07\x1b[2J\u202e"


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["build", "--to", "md"],
        ["compare", "LAST"],
        ["new", "NEXT", "--from"],
        ["aggregate", "-o", "SUM", "--keep-going", "MISSING", "LAST"],
    ],
    ids=["check", "build", "compare", "new", "aggregate"],
)
def test_folder_names_reach_the_terminal_escaped(tmp_path, command):
    report = other_report(tmp_path / f"uploads{ESCAPE}", HUAIAN)  # its tables add up
    last = other_report(tmp_path / f"last{ESCAPE}", HUAIAN)
    places = {
        "LAST": last,
        "NEXT": tmp_path / f"next{ESCAPE}",
        "SUM": tmp_path / f"sum{ESCAPE}.toml",
        "MISSING": tmp_path / f"missing{ESCAPE}.toml",
    }
    arguments = [places.get(argument, argument) for argument in command]
    result = govreport(*arguments, report)
    assert result.returncode in (0, 1), result.stderr
    for stream in (result.stdout, result.stderr):
        assert not set(stream) & {"\x1b", "\x07", "\u202e"}, stream
    assert "\\x1b]0;pwned\\x07" in result.stdout + result.stderr
