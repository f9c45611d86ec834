/* A window's QR landing page: pass the link's signature on to the form. Plain ES2017, no
   dependencies, same-origin API; runs after portal.js (both deferred). */
(function () {
  "use strict";
  var $$ = portal.$$;
  function initWindow(list) {
    var k = new URLSearchParams(location.search).get("k"), links = $$("a.portal-window-service", list);
    if (k) links.forEach(function (a) { a.href += "&k=" + encodeURIComponent(k); });
    if (links.length === 1) location.replace(links[0].href);
  }

  $$("ul.portal-window").forEach(initWindow);
})();
