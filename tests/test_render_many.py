"""A renderer's ``render_many`` does the work of one render per report at once: its time limit
is the plugin time limit once per report, not once for the whole batch."""

from __future__ import annotations

import time

import pytest
from reportfiles import MINIMAL

from govreport import Renderer, hookimpl
from govreport.errors import PluginError
from govreport.render import prepare_outputs, render_batch
from govreport.testing import plugin_registry, report_from

SECONDS_PER_REPORT = 0.8


def _render(document: object) -> str:
    return "one"


def _render_many(documents: list[object]) -> list[str]:
    time.sleep(SECONDS_PER_REPORT * len(documents))  # an office suite converting each in turn
    return ["many"] * len(documents)


class _SlowBatch:
    @hookimpl
    def govreport_renderers(self) -> list[Renderer]:
        return [Renderer("slow", "txt", _render, render_many=_render_many)]


def _batch(count: int, tmp_path) -> list:
    registry = plugin_registry(_SlowBatch())
    reports = [report_from(MINIMAL, registry=registry, base=tmp_path) for _ in range(count)]
    return [prepare_outputs(loaded, ["slow"], tmp_path, batched=True) for loaded in reports]


def test_a_batch_slower_than_one_limit_but_within_one_per_report_finishes(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_PLUGIN_TIMEOUT", "1")
    batch = _batch(3, tmp_path)  # 2.4 s in all: more than 1 s, less than 3 × 1 s
    render_batch(batch)
    assert [prepared.outputs[0][2] for prepared in batch] == [b"many"] * 3


def test_a_batch_slower_than_its_limit_per_report_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_PLUGIN_TIMEOUT", "0.5")
    batch = _batch(2, tmp_path)  # 1.6 s in all: more than 2 × 0.5 s
    with pytest.raises(PluginError, match=r"did not finish within 1 s"):
        render_batch(batch)
