// `py-<event>="name"` and `mpy-<event>="name"` attributes: each one listens for <event> on
// its element and calls the function `name` of that interpreter's `__main__`, read when the
// event fires (never evaluated as code). Elements and attributes added, changed or removed
// later are followed.

/** Attributes with these prefixes that are not events. */
const NOT_EVENTS = new Set(["py-env", "mpy-env", "py-config", "mpy-config"]);

const handlers = new Map(); // type -> JS function (attribute, name, event) of its interpreter
const listening = new WeakMap(); // element -> Map(attribute name -> listener)
let observer = null;

const held = new Map(); // type -> elements disabled until that interpreter serves them

/** "py" or "mpy" for an event attribute (`py-click`), else null. */
function attributeType(attribute) {
  const dash = attribute.indexOf("-");
  if (dash <= 0 || dash === attribute.length - 1 || NOT_EVENTS.has(attribute)) return null;
  const type = attribute.slice(0, dash);
  return type === "py" || type === "mpy" ? type : null;
}

/** The type of an event attribute whose interpreter is serving them, else null. */
function typeOf(attribute) {
  const type = attributeType(attribute);
  return type !== null && handlers.has(type) ? type : null;
}

function wire(element, attribute) {
  const type = typeOf(attribute);
  if (type === null) return;
  let listeners = listening.get(element);
  if (!listeners) listening.set(element, (listeners = new Map()));
  const present = element.hasAttribute(attribute);
  const listener = listeners.get(attribute);
  if (present && !listener) {
    const event = attribute.slice(type.length + 1);
    const handle = (domEvent) => {
      const name = element.getAttribute(attribute);
      if (name !== null) handlers.get(type)(attribute, name, domEvent);
    };
    element.addEventListener(event, handle);
    listeners.set(attribute, handle);
  } else if (!present && listener) {
    element.removeEventListener(attribute.slice(type.length + 1), listener);
    listeners.delete(attribute);
  }
}

function wireTree(root) {
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
  const elements = root.nodeType === Node.ELEMENT_NODE ? [root, ...root.querySelectorAll("*")] : root.querySelectorAll("*");
  for (const element of elements) {
    for (const attribute of element.getAttributeNames()) wire(element, attribute);
    if (element.shadowRoot) wireTree(element.shadowRoot);
  }
}

function observe() {
  observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") wire(record.target, record.attributeName);
      else for (const node of record.addedNodes) wireTree(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * Disables the page's elements that have a `disabled` property and event attributes of one
 * of `types` (the script types on the page), until their interpreter serves them: a click
 * before Python is ready would otherwise be lost.
 */
export function holdEventElements(types) {
  if (types.size === 0) return;
  for (const element of document.querySelectorAll("*")) {
    if (!("disabled" in element) || element.disabled) continue;
    for (const attribute of element.getAttributeNames()) {
      const type = attributeType(attribute);
      if (!types.has(type) || handlers.has(type)) continue;
      element.disabled = true;
      if (!held.has(type)) held.set(type, []);
      held.get(type).push(element);
      break;
    }
  }
}

/**
 * Starts serving the `<type>-*` attributes of the page with `handler`, the function the
 * interpreter of `type` gives (`PythonInterpreter.eventAttributeHandler()`).
 */
export function serveEventAttributes(type, handler) {
  handlers.set(type, handler);
  if (!observer) observe();
  wireTree(document);
  releaseEventElements(type);
}

/** Enables again the elements held for `type` (served, or its interpreter failed). */
export function releaseEventElements(type) {
  for (const element of held.get(type) ?? []) element.disabled = false;
  held.delete(type);
}
