"""A report-local plugin with a typo in an import (attrz for attrs): it cannot be loaded."""

import attrz  # noqa: F401

from govreport import SectionKind, hookimpl  # noqa: F401
