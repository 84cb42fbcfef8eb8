// The answer form's "Use a template": fills the answer's text in place. Without this script
// the same choice reloads the form with ?template=<id>, the text filled in by the server.
(function () {
  "use strict";
  var picker = document.querySelector("form.template-picker");
  var text = document.querySelector("#content-main form[method=post] textarea[name=text]");
  if (!picker || !text) { return; }
  var select = picker.querySelector("select[name=template]");
  var message = picker.dataset.replaceMessage;
  var button = picker.querySelector("button[type=submit]");
  button.hidden = true;

  select.addEventListener("change", function () {
    if (!select.value) { return; }
    if (text.value.trim() && message && !window.confirm(message)) { return; }
    var url = picker.dataset.useUrl.replace("/use/0/", "/use/" + encodeURIComponent(select.value) + "/");
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { button.hidden = false; return; }
        text.value = data.text;  // a textarea's value: text, never markup
        text.dispatchEvent(new Event("input", { bubbles: true }));
        text.focus();
      })
      .catch(function () { button.hidden = false; });
  });
})();
