/* The one-click answer from the survey email (kalm.surveys, template surveys/public/survey.html).
 *
 * Following the email's link only shows the survey with that answer chosen: mail scanners open
 * every link, and a GET records nothing (docs/decisions/0007-one-click-answers.md). In a person's
 * browser this script posts the chosen answer at once, says "Thank you — tell us more?", and
 * leaves the other questions to answer with "Send". Without script the consumer presses "Send".
 *
 * It waits until the page is actually visible (not prerendered or opened in a background tab)
 * and does nothing in a browser driven by automation (navigator.webdriver), as the sandboxes of
 * some mail scanners are.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-one-click]");
  var status = document.querySelector("[data-survey-status]");
  if (!form || !status || !window.fetch) return;
  if (navigator.webdriver) return;

  var sent = false;

  function show(templateId, ok) {
    var content = document.getElementById(templateId);
    if (!content) return;
    status.replaceChildren(content.content.cloneNode(true));
    status.classList.toggle("alert-success", ok);
    status.classList.toggle("alert-info", !ok);
  }

  function send() {
    if (sent) return;
    sent = true;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    fetch(form.dataset.oneClick, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok || !data.saved) throw new Error("not saved");
        });
      })
      .then(function () {
        show("survey-saved", true);
        // Reloading or bookmarking the page now opens the survey itself, not the one-click link.
        if (window.history && form.dataset.surveyPath) {
          window.history.replaceState(null, "", form.dataset.surveyPath);
        }
      })
      .catch(function () {
        show("survey-failed", false);
      });
  }

  if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", function onVisible() {
      if (document.visibilityState !== "visible") return;
      document.removeEventListener("visibilitychange", onVisible);
      send();
    });
  }
})();
