"""Record classes print, compare and hash as the attrs classes they are built from."""

from __future__ import annotations

import attrs
import pytest

from govreport._records import record
from govreport.checks import Finding, Severity
from govreport.tables.cells import Amount, NotApplicable


def twins():
    """The same class made by ``record`` and by ``attrs.frozen``."""

    def body():
        class Sample:
            name: str
            amount: Amount | None = None
            tags: tuple[str, ...] = ()

        return Sample

    return record(body()), attrs.frozen(body())


@pytest.mark.parametrize(
    "values",
    [("某局",), ("「'\"」\n", Amount(1.5, "万元"), ("a", "b")), ("", None, ())],
)
def test_repr_is_what_attrs_would_print(values):
    ours, theirs = twins()
    assert repr(ours(*values)) == repr(theirs(*values))


def test_a_field_can_leave_the_repr_or_show_itself_its_own_way():
    def body():
        class Secretive:
            shown: str
            hidden: str = attrs.field(repr=False, default="口令")
            short: str = attrs.field(repr=lambda text: f"<{len(text)} 字>", default="很长的一段话")

        return Secretive

    ours, theirs = record(body()), attrs.frozen(body())
    assert repr(ours("甲")) == repr(theirs("甲")) == "Secretive(shown='甲', short=<6 字>)"


def test_nested_record_repr_names_the_class_alone():
    @record
    class Outer:
        inner: object

    assert repr(Outer(NotApplicable())) == "Outer(inner=NotApplicable())"


def test_records_stay_frozen_and_compare_by_value():
    ours, _ = twins()
    first, second = ours("某局", Amount(2, "元")), ours("某局", Amount(2, "元"))
    assert first == second and hash(first) == hash(second)
    assert first != ours("某局", Amount(3, "元"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.name = "另一局"


def test_the_project_classes_use_the_shared_repr():
    finding = Finding("GR101", Severity.ERROR, "year", "年份不对")
    assert type(finding).__repr__ is type(Amount(1, "元")).__repr__
    assert repr(finding).startswith("Finding(code='GR101', severity=<Severity.ERROR")
