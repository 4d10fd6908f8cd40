/* Live chat for both sides (visitor page and desk): server-sent events with polling as the
   fallback, sending with fetch, and typing indicators. Vanilla JS, no framework. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root) return;
  var side = root.dataset.side;
  var log = root.querySelector(".chat-log");
  var form = root.querySelector(".chat-form");
  var box = form.querySelector("textarea");
  var errorBox = form.querySelector(".chat-error");
  var typingLine = root.querySelector(".chat-typing");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var lastId = parseInt(root.dataset.lastId || "0", 10);
  var source = null;
  var pollTimer = null;
  var failures = 0;

  function scrollDown() { log.lastElementChild && log.lastElementChild.scrollIntoView({ block: "end" }); }

  function render(event) {
    if (!event.id || event.id <= lastId) return;
    lastId = event.id;
    if (log.querySelector('[data-id="' + event.id + '"]')) return;
    var item = document.createElement("li");
    item.dataset.id = event.id;
    if (event.kind === "message") {
      var mine = event.sender === side;
      item.className = "bubble " + (mine ? "bubble-you" : "bubble-us");
      var who = document.createElement("p");
      who.className = "who";
      who.textContent = event.sender === "agent" ? (event.alias || root.dataset.us)
        : (side === "consumer" ? root.dataset.you : root.dataset.them);
      var time = document.createElement("time");
      time.textContent = event.at;
      who.appendChild(time);
      var body = document.createElement("div");
      body.className = "body";
      body.textContent = event.text;  /* text, never HTML */
      item.appendChild(who);
      item.appendChild(body);
    } else {
      item.className = "chat-notice chat-" + event.kind;
      item.textContent = event.text;
    }
    log.appendChild(item);
    if (event.kind === "message" && event.sender !== side) setTyping(false);
    scrollDown();
  }

  function setTyping(on) { typingLine.hidden = !on; }

  function setStatus(status) {
    root.dataset.status = status;
    if (status === "ended") {
      form.hidden = true;
      setTyping(false);
      if (source) { source.close(); source = null; }
      if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
    }
  }

  function poll() {
    fetch(root.dataset.poll + "?after=" + lastId, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (state) {
        state.events.forEach(render);
        setTyping(state.typing);
        setStatus(state.status);
      })
      .catch(function () { /* try again on the next tick */ });
  }

  function startPolling() {
    if (source) { source.close(); source = null; }
    if (!pollTimer) { pollTimer = setInterval(poll, 3000); poll(); }
    root.dataset.transport = "poll";
  }

  function startStream() {
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource(root.dataset.events + "?after=" + lastId);
    root.dataset.transport = "sse";
    source.onopen = function () { failures = 0; root.dataset.connected = "1"; };
    ["message", "joined", "ended", "system"].forEach(function (kind) {
      source.addEventListener(kind, function (e) { render(JSON.parse(e.data)); });
    });
    source.addEventListener("typing", function (e) { setTyping(JSON.parse(e.data).typing); });
    source.addEventListener("status", function (e) { setStatus(JSON.parse(e.data).status); });
    source.onerror = function () {
      /* A stream that ends on time reconnects by itself (with Last-Event-ID); one that keeps
         failing (a proxy that buffers, a blocked connection) gives way to polling. */
      failures += 1;
      if (failures >= 3 || source.readyState === EventSource.CLOSED) startPolling();
    };
  }

  var lastTypingSent = 0;
  box.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent < 2000 || !box.value.trim()) return;
    lastTypingSent = now;
    fetch(root.dataset.typing, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin" });
  });

  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!box.value.trim()) return;
    var data = new FormData(form);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json", "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (r) {
        return r.json().then(function (payload) { return { ok: r.ok, payload: payload }; });
      })
      .then(function (result) {
        if (!result.ok) throw result.payload;
        box.value = "";  /* only now: a failed send keeps the text */
        errorBox.hidden = true;
        if (pollTimer) poll();
      })
      .catch(function (payload) {
        var errors = payload && payload.errors ? Object.values(payload.errors).flat() : [root.dataset.error];
        errorBox.textContent = errors.join(" ");
        errorBox.hidden = false;
      })
      .finally(function () { button.disabled = false; box.focus(); });
  });

  scrollDown();
  if (root.dataset.status === "ended") setStatus("ended"); else startStream();
})();
