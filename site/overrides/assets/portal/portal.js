/* Shared by the portal's page scripts (form.js, status.js, window.js), which the site adds only
   to the pages that need them (site/hooks/page_scripts.py). Plain ES2017, no dependencies. */
window.portal = (function () {
  "use strict";
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
  // A form with data-confirm="NAME" shows its 201 answer with confirmations[NAME] (registration.js)
  // instead of the request's confirmation.
  return { API: "/api/requests", $: $, $$: $$, el: el, uuid: uuid, confirmations: {} };
})();
