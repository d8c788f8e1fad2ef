// The main thread's configuration, one per script type: a `<py-config>` element or the
// `config` attribute of the type's scripts, as inline JSON, inline TOML or a URL to either.

export class ConfigError extends Error {}

const CONFIG_URL = /^[^\s=\[\]{}]+\.([A-Za-z0-9]+)(\?\S*)?$/;

/**
 * Finds the configuration text for `type` ("py" or "mpy") on the main thread and returns
 * `{ text, format, url }`, or `null` when there is none. Conflicts throw a `ConfigError`.
 */
export async function findMainConfig(type) {
  const tags = [...document.querySelectorAll(`${type}-config`)];
  const attributes = [...document.querySelectorAll(`script[type="${type}"][config]:not([worker]), ${type}-script[config]:not([worker])`)]
    .map((element) => element.getAttribute("config"));
  if (tags.length > 1) throw new ConfigError(`(PY0409): Too many <${type}-config> elements: a page has at most one.`);
  if (tags.length && attributes.length) {
    throw new ConfigError(`(PY0409): Ambiguous <${type}-config> VS config attribute: use one of them.`);
  }
  if (new Set(attributes).size > 1) throw new ConfigError("(PY0409): Unable to use different configs on main");
  if (tags.length) return readConfigElement(tags[0]);
  if (attributes.length) return readConfigAttribute(attributes[0]);
  return null;
}

/**
 * Which snapshot an interpreter configured by `source` (from `findMainConfig`) starts from:
 * `true`, the build's (the default); `"page"`, the page's own when an earlier visit kept one
 * (js/page-snapshot.js), else the build's; `false` with `snapshot = false` (the interpreter
 * then starts afresh, with a hash secret of its own). Read here, before the interpreter that
 * parses the config exists: a JSON config's top-level key, or a TOML line before the first
 * table. Any other value is said on the console and taken as the default.
 */
export function wantedSnapshot(source) {
  if (typeof source?.text !== "string") return true;
  let value;
  if (source.format === "json") {
    try {
      value = JSON.parse(source.text)?.snapshot;
    } catch {
      return true; // the interpreter reports the broken config
    }
  } else {
    const topLevel = source.text.split(/^\s*\[/m)[0];
    const line = /^\s*snapshot\s*=\s*(.*?)\s*(#.*)?$/m.exec(topLevel);
    if (line) value = { false: false, true: true, '"page"': "page", "'page'": "page" }[line[1]] ?? line[1];
  }
  if (value === undefined || value === true || value === false || value === "page") return value ?? true;
  console.warn(`pyscript-rs: the config's "snapshot" is true, false or "page", not ${JSON.stringify(value)}: starting from the build's snapshot`);
  return true;
}

/** Checks a script that appeared later against the configuration already in use. */
export function checkLateConfig(element, inUse) {
  const value = element.getAttribute("config");
  if (value !== null && value !== inUse?.attribute) {
    throw new ConfigError("(PY0409): Unable to use different configs on main");
  }
}

async function readConfigElement(element) {
  const declared = element.getAttribute("type");
  if (element.hasAttribute("src")) {
    const url = new URL(element.getAttribute("src"), document.baseURI).href;
    const text = await fetchConfig(url);
    return { text, format: declared ?? formatOfUrl(url) ?? "toml", url };
  }
  const text = element.textContent;
  return { text, format: declared ?? formatOfText(text), url: document.baseURI };
}

/** Reads a `config` attribute's value: inline JSON or TOML, or the URL of a file. */
export async function readConfigAttribute(value) {
  const trimmed = value.trim();
  const urlMatch = CONFIG_URL.exec(trimmed);
  if (urlMatch && !trimmed.startsWith("{")) {
    const extension = urlMatch[1].toLowerCase();
    if (extension !== "json" && extension !== "toml") {
      throw new ConfigError(`(PY1000): Invalid URL: ${trimmed}\nexpected a .json or .toml file`);
    }
    const url = new URL(trimmed, document.baseURI).href;
    return { text: await fetchConfig(url), format: extension, url, attribute: value };
  }
  return { text: trimmed, format: formatOfText(trimmed), url: document.baseURI, attribute: value };
}

function formatOfText(text) {
  const trimmed = text.trim();
  return trimmed.startsWith("{") && trimmed.endsWith("}") ? "json" : "toml";
}

function formatOfUrl(url) {
  const extension = new URL(url).pathname.split(".").pop().toLowerCase();
  return extension === "json" || extension === "toml" ? extension : null;
}

async function fetchConfig(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ConfigError(`(PY1000): Invalid URL: ${url}\n${error.message}`);
  }
  if (!response.ok) throw new ConfigError(`(PY1000): Invalid URL: ${url}\n${response.status} ${response.statusText}`);
  return response.text();
}
