"""Figures bound to table cells, of another scope, and ratios: computed, written and checked.

Built from the real reports in /work/shared/reference/real-reports.md: 上海 2019 writes
"不予公开35件，占4.34%" (35/805 is 4.3478…%, so 4.35%) and "予以公开及部分公开258件，占33.9%";
淮安 2024's text figures all agree with its tables. 洪泽 2024's "区政府办代表区政府受理…17件"
counts another scope than the district's 表三.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govreport.errors import ReportError
from govreport.testing import assert_problem, findings_of, rendered, report_from

FIXTURES = Path(__file__).parent / "fixtures"
SHANGHAI = (FIXTURES / "shanghai_2019" / "report.toml").read_text(encoding="utf-8")
HUAIAN = (FIXTURES / "huaian_2024" / "report.toml").read_text(encoding="utf-8")
XINYU = Path(__file__).parents[1] / "examples" / "xinyu_commerce_2019" / "report.toml"

SHANGHAI_LAST_FIGURE = 'lawsuits = { value = 9, unit = "件" }'
HUAIAN_LAST_FIGURE = 'lawsuits_pending = { value = 7, unit = "件" }'
HUAIAN_TEXT = "全市共受理政府信息公开申请{applications_received}"


def with_figures(base: str, last: str, figures: str, text: str = "", after: str = "") -> str:
    """A fixture with more ``[figures]`` and, when given, text added after ``after``."""
    assert last in base and (not text or after in base)
    report = base.replace(last, f"{last}\n{figures}")
    return report.replace(after, after + text) if text else report


def shanghai(figures: str, text: str = "") -> str:
    return with_figures(SHANGHAI, SHANGHAI_LAST_FIGURE, figures, text, "均获维持。")


def huaian(figures: str, text: str = "") -> str:
    return with_figures(HUAIAN, HUAIAN_LAST_FIGURE, figures, text, HUAIAN_TEXT)


def codes(findings, prefix: str = "GR6") -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in findings:
        if finding.code.startswith(prefix):
            found.setdefault(finding.code, []).append(finding)
    return found


# -- ratios and percentages ------------------------------------------------------------------


def test_a_typed_percentage_is_checked_rounding_half_up_to_the_digits_it_shows():
    report = shanghai(
        'withheld_share = { value = 4.34, unit = "%", '
        'ratio = ["applications_withheld", "requests.total.total"] }\n'
        'not_processed_share = { value = 19.6, unit = "%", '
        'ratio = ["applications_not_processed", "requests.total.total"] }'
    )
    found = codes(findings_of(report))["GR606"]
    assert [finding.path for finding in found] == ["figures.withheld_share"]
    message = found[0].message
    assert "4.34%" in message and "35÷805" in message and "4.35%" in message
    assert "{applications_withheld}" in message and "（七）总计" in message  # both parts named
    assert found[0].cells == ("requests.total.total",)
    assert found[0].severity.value == "inconsistency"


def test_shanghai_33_9_percent_matches_neither_figure():
    """258 of 805 is 32.0%, and the table's 272 + 3 = 275 of 805 is 34.2%: not 33.9%."""
    report = shanghai(
        'stated_share = { value = 33.9, unit = "%", '
        'ratio = ["applications_granted_or_partly", "requests.total.total"] }\n'
        'granted_or_partly = { cell = "requests.granted.total", unit = "件" }\n'
        'table_share = { value = 33.9, unit = "%", '
        'ratio = ["requests.granted.total", "requests.total.total"] }'
    )
    found = {f.path: f for f in codes(findings_of(report))["GR606"]}
    assert "应为32.0%" in found["figures.stated_share"].message
    assert "272÷805" in found["figures.table_share"].message
    assert "应为33.8%" in found["figures.table_share"].message


def test_a_ratio_without_value_is_computed_and_written_in_the_text():
    report = shanghai(
        'granted_share = { ratio = ["requests.granted.total", "requests.total.total"], '
        'digits = 1, unit = "%" }\n'
        'withheld_share = { ratio = ["applications_withheld", "requests.total.total"], '
        'digits = 2, unit = "%" }',
        "予以公开占{granted_share}，不予公开占{withheld_share}。",
    )
    assert "予以公开占33.8%，不予公开占4.35%。" in rendered(report, "md")
    assert "GR606" not in codes(findings_of(report))


