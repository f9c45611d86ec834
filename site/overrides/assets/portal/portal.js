/* Request forms and the status lookup. Plain ES2017, no dependencies, same-origin API. */
(function () {
  "use strict";
  var API = "/api/requests";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  /* ---------- request forms ---------- */
  function groups(form) { return $$("fieldset.portal-group", form); }
  function controls(form) {
    return $$("input, select, textarea", form).filter(function (i) {
      return i.type !== "hidden" && !i.closest(".portal-group") && !i.closest(".portal-hp");
    });
  }
  function fieldMessage(form, input) {
    var d = form.dataset;
    if (input.tagName === "FIELDSET") {
      var dates = $$("input[type=date]", input), box = $(".portal-choices", input);
      var checked = dates.length ? dates.filter(function (x) { return x.value; }).length : $$("input:checked", input).length;
      if (input.dataset.required && checked === 0) return $("input", input).type === "radio" ? d.msgRequired : d.msgChoose;
      if (box && box.dataset.min && checked > 0 && checked < +box.dataset.min) return d.msgChoose;
      return "";
    }
    var v = input.validity;
    if (v.valueMissing) return d.msgRequired;
    if (v.tooShort) return d.msgShort;
    if (v.tooLong) return d.msgLong;
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return d.msgRange;
    if (v.patternMismatch || v.typeMismatch || v.badInput) return input.dataset.msgPattern || d.msgPattern;
    return "";
  }
  function showFieldError(input, message) {
    var box = document.getElementById(input.id + "-error");
    if (!box) return;
    box.textContent = message || "";
    box.hidden = !message;
    var target = input.tagName === "FIELDSET" ? $$("input", input) : [input];
    target.forEach(function (t) { if (message) t.setAttribute("aria-invalid", "true"); else t.removeAttribute("aria-invalid"); });
  }
  function labelOf(form, input) {
    var legend = input.tagName === "FIELDSET" ? $("legend", input) : $("label[for='" + input.id + "']", form);
    return legend ? legend.textContent : input.name;
  }
  function showSummary(form, items) {
    var summary = $(".portal-summary", form), list = $("ul", summary);
    list.textContent = "";
    items.forEach(function (item) {
      var li = el("li");
      if (item.id) { li.appendChild(el("a", { href: "#" + item.id }, item.text)); } else { li.textContent = item.text; }
      list.appendChild(li);
    });
    summary.hidden = items.length === 0;
    if (items.length) summary.focus();
  }
  function collect(form) {
    var body = {};
    $$("input, select, textarea", form).forEach(function (input) {
      var name = input.name, kind = input.dataset.kind;
      if (!name) return;
      if (kind === "array") { body[name] = body[name] || []; if (input.checked) body[name].push(input.value); return; }
      if (kind === "array-date") { body[name] = body[name] || []; if (input.value) body[name].push(input.value); return; }
      if (kind === "boolean" && input.type === "radio") { if (input.checked) body[name] = input.value === "true"; return; }
      if (kind === "boolean") { body[name] = input.checked; return; }
      var value = input.value.trim();
      if (value === "") return;  // empty optional fields are left out
      body[name] = (kind === "integer" || kind === "number") ? Number(value) : value;
    });
    groups(form).forEach(function (g) {  // an empty optional list is left out, like an empty box
      var name = g.dataset.field; if (Array.isArray(body[name]) && !body[name].length && !g.dataset.required) delete body[name];
    });
    return body;
  }
  function confirmation(form, data, lang) {
    var zh = lang === "zh", box = form.nextElementSibling;
    var leads = data.lead_departments.map(function (d) { return d.name[lang]; }).join(zh ? "、" : ", ");
    box.textContent = "";
    var panel = el("div", { "class": "admonition success portal-confirmation", tabindex: "-1" });
    panel.appendChild(el("h2", { "class": "admonition-title" }, zh ? "申请已提交" : "Request submitted"));
    var p = el("p"); p.appendChild(document.createTextNode(zh ? "申请编号：" : "Tracking number: "));
    p.appendChild(el("strong", { "class": "portal-tracking-no" }, data.tracking_no)); panel.appendChild(p);
    panel.appendChild(el("p", {}, (zh ? "牵头部门：" : "Lead department: ") + leads));
    panel.appendChild(el("p", { "class": "portal-next-steps" }, data.next_steps[lang]));
    var link = el("a", { href: data.status_url, "class": "portal-status-link" }, zh ? "查看办理进度" : "Follow your request");
    var lp = el("p"); lp.appendChild(link); panel.appendChild(lp);
    panel.appendChild(el("p", { "class": "portal-hint" }, zh ? "请保存此链接：它含有您的查询密钥，我们也已通过短信发送给您。"
      : "Keep this link: it holds your access key. We have also sent it to you by SMS."));
    box.appendChild(panel);
    form.hidden = true;
    panel.focus();
  }
  function validateAll(form) {
    var problems = [];
    controls(form).concat(groups(form)).forEach(function (input) {
      var msg = fieldMessage(form, input);
      showFieldError(input, msg);
      if (msg) problems.push({ id: input.id, text: labelOf(form, input) + ": " + msg });
    });
    return problems;
  }
  function initForm(form) {
    var lang = form.dataset.lang, d = form.dataset, key = null, busy = false;
    var params = new URLSearchParams(location.search), stageSelect = form.elements.stage;
    var stage = params.get("stage");
    if (stage && stageSelect && stageSelect.tagName === "SELECT" &&
        $$("option", stageSelect).some(function (o) { return o.value === stage; })) stageSelect.value = stage;
    // Opened from a window's QR code: keep the window and its signature for the API to check.
    if (params.get("window") && form.elements.window) {
      form.elements.window.value = params.get("window");
      form.elements.window_key.value = params.get("k") || "";
    }
    controls(form).forEach(function (input) {
      input.addEventListener("blur", function () {
        if (input.name === "uscc") input.value = input.value.trim().toUpperCase();
        if (input.value !== "" || input.getAttribute("aria-invalid")) showFieldError(input, fieldMessage(form, input));
      });
    });
    groups(form).forEach(function (g) {
      g.addEventListener("change", function () { if ($("[aria-invalid]", g)) showFieldError(g, fieldMessage(form, g)); });
    });
    form.dataset.ready = "true";
    form.addEventListener("input", function () { key = null; });  // a changed form is a new request
    form.addEventListener("change", function () { key = null; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      var problems = validateAll(form);
      showSummary(form, problems);
      if (problems.length) return;
      key = key || uuid();  // one key per filled-in form: a double click cannot create two requests
      busy = true;
      var button = $("button[type=submit]", form); button.disabled = true;
      fetch(API + "?lang=" + lang, {
        method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(collect(form))
      }).then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
      }).then(function (r) {
        if (r.status === 201) return confirmation(form, r.data, lang);
        var items = [];
        (r.data.errors || []).forEach(function (e) {
          var target = document.getElementById("f-" + e.field.split(".")[0]);
          if (target && form.contains(target)) { showFieldError(target, e.message[lang]); items.push({ id: target.id, text: labelOf(form, target) + ": " + e.message[lang] }); }
          else items.push({ text: e.message[lang] });
        });
        if (!items.length) items.push({ text: (r.data.error && r.data.error.message[lang]) || d.msgFailed });
        showSummary(form, items);
      }).catch(function () {
        showSummary(form, [{ text: d.msgNetwork }]);
      }).then(function () { busy = false; button.disabled = false; });
    });
  }

  /* ---------- status lookup, withdrawal, rating, department actions ---------- */
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

  /* ---------- a window's QR landing page: pass the link's signature on to the form ---------- */
  function initWindow(list) {
    var k = new URLSearchParams(location.search).get("k"), links = $$("a.portal-window-service", list);
    if (k) links.forEach(function (a) { a.href += "&k=" + encodeURIComponent(k); });
    if (links.length === 1) location.replace(links[0].href);
  }

  function init() {
    $$("ul.portal-window").forEach(initWindow);
    $$("form.portal-form").forEach(initForm);
    $$("form.portal-status-form").forEach(initStatus);
  }
  // once: the deferred Material bundle sends DOMContentLoaded again (partials/deferred-bundle.html)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init, { once: true }); else init();
})();
