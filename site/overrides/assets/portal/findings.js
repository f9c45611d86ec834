/* The findings page: a responsible party's link (#no=…&party=…&token=…) opens the findings of a
   completed fire-acceptance service. The secret goes in the Authorization header, never in a
   URL a server sees; the words that they are advice only come from the API. Plain ES2017, no
   dependencies; after portal.js. */
(function () {
  "use strict";
  var $ = portal.$, el = portal.el;

  function show(box, d, out, lang) {
    box.textContent = "";
    var advice = el("p", { "class": "portal-findings-advice admonition warning" }, out.advice_only[lang]);
    box.appendChild(advice);
    var dl = el("dl", { "class": "portal-status-facts" });
    [[d.msgNo, out.tracking_no], [d.msgService, out.service.name[lang]], [d.msgProject, out.project_name],
      [d.msgLead, out.lead_departments.map(function (x) { return x.name[lang]; }).join(d.msgSep)],
      [d.msgCompleted, out.completed_on || ""], [d.msgParty, out.party.name[lang]],
      [d.msgOrganisation, out.organisation]].forEach(function (row) {
      if (!row[1]) return;
      dl.appendChild(el("dt", {}, row[0]));
      dl.appendChild(el("dd", {}, row[1]));
    });
    box.appendChild(dl);
    box.appendChild(el("h2", {}, d.msgFindings));
    box.appendChild(el("p", { "class": "portal-completion portal-findings-text" }, out.findings));
    var print = el("button", { type: "button", "class": "md-button" }, d.msgPrint);
    print.addEventListener("click", function () { window.print(); });
    box.appendChild(print);
  }

  function load(root) {
    var d = root.dataset, lang = d.lang, box = $(".portal-findings-body", root);
    var p = new URLSearchParams(location.hash.slice(1));
    if (!p.get("no") || !p.get("party") || !p.get("token")) { box.textContent = d.msgMissing; return; }
    box.textContent = d.msgLoading;
    var path = "/api/requests/" + encodeURIComponent(p.get("no")) + "/findings/" + encodeURIComponent(p.get("party"));
    fetch(path, { headers: { Authorization: "Bearer " + p.get("token") }, cache: "no-store" }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; }, function () { return { status: r.status }; });
    }, function () { return { status: 0 }; }).then(function (r) {
      if (r.status === 200) show(box, d, r.body, lang);
      else box.textContent = r.status === 404 ? d.msgNotFound : d.msgError;
      box.focus();
    });
  }

  var root = $(".portal-findings");
  if (root) { load(root); window.addEventListener("hashchange", function () { load(root); }); }
})();
