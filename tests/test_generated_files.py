"""Generated report files carry no code: nothing written into them can leave its comment or string.

``new --from`` and ``aggregate`` write agency names, paths and notes into the files they make;
every such text goes through :mod:`govreport._toml_writer` (which also writes the TOML values
of the reference pages), so a line break in a folder name cannot start a live line such as
``plugins = [...]``. Names are refused at load when they
hold a line break, and a JSON report's keys are checked like its values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportfiles import MINIMAL, write_report
from workflowdata import department

from govreport import _toml_writer as toml_writer
from govreport.docgen import toml_value
from govreport.errors import GovreportError
from govreport.loader import MAX_FILE_BYTES, MAX_JSON_BYTES
from govreport.validators import MAX_NAME_LENGTH

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

INJECTED = '\nplugins = ["evil.py"]\n[agency]\nname = "injected"\n'
"""Text that would start live TOML lines if it got out of its comment."""
HOSTILE = ["局" + INJECTED, "a\r\nb", "x\x00y\x1b]0;t\x07", "line\u2028sep", "\x85", "#\\n\\"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The govreport command in a process of its own, as a user runs it."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        env=environment,
        timeout=300,
        check=False,
    )


# -- the writer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_a_comment_is_one_line_whatever_it_holds(text):
    line = toml_writer.comment(text)
    assert "\n" not in line and "\r" not in line and line.startswith("# ")
    assert tomllib.loads(f"{line}\nkey = 1\n") == {"key": 1}


@given(st.text())
def test_no_text_leaves_its_comment(text):
    assert tomllib.loads(toml_writer.comment(text) + "\n") == {}


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_any_text_round_trips_as_a_string_and_a_key(text):
    assert tomllib.loads(toml_writer.assignment(text, text, note=text)) == {text: text}
    written = toml_writer.header("output", text) + "\n" + toml_writer.assignment(("a", text), 1)
    assert tomllib.loads(written) == {"output": {text: {"a": {text: 1}}}}


def test_a_lone_surrogate_is_refused_not_written():
    with pytest.raises(GovreportError, match="不能写入报告文件"):
        toml_writer.string("a\udcffb")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))
_PLAIN = st.recursive(
    st.one_of(st.booleans(), st.integers(), _TEXT),
    lambda inner: st.lists(inner, max_size=30) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=40,
)


@given(_PLAIN)
def test_the_reference_pages_write_toml_values_with_the_same_writer(data):
    """docgen shows defaults and examples as TOML through the one writer: on one line, and
    reading back as the value, whatever its keys and text."""
    written = toml_value(data)
    assert "\n" not in written and "\r" not in written
    assert tomllib.loads(f"x = {written}") == {"x": data}


# -- the commands that write report files -----------------------------------------------------------


def _hostile_folder(parent: Path, report: Path) -> Path:
    """``report``'s folder moved to a folder whose name holds line breaks and TOML."""
    target = parent / ("上年" + INJECTED)
    report.parent.rename(target)
    return target


def _parsed(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    return tomllib.loads(text)


def test_new_from_a_report_in_a_hostile_folder_writes_no_live_line(tmp_path):
    last = _hostile_folder(tmp_path, department(tmp_path, "甲局", 1))
    result = run("new", tmp_path / "next", "--from", last, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = _parsed(tmp_path / "next" / "report.toml")
    assert "plugins" not in data and data["agency"]["name"] == "甲局"
    assert run("check", tmp_path / "next", cwd=tmp_path).returncode in (0, 1)


def test_aggregate_of_reports_in_hostile_folders_writes_no_live_line(tmp_path):
    inputs = []
    for name, n in (("甲局", 1), ("乙局", 2)):
        (tmp_path / name).mkdir()
        inputs.append(_hostile_folder(tmp_path / name, department(tmp_path / name, name, n)))
    broken = tmp_path / ("坏" + INJECTED)
    broken.mkdir()
    (broken / "report.toml").write_text("not toml", encoding="utf-8")
    out = tmp_path / ("市" + INJECTED)
    result = run(
        "aggregate", *inputs, broken, "-o", out, "--agency", "某市人民政府", "--keep-going",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = _parsed(out / "report.toml")
    assert "plugins" not in data and data["agency"]["name"] == "某市人民政府"
    text = (out / "report.toml").read_text(encoding="utf-8")
    assert text.count('plugins = ["evil.py"]') == 3  # each path, shown in its comment


@pytest.mark.skipif(sys.platform != "linux", reason="folder names that are not UTF-8")
def test_new_from_a_folder_whose_name_is_not_utf8(tmp_path):
    last = tmp_path / os.fsdecode(b"last\xff")
    report = department(tmp_path, "甲局", 1)
    report.parent.rename(last)
    result = run("new", tmp_path / "next", "--from", last, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "last\\udcff" in (tmp_path / "next" / "report.toml").read_text(encoding="utf-8")


# -- keys and names at load -------------------------------------------------------------------------


def _json_report(folder: Path, **extra: object) -> Path:
    data = {**tomllib.loads(MINIMAL), **extra}
    path = folder / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "export", "new"])
def test_a_lone_surrogate_in_a_json_key_is_refused_with_its_place(tmp_path, command):
    path = _json_report(tmp_path, figures={"pub\ud800": {"value": 1}})
    args = {
        "check": ["check", path],
        "export": ["export", path],
        "new": ["new", "n", "--from", path],
    }
    result = run(*args[command], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "figures.pub\\ud800: 名称含有控制字符 U+D800" in result.stderr
    assert not (tmp_path / "n").exists()


def test_a_long_title_is_refused_without_echoing_it_whole(tmp_path):
    title = "标" * 500_000
    path = write_report(
        tmp_path, MINIMAL.replace("year = 2019\n", f'year = 2019\ntitle = "{title}"\n')
    )
    result = run("check", path, cwd=tmp_path)
    assert result.returncode == 2
    assert "title: 长 500000 个字" in result.stderr
    assert len(result.stderr) < 1000 and "…" in result.stderr


# -- export writes what check reads back ------------------------------------------------------------


def test_a_report_near_the_size_limit_exports_to_json_that_loads_again(tmp_path):
    head = MINIMAL.replace('content = ["{year}年，本局认真贯彻落实《条例》。"]', "content = [")
    item = '"' + "a" * 37 + '",'  # long items: fewer than MAX_VALUES of them fill 2 MiB
    count = (MAX_FILE_BYTES - len(head.encode()) - 4) // len(item)
    path = write_report(tmp_path, head + item * count + "]\n")
    assert MAX_FILE_BYTES - 64 < path.stat().st_size <= MAX_FILE_BYTES
    assert run("check", path, cwd=tmp_path).returncode == 0
    exported = run("export", path, "-o", tmp_path / "report.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "report.json").stat().st_size > MAX_FILE_BYTES
    again = run("check", tmp_path / "report.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_the_name_and_json_limits_are_documented_as_the_code_sets_them():
    page = (Path(__file__).parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
    assert f"{MAX_JSON_BYTES // 1024 // 1024} MiB（`MAX_JSON_BYTES`）" in page
    assert f"{MAX_NAME_LENGTH} 个字符 characters（`MAX_NAME_LENGTH`）" in page
