// The DOM half of Python's `display()` (runtime/python/pyscript/display.py renders values to
// text, markup or a script; this puts them in the page). One call from the main thread's
// Python, one request from a worker's (js/worker-host.js), however many values.

/**
 * Puts `items` (`[kind, payload]` pairs, kind "text", "script" or markup) into `target` (an
 * id, with or without "#", or an element; a `<script>` writes into its output element):
 * each in a `<div>` of its own after what is there, or, without `append`, in place of what
 * is there (the last value stays, as PyScript). Returns "" or why the target is unusable.
 */
export function place(target, items, append) {
  let element = target;
  if (typeof target === "string") {
    const id = target.startsWith("#") ? target.slice(1) : target;
    element = id ? document.getElementById(id) : null;
    if (!element) return `Cannot find element with id='${id}' in the page.`;
  } else if (!(element instanceof Element)) {
    return `display() target must be an element or its id, not ${String(target)}`;
  }
  if (element.tagName === "SCRIPT" && element.target != null) element = element.target;
  if (!append) element.replaceChildren();
  for (const [kind, payload] of items) {
    const node = nodeFor(kind, payload);
    if (append) {
      const wrapper = document.createElement("div");
      wrapper.append(node);
      element.append(wrapper);
    } else {
      element.replaceChildren(node);
    }
  }
  return "";
}

function nodeFor(kind, payload) {
  if (kind === "text") return document.createTextNode(payload);
  if (kind === "script") {
    const script = document.createElement("script");
    script.textContent = payload;
    return script;
  }
  // A contextual fragment, unlike innerHTML, lets the <script>s in the markup run.
  return document.createRange().createContextualFragment(payload);
}
