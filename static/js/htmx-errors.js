// One answer for every htmx request that fails (loaded by every page; no inline
// script under the Content-Security-Policy). htmx swaps nothing for an error
// answer (4xx, 5xx) or a request that never arrived, so without this the page
// would go on showing what it said before, such as "Saved at 10:42".
//
// The element that sent the request says how to tell the person:
//   data-error-status="#id"   where the message goes (else a message is placed
//                             right after the element)
//   data-error-message="…"    what it says (else a general message)
//   data-retry                send again with a growing wait (2, 4, 8 … 60 s) while
//                             the server is unavailable (5xx, 408, 429, no answer);
//                             the element lists "retry" among its hx-trigger events
//   data-retry-message="…"    what it says meanwhile
// A success takes the message away (or the answer replaces it) and resets the wait.
// Each failure is also announced on the element as "trellis:failed" ({retrying}).

const FIRST_WAIT = 2; // seconds
const LONGEST_WAIT = 60;
const GENERAL = "Sorry, there is a problem with the service. Try again later.";
const waits = new WeakMap(); // element -> {seconds, timer} while retrying
const placed = new WeakMap(); // element -> the message placed after it

function errorMessage(text) {
  const message = document.createElement("span");
  message.className = "nhsuk-error-message nhsuk-u-margin-bottom-0";
  const hidden = document.createElement("span");
  hidden.className = "nhsuk-u-visually-hidden";
  hidden.textContent = "Error:";
  message.append(hidden, " " + text);
  return message;
}

function statusFor(elt) {
  const selector = elt.getAttribute("data-error-status");
  const named = selector && document.querySelector(selector);
  if (named) return named;
  let status = placed.get(elt);
  if (!status || !status.isConnected) {
    status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "nhsuk-body-s";
    elt.after(status);
    placed.set(elt, status);
  }
  return status;
}

function canRetry(elt, code) {
  const unavailable = code === 0 || code >= 500 || code === 408 || code === 429;
  return elt.hasAttribute("data-retry") && unavailable;
}

function failed(event) {
  const elt = event.detail.elt;
  if (!elt || !elt.isConnected) return;
  const code = event.detail.xhr ? event.detail.xhr.status : 0;
  const retrying = canRetry(elt, code);
  const text = retrying
    ? elt.getAttribute("data-retry-message") || "Sorry, there is a problem with the service. Trying again."
    : elt.getAttribute("data-error-message") || GENERAL;
  statusFor(elt).replaceChildren(errorMessage(text));
  elt.dispatchEvent(new CustomEvent("trellis:failed", { bubbles: true, detail: { retrying } }));
  if (!retrying) return;
  const wait = waits.get(elt) || { seconds: FIRST_WAIT / 2, timer: null };
  clearTimeout(wait.timer);
  wait.seconds = Math.min(wait.seconds * 2, LONGEST_WAIT);
  wait.timer = setTimeout(() => elt.dispatchEvent(new Event("retry")), wait.seconds * 1000);
  waits.set(elt, wait);
}

document.addEventListener("htmx:responseError", failed);
document.addEventListener("htmx:sendError", failed);
document.addEventListener("htmx:timeout", failed);
document.addEventListener("htmx:afterRequest", (event) => {
  if (!event.detail.successful) return;
  const elt = event.detail.elt;
  const wait = waits.get(elt);
  if (wait) clearTimeout(wait.timer);
  waits.delete(elt);
  placed.get(elt)?.remove();
  placed.delete(elt);
});
