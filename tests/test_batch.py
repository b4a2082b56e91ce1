"""Building many reports in one call."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport._batch import BuildJob, build_many, chunks, plan, workers_for


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


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "xinyu_commerce_2019"


def example_copies(root: Path, count: int) -> list[Path]:
    text = (EXAMPLE / "report.toml").read_text("utf-8")
    folders = []
    for number in range(count):
        folder = root / f"r{number}"
        folder.mkdir(parents=True)
        (folder / "report.toml").write_text(text, "utf-8")
        folders.append(folder)
    return folders


def written(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_worker_processes_write_the_same_bytes_as_one_process(tmp_path):
    reports = example_copies(tmp_path / "reports", 6)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        command = ["build", *map(str, reports), "--to", "md,html,docx", "-o", str(out)]
        result = subprocess.run(
            [sys.executable, "-m", "govreport.cli", *command, "-j", jobs],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        outputs[jobs] = written(out)
    assert len(outputs["1"]) == 18
    assert outputs["2"] == outputs["1"]


def test_spawned_workers_build_what_one_process_builds(tmp_path):
    """Where workers are not forked they start cold, and must still build the same."""
    reports = example_copies(tmp_path / "reports", 4)
    formats = ["md", "html", "docx"]
    results = {}
    for name, workers in (("spawn", 2), ("here", 1)):
        jobs, failures = plan(reports, tmp_path / name)
        assert not failures
        built = list(build_many(jobs, formats, workers=workers, start_method="spawn"))
        assert all(result.error is None for result in built)
        results[name] = written(tmp_path / name)
    assert len(results["here"]) == 12
    assert results["spawn"] == results["here"]


@pytest.mark.parametrize(
    ("reports", "asked", "workers"),
    [(1, 8, 1), (2, 2, 1), (3, 2, 1), (4, 2, 2), (5, 4, 2), (9, 4, 4), (1000, 2, 2), (50, 1, 1)],
)
def test_workers_start_only_for_enough_reports(reports, asked, workers):
    assert workers_for(reports, asked) == workers


@pytest.mark.parametrize(
    ("reports", "workers", "sizes"),
    [
        (1, 1, [1]),
        (25, 1, [13, 12]),
        (4, 2, [2, 2]),
        (5, 2, [3, 2]),
        (100, 2, [17, 17, 17, 17, 16, 16]),
        (1000, 2, [20] * 50),
    ],
)
def test_chunks_keep_the_workers_equally_busy(reports, workers, sizes):
    jobs = [BuildJob(f"r{number}", None) for number in range(reports)]
    built = chunks(jobs, workers)
    assert [len(chunk) for chunk in built] == sizes
    assert [job for chunk in built for job in chunk] == jobs
