/* The dashboard's figures drawn: each chart section's table (the numbers, for reading and for
   screen readers), the period's totals, and each chart (Chart.js, vendored: site/vendor.lock.toml), from rows the page
   script hands over. Which figures a section shows, and their words, come from the section's
   data-series (site/hooks/render_dashboard.py). Plain ES2017; after the vendored Chart.js. */
window.dashboardView = (function () {
  "use strict";
  var el = portal.el, charts = {};

  function value(figures, path) {  // "first_contact.on_time_rate" → figures.first_contact.on_time_rate
    return path.split(".").reduce(function (o, k) { return o == null ? null : o[k]; }, figures);
  }

  /* A figure as the page writes it: counts as they are, rates in per cent (one decimal),
     working days with one decimal, ratios with two; "—" when nothing was counted (null). */
  function format(v, kind, lang) {
    if (v == null) return "—";
    var locale = lang === "zh" ? "zh-CN" : "en-GB";
    if (kind === "rate") return (v * 100).toLocaleString(locale, { maximumFractionDigits: 1 }) + "%";
    if (kind === "days") return v.toLocaleString(locale, { maximumFractionDigits: 1 });
    if (kind === "ratio") return v.toLocaleString(locale, { maximumFractionDigits: 2 });
    return v.toLocaleString(locale);
  }
  function isRate(key) { return key[2] === "rate"; }  // a series: [path, words, kind]

  function series(section) { return JSON.parse(section.dataset.series); }

  /* rows: [{label, values: [one per series]}] → the table's body. */
  function table(section, rows, lang) {
    var body = section.querySelector("tbody"), keys = series(section);
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, row.label));
      row.values.forEach(function (v, i) { tr.appendChild(el("td", {}, format(v, keys[i][2], lang))); });
      body.appendChild(tr);
    });
  }

  function colour(section, i) {  // the palette is the stylesheet's (workbench.css --portal-db-N)
    return getComputedStyle(section).getPropertyValue("--portal-db-" + (i % 5)).trim() || "#3f51b5";
  }

  function scales(kind, percent) {  // the value axis from 0 (to 100% for rates)
    var axis = { beginAtZero: true }, out = {};
    if (percent) { axis.max = 100; axis.ticks = { callback: function (v) { return v + "%"; } }; }
    else axis.ticks = { precision: 0 };
    out[kind === "hbar" ? "x" : "y"] = axis;
    if (kind === "hbar") out.y = { ticks: { autoSkip: false, callback: shortLabel } };
    return out;
  }

  /* A department's name on a narrow screen: cut to what fits in 40% of the chart, with "…"
     (the table beside it has the whole name). Chinese characters are about twice as wide. */
  function shortLabel(value) {
    var label = this.getLabelForValue(value), wide = /[\u3000-\u9fff]/.test(label) ? 12 : 6.5;
    var fits = Math.max(6, Math.floor(this.chart.width * 0.4 / wide));
    return label.length > fits ? label.slice(0, fits - 1) + "…" : label;
  }

  function chart(section, rows) {
    var keys = series(section), kind = section.dataset.kind, percent = keys.every(isRate);
    var id = section.dataset.chart;
    if (charts[id]) charts[id].destroy();
    // The ranking mixes rates and a count: it draws its first figure (the one it ranks by) only.
    var drawn = kind === "hbar" ? keys.slice(0, 1) : keys;
    // A bar per department: the box grows with their number, so that each keeps a readable height.
    if (kind === "hbar") section.querySelector("figure").style.height = Math.max(16, 2 + rows.length * 1.6) + "rem";
    charts[id] = new Chart(section.querySelector("canvas"), {
      type: kind === "line" ? "line" : "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: drawn.map(function (k, i) {
          return { label: k[1], backgroundColor: colour(section, i), borderColor: colour(section, i), spanGaps: true,
            data: rows.map(function (r) { var v = r.values[i]; return v == null ? null : isRate(k) ? v * 100 : v; }) };
        })
      },
      options: {
        indexAxis: kind === "hbar" ? "y" : "x", responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: drawn.length > 1 || kind === "hbar" } },
        scales: scales(kind, percent || kind === "hbar")
      }
    });
  }

  function text(x, lang) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }

  /* An answer's rows (months or departments) → [{key, label, values: one per path}]. */
  function rows(answer, paths, lang) {
    return answer.rows.map(function (row) {
      return { key: row.key, label: text(row.label, lang) || row.key,
        values: paths.map(function (p) { return value(row.figures, p); }) };
    });
  }

  function ranked(list) {  // by the first figure, highest first; nothing counted goes last
    return list.slice().sort(function (a, b) {
      var x = a.values[0], y = b.values[0];
      return (y == null ? -1 : y) - (x == null ? -1 : x) || a.label.localeCompare(b.label);
    });
  }

  /* The period's totals, the acceptance reference (`sample`: the words marking a sample value)
     and how the figures are counted. */
  function totals(root, answer, lang, sample) {
    portal.$$(".portal-db-totals td[data-path]", root).forEach(function (td) {
      td.textContent = format(value(answer.total, td.dataset.path), td.dataset.format, lang);
    });
    var body = portal.$(".portal-db-reference tbody", root);
    body.textContent = "";
    answer.acceptance_reference.forEach(function (ref) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, text(ref.department.name, lang)));
      tr.appendChild(el("td", {}, ref.period));
      tr.appendChild(el("td", {}, format(ref.first_time_pass_rate, "rate", lang) + (ref.sample ? sample : "")));
      body.appendChild(tr);
    });
    var notes = portal.$(".portal-db-notes", root);
    notes.textContent = "";
    answer.notes.forEach(function (n) { notes.appendChild(el("li", {}, text(n, lang))); });
  }

  function show(section, rows, lang) {
    table(section, rows, lang);
    chart(section, rows);
  }

  return { value: value, format: format, show: show, series: series, rows: rows, ranked: ranked, totals: totals };
})();
