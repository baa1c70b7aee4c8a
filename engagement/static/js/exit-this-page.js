// "Exit this page": leave at once, without adding this page to the history, when the button is
// used or Shift is pressed three times within two seconds (GOV.UK's pattern). Without
// JavaScript the button is an ordinary link and still works.
(function () {
  "use strict";
  // A page brought back by Back from the browser's back-forward cache is asked for again: after
  // "Exit this page" the server no longer holds the answers, so it shows none.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
  var button = document.querySelector("[data-exit-this-page]");
  if (!button) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.classList.add("exit-this-page--leaving");
    window.location.replace(button.href);
  }
  button.addEventListener("click", leave);
  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) leave();
  });
})();
