/* The status page: look a request up, show it, and offer exactly the actions the API lists as
   allowed now (the page holds one hidden form per step of the lifecycle; none is shown unless
   the API names it). Secrets go in the Authorization header, never in a URL. Plain ES2017, no
   dependencies, same-origin API; runs after portal.js (both deferred). */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el;
  // A time as the build says this language writes it (data-msg-date-time), in Beijing time.
  function when(iso, pattern) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso))
      .forEach(function (p) { parts[p.type] = p.value; });
    return pattern.replace("{y}", parts.year).replace("{m}", parts.month).replace("{d}", parts.day)
      .replace("{H}", parts.hour).replace("{M}", parts.minute);
  }
  function renderStatus(box, data, form) {
    var lang = form.dataset.lang, d = form.dataset;
    box.textContent = "";
    var dl = el("dl", { "class": "portal-status-facts" });
    var lead = el("span", {}, data.lead_departments.map(function (x) { return x.name[lang]; }).join(d.msgSep));
    if (data.stages.length) {  // the way to reach them: the contacts of the request's stage
      var reach = el("a", { href: d.contacts + "#" + encodeURIComponent(data.stages[0].id) }, d.msgReach);
      lead = [lead, document.createTextNode(d.msgParen.split("{}")[0]), reach, document.createTextNode(d.msgParen.split("{}")[1])];
    }
    var rows = [[d.msgNo, data.tracking_no], [d.msgService, data.service.name[lang]], [d.msgStatus, data.status.label[lang]],
      [d.msgLead, lead]];
    if (data.respond_by) {  // said as indicative while the time limits are samples (the API says so)
      rows.push([d.msgRespondBy, data.respond_by + (data.respond_by_note ? d.msgParen.replace("{}", data.respond_by_note[lang]) : "")]);
    }
    if (data.assignee) rows.push([d.msgAssignee, data.assignee]);
    if (data.rating) rows.push([d.msgRating, data.rating.label[lang]]);
    rows.forEach(function (row) {
      dl.appendChild(el("dt", {}, row[0]));
      var dd = el("dd", {}, typeof row[1] === "string" ? row[1] : null);
      if (typeof row[1] !== "string") [].concat(row[1]).forEach(function (n) { dd.appendChild(n); });
      dl.appendChild(dd);
    });
    box.appendChild(dl);
    var open = (data.info_requests || []).filter(function (x) { return !x.answer; }).pop();
    if (open) {
      box.appendChild(el("h2", {}, d.msgInfo));
      var asked = el("ul", { "class": "portal-info-items" });
      open.items.forEach(function (item) { asked.appendChild(el("li", {}, item)); });
      box.appendChild(asked);
    }
    if (data.summary) {  // .portal-completion, not .portal-summary: that is the forms' red error box
      box.appendChild(el("h2", {}, d.msgSummary));
      box.appendChild(el("p", { "class": "portal-completion" }, data.summary));
    }
    if (data.rating_review) renderReview(box, data.rating_review, d, lang);
    if ((data.records || []).length) {
      box.appendChild(el("h2", {}, d.msgRecords));
      var recs = el("ul", { "class": "portal-records" });
      data.records.forEach(function (r) {
        recs.appendChild(el("li", {}, [r.date, r.kind.label[lang], r.minutes + " " + d.msgMinutes].join(" · ") + " — " + r.notes));
      });
      box.appendChild(recs);
    }
    box.appendChild(el("h2", {}, d.msgTimeline));
    var ol = el("ol", { "class": "portal-timeline" });
    data.timeline.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("time", { datetime: e.at }, when(e.at, d.msgDateTime)));
      li.appendChild(document.createTextNode(" " + e.label[lang] + (e.note[lang] ? " — " + e.note[lang] : "")));
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }
  // A poor rating's follow-up: its timers, the department's reply, and an appeal's outcome (never
  // who acted: the API gives no name; rating_review.py).
  function renderReview(box, x, d, lang) {
    var note = x.deadline_note ? d.msgParen.replace("{}", x.deadline_note[lang]) : "";
    var dl = el("dl", { "class": "portal-status-facts portal-review" });
    [[d.msgVerifyBy, x.verify_by && x.verify_by + note], [d.msgRectifyBy, x.rectify_by && x.rectify_by + note],
      [d.msgReply, x.reply], [d.msgRectificationRating, x.rectification_rating && x.rectification_rating.label[lang]],
      [d.msgAppeal, x.decision ? x.decision.label[lang] : x.appealed_at && d.msgAppealed]].forEach(function (row) {
      if (!row[1]) return;
      dl.appendChild(el("dt", {}, row[0]));
      dl.appendChild(el("dd", {}, row[1]));
    });
    box.appendChild(el("h2", {}, d.msgReview));
    box.appendChild(dl);
  }
  function fields(action) {  // the action's body: its fields, typed as the build marked them
    var body = { action: action.dataset.action };
    $$("input, select, textarea", action).forEach(function (input) {
      if (!input.name || ((input.type === "radio" || input.type === "checkbox") && !input.checked)) return;
      var value = input.value.trim();
      if (value !== "") body[input.name] = input.dataset.kind === "integer" ? Number(value) : value;
    });
    return body;
  }
  function showErrors(action, errors, lang) {
    $$(".portal-error", action).forEach(function (p) { p.hidden = true; p.textContent = ""; });
    (errors || []).forEach(function (e) {
      var box = document.getElementById("a-" + action.dataset.action + "-" + e.field + "-error");
      if (box) { box.textContent = e.message[lang]; box.hidden = false; }
    });
  }
  function initStatus(form) {
    var box = form.nextElementSibling, next = $(".portal-next"), d = form.dataset, lang = d.lang;
    var notices = $(".portal-notices"), wanted = null;  // the notice a link named (#…&notice=N)
    var actions = $$("form.portal-action", next);
    var secret = { staff: false, value: "" };
    form.hidden = false;
    function url(path) {
      return (secret.staff ? "/api/staff/requests/" : "/api/requests/") + encodeURIComponent(form.elements.no.value.trim()) + path;
    }
    function show(r, action) {
      if (r.status === 200) {
        renderStatus(box, r.data, form);
        portalNotices.render(notices, r.data.notices, pdf);
        var allowed = {};
        r.data.actions.forEach(function (a) { allowed[a.id] = true; });
        actions.forEach(function (a) { a.hidden = !allowed[a.dataset.action]; showErrors(a, [], lang); ask(a, false); });
        $$("section.portal-actions", next).forEach(function (s) { s.hidden = !$("form.portal-action:not([hidden])", s); });
        next.hidden = false;
      } else if (r.status === 422 && action) {
        showErrors(action, r.data.errors, lang);
        return;
      } else {
        box.textContent = r.status === 404 ? d.msgNotFound : r.status === 409 ? d.msgNotAllowed : d.msgError;
        if (r.status === 404) { next.hidden = true; portalNotices.render(notices, [], pdf); }
      }
      if (r.status === 200 && wanted && portalNotices.show(notices, wanted)) { wanted = null; return; }
      box.focus();
    }
    function pdf(path) {  // a notice's PDF, with the secret in the header as every lookup sends it
      return fetch(path, { headers: { Authorization: "Bearer " + secret.value, Accept: "application/pdf" }, cache: "no-store" });
    }
    function call(path, method, body, action) {
      var init = { method: method, headers: { Authorization: "Bearer " + secret.value } };
      if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
      box.setAttribute("aria-busy", "true");  // until the answer is on the page
      return fetch(url(path), init)
        .then(function (res) { return res.json().then(function (data) { return { status: res.status, data: data }; }); })
        .then(function (r) { show(r, action); }).catch(function () { box.textContent = d.msgError; })
        .then(function () { box.removeAttribute("aria-busy"); });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!form.elements.no.value.trim() || !form.elements.token.value.trim()) return;
      secret = { staff: false, value: form.elements.token.value.trim() };
      call("", "GET");
    });
    // A step that cannot be undone asks in the page first (render_status.py): its button opens
    // the question, "no" closes it, and only "yes" (the panel's submit) sends the step.
    function ask(action, open) {
      var panel = $(".portal-confirm", action), button = $(".portal-ask", action);
      if (!panel) return;
      panel.hidden = !open; button.hidden = open; button.setAttribute("aria-expanded", String(open));
      if (open) $(".portal-question", panel).focus();
    }
    actions.forEach(function (action) {
      var button = $(".portal-ask", action), cancel = $(".portal-cancel", action);
      if (button) button.addEventListener("click", function () { ask(action, true); });
      if (cancel) cancel.addEventListener("click", function () { ask(action, false); button.focus(); });
      action.addEventListener("submit", function (e) {
        e.preventDefault();
        var panel = $(".portal-confirm", action);
        if (panel && panel.hidden) return;  // not asked yet: Enter in a field does not skip the question
        call("/actions", "POST", fields(action), action);
      });
    });
    function fromLink() {  // the link in the SMS or email: #no=…&token=…
      var p = new URLSearchParams(location.hash.slice(1)), value = p.get("token");
      if (p.get("no") && p.get("key")) {  // a department link of before the workbench: sign in there
        location.replace("../staff/#request=" + encodeURIComponent(p.get("no")));
        return;
      }
      if (!p.get("no") || !value) return;
      secret = { staff: false, value: value };
      wanted = p.get("notice");
      form.elements.no.value = p.get("no"); form.elements.token.value = value;
      call("", "GET");
    }
    window.addEventListener("hashchange", fromLink);
    fromLink();
  }

  $$("form.portal-status-form").forEach(initStatus);
})();
