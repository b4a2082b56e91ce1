"""Loading report files: every problem reported at once, with its place, and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport import ReportError, load
from govreport.errors import printable
from govreport.loader import MAX_VALUES
from govreport.numbering import MAX_NUMERAL


def problems_of(path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_report_loads(tmp_path):
    report = load(write_report(tmp_path)).report
    assert report.year == 2019
    assert report.agency.name == "某市商务局"
    assert report.sections[0].part == "overview"


def test_folder_path_loads_report_toml(tmp_path):
    write_report(tmp_path)
    assert load(tmp_path).path.name == "report.toml"


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        (("year = 2019", 'year = "2019"'), "year", "应为整数"),
        (("year = 2019", "year = 2019.5"), "year", "应为整数"),
        (("year = 2019", "year = 1900"), "year", "报告年度"),
        (('name = "某市商务局"', "name = 12"), "agency.name", "应为文字"),
        (('name = "某市商务局"', 'nmae = "某市商务局"'), "agency.nmae", "是不是 'name'"),
        (('part = "overview"', 'part = "overveiw"'), "sections[0].part", "是不是 'overview'"),
        (('edition = "eight-part"', 'edition = "eight_part"'), "edition", "是不是"),
        (("本局认真", "{published}本局认真"), "sections[0].content[0].text", "没有这个占位符"),
    ],
)
def test_each_problem_names_its_place(tmp_path, change, location, message):
    path = write_report(tmp_path, MINIMAL.replace(*change))
    problems = problems_of(path)
    assert any(p.startswith(f"{location}:") and message in p for p in problems), problems


def test_negative_count_is_refused(tmp_path):
    text = MINIMAL + '\n[figures]\npublished = { value = -3, unit = "条" }\n'
    problems = problems_of(write_report(tmp_path, text))
    assert problems == ["figures.published.value: 应为 0 或更大的数，实际为 -3"]


def test_unknown_section_kind_suggests_a_close_one(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "paragrap" }]\n'
    problems = problems_of(write_report(tmp_path, text))
    assert problems == ["sections[1].content[0]: 没有这种内容类型 'paragrap'；是不是 'paragraph'？"]


def test_unknown_kind_without_close_match_points_at_plugins(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits" }]\n'
    (problem,) = problems_of(write_report(tmp_path, text))
    assert "没有这种内容类型 'tourism.visits'" in problem
    assert "提供它的插件装了吗？" in problem


def test_all_problems_are_reported_at_once(tmp_path):
    text = MINIMAL.replace("year = 2019", 'year = "x"').replace('name = "某市商务局"', "name = 1")
    problems = problems_of(write_report(tmp_path, text))
    assert {p.split(":")[0] for p in problems} == {"year", "agency.name"}


def test_missing_required_key(tmp_path):
    problems = problems_of(
        write_report(tmp_path, MINIMAL.replace('office = "某市商务局办公室"\n', ""))
    )
    assert problems == ["agency.office: 必填，但没有填写"]


def test_list_expected_not_text(tmp_path):
    text = MINIMAL.replace('office = "某市商务局办公室"', 'office = "办公室"\nphones = "0790-1"')
    assert problems_of(write_report(tmp_path, text)) == [
        "agency.phones: 应为列表（[ … ]），实际为 '0790-1'（文字）"
    ]


def test_duplicate_part_is_refused(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "overview"\ncontent = ["又一段。"]\n'
    assert problems_of(write_report(tmp_path, text)) == [
        "sections[1].part: part 'overview' 已在 sections[0] 出现"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"edition = \n", "不是有效的 TOML 文件"),
        (b"", "文件是空的"),
        (b"\xff\xfe\x00bad", "不是 UTF-8 编码的文字"),
    ],
)
def test_unreadable_files_exit_2_without_traceback(tmp_path, capsys, content, message):
    path = tmp_path / "report.toml"
    path.write_bytes(content)
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_malformed_toml_gives_the_line(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL.replace('office = "某市商务局办公室"', "office = 某市"))
    code, _, err = run_cli(capsys, "build", path)
    assert code == 2
    assert "第 6 行" in err
    assert not (tmp_path / "build").exists()


def test_missing_path_and_folder_without_report(tmp_path, capsys):
    assert run_cli(capsys, "check", tmp_path / "nowhere")[0] == 2
    code, _, err = run_cli(capsys, "check", tmp_path)
    assert code == 2 and "文件夹中没有 report.toml" in err


def test_wrong_type_via_cli_exits_2_with_place(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL.replace("year = 2019", 'year = "2019"'))
    code, _, err = run_cli(capsys, "build", path)
    assert code == 2
    assert "year: 应为整数，实际为 '2019'（文字）" in err
    assert "Traceback" not in err
    assert not (tmp_path / "build").exists()


def test_output_options_of_a_format_without_options(tmp_path):
    text = MINIMAL.replace("year = 2019", "year = 2019\n\n[output.md]\nwidth = 3\n", 1)
    assert problems_of(write_report(tmp_path, text)) == ["output.md: 格式 'md' 没有选项"]


def test_control_characters_are_refused_with_their_place(tmp_path):
    text = MINIMAL.replace("本局认真", "本局\\u0007认真")
    assert problems_of(write_report(tmp_path, text)) == [
        "sections[0].content[0].text: 含有控制字符 U+0007，文档无法容纳；请删去"
        "（它常来自从其他程序复制的文字）"
    ]


@pytest.mark.parametrize("depth", [13, 5000])
def test_deep_nesting_is_refused_early(tmp_path, capsys, depth):
    path = write_report(tmp_path, MINIMAL + "deep = " + "[" * depth + "]" * depth + "\n")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert "嵌套超过 12 层" in err and "Traceback" not in err


def test_oversized_file_is_refused_before_parsing(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL + "# " + "x" * (2 * 1024 * 1024) + "\n")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2 and "大于 2 MiB" in err


# -- reading only regular files, and saying why a path cannot be read ------------------------------


def _govreport(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The govreport command in a process of its own; a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "govreport.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )


def _unusable_paths(folder: Path) -> list[tuple[Path, str]]:
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    zero = folder / "zero.toml"
    zero.symlink_to("/dev/zero")
    plain = write_report(folder, name="plain.toml")
    return [
        (fifo, "不是普通文件"),
        (zero, "不是普通文件"),
        (folder / ("报" * 100 + ".toml"), "名称太长，文件系统无法容纳"),
        (plain / "report.toml", "路径中有一段是文件，不是文件夹"),
    ]


@pytest.mark.parametrize("command", ["check", "build", "export", "compare"])
def test_a_path_that_cannot_be_read_is_a_message_with_exit_2(tmp_path, command):
    good = write_report(tmp_path)
    for path, message in _unusable_paths(tmp_path):
        arguments = [command, good, path] if command == "compare" else [command, path]
        result = _govreport(*arguments, cwd=tmp_path)
        assert result.returncode == 2, (path, result.stderr)
        assert message in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may open any folder"
)
def test_a_folder_that_cannot_be_opened(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    write_report(locked)
    locked.chmod(0)
    try:
        code, _, err = run_cli(capsys, "check", locked)
    finally:
        locked.chmod(0o755)
    assert code == 2 and "permission denied" in err


# -- JSON loads in linear time, with a bound -----------------------------------------------------


def test_a_repeated_key_in_a_large_json_object_is_found(tmp_path):
    body = ",".join(f'"k{n}": {n}' for n in range(50_000))
    path = tmp_path / "report.json"
    path.write_text(f'{{"year": 2019, {body}, "k49999": 0}}', encoding="utf-8")
    assert problems_of(path) == ["不是有效的 JSON 文件：同一对象中键 'k49999' 出现了两次"]


def test_the_number_of_keys_and_items_is_bounded_for_toml_too(tmp_path):
    path = write_report(tmp_path, MINIMAL + f"many = [{', '.join(['1'] * (MAX_VALUES + 1))}]\n")
    assert problems_of(path) == [f"键和列表项超过 {MAX_VALUES:,} 个；真实的报告最多几千个"]


# -- numbered lists: whatever loads, builds -------------------------------------------------------


def _numbered(count: int) -> str:
    sections = "".join(
        f'[[sections]]\ntitle = "第{n}部分"\ncontent = [{{ kind = "subpart", title = "小标题" }}]\n'
        for n in range(count - 1)
    )
    subparts = ", ".join(f'{{ kind = "subpart", title = "{n}" }}' for n in range(count))
    points = ", ".join(f'"要点{n}"' for n in range(count))
    items = ", ".join(f'{{ text = "要点{n}" }}' for n in range(count))
    last = (
        f'[[sections]]\ntitle = "最后"\ncontent = [{subparts}, '
        f'{{ kind = "paragraph", text = "正文", points = [{points}] }}, '
        f'{{ kind = "item", lead = "条目。", points = [{points}] }}, '
        f'{{ kind = "enumeration", items = [{items}] }}]\n'
    )
    return MINIMAL.split("[[sections]]")[0] + sections + last


def test_the_longest_numbered_lists_build(tmp_path, capsys):
    path = write_report(tmp_path, _numbered(MAX_NUMERAL))
    code, _, err = run_cli(capsys, "build", path, "--to", "md")
    assert code == 0, err
    (built,) = (tmp_path / "build").glob("*.md")
    text = built.read_text(encoding="utf-8")
    assert "九十九、最后" in text and "（九十九）" in text and "九十九是要点98" in text


def test_one_more_is_a_load_problem_for_check_and_build(tmp_path, capsys):
    path = write_report(tmp_path, _numbered(MAX_NUMERAL + 1))
    where = f"sections[{MAX_NUMERAL}].content"
    expected = [
        "sections: 100 个部分；编号为 一、二、…，最多 99 个（九十九）",
        f"{where}: 100 个小部分（同一列表中）；编号为 （一）（二）…，最多 99 个（九十九）",
        f"{where}[100].points: 100 个要点；编号为 一是、二是…，最多 99 个（九十九）",
        f"{where}[101].points: 100 个要点；编号为 一是、二是…，最多 99 个（九十九）",
        f"{where}[102].items: 100 个要点；编号为 一是、二是…，最多 99 个（九十九）",
    ]
    assert problems_of(path) == expected
    for command in ("check", "build"):
        code, _, err = run_cli(capsys, command, path)
        assert code == 2 and "Traceback" not in err
    assert not (tmp_path / "build").exists()


# -- what reaches the terminal ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J"),
        ("a\rb\nc\x7f\x9b", "a\\x0db\\x0ac\\x7f\\x9b"),
        ("\u202eexe.txt\u2066", "\\u202eexe.txt\\u2066"),
        ("\ud800", "\\ud800"),
        ("年报\t2019", "年报\t2019"),
    ],
)
def test_printable_escapes_what_would_act_on_a_terminal(text, shown):
    assert printable(text) == shown
    assert printable(shown) == shown


def test_printable_keeps_line_breaks_only_when_asked():
    assert printable("a\nb\x1b", keep_lines=True) == "a\nb\\x1b"


def test_an_escape_in_a_key_and_a_folder_name_reaches_the_terminal_escaped(tmp_path):
    folder = tmp_path / "\x1b[2J"
    folder.mkdir()
    write_report(folder, MINIMAL + '"\\u001b]0;pwned\\u0007\\u001b[2J" = 1\n')
    result = _govreport("check", folder, cwd=tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J/report.toml：1 处问题：" in result.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J: 没有这个键" in result.stderr
