// The facilitator's screen: save each contribution without leaving the page. If a save fails
// (no connection, server error) the words stay in the box with a "Try again" button; the same
// client key goes with every retry, so the server stores it once. Without JavaScript the form
// posts normally and the page reloads.
(function () {
  "use strict";
  const form = document.querySelector(".js-contribution-form");
  if (!form || !window.fetch) return;
  const list = document.getElementById("contribution-list");
  const status = form.querySelector(".save-status");
  const text = form.querySelector("textarea[name=text]");
  const key = form.querySelector("input[name=client_key]");
  const button = form.querySelector("button[type=submit]");

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("save-status--error", Boolean(isError));
  }

  async function save(event) {
    event.preventDefault();
    button.disabled = true;
    say("Saving…");
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch (error) {
      button.disabled = false;
      button.textContent = "Try again";
      say("Not saved: there is no connection. Your words are still here. Press 'Try again'.", true);
      return;
    }
    button.disabled = false;
    if (response.status === 400) {
      form.submit(); // let the server show its error messages, with what was typed kept
      return;
    }
    if (!response.ok) {
      button.textContent = "Try again";
      say("Not saved: something went wrong. Your words are still here. Press 'Try again'.", true);
      return;
    }
    const data = await response.json();
    if (!document.getElementById("contribution-" + data.id)) {
      list.insertAdjacentHTML("afterbegin", data.html);
    }
    text.value = "";
    key.value = newKey();
    button.textContent = "Save and add the next one";
    say("Saved. Add the next one.");
    text.focus();
  }

  form.addEventListener("submit", save);
})();
