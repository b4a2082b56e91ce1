"""``govreport check`` with many paths: one call, every report reported, one exit status."""

from __future__ import annotations

import json
import subprocess
import sys
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


def check_json(*args: object) -> tuple[int, list[dict]]:
    """``govreport check --format json`` in a process of its own: exit status and entries."""
    command = [sys.executable, "-m", "govreport.cli", "check", *map(str, args), "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return result.returncode, json.loads(result.stdout)


def test_json_has_one_entry_per_file_in_order_with_its_verdict(tmp_path):
    passing = clean(tmp_path)
    draft = write_report(tmp_path, "draft = true\n" + MINIMAL, name="draft.toml")
    broken = write_report(tmp_path, "edition = ", name="broken.toml")
    paths = [SHANGHAI, broken, passing, tmp_path / "nowhere", draft]
    code, entries = check_json(*paths)
    assert code == 2
    assert [entry["path"] for entry in entries] == [str(path) for path in paths]
    assert [entry["verdict"] for entry in entries] == [
        "fail",
        "unusable",
        "pass",
        "unusable",
        "draft",
    ]
    assert entries[0]["file"] == str(SHANGHAI / "report.toml")
    assert entries[0]["findings"] and not entries[0]["problems"]
    assert entries[2]["findings"] == entries[2]["problems"] == []
    for unusable in entries[1], entries[3]:
        assert unusable["findings"] == [] and len(unusable["problems"]) == 1
        assert set(unusable["problems"][0]) == {"file", "location", "message"}


def test_json_for_one_unusable_file_says_so_and_where(tmp_path):
    broken = write_report(tmp_path, MINIMAL.replace("year = 2019", "year = '2019'"))
    code, [entry] = check_json(broken)
    assert code == 2
    assert (entry["path"], entry["file"], entry["verdict"]) == (str(broken),) * 2 + ("unusable",)
    assert [problem["location"] for problem in entry["problems"]] == ["year"]
    assert entry["problems"][0]["file"] == str(broken)
    code, [entry] = check_json(tmp_path / "nowhere")
    assert (code, entry["verdict"], entry["findings"]) == (2, "unusable", [])


def test_json_findings_are_the_same_alone_or_among_others(capsys, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "report.toml").write_bytes((SHANGHAI / "report.toml").read_bytes())
    code, out, _ = run_cli(capsys, "check", SHANGHAI, HUAIAN, copy, "--format", "json")
    assert code == 1
    first, huaian, second = json.loads(out)
    assert first["findings"] and first["findings"] == second["findings"]
    assert (huaian["verdict"], huaian["findings"]) == ("pass", [])
    [alone] = json.loads(run_cli(capsys, "check", SHANGHAI, "--format", "json")[1])
    assert alone == first


def test_text_for_many_files_ends_with_a_tally(capsys, tmp_path):
    broken = write_report(tmp_path, "edition = ", name="broken.toml")
    draft = write_report(tmp_path, "draft = true\n" + MINIMAL, name="draft.toml")
    code, out, _ = run_cli(capsys, "check", clean(tmp_path), SHANGHAI, broken, draft)
    assert code == 2
    assert out.splitlines()[-1] == "共 4 份：1 份通过，1 份草稿，1 份有问题，1 份无法检查"
    code, out, _ = run_cli(capsys, "check", clean(tmp_path, "a"), clean(tmp_path, "b"))
    assert (code, out.splitlines()[-1]) == (0, "共 2 份：2 份通过")
    code, out, _ = run_cli(capsys, "check", SHANGHAI)
    assert not out.splitlines()[-1].startswith("共")  # one report: its verdict is the last line


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
    assert code == 2 and out == "共 3 份：3 份无法检查\n"
    assert err.count("错误：插件 'local:plugin.py'") == 1
    assert err.count("--disable-plugins local:plugin.py") == 3
