"""The national statistical tables (表二, 表三, 表四) as data, with stable English keys.

A report fills them in under ``[tables]``, keyed by table, row and column; a cell is named
``table.row.column`` (``requests.new.natural``). These keys are part of the file format and of
every export: they are never renamed or reused.

.. code-block:: toml

    [tables]                     # in an eight-part report also: format = "gb2019"
    [tables.requests]
    new = { natural = 821, business = 35, legal = 2, other = 1 }     # 总计 is computed
    withheld.state_secret = { natural = 14 }
    [tables.appeals]
    reconsideration = { upheld = 5, pending = 2 }

A cell is a count (0 and up), a signed count (gb2019 本年增/减 only), an amount (a number in
columns whose header gives the unit, else ``{ value = 251000, unit = "元" }``), or ``"/"`` for not
applicable. A cell left out is blank. Totals left out are computed; totals given are checked.
``compute_totals = false`` keeps blank totals blank (for transcribing a published report).

``active`` — 表二 主动公开政府信息情况

- gb2019 rows ``rules`` 规章, ``normative_documents`` 规范性文件; columns ``made``
  本年新制作数量, ``published`` 本年新公开数量, ``total_published`` 对外公开总数量.
- gb2019 rows ``licensing`` 行政许可, ``other_services`` 其他对外管理服务事项, ``penalties``
  行政处罚, ``coercion`` 行政强制; columns ``previous`` 上一年项目数量, ``change`` 本年增/减
  (signed), ``decisions`` 处理决定数量. Row ``fees`` 行政事业性收费: ``previous``, ``change``.
- gb2019 row ``procurement`` 政府集中采购: ``projects`` 采购项目数量, ``amount`` 采购总金额
  (with its unit).
- gb2021 rows ``rules`` 规章, ``normative_documents`` 行政规范性文件; columns ``issued``
  本年制发件数, ``repealed`` 本年废止件数, ``in_force`` 现行有效件数.
- gb2021 rows ``licensing``, ``penalties``, ``coercion``: ``decisions`` 本年处理决定数量; row
  ``fees``: ``amount`` 本年收费金额（单位：万元）.

``requests`` — 表三 收到和处理政府信息公开申请情况

- Columns ``natural`` 自然人, ``business`` 商业企业, ``research`` 科研机构, ``nonprofit``
  社会公益组织, ``legal`` 法律服务机构, ``other`` 其他, ``total`` 总计 (sum of the six).
- Rows ``new`` 一、本年新收; ``brought_forward`` 二、上年结转; ``granted`` （一）予以公开;
  ``partly_granted`` （二）部分公开; ``total`` （七）总计 (sum of （一）–（六）);
  ``carried_forward`` 四、结转下年度继续办理.
- （三）不予公开 1–8: ``withheld.state_secret``, ``.prohibited_by_law``,
  ``.security_stability``, ``.third_party``, ``.internal_affairs``, ``.process_information``,
  ``.enforcement_file``, ``.query_matter``.
- （四）无法提供 1–3: ``unavailable.not_held``, ``.needs_creation``, ``.still_unclear``.
- （五）不予处理 1–5: ``not_processed.petition_complaint``, ``.repeated``, ``.publication``,
  ``.excessive``, ``.confirmation``.
- （六）其他处理: gb2019 one row ``other_handling``; gb2021 three rows
  ``other_handling.no_supplement``, ``.fee_unpaid``, ``.other``.

``appeals`` — 表四 政府信息公开行政复议、行政诉讼情况

- Rows ``reconsideration`` 行政复议, ``lawsuit_direct`` 行政诉讼·未经复议直接起诉,
  ``lawsuit_after_reconsideration`` 行政诉讼·复议后起诉.
- Columns ``upheld`` 结果维持, ``corrected`` 结果纠正, ``other`` 其他结果, ``pending``
  尚未审结, ``total`` 总计 (sum of the four).

Modules: :mod:`.cells` (cell values), :mod:`.spec` (the shape of a table), :mod:`.loading`
(reading ``[tables]``), :mod:`.totals` (computed totals), :mod:`.layout` (the document table),
:mod:`.reports` (a report's tables). The two formats themselves are defined by the built-in
national plugin (:mod:`govreport.builtins.national`).
"""