def test_a_ratio_keeps_the_zeros_its_digits_ask_for():
    report = huaian(
        'share = { ratio = ["requests.new.total", "requests.new.total"], digits = 2, unit = "%" }',
        "（占{share}）",
    )
    assert "（占100.00%）" in rendered(report, "md")


def test_a_denominator_of_zero_is_a_finding_not_a_crash():
    """淮安 2024 has 0 applications for publications (五、3): a ratio over it cannot be made."""
    report = huaian(
        'share = { value = 5, unit = "%", '
        'ratio = ["requests.new.total", "requests.not_processed.publication.total"] }\n'
        'computed = { unit = "%", '
        'ratio = ["requests.new.total", "requests.not_processed.publication.total"] }',
        "（{computed}）",
    )
    found = codes(findings_of(report))
    assert {f.path for f in found["GR607"]} == {"figures.share", "figures.computed"}
    assert all("为0，无法计算比例" in f.message for f in found["GR607"])
    assert found["GR607"][0].severity.value == "error"
    assert "GR606" not in found
    assert "（（无法计算））" in rendered(report, "md")


def test_a_ratio_over_blank_cells_is_only_a_warning_in_a_draft():
    text = shanghai(
        'share = { ratio = ["requests.other_handling.total", "requests.total.total"], unit = "%" }'
    )
    final = codes(findings_of(text))["GR607"]
    assert final[0].severity.value == "error" and "空白" in final[0].message
    draft = codes(findings_of(text.replace("year = 2019", "year = 2019\ndraft = true", 1)))
    assert draft["GR607"][0].severity.value == "warning"


# -- figures bound to cells, and placeholders naming cells ------------------------------------


def test_a_figure_bound_to_a_cell_without_value_is_the_tables_number():
    report = huaian(
        'received = { cell = "requests.new.total", unit = "件" }\n'
        'withheld = { cell = "requests.withheld.total", unit = "件" }',
        "（本年新收{received}，不予公开{withheld}，"
        "其中属于国家秘密{tables.requests.withheld.state_secret.total}件）",
    )
    text = rendered(report, "md")
    assert "（本年新收3119件，不予公开178件，其中属于国家秘密2件）" in text
    assert codes(findings_of(report)) == {}


def test_huaian_passes_with_its_figures_bound_by_cell_instead_of_by_name():
    bound = HUAIAN
    for name, cell in [
        ("applications_received", "requests.new.total"),
        ("applications_completed", "requests.total.total"),
        ("applications_brought_forward", "requests.brought_forward.total"),
        ("applications_carried_forward", "requests.carried_forward.total"),
        ("reconsiderations", "appeals.reconsideration.total"),
    ]:
        plain = f"{name.replace('applications_', 'text_')}"
        bound = bound.replace(f"{name} = {{ ", f'{plain} = {{ cell = "{cell}", ')
        bound = bound.replace(f"{{{name}}}", f"{{{plain}}}")
    assert 'text_received = { cell = "requests.new.total", value = 3119' in bound
    assert findings_of(bound) == []


def test_a_bound_figure_with_a_value_is_compared_respecting_over():
    report = huaian(
        'received = { value = 3100, unit = "件", cell = "requests.new.total" }\n'
        'about = { value = 3000, over = true, unit = "件", cell = "requests.new.total" }\n'
        'too_many = { value = 3200, over = true, unit = "件", cell = "requests.new.total" }'
    )
    found = codes(findings_of(report))["GR601"]
    assert [f.path for f in found] == ["figures.received", "figures.too_many"]
    assert "3100件" in found[0].message and "3119" in found[0].message
    assert found[0].cells == ("requests.new.total",)


