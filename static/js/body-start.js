// Runs first thing in <body>: marks JavaScript as available so NHS.UK
// components style themselves before they are initialised (no inline script
// under the Content-Security-Policy).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
