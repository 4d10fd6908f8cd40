/* Kalm live-chat widget. Put ONE line on any page:
   <script src="https://<kalm-host>/static/chat/widget.js" data-kalm="https://<kalm-host>" async></script>
   It adds a floating button that opens the chat page of Kalm in an iframe (the iframe keeps the
   chat's cookie and CSRF protection on Kalm's own origin). Vanilla JS, no dependencies. */
(function () {
  "use strict";
  if (window.__kalmChat) return;
  window.__kalmChat = true;
  var script = document.currentScript || document.querySelector("script[data-kalm]");
  var base = ((script && script.getAttribute("data-kalm")) || "").replace(/\/+$/, "");
  if (!base && script) base = new URL(script.src).origin;
  var label = (script && script.getAttribute("data-label")) || "Chat";
  var color = (script && script.getAttribute("data-color")) || "#1f6f5c";

  function mount() {
    var button = document.createElement("button");
    button.type = "button";
    button.id = "kalm-chat-button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "kalm-chat-frame");
    button.textContent = label;
    button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;" +
      "border-radius:999px;padding:14px 22px;font:600 16px/1 system-ui,sans-serif;color:#fff;" +
      "background:" + color + ";box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer";

    var frame = null;
    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.id = "kalm-chat-frame";
        frame.title = label;
        frame.src = base + "/chat/?embed=1";
        frame.style.cssText = "position:fixed;right:20px;bottom:80px;z-index:2147483000;" +
          "width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 110px));border:0;" +
          "border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);background:#fff";
        document.body.appendChild(frame);
      } else {
        frame.style.display = "block";
      }
      button.setAttribute("aria-expanded", "true");
    }
    function close() {
      if (frame) frame.style.display = "none";
      button.setAttribute("aria-expanded", "false");
    }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-expanded") === "true") close(); else open();
    });
    document.body.appendChild(button);
  }

  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
