// Survey pages, enhanced: a phone-first chat, "Read to me" on every screen, and character
// counts. Everything here is optional. Without JavaScript (or without fetch, DOMParser and
// pushState) the plain pages work as before: one question per page, posted to the server,
// which redirects to the next step.
//
// Chat mode: a choose-one question's answers become large cards, and a tap on one answers it.
// The post carries "X-Survey-Chat: 1" and the server answers with the next message alone (the
// exchange just had, then the next question: surveys/chat_step.html), or with where to go
// (X-Survey-Location: check your answers, saved), or with the question again and what to
// change (400). The answer's bubble is a link back to its question: one tap changes it.
// "Do you want to tell us more?" follows an answer when the question asks for a comment; it
// never stands in the way (the next question is already there) and is posted on its own.
(function () {
  "use strict";

  const main = document.getElementById("main-content");
  if (!main) return;
  const announcer = document.getElementById("survey-announcer");
  const reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  const speech =
    "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function"
      ? window.speechSynthesis
      : null;

  // ---- One polite live region for everything this script says ------------------------------

  let announceTimer;
  function announce(message) {
    if (!announcer) return;
    clearTimeout(announceTimer);
    announcer.textContent = "";
    // A short pause, so the same words said twice in a row are still read out.
    announceTimer = setTimeout(function () {
      announcer.textContent = message;
    }, 150);
  }

  function words(element) {
    if (!element) return "";
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".visually-hidden, [aria-hidden='true']").forEach(function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // ---- Character count (GOV.UK pattern) ----------------------------------------------------

  // Count as the server does: the browser sends each line break as two characters (CR LF).
  function lengthOf(value) {
    return value.replace(/\r\n|\r|\n/g, "\r\n").length;
  }

  // Easy read, if the child chose it: the words this script adds say it the same way.
  function easyRead() {
    return document.body.classList.contains("easy-read");
  }

  function countMessage(limit, value) {
    const left = limit - lengthOf(value);
    const n = Math.abs(left);
    if (easyRead()) {
      const letters = n === 1 ? "letter" : "letters";
      return left < 0 ? n + " " + letters + " too many" : "You can write " + n + " more " + letters;
    }
    const characters = n === 1 ? "character" : "characters";
    return left < 0
      ? "You have " + n + " " + characters + " too many"
      : "You have " + n + " " + characters + " remaining";
  }

  function characterCount(textarea) {
    const limit = parseInt(textarea.getAttribute("data-limit"), 10);
    if (!limit || textarea.hasAttribute("data-count-ready")) return;
    textarea.setAttribute("data-count-ready", "");
    const message = document.createElement("p");
    message.className = "character-count";
    message.id = (textarea.id || textarea.name) + "-count";
    // Screen readers hear the count through the live region (after a pause in typing) and the
    // limit from the hint the textarea already points to; the visible line is for the eyes.
    message.setAttribute("aria-hidden", "true");
    textarea.insertAdjacentElement("afterend", message);
    let timer;
    function update() {
      const over = lengthOf(textarea.value) > limit;
      message.textContent = countMessage(limit, textarea.value);
      message.classList.toggle("character-count--over", over);
      textarea.classList.toggle("textarea--over", over);
    }
    textarea.addEventListener("input", function () {
      update();
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (document.activeElement === textarea) announce(message.textContent);
      }, 1000);
    });
    update();
  }

  function characterCounts(root) {
    root.querySelectorAll("textarea.js-character-count[data-limit]").forEach(characterCount);
  }

  // ---- Read to me, with the browser's own speech ----------------------------------------------
  // Offered on every screen; nothing is read until it is pressed. Once on (kept for this tab),
  // each new screen, question and its answers are read as they arrive; pressed again, it stops.

  const READING_KEY = "survey-read-to-me";
  const readButton = document.querySelector(".read-to-me");

  function readingOn() {
    try {
      return window.sessionStorage.getItem(READING_KEY) === "on";
    } catch (error) {
      return false;
    }
  }

  function setReading(on) {
    try {
      if (on) window.sessionStorage.setItem(READING_KEY, "on");
      else window.sessionStorage.removeItem(READING_KEY);
    } catch (error) {
      /* private mode: it lasts for this page */
    }
    if (readButton) {
      readButton.setAttribute("aria-pressed", on ? "true" : "false");
      readButton.textContent = on ? "Stop reading" : "Read to me";
    }
  }

  function sentence(part) {
    return /[.?!:]$/.test(part) ? part : part + ".";
  }

  // A question: its words, hint and answers. Any other screen: its headings, text and buttons.
  function screenWords(root) {
    const form = root.matches("form.question-form") ? root : root.querySelector("form.question-form");
    if (form) {
      const parts = [words(form.querySelector(".error-summary")), words(form.querySelector(".question__heading"))];
      form.querySelectorAll(".question .form-hint, .question .error-message").forEach(function (hint) {
        if (hint.id !== "text-hint") parts.push(words(hint));
      });
      const answers = Array.from(form.querySelectorAll(".choice-card .choice__text")).map(words);
      if (answers.length) parts.push("The answers are: " + answers.join(". "));
      return parts.filter(Boolean).map(sentence).join(" ");
    }
    const parts = [];
    root
      .querySelectorAll("h1, h2, p, li, dt, dd, legend, label, .button, .error-message")
      .forEach(function (el) {
        if (el.closest("[hidden], .visually-hidden, [aria-hidden='true'], .back-link")) return;
        if (el.querySelector("h1, h2, p, li, label")) return; // its parts are read on their own
        const said = words(el);
        if (said && parts.indexOf(said) === -1) parts.push(said);
      });
    return parts.map(sentence).join(" ");
  }

  function stopReading() {
    if (speech && (speech.speaking || speech.pending)) speech.cancel();
  }

  function say(text) {
    if (!speech || !text) return;
    speech.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en-GB";
    utterance.rate = 0.9;
    speech.speak(utterance);
  }

  if (readButton && speech) {
    const offer = function () {
      if (speech.getVoices().length) readButton.hidden = false;
    };
    offer();
    if (readButton.hidden && speech.addEventListener) speech.addEventListener("voiceschanged", offer);
    setReading(readingOn());
    readButton.addEventListener("click", function () {
      const on = !readingOn();
      setReading(on);
      if (on) say(screenWords(main));
      else stopReading();
    });
    window.addEventListener("pagehide", stopReading);
    if (readingOn()) say(screenWords(main)); // the child asked for it on an earlier screen
  }

  characterCounts(main);

  // ---- Who is answering: one tap ------------------------------------------------------------
  // A tap on "Me, on my own" or "Me, with help" goes straight on. "Someone answering for me"
  // opens the box for the young person's first name. Arrow keys only choose (no surprise post).

  const who = main.querySelector("form.who-form");
  if (who) {
    const nameBox = who.querySelector(".their-name");
    let tapped = false;
    who.addEventListener("pointerdown", function () {
      tapped = true;
    });
    who.addEventListener("keydown", function () {
      tapped = false;
    });
    const showName = function () {
      const chosen = who.querySelector("input[name=answered_by]:checked");
      const forSomeone = chosen && chosen.value === "someone_for_me";
      if (nameBox && !nameBox.classList.contains("form-group--error")) nameBox.hidden = !forSomeone;
      return forSomeone;
    };
    showName();
    who.addEventListener("change", function (event) {
      if (event.target.name !== "answered_by") return;
      const forSomeone = showName();
      const onlyQuestion = !who.querySelector("input[name=audience]");
      if (tapped && !forSomeone && onlyQuestion && who.requestSubmit) who.requestSubmit();
    });
  }

  // ---- Chat mode -----------------------------------------------------------------------------

  const firstForm = main.querySelector("form.question-form");
  const canChat =
    firstForm &&
    window.fetch &&
    window.DOMParser &&
    window.URLSearchParams &&
    window.FormData &&
    window.history &&
    typeof history.pushState === "function";
  if (!canChat) return;

  document.body.classList.add("survey--chat");
  let shownUrl = location.pathname + location.search;
  history.replaceState({ surveyChat: true }, "", location.href);
  window.addEventListener("popstate", function () {
    if (location.pathname + location.search !== shownUrl) location.reload();
  });

  let conversation = main.querySelector(".chat-history");
  if (!conversation) {
    conversation = document.createElement("section");
    conversation.className = "chat-history";
    conversation.setAttribute("aria-label", "Your answers so far");
    conversation.innerHTML = '<ol class="chat-history__list"></ol>';
    firstForm.parentNode.insertBefore(conversation, firstForm);
  }
  conversation.hidden = false;
  const list = conversation.querySelector(".chat-history__list");
  const items = list.querySelectorAll(".chat-history__item");
  if (items.length) offerMore(items[items.length - 1]);
  prepareQuestion(firstForm);
  main.addEventListener("submit", send);

  // A choose-one question's answers as cards: buttons that answer with one tap (or Enter).
  function prepareQuestion(form) {
    const heading = form.querySelector(".question__heading");
    if (heading) heading.setAttribute("tabindex", "-1");
    const details = form.querySelector("details.your-voice");
    // Asked after the answer instead; but a comment the server sent back with an error (typed
    // before this script ran) stays, with its words and what to change.
    if (details && !details.querySelector(".error-message")) details.remove();
    const continueButton = form.querySelector(".question-form__continue");
    if (form.classList.contains("question-form--one")) {
      form.querySelectorAll(".choice-card").forEach(function (card) {
        const input = card.querySelector("input");
        const label = card.querySelector("label");
        const button = document.createElement("button");
        button.type = "submit";
        button.name = input.name;
        button.value = input.value;
        button.className = card.className + " choice-card__button";
        button.innerHTML = label.innerHTML;
        if (input.checked) {
          button.classList.add("choice-card--chosen");
          const mark = document.createElement("span");
          mark.className = "visually-hidden";
          mark.textContent = " (your answer)";
          button.appendChild(mark);
        }
        card.replaceWith(button);
      });
      if (continueButton) continueButton.remove();
    } else if (continueButton) {
      continueButton.textContent = "Send";
    }
    characterCounts(form);
  }

  // "Do you want to tell us more?" after the newest answer: one tap on "No thanks" closes it.
  function offerMore(item) {
    list.querySelectorAll(".follow-up").forEach(function (other) {
      if (!item.contains(other)) other.remove(); // only the newest answer's offer stays
    });
    const more = item.querySelector(".follow-up");
    if (!more) return;
    more.hidden = false;
    const yes = more.querySelector(".follow-up__yes");
    const no = more.querySelector(".follow-up__no");
    const form = more.querySelector(".follow-up-form");
    yes.addEventListener("click", function () {
      more.querySelector(".follow-up__choices").remove();
      form.hidden = false;
      characterCounts(form);
      form.querySelector("textarea").focus();
    });
    no.addEventListener("click", function () {
      more.remove();
      focusQuestion(false);
    });
  }

  function problem(form, text) {
    let box = form.querySelector(".chat-problem");
    if (!box) {
      box = document.createElement("div");
      box.className = "chat-problem";
      box.setAttribute("role", "alert");
      form.appendChild(box);
    }
    box.innerHTML = "";
    const title = document.createElement("p");
    title.className = "chat-problem__title";
    title.textContent = easyRead()
      ? "We have not got your answer yet"
      : "Your answer has not been sent yet";
    const detail = document.createElement("p");
    detail.textContent = text;
    box.append(title, detail);
  }

  // The body a plain post would send: urlencoded, line breaks as CR LF, the pressed button.
  function postBody(form, submitter) {
    const body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      body.append(name, typeof value === "string" ? value.replace(/\r\n|\r|\n/g, "\r\n") : "");
    });
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    return body;
  }

  function fragment(html) {
    return new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
  }

  async function send(event) {
    const form = event.target;
    const isQuestion = form.matches("form.question-form");
    const isMore = form.matches("form.follow-up-form");
    if (!isQuestion && !isMore) return;
    event.preventDefault();
    if (form.hasAttribute("data-sending")) return; // a double tap sends once
    const submitter = event.submitter || null;
    if (submitter && submitter.name === "save_for_later") {
      HTMLFormElement.prototype.submit.call(withPressed(form, submitter)); // a whole page
      return;
    }
    form.setAttribute("data-sending", "");
    form.setAttribute("aria-busy", "true");
    let response;
    let html = "";
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: postBody(form, submitter),
        credentials: "same-origin",
        headers: { Accept: "text/html", "X-Survey-Chat": "1" },
      });
      html = await response.text();
    } catch (error) {
      problem(
        form,
        easyRead()
          ? "There is no internet. Your answers are still here. Try again when the internet is back."
          : "There is no connection. Everything you chose and wrote is still here. " +
              "When you are connected again, try again."
      );
      return;
    } finally {
      form.removeAttribute("data-sending");
      form.removeAttribute("aria-busy");
    }
    const goTo = response.headers.get("X-Survey-Location");
    if (goTo) {
      location.assign(goTo); // check your answers, saved, the start: a whole page
    } else if (response.headers.get("X-Survey-Fragment") === "1") {
      if (isQuestion) arrive(fragment(html));
      else told(form, fragment(html));
    } else if (response.status === 400) {
      const again = fragment(html).firstElementChild;
      form.replaceWith(again);
      if (isQuestion) prepareQuestion(again);
      else characterCounts(again);
      const summary = again.querySelector(".error-summary, .error-message");
      summary.setAttribute("tabindex", "-1");
      summary.focus();
      if (readingOn()) say(screenWords(again));
    } else {
      location.reload(); // closed, or anything else: the page as the server shows it
    }
  }

  function withPressed(form, submitter) {
    const pressed = document.createElement("input");
    pressed.type = "hidden";
    pressed.name = submitter.name;
    pressed.value = submitter.value;
    form.appendChild(pressed);
    return form;
  }

  // The next message arrived: the exchange joins the conversation, the new question follows.
  function arrive(step) {
    stopReading();
    const root = step.querySelector(".chat-step");
    const item = document.importNode(root.querySelector(".chat-history__item"), true);
    const next = document.importNode(root.querySelector("form.question-form"), true);
    list.appendChild(item);
    main.querySelector("form.question-form").replaceWith(next);
    const back = main.querySelector(".back-link");
    if (back) back.setAttribute("href", item.querySelector(".bubble--answer").getAttribute("href"));
    document.title = root.getAttribute("data-title") + " – " + document.title.split(" – ").pop();
    const address = root.getAttribute("data-url");
    if (address && address !== shownUrl) {
      history.pushState({ surveyChat: true }, "", address);
      shownUrl = address;
      document.querySelectorAll(".survey-bar__form input[name=next]").forEach(function (input) {
        input.value = address;
      });
      const options = document.querySelector(".survey-bar__options");
      if (options) {
        options.setAttribute("href", options.getAttribute("href").split("?")[0] + "?next=" + encodeURIComponent(address));
      }
    }
    prepareQuestion(next);
    offerMore(item);
    if (!(reduceMotion && reduceMotion.matches)) {
      item.classList.add("chat-history__item--new");
      next.querySelector(".question").classList.add("question--arrived");
    }
    focusQuestion(true);
    const progress = next.querySelector("#progress");
    announce((progress ? words(progress) + ": " : "") + words(next.querySelector(".question__heading")));
    if (readingOn()) say(screenWords(next));
  }

  // The follow-up was sent: its exchange, now with the words, replaces the offer.
  function told(form, said) {
    const item = form.closest(".chat-history__item");
    const fresh = document.importNode(said.querySelector(".chat-history__item"), true);
    item.replaceWith(fresh);
    announce(easyRead() ? "Thank you. We got your words." : "Thank you. We have your words.");
    focusQuestion(false);
  }

  // The newest answer at the top of the screen, with the question and all its answers below.
  function focusQuestion(scroll) {
    const form = main.querySelector("form.question-form");
    const heading = form && form.querySelector(".question__heading");
    if (!heading) return;
    if (scroll) {
      const answers = list.querySelectorAll(".bubble--answer");
      const last = answers[answers.length - 1];
      const top = last || form;
      top.scrollIntoView({ block: "start", behavior: "auto" });
      const bottom = form.querySelector(".choices, textarea") || form;
      if (bottom.getBoundingClientRect().bottom > window.innerHeight) {
        form.scrollIntoView({ block: "start", behavior: "auto" });
      }
    }
    heading.focus({ preventScroll: true });
  }
})();