def test_a_figure_of_another_scope_is_a_warning_naming_the_scope():
    """洪泽 2024: 区政府办代表区政府受理17件, while the district's 表三 says otherwise."""
    report = huaian(
        'office_received = { value = 17, unit = "件", cell = "requests.new.total", '
        'scope = "区政府办代表区政府" }\n'
        'office_same = { value = 3119, unit = "件", cell = "requests.new.total", scope = "本级" }',
        "（区政府办代表区政府受理{office_received}）",
    )
    found = codes(findings_of(report))
    assert "GR601" not in found
    [warning] = found["GR605"]
    assert warning.path == "figures.office_received"
    assert warning.severity.value == "warning"
    assert "区政府办代表区政府" in warning.message and "3119" in warning.message
    assert "区政府办代表区政府受理17件" in rendered(report, "md")


def test_a_well_known_name_with_a_scope_is_only_a_warning():
    report = SHANGHAI.replace(
        'applications_unavailable = { value = 265, unit = "件" }',
        'applications_unavailable = { value = 265, unit = "件", scope = "不掌握等原因" }',
    )
    found = codes(findings_of(report))
    assert [f.path for f in found["GR601"]] == ["figures.applications_granted_or_partly"]
    assert [f.path for f in found["GR605"]] == ["figures.applications_unavailable"]


# -- counts bound to nothing -------------------------------------------------------------------


def test_an_unbound_count_equal_to_a_table_number_gets_a_hint():
    report = huaian('accepted = { value = 3119, unit = "件" }')
    [hint] = codes(findings_of(report))["GR608"]
    assert hint.path == "figures.accepted" and hint.severity.value == "warning"
    assert 'cell = "requests.new.total"' in hint.message and "scope" in hint.message


def test_an_unbound_count_far_from_every_table_number_stays_quiet():
    report = huaian(
        'far = { value = 1234, unit = "件" }\n'
        'items = { value = 3119, unit = "条" }\n'
        'bound = { value = 17, unit = "件", scope = "区政府办代表区政府" }'
    )
    assert "GR608" not in codes(findings_of(report))


def test_the_example_report_still_passes():
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(XINYU)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "GR6" not in result.stdout


# -- the loader: bad cells and ratios at their place -------------------------------------------


@pytest.mark.parametrize(
    ("figure", "location", "message"),
    [
        ('x = { cell = "requests.nope.total" }', "figures.x.cell", "没有“nope”行"),
        ('x = { cell = "requests.new.nope" }', "figures.x.cell", "没有“nope”列"),
        ('x = { cell = "reqs.new.total" }', "figures.x.cell", "是否想写“requests”"),
        ('x = { cell = "requests.new" }', "figures.x.cell", "表.行.列"),
        ('x = { unit = "件" }', "figures.x.value", "cell"),
        ("x = { value = 3, digits = 2 }", "figures.x.digits", "ratio"),
        ('x = { ratio = ["a", "requests.new.total"] }', "figures.x.ratio[0]", "没有名为“a”"),
        ('x = { ratio = ["requests.new.total"] }', "figures.x.ratio", "[分子, 分母]"),
        ('x = { ratio = ["x", "requests.new.total"] }', "figures.x.ratio[0]", "本身是比例"),
        (
            'x = { cell = "requests.new.total", ratio = ["lawsuits", "requests.new.total"] }',
            "figures.x.ratio",
            "cell 和 ratio",
        ),
    ],
)
def test_a_bad_figure_is_refused_at_its_field(figure, location, message):
    assert_problem(shanghai(figure), location, message)


def test_a_placeholder_naming_no_cell_is_refused_at_its_place_with_the_known_names():
    text = SHANGHAI.replace("均获维持。", "均获维持{tables.requests.withheld.nope}。")
    problem = assert_problem(text, "sections[0].content[1].content[0].text", "没有“nope”列")
    assert "natural" in problem.message and "total" in problem.message


def test_report_from_raises_for_a_bad_cell():
    with pytest.raises(ReportError):
        report_from(shanghai('x = { cell = "requests.new.nope" }'))


# -- through the command line ------------------------------------------------------------------


def test_check_reports_the_shanghai_percentage_slip(tmp_path):
    path = tmp_path / "report.toml"
    path.write_text(
        shanghai(
            'withheld_share = { value = 4.34, unit = "%", '
            'ratio = ["applications_withheld", "requests.total.total"] }'
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "govreport.cli", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stdout.splitlines() if "GR606" in line)
    assert "figures.withheld_share" in line and "4.35%" in line
