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

  /* The start of an answer matters more than its end: bring its top into view. */
  function scrollTo(node) { if (node) node.scrollIntoView({ block: "start" }); }

  var asking = false;  /* Enter twice must not ask twice: requestSubmit ignores a disabled button */

  function showError(result) {
    /* A 400 carries our own message; anything else (a proxy's page, a 500) gets the general one. */
    if (result && result.status === 400) errorBox.innerHTML = result.html;
    else errorBox.textContent = root.dataset.error || "";
    errorBox.hidden = false;
  }

  ask.addEventListener("submit", function (e) {
    e.preventDefault();
    if (asking) return;
    if (!box.value.trim()) { box.focus(); return; }
    var button = ask.querySelector("button[type=submit]");
    asking = true;
    button.disabled = true;
    root.setAttribute("aria-busy", "true");
    post(ask, new FormData(ask))
      .then(function (result) {
        if (!result.ok) { showError(result); return; }
        var nodes = fragment(result.html);
        var answer = nodes.lastElementChild;
        log.appendChild(nodes);
        box.value = "";  /* only now: a failed question stays in the box */
        errorBox.hidden = true;
        scrollTo(answer);
        /* Handed over: the name is what we need next. */
        var name = answer && answer.querySelector(".bot-person-form input[name=name]");
        if (name) { name.focus({ preventScroll: true }); }
      })
      .catch(function () { showError(null); })
      .finally(function () {
        asking = false;
        button.disabled = false;
        root.removeAttribute("aria-busy");
        if (!root.querySelector(".bot-person-form input[name=name]:focus")) box.focus({ preventScroll: true });
      });
  });

  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); ask.requestSubmit(); }
  });

  /* Rating an answer: the whole turn comes back and replaces the old one. Without a usable
     answer (the conversation went to a person in another tab, the network) the page is loaded
     again, so the visitor sees where things stand. */
  log.addEventListener("submit", function (e) {
    var form = e.target.closest("[data-bot-feedback]");
    if (!form || form.dataset.sending) { if (form) e.preventDefault(); return; }
    e.preventDefault();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) data.set(e.submitter.name, e.submitter.value);
    var turn = form.closest("[data-turn]");
    form.dataset.sending = "1";
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    post(form, data)
      .then(function (result) {
        var answer = fragment(result.html).querySelector("#" + turn.id);
        if (!answer) throw new Error("no turn");
        turn.replaceWith(answer);
        scrollTo(answer);
      })
      .catch(function () { location.assign(location.pathname + location.search); });
  });

  if (/^#turn-\d+$/.test(location.hash)) scrollTo(document.querySelector(location.hash));
})();
