/* The staff session: sign-in, the token, the idle timeout, sign-out. The token lives in
   sessionStorage only (gone with the tab; never localStorage, never a URL) and travels in the
   Authorization header. Any 401 ends the session and the page asks for sign-in again, keeping
   the address (and its #request=… fragment). Plain ES2017, no dependencies; after portal.js. */
window.staffSession = (function () {
  "use strict";
  var KEY = "portal.staff.session";
  var ACTIVITY = ["keydown", "pointerdown", "input", "wheel", "touchstart"];
  var ended = [], timer = null, lastActive = Date.now();

  function read() {
    try { return JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { return null; }
  }
  function current() { var s = read(); return s && s.token ? s : null; }

  function answer(res) {  // {status, data}: data is the JSON body, or null (204, a CSV, an HTML error page)
    var type = res.headers.get("Content-Type") || "";
    if (res.status === 204 || type.indexOf("json") < 0) return Promise.resolve({ status: res.status, data: null, response: res });
    return res.json().then(function (data) { return { status: res.status, data: data, response: res }; },
      function () { return { status: res.status, data: null, response: res }; });
  }

  /* One call to the staff API. Resolves {status, data}; status 0 when the network failed. A 401
     on a signed-in call ends the session (reason "expired") before it resolves. `raw` keeps the
     response unread (a CSV or XLSX download), `accept` its media type (API Gateway returns a
     binary body only to a request that accepts it). */
  function call(method, path, body, raw, accept) {
    var s = current();
    return send(method, path, body, s && s.token, accept).then(function (res) {
      if (res.status === 401 && s) return end("expired").then(function () { return { status: 401, data: null, ended: true }; });
      return raw ? { status: res.status, response: res } : answer(res);
    }, function () { return { status: 0, data: null }; });
  }
  function send(method, path, body, token, accept) {
    var init = { method: method, headers: {}, credentials: "same-origin", cache: "no-store" };
    if (token) init.headers.Authorization = "Bearer " + token;
    if (accept) init.headers.Accept = accept;
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(path, init);
  }

  /* A file of the staff API saved as `filename`: the token cannot go in a link, so the file is
     fetched with it and handed to the browser as a Blob. Resolves what call() resolved. */
  function download(path, filename, accept) {
    return call("GET", path, undefined, true, accept).then(function (r) {
      if (r.status !== 200) return r;
      return r.response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob), a = document.createElement("a");
        a.href = url; a.download = filename; a.hidden = true;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 0);  // once the download has taken it
        return r;
      });
    });
  }

  function signIn(username, password) {
    // Never with an old token: a refused sign-in is not the end of a session.
    return send("POST", "/api/staff/session", { username: username, password: password }).then(answer, function () {
      return { status: 0, data: null };
    }).then(function (r) {
      if (r.status === 200 && r.data && r.data.token) {
        sessionStorage.setItem(KEY, JSON.stringify({
          token: r.data.token, expires_at: r.data.expires_at, idle_minutes: r.data.idle_minutes, officer: r.data.officer }));
        lastActive = Date.now();
        watch();
      }
      return r;
    });
  }

  /* The session ends: signed out, idle, expired (or refused). The token is forgotten at once
     (so this runs once however many calls fail together); the server is told when it can still
     be (sign-out, idle), then the page. */
  function end(reason) {
    var s = current();
    if (!s) return Promise.resolve();
    clearTimeout(timer);
    sessionStorage.removeItem(KEY);
    var told = reason === "expired" ? Promise.resolve() : send("DELETE", "/api/staff/session", undefined, s.token)
      .catch(function () { /* offline: the token still expires on the server */ });
    return told.then(function () { ended.forEach(function (fn) { fn(reason); }); });
  }

  function check() {  // runs when the idle time may be up, or when the token expires
    var s = current();
    if (!s) return;
    var now = Date.now(), idleAt = s.idle_minutes ? lastActive + s.idle_minutes * 60000 : Infinity;
    var expiresAt = s.expires_at ? Date.parse(s.expires_at) : Infinity;
    if (now >= expiresAt) { end("expired"); return; }
    if (now >= idleAt) { end("idle"); return; }
    var next = Math.min(idleAt, expiresAt);
    if (next !== Infinity) timer = setTimeout(check, Math.min(next - now + 50, 2147483647));
  }
  function watch() { clearTimeout(timer); check(); }
  function active() { lastActive = Date.now(); }
  ACTIVITY.forEach(function (type) { addEventListener(type, active, { capture: true, passive: true }); });

  /* The sign-in form of a staff page (the workbench, the organiser's page): its errors by field
     (ids prefix + field + "-error"), else in its .portal-signin-error, in the page's language;
     `signedIn(officer)` once the token is kept. `words`: {network, error}. */
  function signInForm(form, prefix, words, signedIn, submitting) {
    var lang = (form.closest("[data-lang]") || document.documentElement).dataset.lang || "zh";
    function text(x) { return x && typeof x === "object" ? x[lang] || "" : x || ""; }
    function errors(r) {
      Array.prototype.forEach.call(form.querySelectorAll(".portal-error"), function (p) { p.hidden = true; p.textContent = ""; });
      var found = (r.data && r.data.errors) || [];
      found.forEach(function (e) {
        var box = document.getElementById(prefix + e.field + "-error");
        if (box) { box.textContent = text(e.message); box.hidden = false; }
      });
      if (!found.length) {
        var whole = form.querySelector(".portal-signin-error");
        whole.textContent = r.status === 0 ? words.network : r.data && r.data.error ? text(r.data.error.message) : words.error;
        whole.hidden = false;
      }
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      if (submitting) submitting();
      signIn(form.elements.username.value.trim(), form.elements.password.value).then(function (r) {
        button.disabled = false;
        if (r.status === 200) {
          form.elements.password.value = "";
          Array.prototype.forEach.call(form.querySelectorAll(".portal-error"), function (p) { p.hidden = true; });
          signedIn(r.data.officer);
          return;
        }
        errors(r);
        form.elements.password.focus();
      });
    });
  }

  function refresh(officer) {  // GET /api/staff/me answered: keep the officer's newest data
    var s = current();
    if (s && officer) { s.officer = officer; sessionStorage.setItem(KEY, JSON.stringify(s)); }
  }

  return {
    current: current, call: call, download: download, signIn: signIn, signInForm: signInForm, end: end, watch: watch, refresh: refresh,
    onEnd: function (fn) { ended.push(fn); }
  };
})();
