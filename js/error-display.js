// Errors are shown on the page, where a person looks, and in the console, where tools look.

let displayDisabled = false;

/** `plugins = ["!error"]` in a config turns the on-page display off (console output stays). */
export function disableErrorDisplay() {
  displayDisabled = true;
}

/** Shows `message` (a traceback or a bootstrap error) in a `.py-error` box at the end of
 * `<body>`, and in the console unless it is there already (`logged`). */
export function showError(message, { force = false, logged = false } = {}) {
  if (!logged) console.error(message);
  if (displayDisabled && !force) return;
  const box = document.createElement("div");
  box.className = "py-error";
  box.textContent = message;
  (document.body ?? document.documentElement ?? document).append(box);
}
