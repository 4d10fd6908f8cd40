/* The answer bot on the chat page: ask and rate without reloading. Each form still works
   without this script (a normal POST and a redirect back); with it, the server returns the
   rendered turn (X-Kalm-Fragment) and it is put in place. Vanilla JS, no framework. */
(function () {
  "use strict";
  var root = document.querySelector("[data-bot]");
  if (!root) return;
  var log = root.querySelector(".bot-log");
  var ask = root.querySelector("[data-bot-ask]");
  var box = ask.querySelector("textarea");
  var errorBox = ask.querySelector(".bot-error");

  function csrf(form) { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }

  function post(form, data) {
    return fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "X-Kalm-Fragment": "1", "X-CSRFToken": csrf(form) },
      credentials: "same-origin"
    }).then(function (r) { return r.text().then(function (html) { return { ok: r.ok, html: html }; }); });
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  function scrollTo(node) { if (node) node.scrollIntoView({ block: "nearest" }); }

  ask.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!box.value.trim()) { box.focus(); return; }
    var button = ask.querySelector("button[type=submit]");
    button.disabled = true;
    root.setAttribute("aria-busy", "true");
    post(ask, new FormData(ask))
      .then(function (result) {
        if (!result.ok) { errorBox.innerHTML = result.html; errorBox.hidden = false; return; }
        var nodes = fragment(result.html);
        var last = nodes.lastElementChild;
        log.appendChild(nodes);
        box.value = "";  /* only now: a failed question stays in the box */
        errorBox.hidden = true;
        scrollTo(last);
      })
      .catch(function () {
        errorBox.textContent = root.dataset.error || "";
        errorBox.hidden = false;
      })
      .finally(function () { button.disabled = false; root.removeAttribute("aria-busy"); box.focus(); });
  });

  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); ask.requestSubmit(); }
  });

  /* Rating an answer: the whole turn comes back and replaces the old one. */
  log.addEventListener("submit", function (e) {
    var form = e.target.closest("[data-bot-feedback]");
    if (!form) return;
    e.preventDefault();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) data.set(e.submitter.name, e.submitter.value);
    var turn = form.closest("[data-turn]");
    post(form, data).then(function (result) {
      var nodes = fragment(result.html);
      var answer = nodes.querySelector("#" + turn.id);
      if (answer) { turn.replaceWith(answer); scrollTo(answer); }
    });
  });

  if (/^#turn-\d+$/.test(location.hash)) scrollTo(document.querySelector(location.hash));
})();
