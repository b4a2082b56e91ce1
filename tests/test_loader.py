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
        (("year = 2019", 'year = "2019"'), "year", "expected a whole number"),
        (("year = 2019", "year = 2019.5"), "year", "expected a whole number"),
        (("year = 2019", "year = 1900"), "year", "report year"),
        (('name = "某市商务局"', "name = 12"), "agency.name", "expected text"),
        (('name = "某市商务局"', 'nmae = "某市商务局"'), "agency.nmae", "did you mean 'name'"),
        (('part = "overview"', 'part = "overveiw"'), "sections[0].part", "did you mean 'overview'"),
        (('edition = "eight-part"', 'edition = "eight_part"'), "edition", "did you mean"),
        (("本局认真", "{published}本局认真"), "sections[0].content[0].text", "unknown placeholder"),
    ],
)
def test_each_problem_names_its_place(tmp_path, change, location, message):
    path = write_report(tmp_path, MINIMAL.replace(*change))
    problems = problems_of(path)
    assert any(p.startswith(f"{location}:") and message in p for p in problems), problems


def test_negative_count_is_refused(tmp_path):
    text = MINIMAL + '\n[figures]\npublished = { value = -3, unit = "条" }\n'
    problems = problems_of(write_report(tmp_path, text))
    assert problems == ["figures.published.value: expected a number of 0 or more, got -3"]


def test_unknown_section_kind_suggests_a_close_one(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "paragrap" }]\n'
    problems = problems_of(write_report(tmp_path, text))
    assert problems == [
        "sections[1].content[0]: unknown section kind 'paragrap'; did you mean 'paragraph'?"
    ]


def test_unknown_kind_without_close_match_points_at_plugins(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "active"\ncontent = [{ kind = "tourism.visits" }]\n'
    (problem,) = problems_of(write_report(tmp_path, text))
    assert "unknown section kind 'tourism.visits'" in problem
    assert "Is the plugin that provides it installed?" in problem


def test_all_problems_are_reported_at_once(tmp_path):
    text = MINIMAL.replace("year = 2019", 'year = "x"').replace('name = "某市商务局"', "name = 1")
    problems = problems_of(write_report(tmp_path, text))
    assert {p.split(":")[0] for p in problems} == {"year", "agency.name"}


def test_missing_required_key(tmp_path):
    problems = problems_of(
        write_report(tmp_path, MINIMAL.replace('office = "某市商务局办公室"\n', ""))
    )
    assert problems == ["agency.office: required, but missing"]


def test_list_expected_not_text(tmp_path):
    text = MINIMAL.replace('office = "某市商务局办公室"', 'office = "办公室"\nphones = "0790-1"')
    assert problems_of(write_report(tmp_path, text)) == [
        "agency.phones: expected a list, got '0790-1' (text)"
    ]


def test_duplicate_part_is_refused(tmp_path):
    text = MINIMAL + '\n[[sections]]\npart = "overview"\ncontent = ["又一段。"]\n'
    assert problems_of(write_report(tmp_path, text)) == [
        "sections[1].part: part 'overview' already at sections[0]"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"edition = \n", "not valid TOML"),
        (b"", "file is empty"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
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
    assert "line 6" in err
    assert not (tmp_path / "build").exists()


def test_missing_path_and_folder_without_report(tmp_path, capsys):
    assert run_cli(capsys, "check", tmp_path / "nowhere")[0] == 2
    code, _, err = run_cli(capsys, "check", tmp_path)
    assert code == 2 and "folder has no report.toml" in err


def test_wrong_type_via_cli_exits_2_with_place(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL.replace("year = 2019", 'year = "2019"'))
    code, _, err = run_cli(capsys, "build", path)
    assert code == 2
    assert "year: expected a whole number, got '2019' (text)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "build").exists()


def test_output_options_of_a_format_without_options(tmp_path):
    text = MINIMAL.replace("year = 2019", "year = 2019\n\n[output.md]\nwidth = 3\n", 1)
    assert problems_of(write_report(tmp_path, text)) == ["output.md: format 'md' takes no options"]


def test_control_characters_are_refused_with_their_place(tmp_path):
    text = MINIMAL.replace("本局认真", "本局\\u0007认真")
    assert problems_of(write_report(tmp_path, text)) == [
        "sections[0].content[0].text: contains the control character U+0007, which no document "
        "can hold; delete it (it often comes from copying out of another program)"
    ]


@pytest.mark.parametrize("depth", [13, 5000])
def test_deep_nesting_is_refused_early(tmp_path, capsys, depth):
    path = write_report(tmp_path, MINIMAL + "deep = " + "[" * depth + "]" * depth + "\n")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2
    assert "nested more than 12 deep" in err and "Traceback" not in err


def test_oversized_file_is_refused_before_parsing(tmp_path, capsys):
    path = write_report(tmp_path, MINIMAL + "# " + "x" * (2 * 1024 * 1024) + "\n")
    code, _, err = run_cli(capsys, "check", path)
    assert code == 2 and "larger than 2 MiB" in err


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
        (fifo, "is not a regular file"),
        (zero, "is not a regular file"),
        (folder / ("报" * 100 + ".toml"), "the name is too long for the file system"),
        (plain / "report.toml", "a part of the path is a file, not a folder"),
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
    assert problems_of(path) == ["not valid JSON: key 'k49999' appears twice in one object"]


def test_the_number_of_keys_and_items_is_bounded_for_toml_too(tmp_path):
    path = write_report(tmp_path, MINIMAL + f"many = [{', '.join(['1'] * (MAX_VALUES + 1))}]\n")
    assert problems_of(path) == [
        f"holds more than {MAX_VALUES:,} keys and list items; a real "
        "report holds a few thousand at most"
    ]


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
        "sections: 100 sections; they are numbered 一、二、…, so at most 99 (九十九)",
        f"{where}: 100 sub-parts in one list; they are numbered （一）（二）…, so at most 99 (九十九)",
        f"{where}[100].points: 100 points; they are numbered 一是、二是…, so at most 99 (九十九)",
        f"{where}[101].points: 100 points; they are numbered 一是、二是…, so at most 99 (九十九)",
        f"{where}[102].items: 100 points; they are numbered 一是、二是…, so at most 99 (九十九)",
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
    assert "\\x1b[2J/report.toml: 1 problem:" in result.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J: unknown key" in result.stderr
