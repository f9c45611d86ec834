/* Reading a participant's check-in QR code with the phone's camera, for organiser.js. The
   browser's own BarcodeDetector where it has one; otherwise jsQR (vendor/jsqr-1.4.0.js, pinned
   and served from this site, so the page's Content-Security-Policy still allows only 'self'),
   loaded on the first scan only. Frames are read on the device; nothing leaves it but the code.
   Typing the code is always there: without a camera (or permission) the scan button says so.
   Plain ES2017, no dependencies. */
window.organiserScan = (function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var DECODER = here ? here.replace(/organiser-scan\.js(\?.*)?$/, "vendor/jsqr-1.4.0.js") : null;
  var loading = null;

  function available() { return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.isSecureContext); }

  function jsQRLoaded() {  // the fallback decoder, added once as a script of this origin
    if (window.jsQR) return Promise.resolve(window.jsQR);
    if (!loading) loading = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = DECODER;
      s.onload = function () { resolve(window.jsQR); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
    return loading;
  }

  function detector() {  // resolves a function frame → Promise<text or null>
    if ("BarcodeDetector" in window) {
      var found = new window.BarcodeDetector({ formats: ["qr_code"] });
      return Promise.resolve(function (video) {
        return found.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
      });
    }
    var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d", { willReadFrequently: true });
    return jsQRLoaded().then(function (jsQR) {
      return function (video) {
        var w = video.videoWidth, h = video.videoHeight;
        if (!w || !h) return Promise.resolve(null);
        var scale = Math.min(1, 640 / Math.max(w, h));  // a phone's frame is big; 640 px reads a code at arm's length
        canvas.width = Math.round(w * scale); canvas.height = Math.round(h * scale);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(code ? code.data : null);
      };
    });
  }

  /* Start the camera in `video`; `found(text)` once a code is read (scanning then stops).
     Resolves a stop() function; rejects when there is no camera or no permission. */
  function start(video, found) {
    var stream = null, stopped = false;
    function stop() {
      stopped = true;
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      video.srcObject = null;
      video.hidden = true;
    }
    return Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }), detector()])
      .then(function (got) {
        stream = got[0];
        var read = got[1];
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () {
          (function next() {
            if (stopped) return;
            read(video).then(function (text) {
              if (stopped) return;
              if (text) { stop(); found(text); return; }
              requestAnimationFrame(next);
            }, function () { if (!stopped) requestAnimationFrame(next); });
          })();
          return stop;
        });
      }, function (e) { stop(); throw e; });
  }

  return { available: available, start: start };
})();
