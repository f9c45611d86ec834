/* The organiser's page (/staff/trainings/): sign-in (staff-session.js), the sessions of the
   officer's departments, and one session (#session=<id>): check-in at the door (the code typed,
   or read by the camera: organiser-scan.js), the confirmed registrations and the waiting list,
   the attendance XLSX (fetched with the token, saved as a Blob), and the participants' ratings.
   Values come from the API, every word from the page (data-msg-*). Plain ES2017; runs last,
   after organiser-lists.js (the tables) and organiser-scan.js (the camera). */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el, session = window.staffSession, scan = window.organiserScan;
  var root = $(".portal-organiser");
  if (!root) return;
  var lists = window.organiserLists, d = root.dataset, lang = d.lang, XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  var message = $(".portal-wb-message", root), signin = $(".portal-signin", root), og = $(".portal-og", root);
  var list = $(".portal-og-list", root), sessions = $(".portal-og-sessions", root), one = $(".portal-og-session", root);
  var form = $(".portal-og-check-in", root), code = $("#og-code", root), answer = $(".portal-og-answer", root);
  var scanButton = $(".portal-og-scan", root), video = $(".portal-og-video", root), exportButton = $(".portal-og-export", root);
  var current = null, stopScan = null;

  function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
  function say(words, focus) { message.textContent = words || ""; if (focus && words) message.focus(); }
  var fill = lists.fill;
  function refusal(r) { return r.status === 0 ? d.msgNetwork : r.data && r.data.error ? text(r.data.error.message) : d.msgError; }

  /* ---- sign-in and out ---- */
  function showSignIn(reason) {
    if (stopScan) stopScan();
    og.hidden = true;
    signin.hidden = false;
    list.textContent = "";
    $$(".portal-og-table, .portal-og-summary", root).forEach(function (x) { x.textContent = ""; });  // nobody's data stays
    signin.elements.password.value = "";
    say(reason ? d["msg" + reason.replace(/(^|_)([a-z])/g, function (_, __, c) { return c.toUpperCase(); })] : "", !!reason);
  }
  session.signInForm(signin, "wb-", { network: d.msgNetwork, error: d.msgError }, start, function () { say(""); });
  $(".portal-signout", root).addEventListener("click", function () { session.end("signed_out"); });
  session.onEnd(showSignIn);

  function start(officer) {
    signin.hidden = true;
    og.hidden = false;
    $(".portal-wb-who", root).textContent = officer.name + (officer.role_label ? " · " + text(officer.role_label) : "");
    session.watch();
    route();
  }

  /* ---- the sessions ---- */
  function seatsLine(s) { return fill(d.msgSeatsLine, { taken: s.taken, capacity: s.capacity, waiting: s.waiting }); }

  function showSessions() {
    one.hidden = true;
    sessions.hidden = false;
    session.call("GET", "/api/staff/trainings").then(function (r) {
      if (r.ended) return;
      if (r.status !== 200) { say(refusal(r)); return; }
      list.textContent = "";
      r.data.sessions.forEach(function (s) {
        var li = el("li"), sample = s.training.sample ? d.msgSample : "";
        li.appendChild(el("a", { href: "#session=" + encodeURIComponent(s.training.id) }, text(s.training.title)));
        li.appendChild(el("span", { "class": "portal-og-when" }, " · " + text(s.training.when) + sample + " · " + seatsLine(s)));
        list.appendChild(li);
      });
      $(".portal-og-empty", root).hidden = r.data.sessions.length > 0;
    });
  }

  /* ---- one session ---- */
  function render(s) {
    current = s;
    $("#og-session-title", root).textContent = text(s.training.title);
    var facts = $(".portal-og-facts", root), sample = s.training.sample ? d.msgSample : "";
    facts.textContent = "";
    [[d.msgWhen, text(s.training.when) + sample], [d.msgWhere, text(s.training.place) + sample], [d.msgSeats, seatsLine(s)]]
      .forEach(function (row) { facts.appendChild(el("dt", {}, row[0])); facts.appendChild(el("dd", {}, row[1])); });
    form.hidden = !s.may_check_in;
    $(".portal-og-read-only", root).hidden = s.may_check_in;
    scanButton.hidden = !(s.may_check_in && scan && scan.available());
    lists.show(root, s);
  }

  function load(id, focus) {
    one.setAttribute("aria-busy", "true");
    return session.call("GET", "/api/staff/trainings/" + encodeURIComponent(id)).then(function (r) {
      one.removeAttribute("aria-busy");
      if (r.ended) return;
      if (r.status !== 200) { one.hidden = true; say(r.status === 404 ? d.msgNotFound : refusal(r), true); return; }
      say("");
      render(r.data);
      one.hidden = false;
      if (focus) $("#og-session-title", root).focus();
    });
  }

  /* ---- check-in at the door ---- */
  function checkIn(value) {
    var button = $("button[type=submit]", form);
    button.disabled = true;
    answer.className = "portal-og-answer";
    session.call("POST", "/api/staff/trainings/" + encodeURIComponent(current.training.id) + "/check-ins", { code: value })
      .then(function (r) {
        button.disabled = false;
        if (r.ended) return;
        var ok = r.status === 200;
        answer.textContent = ok ? text(r.data.message) : refusal(r);
        answer.classList.add(ok ? (r.data.outcome === "checked_in" ? "portal-og-ok" : "portal-og-again") : "portal-og-refused");
        answer.dataset.outcome = ok ? r.data.outcome : (r.data && r.data.error ? r.data.error.code : "error");
        answer.focus();
        if (ok) { code.value = ""; load(current.training.id, false); }
      });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (code.value.trim()) checkIn(code.value.trim()); else code.focus();
  });
  scanButton.addEventListener("click", function () {
    if (stopScan) { stopScan(); stopScan = null; scanButton.textContent = d.msgScan; return; }
    answer.textContent = d.msgScanning;
    scanButton.textContent = d.msgStopScan;
    scan.start(video, function (found) {
      stopScan = null;
      scanButton.textContent = d.msgScan;
      code.value = found;
      checkIn(found);
    }).then(function (stop) { stopScan = stop; }, function () {
      stopScan = null;
      scanButton.textContent = d.msgScan;
      answer.textContent = d.msgNoCamera;
      code.focus();
    });
  });

  exportButton.addEventListener("click", function () {
    var id = current.training.id;
    exportButton.disabled = true;
    session.download("/api/staff/trainings/" + encodeURIComponent(id) + "/attendance.xlsx", "attendance-" + id + ".xlsx", XLSX)
      .then(function (r) {
        exportButton.disabled = false;
        if (!r.ended) say(r.status === 200 ? d.msgExported : refusal(r));
      });
  });

  /* ---- routing by fragment ---- */
  function route() {
    $$(".md-select__link").forEach(function (a) {  // the other language keeps the same session open
      a.dataset.base = a.dataset.base || a.getAttribute("href");
      a.setAttribute("href", a.dataset.base + location.hash);
    });
    if (!session.current()) { showSignIn(); return; }
    if (og.hidden) return;
    if (stopScan) { stopScan(); stopScan = null; scanButton.textContent = d.msgScan; }
    var id = new URLSearchParams(location.hash.slice(1)).get("session");
    answer.textContent = "";
    if (id) { sessions.hidden = true; load(id, true); } else showSessions();
  }
  window.addEventListener("hashchange", route);

  var s = session.current();
  if (!s) { route(); return; }  // route() asks for sign-in and keeps the language links
  session.call("GET", "/api/staff/me").then(function (r) {
    if (r.ended) return;
    if (r.status === 200) { session.refresh(r.data); start(r.data); } else start(s.officer);
  });
})();
