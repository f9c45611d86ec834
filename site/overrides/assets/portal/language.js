/* The language switcher keeps what the address carries: the query (a window's signed ?k=, the
   form's ?window=…&stage=…, the training filter's ?stage=) and the fragment (the status link's
   #no=…&token=…, a section). The build links each page to its own translation
   (partials/alternate.html); this adds the reader's query and fragment as they are at the moment
   of the tap, since a page may change them (history.replaceState). Runs on every page; plain
   ES2017, no dependencies. */
(function () {
  "use strict";
  function keep(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    if (!link.dataset.page) link.dataset.page = link.getAttribute("href");  // the translation itself
    link.setAttribute("href", link.dataset.page + location.search + location.hash);
  }
  // Before the link is followed, opened in a new tab or copied: press, focus or click.
  ["pointerdown", "focusin", "click", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, keep, true);
  });
})();
