"""The built-in check rules: every rule broken once and kept once, the fixtures, and the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reportfiles import run_cli

from govreport import Severity, load, load_registry, run_checks
from govreport.builtins.national import rules as builtin_rules

FIXTURES = Path(__file__).parent / "fixtures"
HUAIAN = (FIXTURES / "huaian_2024" / "report.toml").read_text(encoding="utf-8")
SHANGHAI = (FIXTURES / "shanghai_2019" / "report.toml").read_text(encoding="utf-8")
XINYU = (Path(__file__).parents[1] / "examples" / "xinyu_commerce_2019" / "report.toml").read_text(
    encoding="utf-8"
)


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def findings(tmp_path: Path, text: str, previous: str | None = None):
    folder = tmp_path / "this"
    folder.mkdir(exist_ok=True)
    (folder / "report.toml").write_text(text, encoding="utf-8")
    loaded = load(folder)
    last = None
    if previous is not None:
        (tmp_path / "last.toml").write_text(previous, encoding="utf-8")
        last = load(tmp_path / "last.toml").report
    return run_checks(loaded.report, loaded.registry, previous=last)


def codes(tmp_path: Path, text: str, previous: str | None = None) -> set[str]:
    return {finding.code for finding in findings(tmp_path, text, previous)}


HUAIAN_2023 = replaced(HUAIAN, "year = 2024", "year = 2023")
CARRIED_34 = replaced(
    HUAIAN_2023,
    "carried_forward = { natural = 103, business = 0, research = 0, nonprofit = 0, legal = 0, "
    "other = 0, total = 103 }",
    "carried_forward = { natural = 34, business = 0, research = 0, nonprofit = 0, legal = 0, "
    "other = 0, total = 34 }",
)
IN_FORCE_2023 = replaced(
    replaced(CARRIED_34, "in_force = 11", "in_force = 10"), "in_force = 66", "in_force = 84"
)
SHANGHAI_2020 = replaced(SHANGHAI, "year = 2019", "year = 2020")

Case = tuple[str, str | None]


def with_figure(text: str, figure: str) -> str:
    """A report with one more key figure."""
    return replaced(text, "[figures]\n", f"[figures]\n{figure}\n")


"""A report file's text and, for cross-year rules, last year's."""

IMPORTED = f"""
[source]
file = "huaian-2024.pdf"
sha256 = "{"0" * 64}"
reader = "pdf"
"""
DEVIATION = """
[[source.deviations]]
place = "tables.requests.withheld.law_forbidden"
printed = "其他法律行政止公开"
expected = "其他法律行政法规禁止公开"
origin = "第3页"
"""

BREAKS: dict[str, Case] = {
    "GR101": (replaced(HUAIAN, '[[sections]]\npart = "appeals"\n', ""), None),
    "GR102": (replaced(HUAIAN, 'content = ["（原文从略。）"]', "content = []"), None),
    "GR103": (
        replaced(
            replaced(HUAIAN, 'part = "active"', 'part = "@"'),
            'part = "requests"',
            'part = "active"',
        ).replace('part = "@"', 'part = "requests"'),
        None,
    ),
    "GR104": (SHANGHAI, None),
    "GR105": (HUAIAN[: HUAIAN.index("[tables.appeals]")], None),
    "GR106": (replaced(HUAIAN, "政府信息公开监督保障情况", "其他工作情况"), None),
    "GR107": (replaced(HUAIAN, "报告所列统计期限自2024年1月1日至2024年12月31日。", ""), None),
    "GR108": (replaced(HUAIAN, '"政府信息管理情况"', '"其他情况"'), None),
    "GR109": (
        replaced(
            HUAIAN,
            "市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。",
            "无。",
        ),
        None,
    ),
    "GR110": (replaced(HUAIAN, "year = 2024", "year = 2020"), None),
    "GR111": (
        replaced(
            HUAIAN,
            "new = { natural = 3001, business = 53, research = 0, ",
            "new = { natural = 3001, business = 53, ",
        ),
        None,
    ),
    "GR112": (
        replaced(
            HUAIAN,
            "new = { natural = 3001, business = 53, research = 0, ",
            "new = { natural = 3001, business = 53, ",
        ),
        None,
    ),
    "GR201": (
        replaced(HUAIAN, "carried_forward = { natural = 103", "carried_forward = { natural = 104"),
        None,
    ),
    "GR202": (replaced(HUAIAN, "total = { natural = 2932", "total = { natural = 2933"), None),
    "GR203": (replaced(HUAIAN, "other = 4, total = 3119", "other = 4, total = 3120"), None),
    "GR204": (SHANGHAI, None),
    "GR301": (replaced(HUAIAN, "total = 351", "total = 350"), None),
    "GR302": (
        replaced(
            replaced(HUAIAN, ", total = 351", ""),
            "[tables.active]",
            "[tables]\ncompute_totals = false\n\n[tables.active]",
        ),
        None,
    ),
    "GR401": (replaced(SHANGHAI, "total_published = 524", "total_published = 5"), None),
    "GR402": (replaced(HUAIAN, "in_force = 11", "in_force = 0"), None),
    "GR501": (HUAIAN, HUAIAN_2023),
    "GR502": (HUAIAN, CARRIED_34),
    "GR503": (
        replaced(SHANGHAI_2020, "licensing = { previous = 0", "licensing = { previous = 1"),
        SHANGHAI,
    ),
    "GR504": (HUAIAN, HUAIAN),
    "GR601": (SHANGHAI, None),
    "GR602": (
        replaced(
            HUAIAN,
            "全市共受理政府信息公开申请",
            "本年度未受理政府信息公开申请。全市共受理政府信息公开申请",
        ),
        None,
    ),
    "GR603": (
        replaced(
            HUAIAN,
            'content = ["（原文从略。）"]',
            'content = ["本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"]',
        ),
        None,
    ),
    "GR604": (SHANGHAI, None),
    "GR605": (
        with_figure(HUAIAN, 'office = { value = 17, cell = "requests.new.total", scope = "本级" }'),
        None,
    ),
    "GR606": (
        with_figure(
            SHANGHAI,
            'share = { value = 4.34, unit = "%", ratio = ["applications_withheld", "requests.total.total"] }',
        ),
        None,
    ),
    "GR607": (
        with_figure(
            SHANGHAI, 'share = { ratio = ["requests.new.total", "requests.other_handling.total"] }'
        ),
        None,
    ),
    "GR608": (with_figure(HUAIAN, 'accepted = { value = 3119, unit = "件" }'), None),
    "GR701": (HUAIAN + IMPORTED + DEVIATION, None),
}

KEEPS: dict[str, Case] = {
    **{code: (HUAIAN, None) for code in BREAKS},
    "GR701": (HUAIAN + IMPORTED, None),
    "GR401": (SHANGHAI, None),
    "GR501": (HUAIAN, CARRIED_34),
    "GR502": (HUAIAN, IN_FORCE_2023),
    "GR503": (SHANGHAI_2020, SHANGHAI),
    "GR504": (HUAIAN, IN_FORCE_2023),
    "GR602": (XINYU, None),
    "GR603": (XINYU, None),
}


def national_codes() -> list[str]:
    return sorted(item.code for item in builtin_rules.RULES)


def test_every_rule_has_a_report_that_breaks_it_and_one_that_keeps_it():
    assert sorted(BREAKS) == national_codes()
    assert sorted(KEEPS) == national_codes()


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_rule_broken(tmp_path, code):
    text, previous = BREAKS[code]
    assert code in codes(tmp_path, text, previous)


@pytest.mark.parametrize("code", sorted(KEEPS))
def test_rule_kept(tmp_path, code):
    text, previous = KEEPS[code]
    assert code not in codes(tmp_path, text, previous)


def test_rule_codes_are_unique_and_carry_severity_title_and_basis():
    every = [item.code for item in load_registry().rules]
    assert len(every) == len(set(every))
    built_in = national_codes()
    assert len(built_in) == len(set(built_in))
    scheme = builtin_rules.__doc__ or ""
    for item in builtin_rules.RULES:
        assert re.fullmatch(r"GR[1-7]\d\d", item.code)
        assert f"{item.code[:3]}xx" in scheme
        assert isinstance(item.severity, Severity)
        assert item.title and item.basis


# -- the real reports ---------------------------------------------------------------------------


ORGANISATIONS = ("business", "research", "nonprofit", "legal", "other")
APPLICANTS = ("natural", *ORGANISATIONS, "total")
SHANGHAI_BLANKS = [
    ("requests", "new", ("research", "nonprofit")),
    ("requests", "brought_forward", ORGANISATIONS),
    ("requests", "granted", ("research", "nonprofit")),
    ("requests", "partly_granted", ORGANISATIONS),
    ("requests", "withheld.state_secret", ORGANISATIONS),
    ("requests", "withheld.prohibited_by_law", APPLICANTS),
    ("requests", "withheld.security_stability", APPLICANTS),
    ("requests", "withheld.third_party", APPLICANTS),
    ("requests", "withheld.internal_affairs", ORGANISATIONS),
    ("requests", "withheld.process_information", ORGANISATIONS[1:]),
    ("requests", "withheld.enforcement_file", APPLICANTS),
    ("requests", "withheld.query_matter", ORGANISATIONS[1:]),
    ("requests", "unavailable.not_held", ("research", "nonprofit", "other")),
    ("requests", "unavailable.needs_creation", ORGANISATIONS[1:]),
    ("requests", "unavailable.still_unclear", ORGANISATIONS),
    ("requests", "not_processed.petition_complaint", ORGANISATIONS[1:]),
    ("requests", "not_processed.repeated", ORGANISATIONS[1:]),
    ("requests", "not_processed.publication", APPLICANTS),
    ("requests", "not_processed.excessive", APPLICANTS),
    ("requests", "not_processed.confirmation", APPLICANTS),
    ("requests", "other_handling", APPLICANTS),
    ("requests", "total", ("research", "nonprofit")),
    ("requests", "carried_forward", ORGANISATIONS),
    ("appeals", "reconsideration", ("corrected", "other")),
    ("appeals", "lawsuit_direct", ("corrected", "other")),
    (
        "appeals",
        "lawsuit_after_reconsideration",
        ("upheld", "corrected", "other", "pending", "total"),
    ),
]
"""The blank ("—") cells of the published 上海 2019 tables, by row (real-reports.md)."""


def test_huaian_checks_clean():
    loaded = load(FIXTURES / "huaian_2024")
    assert run_checks(loaded.report, loaded.registry) == []


def test_shanghai_finds_exactly_what_the_published_report_gets_wrong():
    loaded = load(FIXTURES / "shanghai_2019")
    found = [
        (f.code, f.severity, f.path, f.cells) for f in run_checks(loaded.report, loaded.registry)
    ]
    blank_totals = [
        "granted",
        "partly_granted",
        "withheld.state_secret",
        "withheld.internal_affairs",
        "withheld.process_information",
        "withheld.query_matter",
        "unavailable.not_held",
        "unavailable.needs_creation",
        "unavailable.still_unclear",
        "not_processed.petition_complaint",
        "not_processed.repeated",
    ]
    unavailable = ("not_held", "needs_creation", "still_unclear")
    assert found == [
        ("GR104", Severity.WARNING, "sections[4].title", ()),
        # every "—" of the published 表三 and 表四 is a blank cell, one finding per row; the
        # 总计 column left blank beside figures is GR204's, not a blank to fill in
        *[
            (
                "GR111",
                Severity.ERROR,
                f"tables.{table}.{row}",
                tuple(f"{table}.{row}.{c}" for c in columns),
            )
            for table, row, columns in SHANGHAI_BLANKS
        ],
        *[
            (
                "GR204",
                Severity.WARNING,
                f"tables.requests.{row}.total",
                (f"requests.{row}.total",),
            )
            for row in blank_totals
        ],
        (
            "GR601",
            Severity.INCONSISTENCY,
            "figures.applications_granted_or_partly",
            ("requests.granted.total", "requests.partly_granted.total"),
        ),
        (
            "GR601",
            Severity.INCONSISTENCY,
            "figures.applications_unavailable",
            tuple(f"requests.unavailable.{row}.total" for row in unavailable),
        ),
        (
            "GR604",
            Severity.WARNING,
            "sections[0].content[1].content[0].text",
            ("appeals.reconsideration.pending", "appeals.lawsuit_direct.pending"),
        ),
    ]
    messages = [f.message for f in run_checks(loaded.report, loaded.registry)]
    assert "按各项计算应为272" in messages[1 + len(SHANGHAI_BLANKS)]
    assert "258件" in messages[-3] and "为275" in messages[-3]
    assert "265件" in messages[-2] and "为337" in messages[-2]


def test_balance_message_names_the_column_and_the_figures(tmp_path):
    text = BREAKS["GR201"][0]
    [finding] = [f for f in findings(tmp_path, text) if f.code == "GR201"]
    assert finding.message == (
        "“收到和处理政府信息公开申请情况”表“自然人”列：一、本年新收（3001）加二、上年结转（34）"
        "应等于（七）总计（2932）加四、结转下年度继续办理（104），实际为3035 ≠ 3036。"
    )
    assert finding.cells == (
        "requests.new.natural",
        "requests.brought_forward.natural",
        "requests.total.natural",
        "requests.carried_forward.natural",
    )


def test_a_given_total_is_checked_and_an_omitted_one_is_not(tmp_path):
    omitted = HUAIAN.replace(", total = 3119 }", " }")
    assert codes(tmp_path, omitted) == set()
    assert "GR203" in codes(tmp_path, BREAKS["GR203"][0])


def test_overview_topics_accept_their_usual_wordings_in_sub_part_titles(tmp_path):
    title = '"政府信息公开监督保障情况"'
    accepted = replaced(HUAIAN, title, '"及时回应关切，自觉接受监督"')
    assert "GR108" not in codes(tmp_path, accepted)
    [finding] = [
        f for f in findings(tmp_path, replaced(HUAIAN, title, '"其他工作"')) if f.code == "GR108"
    ]
    assert finding.message.startswith("总体情况没有提到：监督保障。")


def test_government_extra_is_only_for_governments(tmp_path):
    text = replaced(BREAKS["GR106"][0], 'kind = "government"', 'kind = "department"')
    assert "GR106" not in codes(tmp_path, text)


# -- the command ----------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_groups_findings_by_section_with_a_verdict(capsys):
    code, out, _ = run_cli(capsys, "check", FIXTURES / "shanghai_2019")
    assert code == 1
    lines = out.splitlines()
    assert lines[1] == "一、总体情况"
    assert lines[2].startswith(
        "  GR604 [提示] sections[0].content[1].content[0].text：正文说“均获维持”"
    )
    assert "三、收到和处理政府信息公开申请情况" in lines
    assert "关键数字（[figures]）" in lines
    assert lines[-1] == "不通过：错误 26 个、不一致 2 个、提示 13 个，请修改后再发布。"


def test_check_warnings_alone_exit_0(capsys, tmp_path):
    path = write(tmp_path, "r", replaced(HUAIAN, "政府信息公开监督保障情况", "其他工作情况"))
    code, out, _ = run_cli(capsys, "check", path)
    assert code == 0
    assert out.splitlines()[-1] == "通过：错误 0 个、不一致 0 个、提示 2 个，请人工核对提示。"


def test_check_json(capsys):
    code, out, _ = run_cli(capsys, "check", FIXTURES / "shanghai_2019", "--format", "json")
    assert code == 1
    [entry] = json.loads(out)
    assert entry["file"] == str(FIXTURES / "shanghai_2019" / "report.toml")
    assert entry["verdict"] == "fail"
    entries = entry["findings"]
    assert {"code", "severity", "path", "cells", "message"} == set(entries[0])
    assert entries[-1]["cells"] == [
        "appeals.reconsideration.pending",
        "appeals.lawsuit_direct.pending",
    ]


def test_check_previous(capsys, tmp_path):
    last = write(tmp_path, "last", HUAIAN_2023)
    code, out, _ = run_cli(capsys, "check", FIXTURES / "huaian_2024", "--previous", last)
    assert code == 1
    assert "GR501 [不一致] tables.requests.brought_forward.natural：" in out
    assert "2023年报告的四、结转下年度继续办理为103" in out
    clean = write(tmp_path, "clean", IN_FORCE_2023)
    assert run_cli(capsys, "check", FIXTURES / "huaian_2024", "--previous", clean)[0] == 0
    code, _, err = run_cli(capsys, "check", FIXTURES / "huaian_2024", "--previous", tmp_path / "no")
    assert code == 2 and "没有这个文件或文件夹" in err


def test_with_a_previous_report_of_another_year_only_gr504_speaks(tmp_path):
    """Last year's figures compared with a report two years back would be spurious findings."""
    report = write(tmp_path, "this", HUAIAN)
    adjacent = write(tmp_path, "adjacent", HUAIAN_2023)
    distant = write(tmp_path, "distant", replaced(HUAIAN, "year = 2024", "year = 2022"))

    def cross_year_codes(previous: Path) -> tuple[int, set[str]]:
        done = subprocess.run(
            [sys.executable, "-m", "govreport.cli", "check", report, "--previous", previous],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        return done.returncode, set(re.findall(r"\bGR5\d\d\b", done.stdout))

    assert cross_year_codes(adjacent) == (1, {"GR501", "GR502"})
    assert cross_year_codes(distant) == (0, {"GR504"})


def test_rules_command_lists_every_rule(capsys):
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    for item in builtin_rules.RULES:
        assert f"{item.code} [{item.severity.label}] {item.title}" in out
    assert "GR108 [提示] 总体情况涵盖五个方面（gb2021）" in out
    code, out, _ = run_cli(capsys, "rules", "--format", "json")
    entries = {entry["code"]: entry for entry in json.loads(out)}
    assert entries["GR201"]["severity"] == "inconsistency"
    assert entries["GR201"]["editions"] is None
    assert "勾稽关系" in entries["GR201"]["basis"]
    assert entries["COM001"]["plugin"] == "commerce"
