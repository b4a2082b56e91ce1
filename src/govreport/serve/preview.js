"use strict";
(() => {
  const base = document.body.dataset.base;
  const frame = document.getElementById("page");
  const panel = document.getElementById("findings");
  const count = document.getElementById("count");
  const verdict = document.getElementById("verdict");
  const title = document.getElementById("title");
  const downloads = document.getElementById("downloads");
  const problems = document.getElementById("problems");
  const staleNote = document.getElementById("stale");
  const live = document.getElementById("live");
  const MARK = "gr-serve-mark";
  let shown = null;
  let marked = [];
  let queue = Promise.resolve();

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fit() {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) {
      frame.style.height = doc.documentElement.scrollHeight + "px";
    }
  }

  function unmark() {
    for (const node of marked) {
      node.classList.remove(MARK);
      for (const property of ["outline", "outline-offset", "background-color"]) {
        node.style.removeProperty(property);
      }
    }
    marked = [];
  }

  function headingFor(doc, group) {
    const headings = Array.from(doc.querySelectorAll("h1, h2, h3, h4, h5, h6"));
    const wanted = (group || "").trim();
    return (
      headings.find((h) => h.textContent.trim() === wanted) ||
      headings.find((h) => wanted && h.textContent.trim().startsWith(wanted)) ||
      headings[0] ||
      null
    );
  }

  function targetsOf(doc, finding) {
    const names = finding.cells.length ? finding.cells : [];
    if (!names.length && finding.path.startsWith("tables.")) names.push(finding.path.slice(7));
    const cells = names
      .map((name) => doc.querySelector('td[data-cell="' + CSS.escape(name) + '"]'))
      .filter(Boolean);
    if (cells.length) return cells;
    const heading = headingFor(doc, finding.group);
    return heading ? [heading] : [];
  }

  function show(finding) {
    const doc = frame.contentDocument;
    if (!doc || frame.hidden) return;
    unmark();
    marked = targetsOf(doc, finding);
    for (const node of marked) {
      node.classList.add(MARK);
      node.style.setProperty("outline", "3px solid #d1242f");
      node.style.setProperty("outline-offset", "-2px");
      node.style.setProperty("background-color", "#fff1b8");
    }
    if (marked.length) marked[0].scrollIntoView({ block: "center", behavior: "instant" });
  }

  function where(item, file) {
    return (file ? file + " " : "") + "第 " + item.line + " 行";
  }

  function showFindings(state) {
    panel.replaceChildren();
    count.textContent = state.verdict === "unusable" ? "" : "（" + state.findings.length + " 条）";
    if (state.verdict === "unusable") {
      panel.append(element("li", "muted", "报告无法读入，没有检查。"));
      return;
    }
    if (!state.findings.length) {
      panel.append(element("li", "none", "未发现问题。"));
      return;
    }
    for (const finding of state.findings) {
      const item = element("li", "finding " + finding.severity);
      const button = element("button", "goto");
      button.type = "button";
      button.append(
        element("span", "code", finding.code),
        element("span", "sev " + finding.severity, finding.severity_label),
        element("span", "msg", finding.message),
      );
      button.addEventListener("click", () => show(finding));
      const place = element("div", "where");
      place.append(element("code", "path", finding.path));
      if (finding.line) place.append(" ", element("span", "line", where(finding, state.file)));
      item.append(button, place);
      panel.append(item);
    }
  }

  function showProblems(state) {
    problems.hidden = state.verdict !== "unusable";
    staleNote.hidden = !state.stale;
    frame.classList.toggle("stale", state.stale);
    if (problems.hidden) return;
    const list = element("ul");
    const items = state.problems.length ? state.problems : [{ message: state.error }];
    for (const problem of items) {
      const entry = element("li", "problem");
      const location = [problem.location, problem.line ? where(problem, state.file) : ""]
        .filter(Boolean)
        .join("，");
      entry.textContent = (location ? location + "：" : "") + problem.message;
      list.append(entry);
    }
    problems.replaceChildren(element("h2", null, "无法读入这份报告：" + state.name), list);
  }

  function showHeader(state) {
    verdict.textContent = state.verdict_label;
    verdict.className = "verdict " + state.verdict;
    title.textContent = state.title;
    document.title = state.title + " · 预览";
    downloads.replaceChildren();
    for (const format of state.formats) {
      const link = element("a", "download", "下载 ." + format);
      link.href = base + "download/" + format;
      downloads.append(link);
    }
  }

  async function showPage(state) {
    if (state.page_version === null) {
      frame.hidden = true;
      return;
    }
    frame.hidden = false;
    if (state.page_version === shown) return;
    const url = base + "report.html?v=" + state.page_version;
    const doc = frame.contentDocument;
    if (shown === null || !doc || !doc.body) {
      shown = state.page_version;
      frame.src = url;
      return;
    }
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) return;
    // Parsed inert (in a template), so that nothing in it applies here, as a new page would.
    const parsed = document.createElement("template");
    parsed.innerHTML = await response.text();
    const fresh = parsed.content;
    const styles = (d) => Array.from(d.querySelectorAll("style"), (s) => s.textContent).join("\n");
    unmark();
    if (styles(fresh) !== styles(doc)) {
      frame.src = url; // its own stylesheet changed (a draft mark came or went)
    } else {
      const head = new Set(["META", "TITLE", "STYLE", "LINK", "BASE"]);
      const body = Array.from(fresh.children).filter((node) => !head.has(node.tagName));
      doc.body.replaceChildren(...body.map((node) => doc.importNode(node, true)));
      fit();
    }
    shown = state.page_version;
  }

  async function update() {
    const response = await fetch(base + "state.json", { cache: "no-store" });
    if (!response.ok) return;
    const state = await response.json();
    showHeader(state);
    showFindings(state);
    showProblems(state);
    await showPage(state);
    document.body.dataset.version = String(state.version);
  }

  function schedule() {
    queue = queue.then(update).catch(() => {});
  }

  frame.addEventListener("load", fit);
  window.addEventListener("resize", fit);
  setInterval(fit, 1000);
  const events = new EventSource(base + "events");
  events.addEventListener("update", schedule);
  events.addEventListener("open", () => {
    live.textContent = "保存文件后自动更新";
    live.className = "live";
  });
  events.addEventListener("error", () => {
    live.textContent = "与 govreport serve 的连接中断，正在重连……";
    live.className = "live lost";
  });
  schedule();
})();
