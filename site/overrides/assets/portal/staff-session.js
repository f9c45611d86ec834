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
     response unread (a CSV download). */
  function call(method, path, body, raw) {
    var s = current();
    return send(method, path, body, s && s.token).then(function (res) {
      if (res.status === 401 && s) return end("expired").then(function () { return { status: 401, data: null, ended: true }; });
      return raw ? { status: res.status, response: res } : answer(res);
    }, function () { return { status: 0, data: null }; });
  }
  function send(method, path, body, token) {
    var init = { method: method, headers: {}, credentials: "same-origin", cache: "no-store" };
    if (token) init.headers.Authorization = "Bearer " + token;
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(path, init);
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

  function refresh(officer) {  // GET /api/staff/me answered: keep the officer's newest data
    var s = current();
    if (s && officer) { s.officer = officer; sessionStorage.setItem(KEY, JSON.stringify(s)); }
  }

  return {
    current: current, call: call, signIn: signIn, end: end, watch: watch, refresh: refresh,
    onEnd: function (fn) { ended.push(fn); }
  };
})();
