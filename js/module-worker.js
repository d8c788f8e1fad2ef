// Starts the module workers of dist/ (a Python worker, the page-snapshot worker) also when
// dist/ is on another origin than the page, as when core.js comes from a CDN that mirrors
// npm: a browser refuses `new Worker` on another origin's URL, but a worker made from a
// same-origin blob may import that URL (the CDN sends CORS headers, as it must for core.js).

/** A module worker running the module at `url`, with `options` (a `name`). */
export function moduleWorker(url, options = {}) {
  const href = new URL(url).href;
  if (new URL(href).origin === location.origin) return new Worker(href, { ...options, type: "module" });
  const loader = new Blob([`import ${JSON.stringify(href)};\n`], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(loader);
  try {
    return new Worker(blobUrl, { ...options, type: "module" });
  } finally {
    // The worker has its script's URL once constructed; the blob can go at its first task.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 0);
  }
}
