/* The workbench's request view: one request as its department sees it (applicant, the form's
   fields, timeline, service records, information requests, the audit trail for supervisors),
   and the actions the API lists as allowed now. The page holds one hidden form per staff step
   of the lifecycle's table (built from it); only those the API names are shown. A step whose
   action carries `confirm` words is asked in an in-page dialog before it is sent. Plain ES2017,
   no dependencies; after portal.js and staff-session.js, before workbench.js. */
window.workbenchRequest = (function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el, session = window.staffSession;
  var d, lang, view, title, body, actionsBox, forms, done, noActions, dialog, noticesBox;
  var shown = null, confirmText = {}, officerLists = {}, changed = false;

  function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
  function when(iso) {
    var t = new Date(iso);
    return isNaN(t) ? String(iso) : t.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB",
      { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });
  }
  function value(v) {  // a form field's value, whatever its type, in the page's language
    if (v == null || v === "") return d.msgNone;
    if (Array.isArray(v)) return v.length ? v.map(value).join(d.msgSep) : d.msgNone;
    if (typeof v === "boolean") return v ? d.msgYes : d.msgNo;
    if (typeof v === "object") return v[lang] != null ? v[lang] : v.name ? text(v.name) : v.label ? text(v.label) : "";
    return String(v);
  }
  function names(list) { return (list || []).map(function (x) { return text(x.name); }).join(d.msgSep) || d.msgNone; }

  function facts(rows, cls) {  // [[label, text or node], …] → <dl>; empty values are left out
    var dl = el("dl", { "class": cls || "portal-wb-facts" });
    rows.forEach(function (row) {
      if (row[1] == null || row[1] === "") return;
      var div = el("div");
      div.appendChild(el("dt", {}, row[0]));
      var dd = el("dd");
      if (typeof row[1] === "object") dd.appendChild(row[1]); else dd.textContent = row[1];
      div.appendChild(dd);
      dl.appendChild(div);
    });
    return dl;
  }
  function section(heading, content) {
    var s = el("section", { "class": "portal-wb-part" });
    s.appendChild(el("h3", {}, heading));
    (Array.isArray(content) ? content : [content]).forEach(function (c) { if (c) s.appendChild(c); });
    return s;
  }
  function link(href, label) { return el("a", { href: href }, label); }

  function applicant(a) {
    if (!a) return null;
    return section(d.msgApplicant, facts([
      [d.msgOrganisation, a.organisation], [d.msgCreditCode, a.credit_code], [d.msgContact, a.contact],
      [d.msgMobile, a.mobile ? link("tel:" + a.mobile, a.mobile) : ""],
      [d.msgEmail, a.email ? link("mailto:" + a.email, a.email) : ""]]));
  }

  function timeline(entries) {
    var ol = el("ol", { "class": "portal-timeline" });
    (entries || []).forEach(function (e) {
      var li = el("li");
      li.appendChild(el("time", { datetime: e.at }, when(e.at)));
      var what = " " + text(e.label) + (e.note && text(e.note) ? " — " + text(e.note) : "");
      li.appendChild(document.createTextNode(what));
      if (e.by) {
        var by = [e.by.name, e.by.department ? text(e.by.department.name) : ""].filter(Boolean).join(d.msgSep);
        li.appendChild(el("span", { "class": "portal-wb-by" }, d.msgBy + d.msgColon + by));
      }
      ol.appendChild(li);
    });
    return ol;
  }

  function records(list) {
    if (!list || !list.length) return el("p", {}, d.msgNone);
    var ol = el("ol", { "class": "portal-wb-records" });
    list.forEach(function (r) {
      var li = el("li");
      li.appendChild(el("p", { "class": "portal-wb-record-head" },
        [text(r.kind && r.kind.label), r.date, r.minutes != null ? r.minutes + " " + d.msgMinutes : "",
          r.visible ? d.msgVisible : d.msgInternal].filter(Boolean).join(" · ")));
      if (r.notes) li.appendChild(el("p", { "class": "portal-wb-notes" }, r.notes));
      if (r.by) li.appendChild(el("p", { "class": "portal-wb-by" }, d.msgBy + d.msgColon + (r.by.name || r.by)
        + (r.at ? " · " + when(r.at) : "")));
      ol.appendChild(li);
    });
    return ol;
  }

  function infoRequests(list) {
    var ol = el("ol", { "class": "portal-wb-info" });
    list.forEach(function (q) {
      var li = el("li"), items = el("ul");
      (q.items || []).forEach(function (i) { items.appendChild(el("li", {}, i)); });
      li.appendChild(items);
      li.appendChild(facts([[d.msgAsked, q.asked_at ? when(q.asked_at) : ""],
        [d.msgAnswer, q.answer == null ? d.msgNoAnswer : q.answer],
        [d.msgAnswered, q.answered_at ? when(q.answered_at) : ""]], "portal-wb-facts portal-wb-compact"));
      ol.appendChild(li);
    });
    return ol;
  }

  function review(x) {  // a poor rating's follow-up: its two timers and what was done (API: rating_review)
    var yet = d.msgNotYet, note = x.deadline_note ? " (" + text(x.deadline_note) + ")" : "";
    return facts([[d.msgVerifyBy, x.verify_by ? x.verify_by + note : ""], [d.msgRectifyBy, x.rectify_by ? x.rectify_by + note : ""],
      [d.msgVerified, x.verified_at ? x.verification + " · " + when(x.verified_at) : yet],
      [d.msgRectified, x.rectified_at ? x.rectification + " · " + when(x.rectified_at) : yet],
      [d.msgReply, x.reply || ""], [d.msgRectificationRating, x.rectification_rating ? text(x.rectification_rating.label) : ""],
      [d.msgAppeal, x.appealed_at ? x.appeal_reason + " · " + (x.appeal_by || "") + " · " + when(x.appealed_at) : ""],
      [d.msgDecision, x.decision ? text(x.decision.label) + " · " + (x.decided_by || "") + " · " + when(x.decided_at) : ""],
      [d.msgGrounds, x.decision_grounds || ""]]);
  }

  function audit(no, rows) {
    var table = el("table", { "class": "portal-wb-audit" }), head = el("tr");
    [d.msgAuditAt, d.msgAuditOfficer, d.msgAuditAction, d.msgAuditReason].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var tbody = table.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = el("tr");
      [when(r.at), text(r.officer), stepLabel(r.action), text(r.reason)].forEach(function (c) { tr.appendChild(el("td", {}, c)); });
      tbody.appendChild(tr);
    });
    var wrap = el("div", { "class": "portal-wb-scroll", tabindex: "0", role: "region", "aria-label": d.msgAudit });
    wrap.appendChild(table);
    var button = el("button", { type: "button", "class": "md-button" }, d.msgExport);
    button.addEventListener("click", function () { exportCsv(no, button); });
    return section(d.msgAudit, [wrap, button]);
  }

  function stepLabel(id) {  // a step's words, from its form (the build's); any other entry by its id
    var heading = $('form.portal-action[data-action="' + id + '"] h4', actionsBox);
    return heading ? heading.textContent : id;
  }

  function exportCsv(no, button) {
    button.disabled = true;
    session.download("/api/staff/requests/" + encodeURIComponent(no) + "/audit.csv", no + "-audit.csv").then(function (r) {
      if (r.status !== 200) done.textContent = r.ended ? "" : r.status === 0 ? d.msgNetwork : d.msgError;
      button.disabled = false;
    });
  }

  function render(r) {
    shown = r;
    title.textContent = r.tracking_no + " · " + text(r.service.name);
    body.textContent = "";
    var status = text(r.status.label) + (r.paused ? " (" + d.msgPaused + ")" : "");
    body.appendChild(facts([
      [d.msgStatus, status], [d.msgService, text(r.service.name)], [d.msgStages, names(r.stages)],
      [d.msgSubmitted, r.submitted_at ? when(r.submitted_at) : ""], [d.msgDue, (r.due || r.respond_by || "") + (r.due && r.due_note ? " (" + text(r.due_note) + ")" : "")],
      [d.msgLead, names(r.lead_departments)], [d.msgCc, r.cc_departments && r.cc_departments.length ? names(r.cc_departments) : ""],
      [d.msgAssignee, r.assignee ? (r.assignee.name || r.assignee) : d.msgUnassigned],
      [d.msgRating, r.rating ? text(r.rating.label) : ""], [d.msgWindow, r.window || ""]]));
    var parts = [applicant(r.applicant)];
    if (r.fields) parts.push(section(d.msgFields, facts(r.fields.map(function (f) { return [text(f.label), value(f.value)]; }))));
    if (r.info_requests && r.info_requests.length) parts.push(section(d.msgInfoRequests, infoRequests(r.info_requests)));
    if (r.rating_review) parts.push(section(d.msgReview, review(r.rating_review)));
    parts.push(section(d.msgTimeline, timeline(r.timeline)));
    if (r.records) parts.push(section(d.msgRecords, records(r.records)));
    parts.push(workbenchReplies.parties(r.parties, r.findings, d, lang));  // the five responsible parties, where the service has them
    if (r.audit) parts.push(audit(r.tracking_no, r.audit));
    parts.forEach(function (p) { if (p) body.appendChild(p); });
    portalNotices.render(noticesBox, r.notices, pdf);
    offer(r);
  }

  /* The actions allowed now: their forms shown, the others hidden; officers' lists filled. */
  function offer(r) {
    var allowed = {};
    confirmText = {};
    r.actions.forEach(function (a) { allowed[a.id] = true; confirmText[a.id] = a.confirm ? text(a.confirm) : ""; });
    forms.forEach(function (f) {
      f.hidden = !allowed[f.dataset.action];
      clearErrors(f);
      if (!f.hidden) f.reset();
      if (!f.hidden && f.dataset.path === "notices") portalNotices.prepare(f, r.notices);  // a fresh composer
    });
    noActions.hidden = r.actions.length > 0;
    workbenchReplies.offer(forms, r, d, lang);  // reply templates on the steps shown; the findings field where it applies
    var leads = (r.lead_departments || []).map(function (x) { return x.id; });
    $$("select[data-source=officers]", actionsBox).forEach(function (s) {
      if (!s.closest("form").hidden) fillOfficers(s, departmentOf(leads), r.assignee && r.assignee.username);
    });
    $$("select[data-source=departments] option", actionsBox).forEach(function (o) {  // not where it already is
      o.disabled = leads.indexOf(o.value) >= 0;
    });
  }

  function departmentOf(leads) {  // the lead department the officer serves, whose colleagues they assign
    var s = session.current(), mine = (s && s.officer && s.officer.departments || []).map(function (x) { return x.id; });
    return leads.filter(function (id) { return mine.indexOf(id) >= 0; })[0] || leads[0];
  }

  function officers(department) {  // a department's officers, fetched once per page
    if (!officerLists[department]) {
      officerLists[department] = session.call("GET", "/api/staff/departments/" + encodeURIComponent(department) + "/officers")
        .then(function (r) {
          if (r.status !== 200) { delete officerLists[department]; return []; }
          return r.data.officers;
        });
    }
    return officerLists[department];
  }

  function fillOfficers(select, department, assigned) {  // the colleagues, but the one who has it now
    if (!department) return;
    officers(department).then(function (list) {
      var first = select.options[0];
      select.textContent = "";
      if (first && first.value === "") select.appendChild(first);
      list.forEach(function (o) {
        if (o.username !== assigned) select.appendChild(el("option", { value: o.username }, o.name));
      });
    });
  }

  function fields(form) {  // the step's body, typed as the build marked each control
    var out = { action: form.dataset.action };
    $$("input, select, textarea", form).forEach(function (input) {
      if (!input.name) return;
      var kind = input.dataset.kind;
      if (input.type === "checkbox" && kind === "boolean") { out[input.name] = input.checked; return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      var v = input.value.trim();
      if (v === "") return;
      if (kind === "integer" || kind === "number") v = Number(v);
      else if (kind === "boolean") v = v === "true";
      if (kind === "array") (out[input.name] = out[input.name] || []).push(v); else out[input.name] = v;
    });
    return out;
  }

  function clearErrors(form) {
    $$(".portal-error", form).forEach(function (p) { p.hidden = true; p.textContent = ""; });
    $$("[aria-invalid]", form).forEach(function (c) { c.removeAttribute("aria-invalid"); });
  }

  function showErrors(form, r) {
    clearErrors(form);
    var action = form.dataset.action, first = null;
    var list = (r.data && r.data.errors) || [];
    list.forEach(function (e) {
      var box = document.getElementById("w-" + action + "-" + e.field + "-error");
      var control = document.getElementById("w-" + action + "-" + e.field);
      if (!box) { box = document.getElementById("w-" + action + "-error"); }
      box.textContent = (box.textContent ? box.textContent + " " : "") + text(e.message);
      box.hidden = false;
      if (control) { control.setAttribute("aria-invalid", "true"); first = first || control; }
    });
    if (!list.length) {
      var whole = document.getElementById("w-" + action + "-error");
      whole.textContent = r.status === 0 ? d.msgNetwork : r.data && r.data.error ? text(r.data.error.message) : d.msgError;
      whole.hidden = false;
      first = whole;
    }
    if (first) { if (!first.hasAttribute("tabindex") && first.tagName === "P") first.setAttribute("tabindex", "-1"); first.focus(); }
  }

  function ask(question, opener) {  // the in-page dialog: resolves true on Confirm
    return new Promise(function (resolve) {
      $("#wb-confirm-text", dialog).textContent = question;
      dialog.returnValue = "";
      dialog.addEventListener("close", function closed() {
        dialog.removeEventListener("close", closed);
        opener.focus();
        resolve(dialog.returnValue === "ok");
      });
      dialog.showModal();
      $("button[value=cancel]", dialog).focus();  // the safe choice is the default one
    });
  }

  function send(form) {
    var no = shown.tracking_no, button = $("button[type=submit]", form);
    var question = confirmText[form.dataset.action];
    (question ? ask(question, button) : Promise.resolve(true)).then(function (go) {
      if (!go) return;
      button.disabled = true;
      actionsBox.setAttribute("aria-busy", "true");
      done.textContent = "";
      // A step of its own route (a notice: …/notices) sends what its composer built.
      var route = form.dataset.path || "actions", sent = form.dataset.path ? portalNotices.body(form) : fields(form);
      session.call("POST", "/api/staff/requests/" + encodeURIComponent(no) + "/" + route, sent).then(function (r) {
        button.disabled = false;
        actionsBox.removeAttribute("aria-busy");
        if (r.ended || shown.tracking_no !== no) return;
        if (r.status === 200 || r.status === 201) {
          changed = true;
          if (r.data.transferred_to) { gone(r.data); return; }
          render(r.data);
          done.textContent = d.msgDone;
          done.focus();
          return;
        }
        showErrors(form, r);
        if (r.status === 409) refresh(no);  // the request moved on meanwhile: show what is allowed now
      });
    });
  }

  function gone(answer) {  // transferred: the department sees it no more, so nothing of it stays here
    shown = { tracking_no: answer.tracking_no };
    body.textContent = "";
    portalNotices.render(noticesBox, [], pdf);
    forms.forEach(function (f) { f.hidden = true; });
    noActions.hidden = true;
    done.textContent = text(answer.message);
    done.focus();
  }

  function refresh(no) {
    return session.call("GET", "/api/staff/requests/" + encodeURIComponent(no)).then(function (r) {
      if (r.status === 200 && shown && shown.tracking_no === no) { var keep = $$(".portal-error:not([hidden])", actionsBox);
        render(r.data); keep.forEach(function (p) { p.hidden = false; }); }
    });
  }

  function open(no) {
    shown = { tracking_no: no };
    view.hidden = false;
    title.textContent = no;
    body.textContent = d.msgLoading;
    actionsBox.hidden = true;
    done.textContent = "";
    return session.call("GET", "/api/staff/requests/" + encodeURIComponent(no)).then(function (r) {
      if (shown.tracking_no !== no || r.ended) return;
      if (r.status === 200) { render(r.data); actionsBox.hidden = false; }
      else body.textContent = r.status === 404 ? d.msgNotFound : r.status === 0 ? d.msgNetwork
        : r.data && r.data.error ? text(r.data.error.message) : d.msgError;
      title.focus();
    });
  }

  function close() {
    shown = null;
    view.hidden = true;
    body.textContent = "";
    portalNotices.render(noticesBox, [], pdf);  // nothing of a request stays on the page
  }

  /* A notice's PDF, fetched with the officer's token (it cannot go in a link). */
  function pdf(path) {
    return session.call("GET", path, undefined, true).then(function (r) { return r.response; });
  }
  function forget() { close(); officerLists = {}; }  // the session ended: the next may be another officer's

  function init(root) {
    d = root.dataset; lang = d.lang;
    view = $(".portal-wb-request", root); title = $("#wb-request-title", root);
    body = $(".portal-wb-request-body", root); actionsBox = $(".portal-wb-actions", root);
    forms = $$("form.portal-action", actionsBox); done = $(".portal-wb-done", actionsBox);
    noActions = $(".portal-wb-no-actions", actionsBox); dialog = $("dialog.portal-wb-confirm", root);
    noticesBox = $(".portal-notices", view);
    done.setAttribute("tabindex", "-1");
    forms.forEach(function (f) { f.addEventListener("submit", function (e) { e.preventDefault(); send(f); }); });
    $$("button", dialog).forEach(function (b) { b.addEventListener("click", function () { dialog.close(b.value); }); });
  }

  return {
    init: init, open: open, close: close, forget: forget, officers: officers,
    changed: function () { var was = changed; changed = false; return was; }  // a step was taken since asked
  };
})();
