/* The staff workbench: sign-in, the department's queue (lanes as tabs, filters, "more" by
   cursor), and the request view, routed by the address's fragment (#request=<tracking no>, the
   link the department's email carries; after sign-in the page is back where that link led).
   The lanes, the officer's departments and colleagues come from the API, the filters' options
   and every word from the build. Plain ES2017, no dependencies; runs last of the staff scripts. */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el, session = window.staffSession, request = window.workbenchRequest;
  var root = $(".portal-workbench");
  if (!root) return;
  var d = root.dataset, lang = d.lang;
  var message = $(".portal-wb-message", root), signin = $(".portal-signin", root), wb = $(".portal-wb", root);
  var who = $(".portal-wb-who", root), queue = $(".portal-wb-queue", root), filters = $(".portal-wb-filters", root);
  var department = $("#wb-department", root), assignee = $("#wb-assignee", root);
  var lanes = $(".portal-wb-lanes", root), panel = $("#wb-panel", root), list = $(".portal-wb-items", root);
  var more = $(".portal-wb-more", root), empty = $(".portal-wb-empty", root);
  var everyDepartment = $$("option", department).map(function (o) { return [o.value, o.textContent]; });
  var state = { lane: null, cursor: null, seq: 0, loaded: false, from: null, supervisor: false };
  var APPEALS = "appeals";  // the supervisors' tab: every department's appeals awaiting a decision

  function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
  function msg(key) { return d["msg" + key.replace(/(^|_)([a-z])/g, function (_, __, c) { return c.toUpperCase(); })]; }
  function say(words, focus) { message.textContent = words || ""; if (focus && words) message.focus(); }

  /* ---- sign-in ---- */
  function showSignIn(reason) {
    wb.hidden = true;
    signin.hidden = false;
    request.forget();
    state.loaded = false;
    list.textContent = "";  // nothing of the applicants stays on screen after the session
    signin.elements.password.value = "";
    say(reason ? msg(reason) : "", !!reason);
  }

  session.signInForm(signin, "wb-", { network: d.msgNetwork, error: d.msgError }, start, function () { say(""); });

  $(".portal-signout", root).addEventListener("click", function () { session.end("signed_out"); });
  session.onEnd(showSignIn);

  /* ---- the workbench ---- */
  function start(officer) {
    signin.hidden = true;
    wb.hidden = false;
    say("");
    state.supervisor = officer.role === "supervisor";
    if (state.supervisor && !state.loaded) state.lane = APPEALS;  // what waits for them first
    who.textContent = officer.name + (officer.role_label ? " · " + text(officer.role_label) : "");
    // An officer reads their own departments; a supervisor, whom the API gives none, every one.
    var mine = (officer.departments || []).map(function (x) { return [x.id, text(x.name)]; });
    var choices = mine.length ? mine : everyDepartment, keep = department.value;
    department.textContent = "";
    choices.forEach(function (c) { department.appendChild(el("option", { value: c[0] }, c[1])); });
    if (choices.some(function (c) { return c[0] === keep; })) department.value = keep;
    fillAssignees();
    session.watch();
    route();
  }

  function fillAssignees() {
    var chosen = assignee.value, any = assignee.options[0];
    assignee.textContent = "";
    assignee.appendChild(any);
    request.officers(department.value).then(function (officers) {
      officers.forEach(function (o) { assignee.appendChild(el("option", { value: o.username }, o.name)); });
      if (officers.some(function (o) { return o.username === chosen; })) assignee.value = chosen;
    });
  }

  function query() {
    var p = new URLSearchParams();
    p.set("department", department.value);
    if (state.lane) p.set("lane", state.lane);
    $$(".portal-wb-filter-set select", filters).forEach(function (s) { if (s.value) p.set(s.name, s.value); });
    if (state.cursor) p.set("cursor", state.cursor);
    return p.toString();
  }

  function load(append) {
    var seq = ++state.seq;
    if (!append) state.cursor = null;
    panel.setAttribute("aria-busy", "true");
    more.disabled = true;
    var appeals = state.lane === APPEALS;
    filters.hidden = appeals;  // the list is every department's, unfiltered
    var url = appeals ? "/api/staff/appeals?" + (state.cursor ? "cursor=" + encodeURIComponent(state.cursor) : "")
      : "/api/staff/queue?" + query();
    return session.call("GET", url).then(function (r) {
      if (seq !== state.seq || r.ended) return;  // a newer query has been sent, or the session ended
      panel.removeAttribute("aria-busy");
      more.disabled = false;
      if (r.status !== 200) {
        var why = (r.data && r.data.errors || []).map(function (e) { return text(e.message); }).join(" ");
        say(why || (r.status === 0 ? d.msgNetwork : r.data && r.data.error ? text(r.data.error.message) : d.msgError));
        return;
      }
      state.loaded = true;
      showLanes(r.data.lanes, appeals ? APPEALS : r.data.lane);
      var before = list.children.length;
      if (!append) { list.textContent = ""; before = 0; }
      r.data.items.forEach(function (item) { list.appendChild(card(item)); });
      state.cursor = r.data.next_cursor;
      more.hidden = !state.cursor;
      empty.hidden = list.children.length > 0;
      if (append && list.children[before]) $("a", list.children[before]).focus();  // where the new ones start
    });
  }

  function showLanes(all, active) {
    state.lane = active;
    if (state.supervisor && all[0] && all[0].id !== APPEALS) all = [{ id: APPEALS, label: d.msgAppeals }].concat(all);
    var ids = all.map(function (l) { return l.id; }).join(" ");
    if (lanes.dataset.ids !== ids) {
      lanes.textContent = "";
      all.forEach(function (l) {
        lanes.appendChild(el("button", { type: "button", role: "tab", id: "wb-lane-" + l.id, "data-lane": l.id,
          "aria-controls": "wb-panel", "class": "portal-wb-lane" }, text(l.label)));
      });
      lanes.dataset.ids = ids;
    }
    $$("[role=tab]", lanes).forEach(function (tab) {
      var on = tab.dataset.lane === active;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
    });
    panel.setAttribute("aria-labelledby", "wb-lane-" + active);
  }

  function pick(tab) {
    tab.focus();
    if (tab.dataset.lane === state.lane) return;
    state.lane = tab.dataset.lane;
    showLanes($$("[role=tab]", lanes).map(function (t) { return { id: t.dataset.lane, label: t.textContent }; }), state.lane);
    load(false);
  }
  lanes.addEventListener("click", function (e) { var tab = e.target.closest("[role=tab]"); if (tab) pick(tab); });
  lanes.addEventListener("keydown", function (e) {  // the tabs pattern: arrows, Home and End move and select
    var tabs = $$("[role=tab]", lanes), at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    var to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    pick(tabs[(to + tabs.length) % tabs.length]);
  });

  function card(item) {
    var li = el("li", { "class": "portal-wb-item" + (item.overdue ? " portal-wb-overdue" : "") });
    var head = el("p", { "class": "portal-wb-item-head" });
    head.appendChild(el("a", { href: "#request=" + encodeURIComponent(item.tracking_no) }, item.tracking_no));
    if (item.overdue) head.appendChild(el("span", { "class": "portal-wb-badge" }, d.msgOverdue));
    li.appendChild(head);
    li.appendChild(el("p", { "class": "portal-wb-item-title" }, [text(item.service && item.service.name), item.organisation]
      .filter(Boolean).join(" · ")));
    var dl = el("dl", { "class": "portal-wb-item-facts" });
    (item.appealed_at ? [[d.msgDepartment, text(item.department && item.department.name)],
      [d.msgRating, text(item.rating_label)], [d.msgAppealedAt, when(item.appealed_at, true)],
      [d.msgProject, item.project], [d.msgSubmitted, when(item.submitted_at)]] :
    [[d.msgDue, item.due], [d.msgStatus, text(item.status && item.status.label)],
      [d.msgAssignee, item.assignee ? item.assignee.name : d.msgUnassigned],
      [d.msgDistrict, item.district ? text(item.district.name) : ""], [d.msgProject, item.project],
      [d.msgStages, (item.stages || []).map(function (s) { return text(s.name); }).join(d.msgSep)],
      [d.msgSubmitted, when(item.submitted_at)]]).forEach(function (row) {
      var div = el("div");  // every fact, empty or not, so that a desk's columns line up
      div.appendChild(el("dt", {}, row[0]));
      div.appendChild(el("dd", {}, row[1] || d.msgNone));
      dl.appendChild(div);
    });
    li.appendChild(dl);
    return li;
  }

  function when(at, time) {  // Beijing time, the day (and with `time` the hour) in the reader's language
    if (!at) return "";
    var o = { timeZone: "Asia/Shanghai" };
    return time ? new Date(at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", o)
      : new Date(at).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB", o);
  }

  department.addEventListener("change", function () { assignee.value = ""; fillAssignees(); load(false); });
  filters.addEventListener("change", function (e) {
    if (e.target === department) return;
    if (e.target.value) {  // the API filters by one thing at a time: the others go back to "all"
      $$(".portal-wb-filter-set select", filters).forEach(function (s) { if (s !== e.target) s.value = ""; });
    }
    load(false);
  });
  filters.addEventListener("submit", function (e) { e.preventDefault(); load(false); });
  more.addEventListener("click", function () { load(true); });

  /* ---- routing by fragment ---- */
  function languageLinks() {  // the other language keeps the reader on the same request
    $$(".md-select__link").forEach(function (a) {
      a.dataset.base = a.dataset.base || a.getAttribute("href");
      a.setAttribute("href", a.dataset.base + location.hash);
    });
  }

  function route() {
    languageLinks();
    if (!session.current()) { showSignIn(); return; }
    if (wb.hidden) return;  // signing in: start() routes once the officer is known
    var no = new URLSearchParams(location.hash.slice(1)).get("request");
    if (no) {
      queue.hidden = true;
      state.from = no;
      request.open(no);
      return;
    }
    request.close();
    queue.hidden = false;
    if (!state.loaded || request.changed()) { load(false); return; }  // a step moves a request between lanes
    var back = state.from && $('a[href="#request=' + encodeURIComponent(state.from) + '"]', list);
    (back || $("#wb-queue-title", root)).focus();
  }
  window.addEventListener("hashchange", route);

  request.init(root);
  var s = session.current();
  if (!s) { showSignIn(); languageLinks(); return; }
  session.call("GET", "/api/staff/me").then(function (r) {
    if (r.ended) return;
    if (r.status === 200) { session.refresh(r.data); start(r.data); } else start(s.officer);
  });
})();
