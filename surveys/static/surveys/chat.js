// Survey pages, enhanced: a chat-like way through the questions, "Read aloud", and character
// counts. Everything here is optional. Without JavaScript (or without fetch, DOMParser and
// pushState) the plain pages work as before: one question per page, posted to the server,
// which redirects to the next step.
//
// Chat mode posts each answer with fetch (the same body a plain post sends, CSRF token and the
// pressed button included), follows the redirect, and if the server's answer is the next
// question page, adds the answered question to the conversation and swaps in the new form.
// Anything else (check your answers, saved, closed, errors) is shown as the plain flow would.
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

  function countMessage(limit, value) {
    const left = limit - lengthOf(value);
    const n = Math.abs(left);
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

  // ---- Read aloud, with the browser's own speech -------------------------------------------

  function questionWords(form) {
    const parts = [words(form.querySelector(".question__heading"))];
    form.querySelectorAll(".question .form-hint").forEach(function (hint) {
      if (!hint.id || hint.id !== "text-hint") parts.push(words(hint));
    });
    const labels = Array.from(form.querySelectorAll(".question .choice__label")).map(words);
    if (labels.length) parts.push("The answers are: " + labels.join(". "));
    return parts
      .filter(Boolean)
      .map(function (part) {
        return /[.?!:]$/.test(part) ? part : part + ".";
      })
      .join(" ");
  }

  function stopReading() {
    if (speech && (speech.speaking || speech.pending)) speech.cancel();
  }

  function readAloud(form) {
    if (!speech) return; // no button at all where the browser cannot speak
    const progress = form.querySelector("#progress");
    if (!progress || form.querySelector(".read-aloud")) return;
    const button = document.createElement("button");
    button.type = "button"; // never submits the form; Enter on an answer still means Continue
    button.className = "button button--secondary read-aloud";
    button.textContent = "Read aloud";
    button.hidden = true;
    progress.insertAdjacentElement("afterend", button);

    let reading = false;
    function done() {
      reading = false;
      button.textContent = "Read aloud";
    }
    button.addEventListener("click", function () {
      if (reading) {
        speech.cancel();
        done();
        return;
      }
      speech.cancel();
      const utterance = new SpeechSynthesisUtterance(questionWords(form));
      utterance.lang = document.documentElement.lang || "en-GB";
      utterance.rate = 0.9;
      utterance.onend = done;
      utterance.onerror = done;
      reading = true;
      button.textContent = "Stop reading";
      speech.speak(utterance);
    });

    // Only offer it once the browser has a voice to read with.
    function showIfVoices() {
      if (speech.getVoices().length) button.hidden = false;
    }
    showIfVoices();
    if (button.hidden && speech.addEventListener) {
      speech.addEventListener("voiceschanged", showIfVoices);
    }
  }

  // ---- Chat mode -----------------------------------------------------------------------------

  const form = main.querySelector("form.question-form");
  const canChat =
    form &&
    window.fetch &&
    window.DOMParser &&
    window.URLSearchParams &&
    window.FormData &&
    window.history &&
    typeof history.pushState === "function";

  characterCounts(main);
  if (form) readAloud(form);
  if (!canChat) return;

  document.body.classList.add("survey--chat");
  let shownUrl = location.pathname + location.search;
  history.replaceState({ surveyChat: true }, "", location.href);
  // Back and Forward: load the page the address now shows (same-page #links change nothing).
  window.addEventListener("popstate", function () {
    if (location.pathname + location.search !== shownUrl) location.reload();
  });
  window.addEventListener("pagehide", stopReading);
  prepareHistory(main.querySelector(".chat-history"));
  prepareQuestion(main.querySelector("form.question-form"));
  main.addEventListener("submit", send);

  function itemKey(item) {
    return Array.from(item.querySelectorAll(".bubble")).map(words).join("\n");
  }

  function prepareHistory(section) {
    if (!section) return;
    section.hidden = false;
    section.querySelectorAll(".chat-history__item").forEach(function (item) {
      if (item.hasAttribute("data-key")) return;
      item.setAttribute("data-key", itemKey(item));
      // Say who said what, for people who hear the page rather than see the bubbles.
      const answer = item.querySelector(".bubble--answer");
      if (answer && !answer.querySelector(".visually-hidden")) {
        const said = document.createElement("span");
        said.className = "visually-hidden";
        said.textContent = "Your answer: ";
        answer.prepend(said);
      }
    });
  }

  function prepareQuestion(questionForm) {
    if (!questionForm) return;
    const heading = questionForm.querySelector(".question__heading");
    if (heading) heading.setAttribute("tabindex", "-1");
    readAloud(questionForm);
    characterCounts(questionForm);
  }

  function problem(questionForm, text) {
    let box = questionForm.querySelector(".chat-problem");
    if (!box) {
      box = document.createElement("div");
      box.className = "chat-problem";
      box.setAttribute("role", "alert");
      const buttons = questionForm.querySelector(".button-group");
      buttons.parentNode.insertBefore(box, buttons);
    }
    box.innerHTML = "";
    const title = document.createElement("p");
    title.className = "chat-problem__title";
    title.textContent = "Your answer has not been sent yet";
    const detail = document.createElement("p");
    detail.textContent = text;
    box.append(title, detail);
  }

  function clearProblem(questionForm) {
    const box = questionForm.querySelector(".chat-problem");
    if (box) box.remove();
  }

  // The body a plain post would send: urlencoded, line breaks as CR LF, the pressed button.
  function postBody(questionForm, submitter) {
    const body = new URLSearchParams();
    new FormData(questionForm).forEach(function (value, name) {
      body.append(name, typeof value === "string" ? value.replace(/\r\n|\r|\n/g, "\r\n") : "");
    });
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    return body;
  }

  // Fall back to the browser's own post: the server then shows whatever it shows.
  function plainSubmit(questionForm, submitter) {
    if (submitter && submitter.name) {
      const pressed = document.createElement("input");
      pressed.type = "hidden";
      pressed.name = submitter.name;
      pressed.value = submitter.value;
      questionForm.appendChild(pressed);
    }
    HTMLFormElement.prototype.submit.call(questionForm);
  }

  async function send(event) {
    const questionForm = event.target.closest("form.question-form");
    if (!questionForm) return;
    event.preventDefault();
    if (questionForm.hasAttribute("data-sending")) return; // a double press sends once
    const submitter = event.submitter || null;
    const url = questionForm.action || location.href;
    questionForm.setAttribute("data-sending", "");
    questionForm.setAttribute("aria-busy", "true");
    let response;
    let html = null;
    try {
      response = await fetch(url, {
        method: "POST",
        body: postBody(questionForm, submitter),
        credentials: "same-origin",
        redirect: "follow",
        headers: { Accept: "text/html" },
      });
      const type = response.headers.get("Content-Type") || "";
      if (type.indexOf("text/html") !== -1) html = await response.text();
    } catch (error) {
      problem(
        questionForm,
        "There is no connection. Everything you chose and wrote is still here. " +
          "When you are connected again, press Continue to try again."
      );
      return;
    } finally {
      questionForm.removeAttribute("data-sending");
      questionForm.removeAttribute("aria-busy");
    }
    clearProblem(questionForm);

    const doc = html ? new DOMParser().parseFromString(html, "text/html") : null;
    const newMain = doc && doc.querySelector("main");
    const isQuestion = newMain && newMain.querySelector("form.question-form");
    const landed = new URL(response.url || url, location.href);
    if (response.redirected) {
      if (response.ok && isQuestion && landed.origin === location.origin) {
        show(doc, landed);
      } else {
        location.assign(landed.href); // check your answers, saved, start again: a full page
      }
    } else if (newMain) {
      show(doc, null); // the same address, answered in place: errors (400), closed (410)
    } else {
      plainSubmit(questionForm, submitter);
    }
  }

  // Show a page the server sent: new question (url given) or this one again (errors).
  function show(doc, url) {
    stopReading();
    const newMain = doc.querySelector("main");
    const newHistory = newMain.querySelector(".chat-history");
    const oldHistory = main.querySelector(".chat-history");
    const oldKeys = oldHistory
      ? Array.from(oldHistory.querySelectorAll(".chat-history__item")).map(function (item) {
          return item.getAttribute("data-key");
        })
      : [];
    const newItems = newHistory
      ? Array.from(newHistory.querySelectorAll(".chat-history__item"))
      : [];
    const keeps =
      oldHistory &&
      newHistory &&
      newItems.length >= oldKeys.length &&
      oldKeys.every(function (key, index) {
        return itemKey(newItems[index]) === key;
      });

    let conversation = null;
    let added = [];
    if (keeps) {
      // The conversation so far stays; the question just answered joins it.
      const list = oldHistory.querySelector(".chat-history__list");
      added = newItems.slice(oldKeys.length).map(function (item) {
        const copy = document.importNode(item, true);
        list.appendChild(copy);
        return copy;
      });
      conversation = oldHistory;
    } else if (newHistory) {
      conversation = document.importNode(newHistory, true); // the route changed: the server's story
    }

    main.querySelectorAll(".chat-history__item--new, .question--arrived").forEach(function (el) {
      el.classList.remove("chat-history__item--new", "question--arrived");
    });
    if (conversation && conversation === oldHistory) {
      // Leave the conversation where it is (moving it would replay its animations and lose a
      // screen reader's place in it); replace what comes before and after it.
      Array.from(main.childNodes).forEach(function (node) {
        if (node !== oldHistory) node.remove();
      });
      let before = true;
      Array.from(newMain.childNodes).forEach(function (node) {
        if (node === newHistory) {
          before = false;
        } else if (before) {
          main.insertBefore(document.importNode(node, true), oldHistory);
        } else {
          main.appendChild(document.importNode(node, true));
        }
      });
    } else {
      const content = document.createDocumentFragment();
      Array.from(newMain.childNodes).forEach(function (node) {
        content.appendChild(node === newHistory ? conversation : document.importNode(node, true));
      });
      main.replaceChildren(content);
    }

    document.title = doc.title;
    const options = document.querySelector(".survey-bar__options");
    const newOptions = doc.querySelector(".survey-bar__options");
    if (options && newOptions) options.setAttribute("href", newOptions.getAttribute("href"));
    if (url) {
      const address = url.pathname + url.search;
      if (address !== shownUrl) pushAddress(address);
    }

    prepareHistory(conversation);
    const questionForm = main.querySelector("form.question-form");
    prepareQuestion(questionForm);
    const animate = !(reduceMotion && reduceMotion.matches);
    if (animate) {
      added.forEach(function (item) {
        item.classList.add("chat-history__item--new");
      });
      const current = main.querySelector(".question");
      if (current && url) current.classList.add("question--arrived");
    }

    const summary = main.querySelector(".error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus(); // its role="alert" says what is wrong
      return;
    }
    const heading = main.querySelector(".question__heading") || main.querySelector("h1");
    if (!heading) {
      main.focus();
      return;
    }
    heading.setAttribute("tabindex", "-1");
    reveal(added.length ? added[added.length - 1].querySelector(".bubble--answer") : null, heading);
    heading.focus({ preventScroll: true });
    const progress = main.querySelector("#progress");
    announce((progress ? words(progress) + ": " : "") + words(heading));
  }

  function pushAddress(address) {
    history.pushState({ surveyChat: true }, "", address);
    shownUrl = address;
  }

  // Scroll so the answer just given and the new question are both in view, if they fit;
  // otherwise the new question comes first.
  function reveal(answer, heading) {
    const behavior = reduceMotion && reduceMotion.matches ? "auto" : "smooth";
    const top = answer || heading;
    const fits =
      answer && heading.getBoundingClientRect().bottom - answer.getBoundingClientRect().top <
        window.innerHeight * 0.9;
    (fits ? top : heading.closest(".question") || heading).scrollIntoView({
      block: "start",
      behavior: behavior,
    });
  }
})();
