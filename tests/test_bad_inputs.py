"""The bad-input corpus: every way a report file can be wrong gives exit 2 and a clear message.

Each case in ``tests/bad_inputs/cases.toml`` is run through ``govreport check`` and ``govreport
build --to md,html,docx``: the command must exit with the declared status, print the declared
message fragment, print no traceback, and write no file at all.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import string
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportfiles import MINIMAL, write_report

from govreport.builtins.docx.profile import MAX_LINES, MAX_MARGIN_MM, MAX_PAPER_MM, MAX_SIZE_PT
from govreport.cli import main
from govreport.errors import printable
from govreport.loader import MAX_FILE_BYTES, MAX_NESTING, MAX_VALUES
from govreport.numbering import MAX_NUMERAL, chinese_numeral
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


def _plugin_symlink_out(folder: Path) -> tuple[Path, list[str]]:
    """A plugin named inside the report's folder that is a symbolic link to a file outside it."""
    outside = folder / "outside_plugin.py"
    outside.write_text("raise SystemExit('this plugin must not run')\n", encoding="utf-8")
    report_folder = folder / "report"
    report_folder.mkdir()
    (report_folder / "house_plugin.py").symlink_to(outside)
    return write_report(report_folder, 'plugins = ["house_plugin.py"]\n' + MINIMAL), []


def _fifo(folder: Path) -> tuple[Path, list[str]]:
    path = folder / "fifo.toml"
    os.mkfifo(path)
    return path, []


def _link_to(device: str, name: str) -> Callable[[Path], tuple[Path, list[str]]]:
    def generate(folder: Path) -> tuple[Path, list[str]]:
        (folder / name).symlink_to(device)
        return folder / name, []

    return generate


def _report_toml_is_a_folder(folder: Path) -> tuple[Path, list[str]]:
    (folder / "report" / "report.toml").mkdir(parents=True)
    return folder / "report", []


def _name_too_long(folder: Path) -> tuple[Path, list[str]]:
    return folder / ("年" * 100 + ".toml"), []  # 305 bytes: more than a name may have


def _path_through_a_file(folder: Path) -> tuple[Path, list[str]]:
    return write_report(folder, name="plain") / "report.toml", []


def _folder_named_with_escape(folder: Path) -> tuple[Path, list[str]]:
    inner = folder / "\x1b]0;pwned\x07"
    inner.mkdir()
    write_report(inner, MINIMAL.replace("year = 2019", "year = 1900"))
    return inner, []


def _too_many_keys(folder: Path) -> tuple[Path, list[str]]:
    """A JSON report of about 2 MB: one object with more keys than a report may hold."""
    alphabet = string.ascii_letters + string.digits
    names = (
        "".join(letters) for n in (1, 2, 3) for letters in itertools.product(alphabet, repeat=n)
    )
    figures = dict.fromkeys(itertools.islice(names, 2 * MAX_VALUES + 50_000), 0)
    data = {"edition": "eight-part", "year": 2019, "figures": figures}
    path = folder / "too_many_keys.json"
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return path, []


def _too_many_sections(folder: Path) -> tuple[Path, list[str]]:
    head = MINIMAL.split("[[sections]]")[0]
    sections = "".join(
        f'[[sections]]\ntitle = "第{n}部分"\ncontent = ["正文。"]\n' for n in range(MAX_NUMERAL + 1)
    )
    return write_report(folder, head + sections, name="too_many_sections.toml"), []


def _one_content_entry(name: str, entry: str) -> Callable[[Path], tuple[Path, list[str]]]:
    def generate(folder: Path) -> tuple[Path, list[str]]:
        content = 'content = ["{year}年，本局认真贯彻落实《条例》。"]'
        text = MINIMAL.replace(content, f"content = [{entry}]")
        return write_report(folder, text, name=name), []

    return generate


_SUBPARTS = ", ".join(f'{{ kind = "subpart", title = "{n}" }}' for n in range(MAX_NUMERAL + 1))
_POINTS = ", ".join(f'{{ text = "要点{n}" }}' for n in range(MAX_NUMERAL + 1))


def _build_folder_is_a_symlink(folder: Path) -> tuple[Path, list[str]]:
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    (folder / "build").symlink_to(elsewhere, target_is_directory=True)
    return write_report(folder), []


def _output_name_too_long(folder: Path) -> tuple[Path, list[str]]:
    return write_report(folder), ["-o", str(folder / ("长" * 90))]


GENERATORS: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    "plugin_symlink_out": _plugin_symlink_out,
    "oversized.toml": _oversized,
    "does_not_exist.toml": _missing,
    "output_folder_is_a_file": _output_folder_is_a_file,
    "output_over_input": _output_over_input,
    "fifo.toml": _fifo,
    "dev_zero_link.toml": _link_to("/dev/zero", "dev_zero_link.toml"),
    "dev_urandom_link.json": _link_to("/dev/urandom", "dev_urandom_link.json"),
    "report_toml_is_a_folder": _report_toml_is_a_folder,
    "name_too_long": _name_too_long,
    "path_through_a_file": _path_through_a_file,
    "folder_named_with_escape": _folder_named_with_escape,
    "too_many_keys.json": _too_many_keys,
    "too_many_sections.toml": _too_many_sections,
    "too_many_subparts.toml": _one_content_entry("too_many_subparts.toml", _SUBPARTS),
    "too_many_points.toml": _one_content_entry(
        "too_many_points.toml", f'{{ kind = "enumeration", items = [{_POINTS}] }}'
    ),
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


