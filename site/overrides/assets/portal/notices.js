/* One-time notices (一次性告知单) on the status page and in the workbench: the list of a
   request's notices, each with its items, a PDF download and a print button; and the
   workbench's composer of a new notice (numbered items; the notice it replaces). The words come
   from the section's or the form's data-msg-* attributes (site/hooks/render_notices.py), the
   notices from the API. The PDF is fetched with the reader's own Authorization header (the
   caller's `fetchPdf`), never by a link that would carry a secret. Plain ES2017, after portal.js. */
window.portalNotices = (function () {
  "use strict";
  var $ = portal.$, $$ = portal.$$, el = portal.el;

  function text(x, lang) { return x == null ? "" : typeof x === "object" ? (x[lang] || "") : String(x); }
  function fact(dl, label, value) {
    if (!value) return;
    dl.appendChild(el("dt", {}, label));
    dl.appendChild(el("dd", {}, value));
  }

  function item(i, n, d, lang) {
    var li = el("li", { "class": "portal-notice-item" });
    li.appendChild(el("h4", {}, d.msgItem.replace("{n}", n)));
    li.appendChild(el("p", { "class": "portal-notice-problem" }, text(i.problem, lang)));
    var dl = el("dl", { "class": "portal-notice-facts" });
    fact(dl, d.msgBasis, text(i.basis, lang));
    fact(dl, d.msgProvide, text(i.provide, lang));
    fact(dl, d.msgForm, text(i.form.label, lang));
    fact(dl, d.msgCopies, i.copies + (lang === "zh" ? " " + d.msgCopiesUnit : ""));
    li.appendChild(dl);
    return li;
  }

  function download(n, fetchPdf, button, status) {
    button.disabled = true;
    status.textContent = "";
    fetchPdf(n.pdf).then(function (res) {
      if (!res || !res.ok) throw new Error("download");
      return res.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob), a = el("a", { href: url, download: n.number + ".pdf", hidden: "" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 0);  // once the download has taken it
    }).catch(function () { status.textContent = status.dataset.error; }).then(function () { button.disabled = false; });
  }

  /* Printing prints the one notice: print.css shows only the section marked while it prints. */
  function print(li) {
    document.documentElement.classList.add("portal-printing-notice");
    li.classList.add("portal-print-this");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      document.documentElement.classList.remove("portal-printing-notice");
      li.classList.remove("portal-print-this");
    });
    window.print();
  }

  function notice(n, d, lang, fetchPdf) {
    var li = el("li", { "class": "portal-notice" + (n.in_force ? "" : " portal-notice-superseded"), id: "notice-" + n.seq,
      tabindex: "-1", "data-seq": String(n.seq) });
    li.appendChild(el("h3", {}, n.number + " · " + (n.in_force ? d.msgInForce : d.msgSuperseded)));
    if (n.sample_note) li.appendChild(el("p", { "class": "portal-sample-note" }, text(n.sample_note, lang)));
    var dl = el("dl", { "class": "portal-notice-facts" });
    fact(dl, d.msgNumber, n.number);
    fact(dl, d.msgDate, n.issued_on);
    fact(dl, d.msgDepartment, text(n.department.name, lang));
    fact(dl, d.msgOfficer, n.officer);
    fact(dl, d.msgReplaces, n.replaces);
    fact(dl, d.msgSupersededBy, n.superseded_by);
    li.appendChild(dl);
    li.appendChild(el("h4", {}, d.msgItems));
    var ol = el("ol", { "class": "portal-notice-items" });
    n.items.forEach(function (i, k) { ol.appendChild(item(i, k + 1, d, lang)); });
    li.appendChild(ol);
    var bar = el("p", { "class": "portal-notice-buttons" });
    var pdf = el("button", { type: "button", "class": "md-button portal-notice-pdf" }, d.msgPdf);
    var printer = el("button", { type: "button", "class": "md-button portal-notice-print" }, d.msgPrint);
    var status = el("span", { "class": "portal-error", role: "status", "data-error": d.msgDownloadError });
    pdf.addEventListener("click", function () { download(n, fetchPdf, pdf, status); });
    printer.addEventListener("click", function () { print(li); });
    [pdf, document.createTextNode(" "), printer, document.createTextNode(" "), status].forEach(function (x) { bar.appendChild(x); });
    li.appendChild(bar);
    return li;
  }

  /* The request's notices, newest first (the one in force leads); hidden when there are none. */
  function render(section, notices, fetchPdf) {
    var d = section.dataset, lang = d.lang, list = $(".portal-notice-list", section);
    list.textContent = "";
    (notices || []).slice().reverse().forEach(function (n) { list.appendChild(notice(n, d, lang, fetchPdf)); });
    section.hidden = !(notices && notices.length);
  }

  function show(section, seq) {  // the notice a link named (&notice=N): brought into view
    var li = seq && $("#notice-" + CSS.escape(String(seq)), section);
    if (li) { li.scrollIntoView({ block: "start" }); li.focus(); }
    return !!li;
  }

  /* ---- the workbench's composer ---- */
  function renumber(form) {
    var d = form.dataset, prefix = "w-" + d.action + "-items.";
    $$(".portal-notice-draft", form).forEach(function (li, k) {
      $(".portal-notice-n", li).textContent = d.msgItem.replace("{n}", k + 1);
      $$("[data-name]", li).forEach(function (c) {
        c.id = prefix + k + "." + c.dataset.name;
        c.setAttribute("aria-describedby", c.id + "-error");
      });
      $$("[data-error]", li).forEach(function (p) { p.id = prefix + k + "." + p.dataset.error + "-error"; });
      $$("label[data-for]", li).forEach(function (l) { l.setAttribute("for", prefix + k + "." + l.dataset.for); });
      $(".portal-notice-remove", li).hidden = $$(".portal-notice-draft", form).length === 1;
    });
    $(".portal-notice-add", form).disabled = $$(".portal-notice-draft", form).length >= Number(d.maxItems);
  }

  function add(form) {
    var li = $(".portal-notice-item-template", form).content.firstElementChild.cloneNode(true);
    $(".portal-notice-drafts", form).appendChild(li);
    $(".portal-notice-remove", li).addEventListener("click", function () {
      li.remove();
      renumber(form);
      $("textarea", $(".portal-notice-draft", form)).focus();
    });
    renumber(form);
    return li;
  }

  /* A fresh composer: one empty item; it replaces the notice in force, if there is one. */
  function prepare(form, notices) {
    if (!form.dataset.ready) {
      form.dataset.ready = "1";
      $(".portal-notice-add", form).addEventListener("click", function () { $("textarea", add(form)).focus(); });
    }
    $(".portal-notice-drafts", form).textContent = "";
    add(form);
    var current = (notices || []).filter(function (n) { return n.in_force; })[0];
    form.elements.replaces.value = current ? String(current.seq) : "";
    var replacing = $(".portal-notice-replacing", form);
    replacing.hidden = !current;
    $("strong", replacing).textContent = current ? current.number : "";
  }

  function body(form) {  // what POST …/notices takes: the items, and the notice replaced
    var items = $$(".portal-notice-draft", form).map(function (li) {
      var out = {};
      $$("[data-name]", li).forEach(function (c) {
        var path = c.dataset.name.split("."), v = c.value.trim();
        if (path.length === 2) { out[path[0]] = out[path[0]] || {}; out[path[0]][path[1]] = v; }
        else out[path[0]] = c.type === "number" ? (v === "" ? null : Number(v)) : v;
      });
      return out;
    });
    var replaces = form.elements.replaces.value;
    return replaces ? { items: items, replaces: Number(replaces) } : { items: items };
  }

  return { render: render, show: show, prepare: prepare, body: body };
})();
