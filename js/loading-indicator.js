// A small, unobtrusive "Loading ..." badge in a corner of the page, shown only when files,
// JS modules or packages take more than a moment to load; it reads PyScript's `py:progress`
// events. `plugins = ["!loading"]` in a config turns it off.

const DELAY_MS = 400;
let enabled = true;
let lastProgress = "Loading";
let badge = null;

addEventListener("py:progress", (event) => {
  lastProgress = String(event.detail);
  if (badge) badge.textContent = `${lastProgress}…`;
});

/** Turns the badge off for the rest of the page's life. */
export function disableLoadingIndicator() {
  enabled = false;
  badge?.remove();
  badge = null;
}

/** Shows the badge while `promise` is pending, if that lasts more than a moment. */
export async function whileLoading(promise) {
  const timer = setTimeout(() => {
    if (!enabled || badge) return;
    badge = document.createElement("div");
    badge.className = "py-loading";
    badge.setAttribute("role", "status");
    badge.textContent = `${lastProgress}…`;
    document.body?.append(badge);
  }, DELAY_MS);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
    badge?.remove();
    badge = null;
  }
}