def arguments(command: str, path: Path, options: list[str], allow: bool = False) -> list[str]:
    switches = ["--allow-local-plugins"] if allow else []
    if command == "build":
        return [*switches, "build", str(path), "--to", FORMATS, *options]
    return [*switches, "check", str(path), *options]


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
        keys = {"exit", "message", "commands", "generate", "xfail", "allow_local_plugins"}
        assert set(case) <= keys, name
        assert set(case.get("commands", COMMANDS)) <= set(COMMANDS), name


def test_the_limits_are_documented_as_the_code_sets_them():
    page = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    assert f"{MAX_FILE_BYTES // 1024 // 1024} MiB（`MAX_FILE_BYTES`）" in page
    assert f"{MAX_NESTING} 层 levels（`MAX_NESTING`）" in page
    assert f"{MAX_COUNT:,}（`MAX_COUNT`）" in page
    assert f"{MAX_COUNT * 100:,}" in page
    assert f"{MAX_VALUES:,}（`MAX_VALUES`）" in page
    assert f"{MAX_NUMERAL}（`MAX_NUMERAL`，{chinese_numeral(MAX_NUMERAL)}）" in page
    assert f"at most {MAX_PAPER_MM} mm" in page and f"at most {MAX_SIZE_PT} pt" in page
    assert f"0–{MAX_MARGIN_MM} mm" in page and f"| 1–{MAX_LINES} |" in page


def test_the_oversized_case_is_just_over_the_limit(tmp_path):
    path, _ = _oversized(tmp_path)
    assert MAX_FILE_BYTES < path.stat().st_size < MAX_FILE_BYTES + 1024


# -- every case, in-process ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "command"), _params())
def test_bad_input(tmp_path, capsys, name, command):
    case = CASES[name]
    path, options = prepare(name, tmp_path)
    before = snapshot(tmp_path)
    code = main(arguments(command, path, options, case.get("allow_local_plugins", False)))
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    assert printable(err, keep_lines=True) == err, "a control character reached the terminal"
    assert case["message"] in err, err
    assert code == case["exit"], err
    assert snapshot(tmp_path) == before, "the command wrote or changed a file"


# -- in real processes ------------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The govreport command in a process of its own, as a user runs it."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for variable in (
        "GOVREPORT_PLUGINS",
        "GOVREPORT_DISABLE_PLUGINS",
        "GOVREPORT_ALLOW_LOCAL_PLUGINS",
    ):
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
        "plugin_not_allowed",
        "plugin_symlink_out",
        "does_not_exist.toml",
        "oversized.toml",
        "fifo.toml",
        "dev_zero_link.toml",
        "control_character_in_key.toml",
        "folder_named_with_escape",
        "too_many_sections.toml",
    ],
)
def test_bad_input_in_a_real_process(tmp_path, name):
    path, options = prepare(name, tmp_path)
    before = snapshot(tmp_path)
    allow = CASES[name].get("allow_local_plugins", False)
    for command in CASES[name].get("commands", COMMANDS):
        result = run(*arguments(command, path, options, allow), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert CASES[name]["message"] in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert printable(result.stderr, keep_lines=True) == result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("allow", [False, True], ids=["plugins-not-allowed", "plugins-allowed"])
def test_the_whole_corpus_in_one_batch_build_with_two_workers(tmp_path, allow):
    """``build -j 2`` over every file case: each reported, none built, the process survives."""
    names = [
        name
        for name, case in CASES.items()
        if not case.get("generate")
        and case.get("allow_local_plugins", False) == allow
        and "build" in case.get("commands", COMMANDS)
        and "build" not in case.get("xfail", {})
    ]
    paths = [str(prepare(name, tmp_path)[0]) for name in names]
    before = snapshot(tmp_path)
    switches = ["--allow-local-plugins"] if allow else []
    result = run(*switches, "build", *paths, "--to", FORMATS, "-j", "2", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for name in names:
        assert CASES[name]["message"] in result.stderr, name
    assert f"{len(names)} 份报告中有 {len(names)} 份失败" in result.stderr
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


# -- one language for report authors -------------------------------------------------------------

_CHINESE = re.compile("[\u4e00-\u9fff]")


@pytest.mark.parametrize(("name", "command"), _params())
def test_every_message_is_written_in_chinese(tmp_path, capsys, name, command):
    """What a report author reads is Chinese: each line the command prints about the bad input
    (the file's line, and every problem under it) holds Chinese words, not English alone."""
    case = CASES[name]
    path, options = prepare(name, tmp_path)
    main(arguments(command, path, options, case.get("allow_local_plugins", False)))
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "the command printed nothing"
    english = [line for line in lines if not _CHINESE.search(line)]
    assert not english, english
