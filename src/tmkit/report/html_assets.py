"""The stylesheet and script of the HTML review report, as constants.

They are inlined into every report and allowed by hash in its
Content-Security-Policy, so the page loads nothing from anywhere and runs no
other script. Keep them free of per-report data: the hashes are of these exact
strings. No ``style="…"`` attributes anywhere in the page either: the policy
would block them (SVG presentation attributes such as ``fill`` are fine).
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root {
  --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --error: #b42318; --error-bg: #fef3f2; --warning: #8f4a00; --warning-bg: #fff6e5;
  --info: #1d4ed8; --info-bg: #eef4ff; --ok: #116329; --ok-bg: #e6f4ea;
  --term: #dbeafe; --accent: #0b5cad;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-size: 15px; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", sans-serif;
}
:lang(ja) { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic",
  "Meiryo", system-ui, sans-serif; line-height: 1.7; }
header.page { padding: 1.25rem 2rem 0.75rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; font-weight: 650; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.6rem; }
.sub { color: var(--muted); margin: 0; }
main { padding: 0 2rem 3rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.cards { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.9rem;
  min-width: 7.5rem; background: var(--panel); }
.card .label { color: var(--muted); font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.04em; }
.card .value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .detail { color: var(--muted); font-size: 0.85rem; }
.card.pass { border-color: #8cc79b; background: var(--ok-bg); }
.card.fail { border-color: #f1a9a0; background: var(--error-bg); }
.card.sev-error .value { color: var(--error); }
.card.sev-warning .value { color: var(--warning); }
.card.sev-info .value { color: var(--info); }
table.metrics { border-collapse: collapse; margin-top: 0.5rem; }
table.metrics th, table.metrics td { text-align: left; padding: 0.3rem 0.8rem 0.3rem 0;
  border-bottom: 1px solid var(--line); vertical-align: top; }
table.metrics td.num { font-variant-numeric: tabular-nums; text-align: right; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 0.3rem; }
svg text { font-family: inherit; font-size: 12px; fill: var(--fg); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .bar-error { fill: var(--error); }
svg .bar-warning { fill: #c26a00; }
svg .bar-info { fill: var(--info); }
svg .bar-score { fill: var(--accent); }
svg .bar-chrf { fill: #6b4fbb; }
svg [data-rule-bar] { cursor: pointer; }
svg [data-rule-bar]:hover rect, svg [data-rule-bar]:focus rect { opacity: 0.8; }
svg [data-rule-bar]:focus { outline: 2px solid var(--accent); }
.empty { color: var(--muted); font-style: italic; }
#filters { position: sticky; top: 0; z-index: 10; background: rgba(255, 255, 255, 0.97);
  border-bottom: 1px solid var(--line); padding: 0.5rem 0; margin: 1.5rem 0 0.5rem;
  backdrop-filter: blur(2px); }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.4rem 1.2rem; align-items: center; }
#filters legend { float: left; font-weight: 600; margin-right: 0.8rem; }
#filters label { white-space: nowrap; }
#filters select { font: inherit; padding: 0.1rem 0.3rem; }
#filters fieldset:disabled { opacity: 0.6; }
#f-count { color: var(--muted); margin-left: auto; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 0.9rem; margin: 0.3rem 0; }
table.segments { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.segments col.c-num { width: 8rem; }
table.segments col.c-src { width: 31%; }
table.segments col.c-tgt { width: 33%; }
table.segments col.c-chrf { width: 4.5rem; }
table.segments th { text-align: left; font-size: 0.85rem; color: var(--muted);
  border-bottom: 2px solid var(--line); padding: 0.4rem 0.6rem; }
table.segments td { border-bottom: 1px solid var(--line); padding: 0.55rem 0.6rem;
  vertical-align: top; overflow-wrap: anywhere; }
table.segments tr.worst-error td:first-child { box-shadow: inset 4px 0 0 var(--error); }
table.segments tr.worst-warning td:first-child { box-shadow: inset 4px 0 0 #c26a00; }
table.segments tr.worst-info td:first-child { box-shadow: inset 4px 0 0 var(--info); }
td.num a { font-weight: 600; color: var(--accent); text-decoration: none; }
td.num .meta { display: block; color: var(--muted); font-size: 0.75rem; overflow-wrap: anywhere; }
td.text { white-space: pre-wrap; }
td.chrf { font-variant-numeric: tabular-nums; text-align: right; }
.untranslated { color: var(--muted); font-style: italic; }
.badge { display: inline-block; border-radius: 4px; padding: 0 0.35rem; font-size: 0.72rem;
  font-weight: 600; line-height: 1.5; vertical-align: 1px; }
.badge.fuzzy { background: #fff1c2; color: #5c3c00; border: 1px solid #e0b100; }
.badge.sev-error { background: var(--error); color: #fff; }
.badge.sev-warning { background: #b54708; color: #fff; }
.badge.sev-info { background: var(--info); color: #fff; }
.t-src { background: var(--term); border-radius: 2px; }
.t-ok { background: var(--ok-bg); box-shadow: inset 0 -2px 0 #2da44e; border-radius: 2px; }
.t-bad { background: var(--error-bg); color: var(--error); text-decoration: line-through;
  border-radius: 2px; }
.f-error { text-decoration: underline wavy var(--error); text-underline-offset: 3px; }
.f-warning { text-decoration: underline wavy #c26a00; text-underline-offset: 3px; }
.f-info { text-decoration: underline dotted var(--info); text-underline-offset: 3px; }
.t-bad.f-error { text-decoration: line-through underline wavy var(--error); }
ul.findings { list-style: none; margin: 0; padding: 0; }
ul.findings li { margin: 0 0 0.35rem; padding: 0.2rem 0.45rem; border-radius: 4px;
  font-size: 0.9rem; }
li.finding.sev-error { background: var(--error-bg); }
li.finding.sev-warning { background: var(--warning-bg); }
li.finding.sev-info { background: var(--info-bg); }
li.finding .rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.78rem; color: var(--muted); }
li.finding .expected { display: block; font-size: 0.85rem; }
details.extracted { color: var(--muted); font-size: 0.8rem; margin-top: 0.2rem; }
details.extracted summary { cursor: pointer; }
details.extracted ul { margin: 0.2rem 0 0; padding-left: 1.1rem; }
li.comment { color: var(--muted); font-size: 0.85rem; border-left: 3px solid var(--line);
  border-radius: 0; }
.legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.85rem;
  color: var(--muted); margin: 0.3rem 0 0.6rem; }
footer { color: var(--muted); font-size: 0.8rem; padding: 1rem 2rem 2rem;
  border-top: 1px solid var(--line); }
nav.pager { display: flex; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
nav.pager button { font: inherit; padding: 0.1rem 0.5rem; }
nav.pager .where { color: var(--muted); font-variant-numeric: tabular-nums; }
@media print { #filters { position: static; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var doc = document;
  var bar = doc.getElementById("filters");
  var holder = doc.getElementById("review-data");
  if (!bar || !holder) { return; }
  var data = JSON.parse(holder.textContent);
  var PAGE = 200;
  // The segments come in parts, each naming strings by its own indexes (format in
  // tmkit.report.html_data); decoded here into rows [unit, fuzzy, refs, labels, notes,
  // source, target, findings, chrf, comment], every string resolved: refs as file,
  // line pairs, findings as [rule, severity, message, expected], marked pieces as
  // [text, [classes, title]].
  function at(s, i, d) { return s.length > i ? s[i] : d; }
  function list(v) { return typeof v === "number" ? [v] : v; }
  function lookup(table, map) { return map.map(function (i) { return table[i]; }); }
  // a text string holds its marked pieces between a style mark and U+F8FF
  var PRIVATE = /[\\ue000-\\uf8fe]/g;
  function unpack(t, styles) {
    if (typeof t !== "string") {
      return t.map(function (p) { return typeof p === "string" ? p : [p[0], styles[p[1]]]; });
    }
    if (t.search(PRIVATE) < 0) { return t; }
    var out = [], at = 0, found;
    PRIVATE.lastIndex = 0;
    while ((found = PRIVATE.exec(t)) !== null) {
      if (found.index > at) { out.push(t.slice(at, found.index)); }
      var code = t.charCodeAt(found.index), start = found.index + 1, style = code - 0xE000;
      if (code >= 0xF800) {
        style = (code - 0xF800) * 6144 + t.charCodeAt(start) - 0xE000;
        start += 1;
      }
      var end = t.indexOf("\\uf8ff", start);
      out.push([t.slice(start, end), styles[style]]);
      at = end + 1;
      PRIVATE.lastIndex = at;
    }
    if (at < t.length) { out.push(t.slice(at)); }
    return out;
  }
  var segs = [];
  data.parts.forEach(function (part) {
    var classes = lookup(data.classes, part[0]), titles = lookup(data.titles, part[1]);
    var rules = lookup(data.rules, part[2]), files = lookup(data.files, part[3]);
    var labels = lookup(data.labels, part[4]), messages = lookup(data.messages, part[5]);
    var found = [];
    part[7].forEach(function (s) {
      at(s, 6, []).forEach(function (x) {
        var f = [rules[x[0]], x[1], messages[found.length]];
        if (x.length > 2) { f.push(x[2]); }
        found.push(f);
      });
    });
    function title(r) {
      if (r >= 0) { return titles[r]; }
      var f = found[-1 - r];
      return f[0] + ": " + f[2];
    }
    var styles = [];
    for (var k = 0; k + 1 < part[6].length; k += 2) {
      var names = [];
      list(part[6][k + 1]).forEach(function (r) {
        var t = title(r);
        if (names.indexOf(t) < 0) { names.push(t); }
      });
      styles.push([classes[part[6][k]], names.join("\\n")]);
    }
    function label(c) { return labels[c]; }
    var lastFile = null, lastLine = 0, next = 0;
    part[7].forEach(function (s) {
      var refs = at(s, 3, []);
      if (typeof refs === "number") { refs = [lastFile, lastLine + refs]; }
      var named = [];
      for (var k = 0; k + 1 < refs.length; k += 2) {
        if (refs[k + 1] !== null) { lastFile = refs[k]; lastLine = refs[k + 1]; }
        named.push(files[refs[k]], refs[k + 1]);
      }
      var n = at(s, 6, []).length;
      segs.push([s[0], at(s, 7, 0), named, list(at(s, 4, [])).map(label),
        list(at(s, 5, [])).map(label), unpack(s[1], styles), unpack(s[2], styles),
        found.slice(next, next + n), at(s, 8, null), at(s, 9, "")]);
      next += n;
    });
  });
  var fields = bar.querySelector("fieldset");
  var ruleSelect = doc.getElementById("f-rule");
  var query = doc.getElementById("f-query");
  var order = doc.getElementById("f-order");
  var severityBoxes = Array.prototype.slice.call(bar.querySelectorAll("input[name=severity]"));
  var onlyFindings = doc.getElementById("f-only");
  var count = doc.getElementById("f-count");
  var body = doc.getElementById("segments");
  var pagers = Array.prototype.slice.call(doc.querySelectorAll("nav.pager"));
  var loose = Array.prototype.slice.call(doc.querySelectorAll("#other-findings li.finding"));
  var shown = [];
  var page = 0;

  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // Findings of segment s that pass the severity and rule filters (indices).
  function passing(s, severities, rule) {
    var out = [];
    s[7].forEach(function (f, i) {
      if (severities[data.severities[f[1]]] && (rule === "" || f[0] === rule)) {
        out.push(i);
      }
    });
    return out;
  }

  function plain(t) {
    if (typeof t === "string") { return t; }
    return t.map(function (p) { return typeof p === "string" ? p : p[0]; }).join("");
  }

  function filters() {
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    return {
      severities: severities, rule: ruleSelect.value, only: onlyFindings.checked,
      q: query.value.trim().toLowerCase(), order: order.value
    };
  }

  function select() {
    var f = filters();
    var first = [], rest = [];
    segs.forEach(function (s, i) {
      var any = passing(s, f.severities, f.rule).length > 0;
      if (!any && (f.rule !== "" || f.only)) { return; }
      if (f.q !== "" && (s[0] + "\\n" + plain(s[5]) + "\\n" + plain(s[6])).toLowerCase()
        .indexOf(f.q) < 0) { return; }
      (any && f.order === "findings" ? first : rest).push(i);
    });
    shown = first.concat(rest);
  }

  function pieces(cell, t) {
    if (typeof t === "string") { cell.appendChild(doc.createTextNode(t)); return; }
    t.forEach(function (p) {
      if (typeof p === "string") { cell.appendChild(doc.createTextNode(p)); return; }
      var span = el("span", p[1][0], p[0]);
      span.title = p[1][1];
      cell.appendChild(span);
    });
  }

  function row(i, f) {
    var s = segs[i];
    var n = i + 1;
    var tr = el("tr");
    tr.id = "seg-" + n;
    var worst = 9;
    s[7].forEach(function (x) { worst = Math.min(worst, x[1]); });
    if (worst < 9) { tr.className = "worst-" + data.severities[worst]; }
    var num = el("td", "num");
    var link = el("a", "", String(n));
    link.href = "#seg-" + n;
    link.title = s[0];
    num.appendChild(link);
    if (s[1]) {
      num.appendChild(doc.createTextNode(" "));
      num.appendChild(el("span", "badge fuzzy", "fuzzy"));
    }
    for (var k = 0; k + 1 < s[2].length; k += 2) {
      var full = s[2][k] + (s[2][k + 1] === null ? "" : ":" + s[2][k + 1]);
      var meta = el("span", "meta", full.replace(/\\\\/g, "/").split("/").pop());
      meta.title = full;
      num.appendChild(meta);
    }
    s[3].forEach(function (c) { num.appendChild(el("span", "meta", c)); });
    tr.appendChild(num);
    var src = el("td", "text");
    src.lang = data.lang[0];
    pieces(src, s[5]);
    tr.appendChild(src);
    var tgt = el("td", "text");
    tgt.lang = data.lang[1];
    if (s[6] === "") { tgt.appendChild(el("span", "untranslated", "(untranslated)")); }
    else { pieces(tgt, s[6]); }
    tr.appendChild(tgt);
    var notes = el("td");
    var items = passing(s, f.severities, f.rule);
    if (items.length || s[9]) {
      var list = el("ul", "findings");
      items.forEach(function (k) {
        var x = s[7][k];
        var sev = data.severities[x[1]];
        var li = el("li", "finding sev-" + sev);
        li.setAttribute("data-rule", x[0]);
        li.setAttribute("data-severity", sev);
        li.appendChild(el("span", "badge sev-" + sev, sev));
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(el("span", "rule", x[0]));
        li.appendChild(doc.createTextNode(" " + x[2]));
        if (x[3]) { li.appendChild(el("span", "expected", "expected: " + x[3])); }
        list.appendChild(li);
      });
      if (s[9]) { list.appendChild(el("li", "comment", s[9])); }
      notes.appendChild(list);
    }
    if (s[4].length) {
      var det = el("details", "extracted");
      det.appendChild(el("summary", "", s[4].length + " extracted comment(s)"));
      var ul = el("ul");
      s[4].forEach(function (c) { ul.appendChild(el("li", "", c)); });
      det.appendChild(ul);
      notes.appendChild(det);
    }
    tr.appendChild(notes);
    if (data.chrf) { tr.appendChild(el("td", "chrf", s[8] === null ? "–" : s[8].toFixed(1))); }
    return tr;
  }

  function pages() { return Math.max(1, Math.ceil(shown.length / PAGE)); }

  function drawPager() {
    pagers.forEach(function (nav) {
      nav.textContent = "";
      function button(label, to, off) {
        var b = el("button", "", label);
        b.type = "button";
        b.disabled = off;
        b.addEventListener("click", function () { page = to; draw(); nav.scrollIntoView(); });
        nav.appendChild(b);
      }
      button("« first", 0, page === 0);
      button("‹ previous", page - 1, page === 0);
      nav.appendChild(el("span", "where", "page " + (page + 1) + " of " + pages()));
      button("next ›", page + 1, page >= pages() - 1);
      button("last »", pages() - 1, page >= pages() - 1);
    });
  }

  function draw() {
    var f = filters();
    var part = doc.createDocumentFragment();
    shown.slice(page * PAGE, (page + 1) * PAGE).forEach(function (i) {
      part.appendChild(row(i, f));
    });
    body.textContent = "";
    body.appendChild(part);
    drawPager();
    count.textContent = shown.length + " of " + segs.length + " segments shown";
  }

  function apply() {
    var f = filters();
    loose.forEach(function (item) {
      item.hidden = !(f.severities[item.getAttribute("data-severity")] === true &&
        (f.rule === "" || item.getAttribute("data-rule") === f.rule));
    });
    select();
    page = 0;
    draw();
  }

  // Go to segment n: the page that holds it (filters cleared if they hide it).
  function goTo(n) {
    var at = shown.indexOf(n - 1);
    if (at < 0) {
      ruleSelect.value = ""; query.value = ""; onlyFindings.checked = false;
      severityBoxes.forEach(function (box) { box.checked = true; });
      apply();
      at = shown.indexOf(n - 1);
      if (at < 0) { return; }
    }
    page = Math.floor(at / PAGE);
    draw();
    var target = doc.getElementById("seg-" + n);
    if (target) { target.scrollIntoView(); }
  }

  // A filter can be linked: #filter:rule=glossary.missing&severity=error,warning&only=1&q=text
  function readLink() {
    var seg = /^#seg-(\\d+)$/.exec(window.location.hash);
    if (seg) { return parseInt(seg[1], 10); }
    var link = /^#filter:(.*)$/.exec(window.location.hash);
    if (!link) { return 0; }
    link[1].split("&").forEach(function (part) {
      var cut = part.indexOf("=");
      var key = decodeURIComponent(cut < 0 ? part : part.slice(0, cut));
      var value = cut < 0 ? "" : decodeURIComponent(part.slice(cut + 1));
      if (key === "rule") {
        ruleSelect.value = value;
        if (ruleSelect.value !== value) { ruleSelect.value = ""; }
      } else if (key === "severity") {
        var wanted = value.split(",");
        severityBoxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
      } else if (key === "only") {
        onlyFindings.checked = value === "1";
      } else if (key === "q") {
        query.value = value;
      } else if (key === "order" && (value === "document" || value === "findings")) {
        order.value = value;
      }
    });
    return 0;
  }

  function writeLink() {
    var severities = severityBoxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var link = "#filter:rule=" + encodeURIComponent(ruleSelect.value) +
      "&severity=" + severities.join(",") + "&only=" + (onlyFindings.checked ? "1" : "0") +
      "&q=" + encodeURIComponent(query.value) + "&order=" + order.value;
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", link); } catch (e) { /* file: URLs may refuse */ }
    }
  }

  function changed() { apply(); writeLink(); }

  fields.disabled = false;
  var target = readLink();
  ruleSelect.addEventListener("change", changed);
  order.addEventListener("change", changed);
  onlyFindings.addEventListener("change", changed);
  query.addEventListener("input", changed);
  severityBoxes.forEach(function (box) { box.addEventListener("change", changed); });
  window.addEventListener("hashchange", function () {
    var n = readLink();
    if (n) { goTo(n); } else { apply(); }
  });
  doc.querySelectorAll("[data-rule-bar]").forEach(function (node) {
    function pick() {
      ruleSelect.value = node.getAttribute("data-rule-bar");
      changed();
      bar.scrollIntoView();
    }
    node.addEventListener("click", pick);
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); }
    });
  });
  var hint = doc.getElementById("no-js");
  if (hint) { hint.hidden = true; }
  apply();
  if (target) { goTo(target); }
  doc.documentElement.setAttribute("data-ms", String(Math.round(window.performance.now())));
  doc.documentElement.setAttribute("data-ready", "1");
})();
"""


def csp_hash(text: str) -> str:
    """The CSP source expression allowing an inline element whose content is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: no network, no plugins, no forms, no base rewriting; only our own style and script
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src {csp_hash(STYLE)}; "
    f"script-src {csp_hash(SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
