// Work a page does not wait for (the common standard library file, a page's own snapshot):
// done once the browser has nothing else to do, or after 5 s at the latest.

/** Calls `callback` once the page is idle. */
export function whenIdle(callback) {
  if (globalThis.requestIdleCallback) requestIdleCallback(() => callback(), { timeout: 5000 });
  else setTimeout(callback, 1000);
}
