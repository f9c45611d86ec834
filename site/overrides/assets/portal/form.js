/* Request forms (and a training's registration form, which posts to its own action): validation in the reader's language, then a submission with one Idempotency-Key.
   A field is checked when the reader leaves it, but never in a way that can swallow a tap on
   Submit: an error shown on blur pushes the button down between the finger's press and its
   release, so while Submit is being pressed the blur shows nothing and the submit checks all.
   The error summary, once shown, follows the fields as they are corrected.
   Plain ES2017, no dependencies, same-origin API; runs after portal.js and fields.js (all deferred). */
(function () {
  "use strict";
  var API = portal.API, $ = portal.$, $$ = portal.$$, el = portal.el, uuid = portal.uuid;
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
    return portal.field.message(input);  // fields.js: normalised and counted as the server does
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
  function showSummary(form, items, quiet) {  // quiet: a refresh while the reader types, focus stays
    var summary = $(".portal-summary", form), list = $("ul", summary);
    list.textContent = "";
    items.forEach(function (item) {
      var li = el("li");
      if (item.id) { li.appendChild(el("a", { href: "#" + item.id }, item.text)); } else { li.textContent = item.text; }
      list.appendChild(li);
    });
    summary.hidden = items.length === 0;
    if (items.length && !quiet) summary.focus();
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
    // The words are the page's own (a <template> the build wrote); the values are the API's.
    var box = form.nextElementSibling, template = $("template.portal-confirmation-template", form.parentNode);
    var panel = template.content.firstElementChild.cloneNode(true);
    var values = {
      tracking_no: data.tracking_no, next_steps: data.next_steps[lang],
      lead_departments: data.lead_departments.map(function (d) { return d.name[lang]; }).join(template.dataset.sep)
    };
    $$("[data-slot]", panel).forEach(function (slot) {
      if (slot.dataset.slot === "status_url") slot.href = data.status_url; else slot.textContent = values[slot.dataset.slot];
    });
    box.textContent = "";
    box.appendChild(panel);
    form.hidden = true;
    panel.focus();
  }
  // Every field's problem now; `server` holds the API's message for a field until it is changed.
  function validateAll(form, server) {
    var problems = [];
    controls(form).concat(groups(form)).forEach(function (input) {
      var msg = fieldMessage(form, input) || (server && server[input.id]) || "";
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
    var pressing = false, server = {}, others = [];  // Submit held down; the API's last word per field
    document.addEventListener("pointerdown", function (e) {
      pressing = !!(e.target.closest && e.target.closest("button[type=submit]") && form.contains(e.target));
    }, true);
    function refresh() {  // the summary, once shown, says what is wrong now (and nothing fixed)
      if ($(".portal-summary", form).hidden) return;
      showSummary(form, validateAll(form, server).concat(others), true);
    }
    controls(form).forEach(function (input) {
      input.addEventListener("blur", function () {
        if (pressing) return;  // the submit that follows checks every field
        if (input.value !== "" || input.getAttribute("aria-invalid")) showFieldError(input, fieldMessage(form, input));
        refresh();
      });
    });
    groups(form).forEach(function (g) {
      g.addEventListener("change", function () { if ($("[aria-invalid]", g)) showFieldError(g, fieldMessage(form, g)); });
    });
    form.dataset.ready = "true";
    function changed(e) {
      key = null;  // a changed form is a new request
      var field = e.target.closest(".portal-field");
      var control = field && (field.tagName === "FIELDSET" ? field : $("input, select, textarea", field));
      if (control) delete server[control.id];
      if (e.type === "change" || (control && control.getAttribute("aria-invalid"))) refresh();
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      pressing = false;
      if (busy) return;
      server = {}; others = [];
      var problems = validateAll(form);
      showSummary(form, problems);
      if (problems.length) return;
      key = key || uuid();  // one key per filled-in form: a double click cannot create two requests
      busy = true;
      var button = $("button[type=submit]", form); button.disabled = true;
      fetch((form.getAttribute("action") || API) + "?lang=" + lang, {
        method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key },
        body: JSON.stringify(collect(form))
      }).then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
      }).then(function (r) {
        if (r.status === 201) return (portal.confirmations[form.dataset.confirm] || confirmation)(form, r.data, lang);
        var items = [];
        (r.data.errors || []).forEach(function (e) {
          var target = document.getElementById("f-" + e.field.split(".")[0]);
          if (target && form.contains(target)) { server[target.id] = e.message[lang]; showFieldError(target, e.message[lang]); items.push({ id: target.id, text: labelOf(form, target) + ": " + e.message[lang] }); }
          else others.push({ text: e.message[lang] });
        });
        if (!items.length && !others.length) others.push({ text: (r.data.error && r.data.error.message[lang]) || d.msgFailed });
        showSummary(form, items.concat(others));
      }).catch(function () {
        showSummary(form, [{ text: d.msgNetwork }]);
      }).then(function () { busy = false; button.disabled = false; });
    });
  }

  $$("form.portal-form").forEach(initForm);
})();
