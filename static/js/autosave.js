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
