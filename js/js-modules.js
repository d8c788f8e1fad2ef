// Config `js_modules.main = { url: name }`: each module is imported before the first script of
// the interpreter runs, so `from pyscript.js_modules import name` (synchronous, as Python
// imports are) finds it; a CSS URL becomes a stylesheet instead. A module that fails to load
// is reported when Python first uses it.

/**
 * Loads the modules of `table` (`{ url: name }`), URLs relative to `baseUrl`, with
 * `importModule` (a worker imports `js_modules.main` on the main thread, as PyScript does).
 * Resolves to `{ modules: { name: namespace }, failures: { name: message } }`.
 */
export async function loadJsModules(table, baseUrl, importModule = (url) => import(url)) {
  const modules = {};
  const failures = {};
  const entries = Object.entries(table ?? {});
  if (entries.length === 0) return { modules, failures };
  dispatchEvent(new CustomEvent("py:progress", { detail: "Loading JS modules" }));
  await Promise.all(
    entries.map(async ([url, name]) => {
      let absolute;
      try {
        absolute = new URL(url, baseUrl);
      } catch {
        failures[name] = `invalid URL '${url}'`;
        return;
      }
      if (absolute.pathname.endsWith(".css")) {
        // A stylesheet is the page's: a worker has none to add it to.
        if (typeof document === "undefined") return;
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = absolute.href;
        // Scripts start once the styles apply (a failed stylesheet does not stop them).
        const settled = new Promise((resolve) => {
          link.addEventListener("load", resolve, { once: true });
          link.addEventListener("error", resolve, { once: true });
        });
        document.head.append(link);
        await settled;
        return;
      }
      try {
        modules[name] = await importModule(absolute.href);
      } catch (error) {
        failures[name] = `${absolute.href}: ${error?.name ?? "Error"}: ${error?.message ?? error}`;
      }
    }),
  );
  dispatchEvent(new CustomEvent("py:progress", { detail: "Loaded JS modules" }));
  return { modules, failures };
}
