/* The workbench's reply templates and the five responsible parties (fire-acceptance service).
   On a step's form with templates (the API fills them from the request: /api/staff/requests/…
   `replies`), a choice puts the template's text, in the applicant's language, into the step's
   field, where the officer edits it before sending. The parties' section lists how the findings
   reached each party, per channel (sent / pending / failed). The findings field shows only on
   a request that has parties. Plain ES2017, no dependencies; after portal.js, before
   workbench-request.js. */
window.workbenchReplies = (function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el;

  function text(x, lang) { return x == null ? "" : typeof x === "object" ? (x[lang] || "") : String(x); }

  function picker(form, items, replies, d, lang) {
    var action = form.dataset.action, id = "w-" + action + "-reply";
    var wrap = el("div", { "class": "portal-field portal-wb-reply", "data-field": "reply" });
    wrap.appendChild(el("label", { "for": id }, d.msgReplyTemplate));
    var select = el("select", { id: id });
    select.appendChild(el("option", { value: "" }, d.msgReplyChoose));
    items.forEach(function (t, i) {
      select.appendChild(el("option", { value: String(i) }, text(t.label, lang) + (t.sample ? " (" + d.msgReplySample + ")" : "")));
    });
    select.addEventListener("change", function () {
      var t = items[Number(select.value)];
      if (!t) return;
      var field = document.getElementById("w-" + action + "-" + t.field);
      if (!field) return;
      field.value = text(t.text, replies.lang);
      field.dispatchEvent(new Event("input", { bubbles: true }));  // the count follows it
      field.focus();
    });
    wrap.appendChild(select);
    if (items.some(function (t) { return t.sample; })) wrap.appendChild(el("p", { "class": "portal-hint" }, text(replies.note, lang)));
    var after = $(".portal-action-error", form);
    form.insertBefore(wrap, after ? after.nextSibling : form.firstChild);
  }

  /* Each shown step's form gets the templates of its action (none: no picker). */
  function offer(forms, r, d, lang) {
    $$(".portal-wb-reply", document).forEach(function (p) { p.parentNode.removeChild(p); });
    var replies = r.replies || { items: [] };
    forms.forEach(function (form) {
      var findings = $('[data-field="findings"]', form);
      if (findings) findings.hidden = !r.parties;
      if (form.hidden) return;
      var items = replies.items.filter(function (t) { return t.action === form.dataset.action; });
      if (items.length) picker(form, items, replies, d, lang);
    });
  }

  /* The parties and their deliveries, as a section of the request's view (null: none). */
  function parties(list, findings, d, lang) {
    if (!list) return null;
    var s = el("section", { "class": "portal-wb-part portal-wb-parties" });
    s.appendChild(el("h3", {}, d.msgParties));
    if (findings) s.appendChild(el("p", { "class": "portal-wb-notes portal-wb-findings" }, findings));
    var ul = el("ul", { "class": "portal-wb-records" });
    list.forEach(function (p) {
      var li = el("li");
      li.appendChild(el("p", { "class": "portal-wb-record-head" },
        text(p.party.name, lang) + d.msgColon + p.organisation + (p.person ? " · " + p.person : "")));
      if (!p.deliveries.length) li.appendChild(el("p", { "class": "portal-hint" }, d.msgPartiesLater));
      p.deliveries.forEach(function (x) {
        li.appendChild(el("p", { "class": "portal-wb-delivery", "data-status": x.status.id, "data-channel": x.channel.id },
          text(x.channel.name, lang) + " " + x.recipient + d.msgColon + text(x.status.label, lang)));
      });
      ul.appendChild(li);
    });
    s.appendChild(ul);
    return s;
  }

  return { offer: offer, parties: parties };
})();
