/* The status page: lookup, withdrawal, rating, and the department's actions. Plain ES2017, no
   dependencies, same-origin API; runs after portal.js (both deferred). */
(function () {
  "use strict";
  var API = portal.API, $ = portal.$, $$ = portal.$$, el = portal.el;
  function renderStatus(box, data, form) {
    var lang = form.dataset.lang, d = form.dataset, zh = lang === "zh";
    box.textContent = "";
    var dl = el("dl", { "class": "portal-status-facts" });
    var rows = [[d.msgNo, data.tracking_no], [d.msgService, data.service.name[lang]], [d.msgStatus, data.status.label[lang]],
      [d.msgLead, data.lead_departments.map(function (x) { return x.name[lang]; }).join(zh ? "、" : ", ")]];
    if (data.respond_by && ["submitted", "accepted"].indexOf(data.status.id) >= 0) rows.push([d.msgRespondBy, data.respond_by]);
    if (data.assignee) rows.push([d.msgAssignee, data.assignee]);
    if (data.rating) rows.push([d.msgRating, data.rating.label[lang]]);
    rows.forEach(function (row) { dl.appendChild(el("dt", {}, row[0])); dl.appendChild(el("dd", {}, row[1])); });
    box.appendChild(dl);
    box.appendChild(el("h2", {}, d.msgTimeline));
    var ol = el("ol", { "class": "portal-timeline" });
    data.timeline.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("time", { datetime: e.at }, new Date(e.at).toLocaleString(zh ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" })));
      li.appendChild(document.createTextNode(" " + e.label[lang] + (e.note[lang] ? " — " + e.note[lang] : "")));
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }
  function initStatus(form) {
    var box = form.nextElementSibling, next = $(".portal-next"), d = form.dataset;
    var withdraw = $(".portal-withdraw", next), rating = $(".portal-rating", next), dept = $(".portal-dept", next);
    var secret = { name: "token", value: "" };
    form.hidden = false;
    function url(path) {
      return API + "/" + encodeURIComponent(form.elements.no.value.trim()) + path + "?" + secret.name + "=" + encodeURIComponent(secret.value);
    }
    function show(r) {
      if (r.status === 200) {
        renderStatus(box, r.data, form);
        next.hidden = false;
        var staff = r.data.viewer === "department";
        withdraw.hidden = staff || !r.data.can_withdraw;
        rating.hidden = staff || !r.data.can_rate;
        dept.hidden = !staff || ["submitted", "accepted", "assigned", "in_service"].indexOf(r.data.status.id) < 0;
      } else {
        box.textContent = r.status === 404 ? d.msgNotFound : r.status === 409 ? d.msgNotAllowed
          : (r.data.errors && r.data.errors[0] ? r.data.errors[0].message[form.dataset.lang] : d.msgError);
        if (r.status === 404) next.hidden = true;
      }
      box.focus();
    }
    function call(path, method, body) {
      var init = { method: method };
      if (body) { init.headers = { "Content-Type": "application/json" }; init.body = JSON.stringify(body); }
      return fetch(url(path), init)
        .then(function (res) { return res.json().then(function (data) { return { status: res.status, data: data }; }); })
        .then(show).catch(function () { box.textContent = d.msgError; });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!form.elements.no.value.trim() || !form.elements.token.value.trim()) return;
      secret = { name: secret.name, value: form.elements.token.value.trim() };
      call("", "GET");
    });
    withdraw.addEventListener("click", function () { if (window.confirm(d.msgWithdrawConfirm)) call("/withdraw", "POST", {}); });
    rating.addEventListener("submit", function (e) {
      e.preventDefault();
      var level = $("input[name=level]:checked", rating);
      if (!level) { $("input[name=level]", rating).focus(); return; }
      var comment = rating.elements.comment.value.trim();
      call("/rating", "POST", comment ? { level: +level.value, comment: comment } : { level: +level.value });
    });
    $$("button[data-action]", dept).forEach(function (b) {
      b.addEventListener("click", function () {
        var body = { action: b.dataset.action };
        if (body.action === "assign") body.assignee = dept.elements.assignee.value.trim();
        if (body.action === "reject") body.reason = dept.elements.reason.value.trim();
        call("/actions", "POST", body);
      });
    });
    function fromLink() {  // the link in the SMS or email: #no=…&token=… (or &key=… for the department)
      var p = new URLSearchParams(location.hash.slice(1)), value = p.get("token") || p.get("key");
      if (!p.get("no") || !value) return;
      secret = { name: p.get("key") ? "key" : "token", value: value };
      form.elements.no.value = p.get("no"); form.elements.token.value = value;
      call("", "GET");
    }
    window.addEventListener("hashchange", fromLink);
    fromLink();
  }

  $$("form.portal-status-form").forEach(initStatus);
})();
