/* Help articles in the reply box (kalm.kb, template kb/case_articles.html).
 *
 * Alt+K opens the article picker with the case's suggestions, the first one focused: Enter
 * inserts its text. Alt+Shift+K does the same for the article's public link (internal articles
 * have none: their text is inserted, with a warning). The picker's search field asks the desk
 * for results as you type (htmx). "Insert text" / "Insert link" buttons in the side card do the
 * same with the mouse.
 *
 * Text only ever goes into the textarea as its value and into the page as textContent: nothing
 * an article says is parsed as HTML here.
 */
(function () {
  "use strict";

  var card = document.querySelector("[data-kb-articles]");
  if (!card) return;
  var picker = card.querySelector("[data-kb-picker]");
  var status = card.querySelector("[data-kb-status]");
  // Where the next insert goes: the composer textarea the agent was typing in (and the caret
  // position there), or the reply box.
  var pending = null;

  function replyBox() {
    return document.querySelector(card.dataset.target);
  }

  function composerBox(element) {
    if (element && element.tagName === "TEXTAREA" && !element.readOnly && element.closest("#composer")) {
      return element;
    }
    return null;
  }

  function say(message, warn) {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("kb-status-warn", !!warn);
  }

  function reveal(box) {
    // The reply tab may be hidden behind the note tab: show it, or the insert goes unseen.
    if (box.offsetParent === null && card.dataset.tab && box === replyBox()) {
      var tab = document.querySelector(card.dataset.tab);
      if (tab) tab.checked = true;
    }
  }

  function place(box, text, caret) {
    var value = box.value;
    if (caret === null || caret === undefined || caret > value.length) {
      // Appended to the draft, never replacing it (as the crisis statement's button does).
      box.value = value.trim() ? value.replace(/\s+$/, "") + "\n\n" + text : text;
      caret = box.value.length;
    } else {
      var before = value.slice(0, caret);
      var after = value.slice(caret);
      var lead = before && !/\n\s*$/.test(before) ? (/\S$/.test(before) ? "\n\n" : "\n") : "";
      var tail = after && !/^\s*\n/.test(after) ? "\n\n" : "";
      box.value = before + lead + text + tail + after;
      caret = (before + lead + text).length;
    }
    reveal(box);
    box.focus();
    box.setSelectionRange(caret, caret);
    // The reply check listens for keyup on the reply box.
    box.dispatchEvent(new KeyboardEvent("keyup"));
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insert(button) {
    var url = button.dataset.url;
    if (!url) return;
    var mode = button.dataset.mode === "link" ? "link" : "text";
    var internal = button.dataset.internal === "1";
    var target = pending || { box: replyBox(), caret: null };
    pending = null;
    if (picker && picker.open) picker.close();
    if (!target.box) {
      say(card.dataset.noBox || "No reply box on this page.", true);
      return;
    }
    var separator = url.indexOf("?") === -1 ? "?" : "&";
    fetch(url + separator + "as=" + mode, {
      credentials: "same-origin",
      headers: { Accept: "text/plain" },
    })
      .then(function (response) {
        return response.text().then(function (body) {
          if (!response.ok) throw new Error(body || response.statusText);
          return body;
        });
      })
      .then(function (text) {
        place(target.box, text, target.caret);
        say(internal ? card.dataset.insertedInternal : card.dataset.inserted, internal);
      })
      .catch(function (error) {
        say(error.message, true);
        target.box.focus();
      });
  }

  function rows() {
    return Array.prototype.slice.call(picker.querySelectorAll("[data-kb-picker-results] [data-kb-result]"));
  }

  function primary(row) {
    var mode = picker.dataset.mode === "link" ? "link" : "text";
    return row.querySelector('[data-kb-insert][data-mode="' + mode + '"]:not([disabled])') ||
      row.querySelector('[data-kb-insert][data-mode="text"]:not([disabled])');
  }

  function open(mode, from) {
    if (!picker) return;
    var box = composerBox(from);
    pending = box ? { box: box, caret: box.selectionStart } : { box: replyBox(), caret: null };
    picker.dataset.mode = mode;
    var hint = picker.querySelector("[data-kb-mode-hint]");
    if (hint) hint.textContent = hint.dataset[mode] || "";
    if (!picker.open) picker.showModal();
    var first = rows()[0];
    var button = first && primary(first);
    (button || picker.querySelector("[data-kb-query]")).focus();
  }

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== "KeyK") return;
    event.preventDefault();
    open(event.shiftKey ? "link" : "text", document.activeElement);
  });

  card.addEventListener("click", function (event) {
    var button = event.target.closest("[data-kb-insert]");
    if (button) {
      event.preventDefault();
      insert(button);
      return;
    }
    if (event.target.closest("[data-kb-open]")) open("text", null);
  });

  // The query the results in the picker are for ("" = the case's suggestions), and whether
  // Enter was pressed before they arrived.
  var answered = "";
  var asked = "";
  var insertWhenAnswered = false;

  function insertFirst() {
    var list = rows();
    var best = list[0] && primary(list[0]);
    if (best) insert(best);
  }

  if (picker) {
    picker.addEventListener("htmx:beforeRequest", function (event) {
      if (event.target.matches("[data-kb-query]")) asked = event.target.value.trim();
    });
    picker.addEventListener("htmx:afterSettle", function (event) {
      if (!event.target.matches("[data-kb-picker-results]")) return;
      answered = asked;
      var query = picker.querySelector("[data-kb-query]");
      if (insertWhenAnswered && query && query.value.trim() === answered) {
        insertWhenAnswered = false;
        insertFirst();
      }
    });
    picker.addEventListener("keydown", function (event) {
      var list = rows();
      var current = list.findIndex(function (row) { return row.contains(document.activeElement); });
      if (event.key === "Enter" && event.target.matches("[data-kb-query]")) {
        // Enter in the search field inserts the best result for what is typed: at once when
        // the results are for this text, otherwise when the search has answered.
        event.preventDefault();
        if (event.target.value.trim() !== answered) {
          insertWhenAnswered = true;
          if (window.htmx) window.htmx.trigger(event.target, "search");
          return;
        }
        insertFirst();
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      if (!list.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? current + 1 : current - 1;
      if (next < 0) {
        picker.querySelector("[data-kb-query]").focus();
        return;
      }
      var button = primary(list[Math.min(next, list.length - 1)]);
      if (button) button.focus();
    });
    picker.addEventListener("close", function () {
      insertWhenAnswered = false;
      // Closed without inserting (Esc, ×): back to where the agent was typing.
      if (pending && pending.box) {
        var target = pending;
        pending = null;
        target.box.focus();
        if (target.caret !== null) target.box.setSelectionRange(target.caret, target.caret);
      }
    });
  }
})();
