// Signs the page's one-time challenge with the citizen's authentication key through
// NCALayer (the national signing app, listening on a local WebSocket), then sends the
// signature. Without NCALayer the page says how to get it; the key never leaves the computer.
(function () {
  "use strict";
  var form = document.querySelector("form.signature");
  if (!form) { return; }
  var button = form.querySelector("button[name=sign]");
  var status = document.getElementById("signature-status");
  var say = function (key) { status.textContent = form.dataset[key]; };

  function ncalayer(url) {
    var socket = new WebSocket(url);
    var waiting = null;
    socket.onmessage = function (message) {
      var answer = JSON.parse(message.data);
      if (waiting) { var resolve = waiting; waiting = null; resolve(answer); }
    };
    var next = function () { return new Promise(function (resolve) { waiting = resolve; }); };
    var opened = new Promise(function (resolve, reject) {
      socket.onerror = reject;
      socket.onclose = reject;
    });
    return {
      ready: Promise.race([next(), opened]),  // NCALayer greets with its version first
      ask: function (request) { var answer = next(); socket.send(JSON.stringify(request)); return answer; },
      close: function () { socket.close(); }
    };
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say("connecting");
    var layer = ncalayer(form.dataset.ncalayerUrl);
    layer.ready
      .then(function () {
        return layer.ask({ module: "kz.gov.pki.knca.commonUtils", method: "getActiveTokens" });
      })
      .then(function (tokens) {
        var plugged = (tokens && tokens.responseObject) || [];
        var storage = plugged.length ? plugged[0] : "PKCS12";  // a key file when no token
        say("choose");
        return layer.ask({
          module: "kz.gov.pki.knca.commonUtils", method: "createCAdESFromBase64",
          args: [storage, "AUTHENTICATION", form.dataset.challenge, true]
        });
      })
      .then(function (signed) {
        layer.close();
        if (!signed || signed.code !== "200") {
          say("cancelled");
          button.disabled = false;
          return;
        }
        form.querySelector("[name=signature]").value = signed.responseObject;
        say("checking");
        form.submit();
      })
      .catch(function () {
        say("absent");
        button.disabled = false;
      });
  });
}());
