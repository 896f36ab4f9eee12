// The report's inline stylesheet and script. Both are plain strings with no URL of any kind
// (the report must open offline, and the tests reject any 'http' or '//' in the file), so the
// script has no '//' comments and the stylesheet no url().

export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --bg2: #f5f6f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
h4 { font-size: 14px; margin: 14px 0 4px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--bg2); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.notice { border-left: 4px solid var(--accent); background: var(--bg2); padding: 8px 12px; margin: 8px 0; }
.warning { border-left-color: #c5221f; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.kv dt { font-weight: 600; }
dl.kv dd { margin: 0; }
.class-pathogenic { color: #a50e0e; font-weight: 600; }
.class-likely_pathogenic { color: #c5221f; }
.class-benign, .class-likely_benign { color: #137333; }
.variant { border: 1px solid var(--line); border-radius: 4px; padding: 6px 12px; margin: 8px 0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
svg { max-width: 100%; height: auto; }
@media print { .controls { display: none; } }
`

/**
 * Sorting (buttons in the header cells, aria-sort kept current) and filtering (free text,
 * family, class) of the ranked table. Values to sort by come from data-sort attributes, so no
 * data is embedded in the script itself.
 */
export const REPORT_JS = `
(function () {
  var table = document.getElementById('ranked');
  if (!table || !table.tBodies.length) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var text = document.getElementById('filter');
  var fam = document.getElementById('family-filter');
  var cls = document.getElementById('class-filter');
  var shown = document.getElementById('shown');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!fam.value || r.getAttribute('data-family') === fam.value) &&
        (!cls.value || r.getAttribute('data-class') === cls.value);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' genes shown';
  }
  [text, fam, cls].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function key(row, col, num) {
    var cell = row.cells[col];
    var v = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    if (!num) return v.toLowerCase();
    var x = parseFloat(v);
    return isNaN(x) ? null : x;
  }
  heads.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      heads.forEach(function (h) { if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var num = th.getAttribute('data-type') === 'num';
      var keyed = rows.map(function (r, i) { return { r: r, i: i, k: key(r, col, num) }; });
      keyed.sort(function (a, b) {
        if (a.k === b.k) return a.i - b.i;
        if (a.k === null) return 1;
        if (b.k === null) return -1;
        return (a.k < b.k ? -1 : 1) * dir;
      });
      rows = keyed.map(function (x) { return x.r; });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  apply();
})();
`
