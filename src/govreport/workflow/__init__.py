"""The year's workflow around a report: start it, compare it, roll reports up, export it.

- :mod:`.data` — a report as plain data with the keys of the report file (the one shape that
  export, a new report and the roll-up write, as TOML through :mod:`govreport._toml_writer`);
- :mod:`.new_report` — ``govreport new``: a report file with every part and table, still blank;
- :mod:`.compare` — ``govreport compare``: last year's and this year's cells and prose
  (:mod:`.overlap`: how much of the prose repeats last year's);
- :mod:`.aggregate` — ``govreport aggregate``: many reports' tables summed into one;
- :mod:`.amounts` — sums of money in 元, 万元 and 亿元;
- :mod:`.export` — ``govreport export``: the report's data as JSON;
- :mod:`.schema` — ``govreport schema``: a JSON Schema of the report file.

None of these is imported on the ``check`` or ``build`` path.
"""
