"""Reference pages generated from the code, so they cannot drift from it.

:mod:`~govreport.docgen.introspect` reads what the code says about itself (field docs, types,
examples, rule docstrings); :mod:`~govreport.docgen.pages` writes the pages from it: the report
file reference, editions and tables, the rules catalogue, the plugin reference and each
department plugin's README.

Write them with ``python -m govreport.docgen docs/`` (``--check`` only compares). A field's
description is its ``metadata["doc"]`` or the docstring under it; ``metadata["example"]`` gives
the example value shown; ``metadata["default"]`` the default shown, where the value that applies
is not the field's own default. A renderer option must have both: a description in Chinese, then
English, and an example a report's ``[output.<format>]`` table accepts; the generator refuses
to write (or ``--check`` to pass) otherwise.
"""

from __future__ import annotations

from .introspect import (
    RuleDoc,
    field_doc,
    rule_doc,
    toml_value,
    undocumented_options,
    undocumented_rules,
)
from .pages import (
    EDITIONS_PAGE,
    REPORT_FILE_PAGE,
    RULES_PAGE,
    documented_registry,
    editions_page,
    outdated,
    pages,
    plugin_readme_page,
    report_file_page,
    rules_page,
)
from .reference import PLUGIN_REFERENCE_PAGE, plugin_reference_page

__all__ = [
    "EDITIONS_PAGE",
    "PLUGIN_REFERENCE_PAGE",
    "REPORT_FILE_PAGE",
    "RULES_PAGE",
    "RuleDoc",
    "documented_registry",
    "editions_page",
    "field_doc",
    "outdated",
    "pages",
    "plugin_readme_page",
    "plugin_reference_page",
    "report_file_page",
    "rule_doc",
    "rules_page",
    "toml_value",
    "undocumented_options",
    "undocumented_rules",
]
