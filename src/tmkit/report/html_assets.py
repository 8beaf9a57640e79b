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
@media print { #filters { position: static; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var doc = document;
  var bar = doc.getElementById("filters");
  if (!bar) { return; }
  var fields = bar.querySelector("fieldset");
  var ruleSelect = doc.getElementById("f-rule");
  var severityBoxes = Array.prototype.slice.call(bar.querySelectorAll("input[name=severity]"));
  var onlyFindings = doc.getElementById("f-only");
  var count = doc.getElementById("f-count");
  var rows = Array.prototype.slice.call(doc.querySelectorAll("#segments > tr"));
  var loose = Array.prototype.slice.call(doc.querySelectorAll("#other-findings li.finding"));

  function showFinding(item, severities, rule) {
    var shown = severities[item.getAttribute("data-severity")] === true &&
      (rule === "" || item.getAttribute("data-rule") === rule);
    item.hidden = !shown;
    return shown;
  }

  function apply() {
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    var rule = ruleSelect.value;
    var visible = 0;
    rows.forEach(function (row) {
      var any = false;
      row.querySelectorAll("li.finding").forEach(function (item) {
        if (showFinding(item, severities, rule)) { any = true; }
      });
      var shown = any || (rule === "" && !onlyFindings.checked);
      row.hidden = !shown;
      if (shown) { visible += 1; }
    });
    loose.forEach(function (item) { showFinding(item, severities, rule); });
    count.textContent = visible + " of " + rows.length + " segments shown";
  }

  // A filter can be linked: #filter:rule=glossary.missing&severity=error,warning&only=1
  function readLink() {
    var link = /^#filter:(.*)$/.exec(window.location.hash);
    if (!link) { return; }
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
      }
    });
  }

  function writeLink() {
    var severities = severityBoxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var link = "#filter:rule=" + encodeURIComponent(ruleSelect.value) +
      "&severity=" + severities.join(",") + "&only=" + (onlyFindings.checked ? "1" : "0");
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", link); } catch (e) { /* file: URLs may refuse */ }
    }
  }

  function changed() { apply(); writeLink(); }

  fields.disabled = false;
  readLink();
  ruleSelect.addEventListener("change", changed);
  onlyFindings.addEventListener("change", changed);
  severityBoxes.forEach(function (box) { box.addEventListener("change", changed); });
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
