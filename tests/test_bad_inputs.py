"""The bad-input corpus: every way a report file can be wrong gives exit 2 and a clear message.

Each case in ``tests/bad_inputs/cases.toml`` is run through ``govreport check`` and ``govreport
build --to md,html,docx``: the command must exit with the declared status, print the declared
message fragment, print no traceback, and write no file at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report

from govreport.cli import main
from govreport.loader import MAX_FILE_BYTES, MAX_NESTING
from govreport.validators import MAX_COUNT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

BAD_INPUTS = Path(__file__).parent / "bad_inputs"
MANIFEST = BAD_INPUTS / "cases.toml"
CASES: dict[str, dict] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
COMMANDS = ("check", "build")
FORMATS = "md,html,docx"


def _oversized(folder: Path) -> tuple[Path, list[str]]:
    text = MINIMAL + "# " + "x" * MAX_FILE_BYTES + "\n"
    return write_report(folder, text, name="oversized.toml"), []


def _missing(folder: Path) -> tuple[Path, list[str]]:
    return folder / "does_not_exist.toml", []


def _output_folder_is_a_file(folder: Path) -> tuple[Path, list[str]]:
    blocker = folder / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    return write_report(folder), ["-o", str(blocker)]


def _output_over_input(folder: Path) -> tuple[Path, list[str]]:
    return write_report(folder, name="report.md"), ["-o", str(folder)]


def _build_folder_is_a_symlink(folder: Path) -> tuple[Path, list[str]]:
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    (folder / "build").symlink_to(elsewhere, target_is_directory=True)
    return write_report(folder), []


def _output_name_too_long(folder: Path) -> tuple[Path, list[str]]:
    return write_report(folder), ["-o", str(folder / ("长" * 90))]


GENERATORS: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    "oversized.toml": _oversized,
    "does_not_exist.toml": _missing,
    "output_folder_is_a_file": _output_folder_is_a_file,
    "output_over_input": _output_over_input,
    "build_folder_is_a_symlink": _build_folder_is_a_symlink,
    "output_name_too_long": _output_name_too_long,
}


def _params() -> list:
    params = []
    for name, case in CASES.items():
        for command in case.get("commands", COMMANDS):
            reason = case.get("xfail", {}).get(command)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(name, command, id=f"{command}-{name}", marks=marks))
    return params


def prepare(name: str, folder: Path) -> tuple[Path, list[str]]:
    """Put a case into folder (a copy, so outputs could only land there); its path and options."""
    case = CASES[name]
    if case.get("generate"):
        return GENERATORS[name](folder)
    source = BAD_INPUTS / name
    target = folder / name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return target, []


def arguments(command: str, path: Path, options: list[str]) -> list[str]:
    if command == "build":
        return ["build", str(path), "--to", FORMATS, *options]
    return ["check", str(path), *options]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- the manifest itself -------------------------------------------------------------------------


def test_every_file_in_the_corpus_has_a_case_and_every_case_a_file():
    on_disk = {p.name for p in BAD_INPUTS.iterdir()} - {MANIFEST.name, "__pycache__"}
    committed = {name for name, case in CASES.items() if not case.get("generate")}
    assert on_disk == committed
    assert set(GENERATORS) == {name for name, case in CASES.items() if case.get("generate")}


def test_the_corpus_is_large_and_every_case_declares_exit_and_message():
    assert len(CASES) >= 40
    for name, case in CASES.items():
        assert case["exit"] == 2, name
        assert case["message"].strip(), name
        assert set(case) <= {"exit", "message", "commands", "generate", "xfail"}, name
        assert set(case.get("commands", COMMANDS)) <= set(COMMANDS), name


def test_the_limits_are_documented_as_the_code_sets_them():
    page = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    assert f"{MAX_FILE_BYTES // 1024 // 1024} MiB（`MAX_FILE_BYTES`）" in page
    assert f"{MAX_NESTING} 层 levels（`MAX_NESTING`）" in page
    assert f"{MAX_COUNT:,}（`MAX_COUNT`）" in page
    assert f"{MAX_COUNT * 100:,}" in page


def test_the_oversized_case_is_just_over_the_limit(tmp_path):
    path, _ = _oversized(tmp_path)
    assert MAX_FILE_BYTES < path.stat().st_size < MAX_FILE_BYTES + 1024


# -- every case, in-process ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "command"), _params())
def test_bad_input(tmp_path, capsys, name, command):
    case = CASES[name]
    path, options = prepare(name, tmp_path)
    before = snapshot(tmp_path)
    code = main(arguments(command, path, options))
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    assert case["message"] in err, err
    assert code == case["exit"], err
    assert snapshot(tmp_path) == before, "the command wrote or changed a file"


# -- in real processes ------------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The govreport command in a process of its own, as a user runs it."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for variable in ("GOVREPORT_PLUGINS", "GOVREPORT_DISABLE_PLUGINS"):
        environment.pop(variable, None)
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "name",
    [
        "toml_unclosed_string.toml",
        "not_utf8_gbk.toml",
        "plugin_fails_to_import",
        "does_not_exist.toml",
        "oversized.toml",
    ],
)
def test_bad_input_in_a_real_process(tmp_path, name):
    path, options = prepare(name, tmp_path)
    before = snapshot(tmp_path)
    for command in CASES[name].get("commands", COMMANDS):
        result = run(*arguments(command, path, options), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert CASES[name]["message"] in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(tmp_path) == before


def test_the_whole_corpus_in_one_batch_build_with_two_workers(tmp_path):
    """``build -j 2`` over every file case: each reported, none built, the process survives."""
    names = [
        name
        for name, case in CASES.items()
        if not case.get("generate")
        and "build" in case.get("commands", COMMANDS)
        and "build" not in case.get("xfail", {})
    ]
    paths = [str(prepare(name, tmp_path)[0]) for name in names]
    before = snapshot(tmp_path)
    result = run("build", *paths, "--to", FORMATS, "-j", "2", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for name in names:
        assert CASES[name]["message"] in result.stderr, name
    assert f"error: {len(names)} of {len(names)} reports failed" in result.stderr
    assert result.stdout == ""
    assert snapshot(tmp_path) == before
