/* The public figures page (/figures/): the bureau's monthly figures from GET /api/figures/public
   (no personal data), into the table the build wrote: its columns (th[data-key]) say which
   figure goes where and how it is written. The notes the answer carries (how the figures are
   counted) are shown above the table, and the sample notice when the answer says `sample`. Plain
   ES2017, no dependencies; after portal.js. */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el;
  var root = $(".portal-figures");
  if (!root) return;
  var d = root.dataset, lang = d.lang, locale = lang === "zh" ? "zh-CN" : "en-GB";
  var status = $(".portal-figures-status", root), body = $("tbody", root), notes = $(".portal-figures-notes", root);
  var columns = $$("thead th[data-key]", root).map(function (th) { return [th.dataset.key, th.dataset.format]; });

  function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
  function cell(v, format) {
    var td = el("td");
    if (v == null) { td.textContent = "—"; return td; }
    td.textContent = format === "rate" ? (v * 100).toLocaleString(locale, { maximumFractionDigits: 1 }) + "%" : v.toLocaleString(locale);
    if (format === "rate") {  // a bar behind the rate, for the eye (the number says it)
      var bar = el("span", { "class": "portal-figures-bar", "aria-hidden": "true" });
      bar.style.width = Math.max(0, Math.min(100, v * 100)) + "%";
      td.appendChild(bar);
    }
    return td;
  }

  function show(answer) {
    $(".portal-figures-sample", root).hidden = !answer.sample;  // the API says whether they are trial figures
    notes.textContent = "";
    (answer.notes || []).forEach(function (n) { notes.appendChild(el("li", {}, text(n))); });
    body.textContent = "";
    answer.months.forEach(function (m) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, m.month));
      columns.forEach(function (c) { tr.appendChild(cell(m[c[0]], c[1])); });
      body.appendChild(tr);
    });
    status.textContent = answer.months.length ? "" : d.msgEmpty;
    if (answer.generated_at) {
      $(".portal-figures-updated", root).textContent = d.msgUpdated.replace("{}", new Date(answer.generated_at)
        .toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }));
    }
  }

  fetch("/api/figures/public", { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(show, function () { status.textContent = d.msgError; });
})();
