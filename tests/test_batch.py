"""Building many reports in one call."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report


def make_reports(root: Path, names: list[str]) -> list[Path]:
    folders = []
    for name in names:
        folder = root / name
        folder.mkdir(parents=True)
        write_report(folder, MINIMAL.replace("某市商务局", f"{folder.name}局"))
        folders.append(folder)
    return folders


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_many_reports_into_one_folder(tmp_path, capsys, jobs):
    folders = make_reports(tmp_path, ["a", "b", "c"])
    code, out, err = run_cli(capsys, "build", *folders, "-o", tmp_path / "out", "-j", jobs)
    assert code == 0, err
    assert sorted(Path(line).name for line in out.split()) == ["a.md", "b.md", "c.md"]
    assert "# b局2019年度" in (tmp_path / "out" / "b.md").read_text("utf-8")


def test_a_failure_is_reported_and_the_others_are_built(tmp_path, capsys):
    good, bad = make_reports(tmp_path, ["good", "bad"])
    (bad / "report.toml").write_text(MINIMAL.replace("year = 2019", "year = 'x'"), "utf-8")
    code, out, err = run_cli(capsys, "build", good, bad, tmp_path / "missing", "-j", "2")
    assert code == 2
    assert out.split() == [str(good / "build" / "good.md")]
    assert f"{bad / 'report.toml'}：1 处问题" in err
    assert "missing：1 处问题" in err and "没有这个文件或文件夹" in err
    assert "3 份报告中有 2 份失败" in err


def test_colliding_names_are_refused_never_overwritten(tmp_path, capsys):
    first, second = make_reports(tmp_path, ["x/2019", "y/2019"])
    code, out, err = run_cli(capsys, "build", first, second, "-o", tmp_path / "out")
    assert code == 2
    assert out == ""
    assert err.count("的输出；") == 2
    assert not (tmp_path / "out").exists()


def test_the_same_report_named_twice_is_built_once(tmp_path, capsys):
    (folder,) = make_reports(tmp_path, ["only"])
    code, out, _ = run_cli(capsys, "build", folder, folder / "report.toml")
    assert code == 0
    assert out.split() == [str(folder / "build" / "only.md")]


def test_jobs_must_be_positive(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        run_cli(capsys, "build", tmp_path, "-j", "0")
    assert caught.value.code == 2
