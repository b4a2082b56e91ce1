"""Loading report files: every problem reported at once, with its place, and no traceback."""

from __future__ import annotations

import pytest
from reportfiles import MINIMAL, run_cli, write_report

from govreport import ReportError, load


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
