/* Seats left, loaded after the page has rendered: the page itself stays static and cacheable.
   The words are the build's (data-msg-*); the API gives the numbers. Without this script, or when
   the API does not answer, the seats line stays hidden and the form still works. On a session's
   page a closed session's form is hidden. Plain ES2017, no dependencies. */
(function () {
  "use strict";
  var lines = Array.prototype.slice.call(document.querySelectorAll(".portal-seats[data-training]"));
  if (!lines.length) return;
  fetch("/api/trainings/seats", { headers: { Accept: "application/json" } })
    .then(function (res) { return res.ok ? res.json() : { sessions: [] }; })
    .then(function (data) {
      var by = {};
      data.sessions.forEach(function (s) { by[s.training_id] = s; });
      lines.forEach(function (line) {
        var s = by[line.dataset.training];
        if (!s) return;
        var d = line.dataset;
        line.textContent = s.state === "closed" ? d.msgClosed : s.state === "full" ? d.msgFull
          : d.msgLeft.replace("{n}", s.seats_left);
        line.dataset.state = s.state;
        line.hidden = false;
        var form = document.querySelector('form.portal-registration-form[data-training="' + s.training_id + '"]');
        if (form && s.state === "closed") form.hidden = true;
      });
    })
    .catch(function () { /* no seats line: the page works without it */ });
})();
