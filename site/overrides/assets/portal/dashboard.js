/* The dashboard of the workbench (/staff/dashboard/): sign-in, the period and the filter, the
   figures of the departments the API lets the officer see (a supervisor every one, a head their
   own: the page shows what it gets and says whose figures they are), and the exports. The
   filters' options and every word come from the build; months, departments and figures from
   GET /api/staff/figures. Plain ES2017; after staff-session.js and dashboard-view.js. */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, session = window.staffSession, view = window.dashboardView;
  var root = $(".portal-dashboard");
  if (!root) return;
  var d = root.dataset, lang = d.lang, levels = JSON.parse(d.levels);
  var message = $(".portal-wb-message", root), signin = $(".portal-signin", root), db = $(".portal-db", root);
  var filters = $(".portal-db-filters", root), rangeError = $("#db-range-error", root);
  var state = { seq: 0, officer: null };

  function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
  function say(words, focus) { message.textContent = words || ""; if (focus && words) message.focus(); }
  function failure(r) {
    var why = (r.data && r.data.errors || []).map(function (e) { return text(e.message); }).join(" ");
    return why || (r.status === 0 ? d.msgNetwork : r.data && r.data.error ? text(r.data.error.message) : d.msgError);
  }

  function showSignIn(reason) {
    db.hidden = true;
    signin.hidden = false;
    $$("tbody", db).forEach(function (b) { if (!b.querySelector("td[data-path]")) b.textContent = ""; });
    $$("td[data-path]", db).forEach(function (td) { td.textContent = ""; });  // nothing stays after the session
    signin.elements.password.value = "";
    say(reason ? d["msg" + reason.replace(/(^|_)([a-z])/g, function (_, __, c) { return c.toUpperCase(); })] : "", !!reason);
  }
  session.signInForm(signin, "wb-", { network: d.msgNetwork, error: d.msgError }, start, function () { say(""); });
  $(".portal-signout", root).addEventListener("click", function () { session.end("signed_out"); });
  session.onEnd(showSignIn);

  function start(officer) {
    state.officer = officer;
    signin.hidden = true;
    db.hidden = false;
    say("");
    $(".portal-wb-who", root).textContent = officer.name + (officer.role_label ? " · " + text(officer.role_label) : "");
    departments(officer.departments || []);
    session.watch();
    load();
  }

  /* The department choice keeps the departments the officer may read (the API's list); with
     only one there is nothing to choose. */
  var every = $$("option", filters.elements.department).map(function (o) { return o.cloneNode(true); });
  function departments(mine) {
    var select = filters.elements.department, ids = mine.map(function (x) { return x.id; }), keep = select.value;
    select.textContent = "";  // from the build's full list each time: another officer may sign in here next
    every.forEach(function (o) { if (!o.value || ids.indexOf(o.value) >= 0) select.appendChild(o.cloneNode(true)); });
    select.value = ids.indexOf(keep) >= 0 ? keep : "";
    select.closest(".portal-field").hidden = ids.length < 2;
  }

  function query(by) {
    var p = new URLSearchParams();
    if (filters.elements.from.value) p.set("from", filters.elements.from.value);
    if (filters.elements.to.value) p.set("to", filters.elements.to.value);
    if (filters.elements.department.value) p.set("department", filters.elements.department.value);
    $$(".portal-wb-filter-set select", filters).forEach(function (s) { if (s.value) p.set(s.name, s.value); });
    if (by) p.set("by", by);
    return p.toString();
  }

  function rangeOk() {
    var from = filters.elements.from.value, to = filters.elements.to.value, ok = !from || !to || from <= to;
    rangeError.textContent = ok ? "" : d.msgRangeError;
    rangeError.hidden = ok;
    filters.elements.to.setAttribute("aria-invalid", ok ? "false" : "true");
    return ok;
  }

  function load() {
    $$(".portal-error", filters).forEach(function (p) { p.hidden = true; p.textContent = ""; });
    if (!rangeOk()) { filters.elements.to.focus(); return; }
    var seq = ++state.seq;
    db.setAttribute("aria-busy", "true");
    // Both at once (the app keeps each request it handles per thread, locally too).
    Promise.all([session.call("GET", "/api/staff/figures?" + query("month")),
      session.call("GET", "/api/staff/figures?" + query("department"))]).then(function (both) {
      var first = both[0], second = both[1];
      if (seq !== state.seq || first.ended || second.ended) return;
      db.removeAttribute("aria-busy");
      if (first.status !== 200) { refused(first); return; }
      if (second.status !== 200) { refused(second); return; }
      show(first.data, second.data);
    });
  }

  /* A refused query: each error beside its field (from, to, stage, service, district), the
     others (and any other failure) in the page's message. */
  function refused(r) {
    var left = [];
    ((r.status === 400 && r.data && r.data.errors) || []).forEach(function (e) {
      var box = $("#db-" + e.field + "-error", root);
      if (box) { box.textContent = text(e.message); box.hidden = false; } else left.push(text(e.message));
    });
    if (left.length || !(r.data && r.data.errors)) say(left.join(" ") || failure(r), true);
  }

  function show(byMonth, byDepartment) {
    say("");
    filters.elements.from.value = byMonth.start;
    filters.elements.to.value = byMonth.end;
    var names = byMonth.departments.map(function (x) { return text(x.name); });
    // A supervisor reads every department (the API answers all of them): said in words, not listed.
    var all = state.officer.role === "supervisor" && !filters.elements.department.value;
    $(".portal-db-whose", root).textContent = all ? d.msgWhoseAll
      : d.msgWhose.replace("{}", names.join(d.msgSep));
    $$(".portal-db-chart", root).forEach(function (section) {
      var paths = view.series(section).map(function (s) { return s[0]; }), source = section.dataset.rows;
      var data = source === "months" ? view.rows(byMonth, paths, lang)
        : source === "departments" ? view.ranked(view.rows(byDepartment, paths, lang))
          : Object.keys(levels).sort().reverse().map(function (n) {
            return { label: levels[n], values: [byMonth.total.ratings.levels[Number(n) - 1]] };
          });
      view.show(section, data, lang);
    });
    view.totals(root, byMonth, lang, d.msgSampleValue);
    $(".portal-figures-sample", root).hidden = !byMonth.sample;  // trial figures (the API's SAMPLE_FIGURES)
    var t = byMonth.total;
    $(".portal-db-empty", root).hidden = t.received + t.completed + t.ratings.rated + t.overdue_now > 0;
  }

  filters.addEventListener("change", function (e) {
    if (e.target.tagName === "SELECT" && e.target.value && e.target.name !== "department") {  // one filter at a time: the others go back to "all"
      $$(".portal-wb-filter-set select", filters).forEach(function (s) { if (s !== e.target) s.value = ""; });
    }
    if (e.target.tagName === "SELECT") load();
  });
  filters.addEventListener("submit", function (e) { e.preventDefault(); load(); });

  /* The exports: fetched with the token (never in a link), saved under the file's name. */
  var exported = $(".portal-db-exported", root);
  $$(".portal-db-export", root).forEach(function (button) {
    button.addEventListener("click", function () {
      if (!rangeOk()) return;
      var select = filters.elements.department;
      if ("oneDepartment" in button.dataset && !select.value && !select.closest(".portal-field").hidden) {
        exported.textContent = d.msgChooseDepartment;
        select.focus();
        return;
      }
      button.disabled = true;
      exported.textContent = "";
      var b = button.dataset;
      // The figures' table in the page's language (the API's lang; the request list is Chinese).
      var q = query() + (lang === "en" ? "&lang=en" : "");
      session.download(b.path + "?" + q, b.filename, b.accept).then(function (r) {
        button.disabled = false;
        if (!r.ended) exported.textContent = r.status === 200 ? d.msgExported : failure(r);
      });
    });
  });

  var s = session.current();
  if (!s) { showSignIn(); return; }
  session.call("GET", "/api/staff/me").then(function (r) {
    if (r.ended) return;
    if (r.status === 200) { session.refresh(r.data); start(r.data); } else start(s.officer);
  });
})();
