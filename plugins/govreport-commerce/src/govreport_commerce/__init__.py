"""govreport plugin for commerce bureaus (商务局).

Section kinds:

- ``commerce.project_prereview`` — 项目落户预审: guidance meetings held, projects reviewed and
  passed; the pass rate is computed (293 of 339 → 86.4%).
- ``commerce.fund_use`` — 资金使用公开: funds above a threshold decided collectively, and the
  number of meetings on them.
- ``commerce.port_construction`` — 口岸建设: items published on port construction and the
  progress of each port project.

Rules: COM001 (passed more than reviewed), COM002 (projects reviewed without any meeting),
COM003 (a port project's completed investment above its planned investment).
"""

from __future__ import annotations

from .kinds import (
    FundUse,
    PortConstruction,
    PortProject,
    ProjectPreReview,
    pass_rate,
)
from .plugin import govreport_rules, govreport_section_kinds

__version__ = "0.1.0"

__all__ = [
    "FundUse",
    "PortConstruction",
    "PortProject",
    "ProjectPreReview",
    "govreport_rules",
    "govreport_section_kinds",
    "pass_rate",
]
