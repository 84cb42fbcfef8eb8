// Enhances the citizen's forms: proposes the topic from the text as it is typed and the
// addressee as soon as topic and region are chosen, and counts characters as GOV.UK Frontend's character count does. Without this script the
// forms work the same, with a button and the browser's own length limit.
(function () {
  "use strict";
  var PAUSE_MS = 1000; // the live region speaks once the typing pauses, not at every key
  var COUNTED = "main form textarea[maxlength], main form input[name=subject][maxlength]";

  function routing(form) {
    var category = form.querySelector("[name=category]");
    var region = form.querySelector("[name=region]");
    var addressee = form.querySelector("[name=addressee]");
    var why = document.getElementById("routing-why");
    var suggest = form.querySelector("button[name=suggest]");
    if (!category || !region || !addressee || !why) { return; }
    // .govuk-button's display outranks [hidden]: hide it by its style.
    function offer(shown) { if (suggest) { suggest.style.display = shown ? "" : "none"; } }
    offer(false);
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
        .catch(function () { offer(true); });
    }
    category.addEventListener("change", propose);
    region.addEventListener("change", propose);
  }

  // Proposes the topic from the text once the typing pauses (appeals/views/topics.py); each
  // proposed topic has an "Accept" button that chooses it, and the routing then the addressee.
  function topics(form) {
    var text = form.querySelector("textarea[name=text]");
    var category = form.querySelector("[name=category]");
    var region = form.querySelector("[name=region]");
    var box = document.getElementById("topic-proposal");
    var result = document.getElementById("topic-proposal-result");
    var button = form.querySelector("button[name=propose_topic]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]");
    if (!text || !category || !box || !result || !token) { return; }
    function offer(shown) { if (button) { button.style.display = shown ? "" : "none"; } }
    offer(false);
    function line(tag, words) {
      var element = document.createElement(tag);
      element.className = "govuk-body";
      element.textContent = words;
      return element;
    }
    function accept(topic) {
      category.value = String(topic.category);
      category.dispatchEvent(new Event("change"));
    }
    function show(data) {
      result.textContent = "";
      if (!data.topics.length) { result.appendChild(line("p", box.dataset.none)); return; }
      result.appendChild(line("p", box.dataset.proposed));
      data.topics.forEach(function (topic) {
        var row = line("p", topic.name + " ");
        var take = document.createElement("button");
        take.type = "button";
        take.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
        take.textContent = box.dataset.accept;
        take.addEventListener("click", function () { accept(topic); });
        row.appendChild(take);
        result.appendChild(row);
      });
    }
    var timer = null, asked = "";
    function ask() {
      var typed = text.value.trim();
      if (typed.length < 20 || typed === asked) { return; }
      asked = typed;
      var body = new FormData();
      body.append("text", typed.slice(0, 10000));
      if (region && region.value) { body.append("region", region.value); }
      fetch(form.dataset.topicsUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token.value }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { show(data); } })
        .catch(function () { offer(true); });
    }
    text.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, PAUSE_MS);
    });
  }

  // The words come from the page (templates/appeals/_character_count.html), in each plural
  // form the page's language has; "%(count)s" stands for the number.
  function wording(source) {
    var rules = window.Intl && Intl.PluralRules ?
      new Intl.PluralRules(document.documentElement.lang || "en") : null;
    return function (kind, count) {
      var form = rules ? rules.select(count) : (count === 1 ? "one" : "other");
      var key = kind + (form === "one" ? "One" : form === "few" ? "Few" : "Other");
      return (source.dataset[key] || "").replace("%(count)s", String(count));
    };
  }

  // The server counts a line break as two characters (the browser sends CR LF): so do we.
  function length(field) { return field.value.replace(/\r?\n/g, "\r\n").length; }

  function characterCount(field, say, index) {
    var limit = field.maxLength;
    var errorClass = field.tagName === "TEXTAREA" ? "govuk-textarea--error" : "govuk-input--error";
    var erred = field.classList.contains(errorClass); // the server's error stays shown
    // As GOV.UK: typing or pasting past the limit is shown and counted, not cut off silently.
    field.removeAttribute("maxlength");
    var described = field.getAttribute("aria-describedby") || "";
    if (described.indexOf("_helptext") === -1) { // no hint already telling the limit
      var info = document.createElement("div");
      info.id = (field.id || "field-" + index) + "-info";
      info.className = "govuk-character-count__message govuk-visually-hidden";
      info.textContent = say("limit", limit);
      field.insertAdjacentElement("afterend", info);
      field.setAttribute("aria-describedby", (described + " " + info.id).trim());
    }
    var live = document.createElement("div");
    live.className = "govuk-character-count__sr-status govuk-visually-hidden";
    live.setAttribute("aria-live", "polite");
    var visible = document.createElement("div");
    visible.className = "govuk-character-count__message govuk-character-count__status govuk-hint";
    visible.setAttribute("aria-hidden", "true");
    field.insertAdjacentElement("afterend", live);
    field.insertAdjacentElement("afterend", visible);
    if (field.parentElement) { field.parentElement.classList.add("govuk-character-count"); }

    function message() {
      var left = limit - length(field);
      return left >= 0 ? say("remaining", left) : say("over", -left);
    }
    function show() {
      var over = length(field) > limit;
      visible.textContent = message();
      visible.classList.toggle("govuk-hint", !over);
      visible.classList.toggle("govuk-error-message", over);
      field.classList.toggle(errorClass, over || erred);
    }
    var timer = null;
    field.addEventListener("input", function () {
      show();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { live.textContent = message(); }, PAUSE_MS);
    });
    show();
  }

  var appealForm = document.querySelector("form.appeal-form[data-routing-url]");
  if (appealForm) { routing(appealForm); }
  var topicForm = document.querySelector("form.appeal-form[data-topics-url]");
  if (topicForm) { topics(topicForm); }
  var source = document.querySelector("[data-count-messages]");
  if (source) {
    var say = wording(source);
    document.querySelectorAll(COUNTED).forEach(function (field, index) {
      if (field.maxLength > 0) { characterCount(field, say, index); }
    });
  }
})();
