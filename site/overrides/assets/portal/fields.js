/* The fields of the portal's forms (the request forms and the status page's action forms), as the
   server reads them: a paste is normalised by the steps and characters the field's model names
   (data-normalise, data-remove, written by the build from chalicelib/domain/kinds.py), a length is
   counted in characters (code points, as Python counts), a long text shows its limit and a live
   count, and nothing is ever cut. Messages are the form's own data-msg-* (the build's words, in the
   reader's language). Plain ES2017, no dependencies; runs after portal.js (both deferred). */
(function () {
  "use strict";
  var $$ = portal.$$;
  var STEPS = {  // the step names of domain/kinds.py
    nfkc: function (v) { return v.normalize ? v.normalize("NFKC") : v; },
    upper: function (v) { return v.toUpperCase(); }
  };

  function normalise(input) {
    var d = input.dataset, v = input.value;
    if (!d.normalise && !d.remove) return v;
    (d.normalise || "").split(" ").forEach(function (s) { if (STEPS[s]) v = STEPS[s](v); });
    if (d.remove) v = v.replace(new RegExp(d.remove, "gu"), "");
    if (v !== input.value) input.value = v;
    return v;
  }
  function length(text) { return Array.from(text.trim()).length; }
  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; });
  }
  function words(input) { return input.form ? input.form.dataset : {}; }

  // The message for one control as it is now ("" when it is fine).
  function message(input) {
    var m = words(input), v = input.validity, d = input.dataset;
    var value = "value" in input && input.tagName !== "SELECT" ? normalise(input) : input.value;
    var n = length(value || "");
    if (v.valueMissing || (input.required && n === 0)) return m.msgRequired;
    if (n > 0 && d.minlength && n < +d.minlength) return fill(m.msgShort, { min_length: d.minlength, length: n });
    if (d.maxlength && n > +d.maxlength) return fill(m.msgLong, { max_length: d.maxlength, length: n });
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return m.msgRange;
    if (v.patternMismatch || v.typeMismatch || v.badInput) return d.msgPattern || m.msgPattern;
    return "";
  }

  function count(input) {
    var box = document.getElementById(input.id + "-count");
    if (!box) return;
    var n = length(input.value), most = +input.dataset.maxlength;
    box.textContent = fill(words(input).msgCount, { length: n, max_length: most });
    box.classList.toggle("portal-over", n > most);
  }

  function enhance(input) {
    if (document.getElementById(input.id + "-count")) {
      input.addEventListener("input", function () { count(input); });
      count(input);
    }
    input.addEventListener("input", function (e) {  // a paste is read at once; typing, on leaving
      if (e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop") normalise(input);
    });
    input.addEventListener("change", function () { normalise(input); });
  }

  $$("form.portal-form, form.portal-action").forEach(function (form) {
    $$("input[data-maxlength], textarea[data-maxlength], input[data-normalise], input[data-remove]", form).forEach(enhance);
  });
  portal.field = { message: message, normalise: normalise, count: count };
})();
