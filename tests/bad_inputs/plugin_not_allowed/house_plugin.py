"""A report-local plugin that leaves a mark when it runs: it must not run unless allowed."""

from pathlib import Path

Path(__file__).with_name("PLUGIN_RAN").write_text("the plugin ran", encoding="utf-8")
