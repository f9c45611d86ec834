/* Training calendar: filter the events by stage. Progressive enhancement: without this script
   every event is listed and the per-stage iCalendar feeds still work. ?stage=ID preselects. */
(function () {
  "use strict";
  var form = document.querySelector(".portal-training-filter");
  if (!form) return;
  var select = form.querySelector("select");
  var status = form.querySelector("[role=status]");
  var none = document.querySelector(".portal-training-none");
  var events = Array.prototype.slice.call(document.querySelectorAll(".portal-event"));
  var months = Array.prototype.slice.call(document.querySelectorAll(".portal-month"));
  var feeds = Array.prototype.slice.call(document.querySelectorAll(".portal-feeds li[data-stage]"));

  function apply(updateUrl) {
    var stage = select.value, shown = 0;
    events.forEach(function (ev) {
      var match = !stage || ev.getAttribute("data-stages").split(" ").indexOf(stage) >= 0;
      ev.hidden = !match;
      if (match) shown += 1;
    });
    months.forEach(function (m) { m.hidden = !m.querySelector(".portal-event:not([hidden])"); });
    // Offer the one feed that matches the filter (all feeds when no stage is chosen).
    feeds.forEach(function (li) { li.hidden = !!stage && li.getAttribute("data-stage") !== stage; });
    if (none) none.hidden = shown > 0;
    status.textContent = status.getAttribute("data-msg-count").replace("{n}", shown);
    if (updateUrl && window.history && history.replaceState) {
      var url = new URL(window.location.href);
      if (stage) url.searchParams.set("stage", stage); else url.searchParams.delete("stage");
      history.replaceState(null, "", url.toString());
    }
  }

  var wanted = (new URLSearchParams(window.location.search).get("stage") || "").replace(/[^a-z0-9-]/g, "");
  if (wanted && select.querySelector('option[value="' + wanted + '"]')) select.value = wanted;
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  select.addEventListener("change", function () { apply(true); });
  apply(false);
})();
