/* The organiser's page, one session's lists (for organiser.js): the confirmed registrations with
   who is checked in, the waiting list in order, and the participants' ratings (count, each
   level's words and count from the API, the average, the comments). Words from the page's
   data-msg-*, values from the API. Plain ES2017, after portal.js. */
window.organiserLists = (function () {
  "use strict";
  var el = portal.el;

  function fill(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }

  function show(root, s) {
    var d = root.dataset, lang = d.lang, colon = lang === "zh" ? "：" : ": ";
    function text(x) { return x == null ? "" : typeof x === "object" ? (x[lang] != null ? x[lang] : "") : String(x); }
    function time(iso) {
      return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
    }
    function table(rows, columns) {
      if (!rows.length) return el("p", {}, d.msgNone);
      var t = el("table", { "class": "portal-og-rows" }), head = el("tr");
      columns.forEach(function (c) { head.appendChild(el("th", { scope: "col" }, d["msg" + c[0]])); });
      t.appendChild(el("thead")).appendChild(head);
      var body = t.appendChild(el("tbody"));
      rows.forEach(function (p) {
        var tr = el("tr", { "data-registration": p.registration_no });
        columns.forEach(function (c) { tr.appendChild(el("td", {}, c[1](p))); });
        body.appendChild(tr);
      });
      return t;
    }
    var PERSON = [["RegistrationNo", function (p) { return p.registration_no; }],
      ["Organisation", function (p) { return p.organisation; }], ["Participant", function (p) { return p.participant_name; }],
      ["Mobile", function (p) { return p.mobile; }], ["Seats", function (p) { return String(p.seats); }]];
    var CONFIRMED = [["Arrival", function (p) { return String(p.arrival); }]].concat(PERSON,
      [["CheckedIn", function (p) { return p.checked_in_at ? time(p.checked_in_at) : d.msgNotCheckedIn; }]]);
    var WAITING = [["Position", function (p) { return String(p.position); }]].concat(PERSON);

    function summary(s) {
      var box = el("div");
      box.appendChild(el("p", { "class": "portal-og-rated" }, fill(d.msgRated, s)));
      if (s.average != null) box.appendChild(el("p", {}, d.msgAverage + colon + s.average));
      box.appendChild(table(s.levels.map(function (x) { return { registration_no: "", level: x }; }),
        [["Level", function (p) { return text(p.level.label); }], ["Count", function (p) { return String(p.level.count); }]]));
      box.appendChild(el("h4", {}, d.msgComments));
      if (!s.comments.length) box.appendChild(el("p", {}, d.msgNoComments));
      var ul = box.appendChild(el("ul", { "class": "portal-og-comments" }));
      s.comments.forEach(function (c) {
        var label = s.levels.filter(function (x) { return x.level === c.level; })[0];
        ul.appendChild(el("li", {}, (label ? text(label.label) + colon : "") + c.comment));
      });
      return box;
    }

    [[".portal-og-confirmed", table(s.confirmed, CONFIRMED)], [".portal-og-waiting", table(s.waiting_list, WAITING)],
      [".portal-og-summary", summary(s.summary)]].forEach(function (part) {
      var box = root.querySelector(part[0]);
      box.textContent = "";
      box.appendChild(part[1]);
    });
  }

  return { show: show, fill: fill };
})();
