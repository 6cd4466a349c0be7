// For forms that keep a person's text (the journal's autosave): no inline script
// under the Content-Security-Policy, so this file is loaded by the page.
//
// 1. Warn before leaving a page whose form holds text not yet saved. A form marked
//    data-warn-unsaved counts as unsaved from the first input (or from the start,
//    when the page came back with text to fix: data-unsaved) until it is
//    submitted; a form that autosaves (htmx) also until an autosave answers that
//    everything on the page is saved (the Trellis-All-Saved response header) and
//    nothing was typed while it was on its way.
// 2. When an autosave answer replaces the part of the page that had focus, put
//    focus back on the same control if it is still there (a status's link),
//    else in that question's box (the comparison goes once the person chose which
//    answer to keep), rather than losing it to the page.
for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
  let unsaved = form.hasAttribute("data-unsaved");
  let typedSinceSent = false;
  let submitting = false;
  form.addEventListener("input", () => {
    unsaved = true;
    typedSinceSent = true;
  });
  form.addEventListener("submit", () => {
    submitting = true;
  });
  form.addEventListener("htmx:beforeRequest", () => {
    typedSinceSent = false;
  });
  form.addEventListener("htmx:afterRequest", (event) => {
    const xhr = event.detail.xhr;
    const allSaved =
      event.detail.successful && xhr.getResponseHeader("Trellis-All-Saved") === "true";
    if (allSaved && !typedSinceSent) unsaved = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved && !submitting) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the warning
    }
  });
}

// 3. When an autosave fails (static/js/htmx-errors.js writes "Not saved — trying
//    again" under the form and sends it again later), say so beside each box typed
//    in since the last save that arrived, in place of its "Saved at 10:42"; the
//    next answer that arrives writes each box's status afresh. The text stays in
//    the boxes and leaving still warns (1.) until a save arrives.
for (const form of document.querySelectorAll("form[data-retry]")) {
  const typed = new Set(); // question ids typed in since the last save that arrived
  let sent = new Set();
  const statusOf = (id) => document.getElementById(`status-${id}`);
  form.addEventListener("input", (event) => {
    const question = event.target.closest("[id^='question-']");
    if (question) typed.add(question.id.slice("question-".length));
  });
  form.addEventListener("htmx:beforeRequest", () => {
    sent = new Set(typed);
  });
  form.addEventListener("trellis:failed", (event) => {
    // The message htmx-errors.js has just written under the form, repeated by each box.
    const message = form.querySelector("#autosave-status .nhsuk-error-message");
    if (!message) return;
    for (const id of typed) {
      const status = statusOf(id);
      // A refused answer keeps its own message (and the flag the server reads).
      if (!status || status.querySelector("input[name^='problem']")) continue;
      status.replaceChildren(message.cloneNode(true));
      status.setAttribute("data-not-saved", "");
    }
  });
  form.addEventListener("htmx:beforeSwap", (event) => {
    if (!event.detail.shouldSwap) return;
    for (const id of sent) typed.delete(id);
    for (const status of form.querySelectorAll("[data-not-saved]")) {
      status.replaceChildren();
      status.removeAttribute("data-not-saved");
    }
  });
}

let focused = null; // {target, id, href} of the control that had focus, while it is swapped
document.addEventListener("htmx:oobBeforeSwap", (event) => {
  const target = event.detail.target;
  const active = document.activeElement;
  focused = target && active !== target && target.contains(active)
    ? { target, id: active.id, href: active.getAttribute("href") }
    : null;
});
document.addEventListener("htmx:oobAfterSwap", (event) => {
  if (!focused || event.detail.target !== focused.target) return;
  const { target, id, href } = focused;
  focused = null;
  if (document.activeElement && document.activeElement !== document.body) return;
  const same =
    (id && document.getElementById(id)) ||
    (href && target.querySelector(`a[href="${CSS.escape(href)}"]`));
  const question = target.closest("[id^='question-']");
  const box = question && question.querySelector("textarea, input:not([type='hidden'])");
  (same || box)?.focus();
});

// 4. Text the browser puts back into the boxes (going Back from an error page, or
//    reopening a closed tab) was never saved: each box whose text differs from what
//    the page was sent with counts as typed in, so it is autosaved, its status says
//    so, and leaving warns (1.) until a save arrives. Looked for on pageshow (htmx is
//    listening by then) and twice more shortly after, as a browser may put the text
//    back after the page is shown; a page shown again from the back-forward cache
//    kept its own state.
const putBack = new Set();
function lookForTextPutBack() {
  for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
    for (const box of form.querySelectorAll("textarea, input")) {
      const choice = box.type === "radio" || box.type === "checkbox";
      const restored = choice ? box.checked !== box.defaultChecked
        : box.type !== "hidden" && box.value !== box.defaultValue;
      if (restored && !putBack.has(box)) {
        putBack.add(box);
        box.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }
}
window.addEventListener("pageshow", (event) => {
  if (event.persisted) return;
  lookForTextPutBack();
  setTimeout(lookForTextPutBack, 300);
  setTimeout(lookForTextPutBack, 1500);
});
