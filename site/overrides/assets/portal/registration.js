/* Training registration: (1) the confirmation a registration form shows once the API answers 201
   (form.js posts it); (2) the participant's page, opened from the manage link
   (#no=…&token=…): the registration, its check-in QR code, and the cancel button when the API
   lists cancelling as allowed now. The secret goes in the Authorization header, never in a URL.
   Words come from the page (data-msg-*), values from the API. Plain ES2017, after portal.js. */
(function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el;

  portal.confirmations.registration = function (form, data, lang) {
    var template = $("template.portal-registration-confirmation", form.parentNode), d = template.dataset;
    var panel = template.content.firstElementChild.cloneNode(true), box = form.nextElementSibling;
    var waiting = data.status.id === "waitlisted";
    $("[data-slot=title]", panel).textContent = waiting ? d.msgWaitlisted : d.msgConfirmed;
    $("[data-slot=registration_no]", panel).textContent = data.registration_no;
    if (waiting) { var p = $("[data-slot=position]", panel); p.textContent = d.msgPosition.replace("{n}", data.position); p.hidden = false; }
    $("[data-slot=manage_url]", panel).href = data.manage_url;
    $("[data-slot=keep]", panel).textContent = data.by_sms ? d.msgKeep : d.msgNoSms;
    box.textContent = "";
    box.appendChild(panel);
    form.hidden = true;
    panel.focus();
  };

  function facts(data, d, lang) {
    var dl = el("dl", { "class": "portal-status-facts" }), sample = data.training.sample ? d.msgSample : "";
    var rows = [[d.msgNo, data.registration_no], [d.msgTraining, data.training.title[lang]],
      [d.msgWhen, data.training.when[lang] + sample], [d.msgWhere, data.training.place[lang] + sample],
      [d.msgStatus, data.status.label[lang] + (data.position ? " · " + d.msgQueue.replace("{n}", data.position) : "")],
      [d.msgSeats, String(data.seats)], [d.msgOrganisation, data.organisation], [d.msgParticipant, data.participant_name]];
    if (data.checked_in_at) rows.push([d.msgCheckedIn, new Date(data.checked_in_at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai" })]);
    if (data.rating) rows.push([d.msgYourRating, data.rating.label[lang]]);
    rows.forEach(function (row) { dl.appendChild(el("dt", {}, row[0])); dl.appendChild(el("dd", {}, row[1])); });
    return dl;
  }

  function initManage(form) {
    var d = form.dataset, lang = d.lang, box = form.nextElementSibling;
    var checkIn = $("section.portal-check-in"), cancel = $("form.portal-action[data-action=cancel]");
    var rate = $("form.portal-action[data-action=rate]"), thanked = false;
    var secret = "", confirmText = "";
    form.hidden = false;
    function show(r) {
      checkIn.hidden = true; cancel.hidden = true; rate.hidden = true;
      $$(".portal-error", rate).forEach(function (p) { p.hidden = true; p.textContent = ""; });
      if (r.status === 422 && r.data && r.data.errors) {  // the rating's fields, in the reader's language
        rate.hidden = false;
        r.data.errors.forEach(function (e) {
          var p = document.getElementById("r-rate-" + e.field + "-error") || document.getElementById("r-rate-error");
          p.textContent = e.message[lang]; p.hidden = false;
        });
        return;
      }
      if (r.status !== 200) {
        box.textContent = r.status === 404 ? d.msgNotFound : r.status === 409 ? d.msgNotAllowed : d.msgError;
        box.focus();
        return;
      }
      box.textContent = "";
      box.appendChild(facts(r.data, d, lang));
      if (r.data.check_in) {
        $("img.portal-qr", checkIn).src = r.data.check_in.qr_svg;
        $("[data-slot=code]", checkIn).textContent = r.data.check_in.code;
        checkIn.hidden = false;
      }
      r.data.actions.forEach(function (a) {
        if (a.id === "cancel") { cancel.hidden = false; confirmText = a.confirm && a.confirm[lang]; }
        if (a.id === "rate") rate.hidden = false;
      });
      if (thanked) { box.insertBefore(el("p", { "class": "portal-rated" }, d.msgRated), box.firstChild); thanked = false; }
      box.focus();
    }
    function call(path, method, body) {
      var init = { method: method, headers: { Authorization: "Bearer " + secret } };
      if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
      box.setAttribute("aria-busy", "true");
      return fetch("/api/trainings/registrations/" + encodeURIComponent(form.elements.no.value.trim()) + path, init)
        .then(function (res) { return res.json().then(function (data) { return { status: res.status, data: data }; }); })
        .then(show).catch(function () { box.textContent = d.msgError; })
        .then(function () { box.removeAttribute("aria-busy"); });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!form.elements.no.value.trim() || !form.elements.token.value.trim()) return;
      secret = form.elements.token.value.trim();
      call("", "GET");
    });
    cancel.addEventListener("submit", function (e) {
      e.preventDefault();
      if (confirmText && !window.confirm(confirmText)) return;
      call("/actions", "POST", { action: "cancel" });
    });
    rate.addEventListener("submit", function (e) {
      e.preventDefault();
      var level = rate.querySelector("input[name=level]:checked"), comment = rate.elements.comment.value.trim();
      var body = { action: "rate", level: level ? Number(level.value) : null };
      if (comment) body.comment = comment;
      thanked = true;
      call("/actions", "POST", body).then(function () { thanked = false; });
    });
    function fromLink() {
      var p = new URLSearchParams(location.hash.slice(1));
      if (!p.get("no") || !p.get("token")) return;
      form.elements.no.value = p.get("no"); form.elements.token.value = p.get("token");
      secret = p.get("token");
      call("", "GET");
    }
    window.addEventListener("hashchange", fromLink);
    fromLink();
  }

  $$("form.portal-registration-lookup").forEach(initManage);
})();
