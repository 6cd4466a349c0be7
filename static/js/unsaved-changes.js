// Warns before leaving a page whose form holds text not yet saved.
// A form marked data-warn-unsaved counts as unsaved from the first input (or from
// the start, when the page came back with text to fix: data-unsaved) until it is
// submitted; a form that autosaves (htmx) also until an autosave answers that
// everything on the page is saved (the Trellis-All-Saved response header) and
// nothing was typed while it was on its way.
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
    const allSaved = event.detail.successful && xhr.getResponseHeader("Trellis-All-Saved") === "true";
    if (allSaved && !typedSinceSent) unsaved = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved && !submitting) {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the warning
    }
  });
}
