// Enhances the appeal form: proposes the addressee as soon as topic and region are chosen,
// and counts characters. Without this script the form works the same, with a button.
(function () {
  "use strict";
  var form = document.querySelector("form.appeal-form");
  if (!form) { return; }
  var category = form.querySelector("[name=category]");
  var region = form.querySelector("[name=region]");
  var addressee = form.querySelector("[name=addressee]");
  var why = document.getElementById("routing-why");
  var suggest = form.querySelector("button[name=suggest]");
  if (suggest) { suggest.hidden = true; }

  function propose() {
    if (!category.value || !region.value) { return; }
    var url = form.dataset.routingUrl + "?category=" + encodeURIComponent(category.value) +
      "&region=" + encodeURIComponent(region.value);
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.agency) { addressee.value = String(data.agency); }
        why.textContent = data.reason;
      })
      .catch(function () { if (suggest) { suggest.hidden = false; } });
  }
  category.addEventListener("change", propose);
  region.addEventListener("change", propose);

  form.querySelectorAll("textarea[maxlength], input[maxlength]").forEach(function (field) {
    var counter = document.createElement("p");
    counter.className = "counter";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    function update() { counter.textContent = field.value.length + " / " + field.maxLength; }
    field.addEventListener("input", update);
    update();
  });
})();
