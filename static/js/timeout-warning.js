// The warning before an idle sign-out (WCAG 2.2.1; GOV.UK's and NHS.UK's timeout warning).
// Loaded by signed-in pages (templates/includes/timeout_warning.html, people/timeout.py).
//
// The dialog's data attributes say, in seconds:
//   data-seconds-left     how long the session has left as the page was served
//   data-idle-seconds     the whole idle time, renewed by "Stay signed in"
//   data-warning-seconds  how long before the end the dialog opens
//   data-renewed-seconds  what is left at least after any other request to the server
//                         (an autosave renews the session, to within a minute)
// The dialog opens as a modal (focus moves into it; its heading and the time left are
// announced), says the time left in words, changed once a minute for screen readers
// rather than every second. "Stay signed in" (or Escape) posts to data-extend-url; when
// the time runs out, the dialog's sign-out form is sent with reason=idle, and the sign-in
// page says why.
//
// Every tab of Trellis shares one session, so the tabs share when it ends (localStorage):
// a page loaded, an autosave or "Stay signed in" in one tab keeps an idle tab from
// warning about, or ending, a session that is in use elsewhere.

(function () {
  const dialog = document.getElementById("timeout-warning");
  if (!dialog || typeof dialog.showModal !== "function") return;

  const form = dialog.querySelector("[data-sign-out]");
  const timeLeft = dialog.querySelector("[data-time-left]");
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const renewed = Number(dialog.dataset.renewedSeconds) * 1000;
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
  let signingOut = false;
  const SHARED = "trellis-session-ends-at";

  function shared() {
    try {
      return Number(window.localStorage.getItem(SHARED)) || 0;
    } catch {
      return 0; // storage refused (a private window's settings): this tab counts alone
    }
  }

  function share(when) {
    try {
      if (when > shared()) window.localStorage.setItem(SHARED, String(when));
    } catch {
      // as above
    }
  }

  function inWords(milliseconds) {
    // Whole minutes, rounded up, so the words never promise less time than is left.
    const minutes = Math.max(1, Math.ceil(milliseconds / 60000));
    return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  }

  function signOut() {
    if (signingOut) return;
    signingOut = true;
    form.querySelector("[data-reason]").value = "idle";
    form.submit();
  }

  function tick() {
    endsAt = Math.max(endsAt, shared()); // renewed in another tab
    const left = endsAt - Date.now();
    if (left <= 0) {
      signOut();
      return;
    }
    if (left > warning) {
      if (dialog.open) dialog.close();
      return;
    }
    const words = inWords(left);
    // Changed only when the words change: the live region speaks once a minute.
    if (timeLeft.textContent !== words) timeLeft.textContent = words;
    if (!dialog.open) dialog.showModal();
  }

  async function staySignedIn() {
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    let answer;
    try {
      answer = await fetch(dialog.dataset.extendUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      });
    } catch {
      return; // no answer: the dialog stays open, the person can try again
    }
    if (answer.status === 204) {
      endsAt = Date.now() + idle; // the server has just renewed the whole idle time
      share(endsAt);
      dialog.close();
    } else {
      signOut(); // the session had already ended
    }
  }

  dialog.querySelector("[data-stay-signed-in]").addEventListener("click", staySignedIn);
  dialog.addEventListener("cancel", (event) => {
    // Escape means "stay signed in", as in GOV.UK's pattern, rather than a silent close.
    event.preventDefault();
    staySignedIn();
  });
  // Any other request to the server (an htmx autosave) renews the session too.
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful) {
      endsAt = Math.max(endsAt, Date.now() + renewed);
      share(endsAt);
    }
  });
  share(endsAt); // this page's request renewed the session
  setInterval(tick, 1000);
  tick();
})();
