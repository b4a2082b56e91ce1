"""The built-in plugins: what govreport does out of the box, through the same hooks any plugin uses.

- :mod:`.narrative` — the section kinds ``paragraph``, ``subpart``, ``item``, ``enumeration``;
- :mod:`.eight_part` — the eight-part edition;
- :mod:`.national` — the national formats ``gb2019`` and ``gb2021`` with their statistical tables,
  and (:mod:`.national.rules`) the check rules, GR codes, for every edition and those tables;
- :mod:`.markdown`, :mod:`.html`, :mod:`.docx` — the renderers.

They import core (``govreport`` and its public modules, never a private ``_…`` one) and never
each other, and core never imports them, so each could ship as a distribution of its own,
registered through a ``govreport`` entry point as ``plugins/govreport-commerce`` is. Core names
them only in the list of default plugins.
"""
