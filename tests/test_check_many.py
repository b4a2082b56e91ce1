"""``govreport check`` with many paths: one call, every report reported, one exit status."""

from __future__ import annotations

import json
from pathlib import Path

from reportfiles import MINIMAL, run_cli, write_report

FIXTURES = Path(__file__).parent / "fixtures"
SHANGHAI = FIXTURES / "shanghai_2019"  # has inconsistencies: exit 1 alone
HUAIAN = FIXTURES / "huaian_2024"


def clean(tmp_path: Path, name: str = "clean") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return write_report(folder, MINIMAL)


def verdicts(out: str) -> list[str]:
    """The verdict line of each report checked, in order: 通过 or 不通过."""
    return [
        line.split("：")[0] for line in out.splitlines() if line.startswith(("通过：", "不通过："))
    ]


def test_every_report_is_checked_and_printed(capsys, tmp_path):
    first, second = clean(tmp_path, "a"), clean(tmp_path, "b")
    code, out, err = run_cli(capsys, "check", first, second)
    assert code == 0, err
    lines = out.splitlines()
    assert lines.index(str(first)) < lines.index(str(second))
    assert verdicts(out) == ["通过", "通过"]


def test_findings_in_any_report_exit_1(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "check", clean(tmp_path), SHANGHAI)
    assert code == 1
    assert verdicts(out) == ["通过", "不通过"]


def test_unusable_report_exits_2_and_the_others_are_still_checked(capsys, tmp_path):
    broken = write_report(tmp_path, "edition = ", name="broken.toml")
    code, out, err = run_cli(capsys, "check", broken, SHANGHAI, tmp_path / "nowhere")
    assert code == 2
    assert verdicts(out) == ["不通过"]  # the usable report was still checked
    assert f"错误：{broken}：1 处问题" in err
    assert "没有这个文件或文件夹" in err
    assert "错误：3 份报告中有 2 份无法检查" in err


def test_one_unusable_report_keeps_its_single_message(capsys, tmp_path):
    code, _, err = run_cli(capsys, "check", tmp_path / "nowhere")
    assert code == 2
    assert "could not be checked" not in err


def test_json_is_one_flat_list_naming_each_file(capsys, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "report.toml").write_bytes((SHANGHAI / "report.toml").read_bytes())
    code, out, _ = run_cli(capsys, "check", SHANGHAI, HUAIAN, copy, "--format", "json")
    assert code == 1
    entries = json.loads(out)
    by_file = {str(SHANGHAI / "report.toml"): [], str(copy / "report.toml"): []}
    for entry in entries:
        assert set(entry) == {"code", "severity", "path", "cells", "message", "file"}
        by_file[entry.pop("file")].append(entry)
    first, second = by_file.values()
    assert first and first == second
    alone = json.loads(run_cli(capsys, "check", SHANGHAI, "--format", "json")[1])
    assert [{**entry, "file": None} for entry in alone] == [{**e, "file": None} for e in first]


def test_previous_takes_one_path(capsys, tmp_path):
    code, out, err = run_cli(capsys, "check", SHANGHAI, HUAIAN, "--previous", SHANGHAI)
    assert code == 2 and out == ""
    assert "--previous" in err and "一个 PATH" in err


def test_plugin_failure_is_shown_once(capsys, tmp_path, monkeypatch, allow_local_plugins):
    monkeypatch.setenv("GOVREPORT_PLUGINS", "commerce")
    paths = [clean(tmp_path, name) for name in "abc"]
    for path in paths:
        broken = path.parent / "plugin.py"
        broken.write_text("raise ImportError('no')\n", encoding="utf-8")
        path.write_text('plugins = ["plugin.py"]\n' + MINIMAL, encoding="utf-8")
    code, out, err = run_cli(capsys, "check", *paths)
    assert code == 2 and out == ""
    assert err.count("错误：插件 'local:plugin.py'") == 1
    assert err.count("--disable-plugins local:plugin.py") == 3
