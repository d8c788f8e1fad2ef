// `<script type="py-editor">` and `mpy-editor`, as PyScript 0.7's plugin has them: the
// script's code in a code editor (dist/codemirror.js, loaded only by pages with an editor),
// a run button (and Shift/Ctrl/Cmd+Enter), and the output of each run below the editor.
// Each environment (`env`, else one per editor) is a Python worker (js/worker-host.js in its
// editor mode) started at its first run; a `setup` editor is not shown and runs first; the
// button of a running editor stops it, ending its environment's worker. A page may see and
// cancel each run (`script.handleEvent`) and run code before it (`onbeforerun`).

import { readConfigAttribute } from "./config.js";
import { dedent } from "./source.js";
import { PythonWorker } from "./worker-host.js";

export const EDITOR_SELECTOR = 'script[type="py-editor"], script[type="mpy-editor"]';

/** The run and stop buttons' icons. As in PyScript, a script's `data-run` and `data-stop`
 * (HTML) replace them for its editor and for the editors set up after it. */
const icons = {
  run: '<svg style="height:24px;width:24px" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M8 6.5v11l9-5.5z" fill="#464646"/></svg>',
  stop: '<svg style="height:24px;width:24px" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M7 7h10v10H7z" fill="#464646"/></svg>',
};

let ids = 0;
const nextId = (type) => `${type}-editor-${ids++}`;

/** type-env -> its environment; type-env -> whether an editor with a `config` declared it. */
const environments = new Map();
const declaredConfigs = new Map();
let codemirror = null;
let page = null; // what core.js lends: { report, openTerminal }

/** Starts the editors of `root` and, with `services` (core.js: `report(error)`,
 * `openTerminal(container)`), remembers those for the editors added later. */
export function startEditors(root, services) {
  page ??= services;
  let queue = Promise.resolve();
  for (const script of root.querySelectorAll(EDITOR_SELECTOR)) {
    // As PyScript: the type marks an editor as started, at once, so that no later search
    // (a script added while this one waits for CodeMirror) starts it again.
    const type = script.getAttribute("type").split("-")[0];
    script.setAttribute("type", `${type}-editor-active`);
    queue = queue.then(() => addEditor(script, type));
  }
  return queue;
}

/** One environment: its worker, started on first use, and its runs, one after another. */
class Environment {
  constructor(key, type, { config, terminalContainer }) {
    this.key = key;
    this.type = type;
    this.config = config;
    this.terminalContainer = terminalContainer;
    this.setups = [];
    this.worker = null;
    this.queue = Promise.resolve();
    this.output = null; // the output element of the run in progress
  }

  start() {
    if (this.worker) return this.worker;
    // One terminal for the environment's life: a new worker after a stop writes on.
    if (this.terminalContainer) this.terminal ??= page.openTerminal(this.terminalContainer);
    const terminal = this.terminal ?? null;
    this.worker = new PythonWorker(null, {
      type: this.type,
      config: this.config ? readConfigAttribute(this.config) : null,
      editor: true,
      terminal,
      events: {
        output: (stream, text) => this.write(stream, text),
        error: (error) => this.write("stderr", `${error}\n`),
      },
    });
    // A new worker (at first, or after a stop) runs the setup editors' code again first.
    for (const setup of this.setups) this.enqueue(setup, null).catch((error) => page.report(error));
    return this.worker;
  }

  /** Runs `code` after the runs before it; output goes to `output` (null: the console). */
  enqueue({ code, filename }, output) {
    const worker = this.start();
    const run = this.queue.then(() => {
      this.output = output;
      return worker.run(code, { filename, targetId: output?.id ?? "" });
    });
    this.queue = run.catch(() => {});
    return run;
  }

  write(stream, text) {
    if (!this.output) {
      if (stream === "stderr") console.error(text);
      else console.log(text);
      return;
    }
    if (stream === "stderr") appendError(this.output, text);
    else this.output.append(text);
  }

  /** Ends the worker, in the middle of a run too; the next run starts a new one. */
  stop() {
    this.worker?.terminate();
    this.worker = null;
    this.queue = Promise.resolve();
  }
}

function appendError(output, text) {
  const span = document.createElement("span");
  span.style.color = "red";
  span.textContent = text;
  output.append(span);
}

/** The environment `key`, made for `script` (its config, its terminal) if it is the first. */
function environmentFor(key, type, script, output) {
  if (!environments.has(key)) {
    environments.set(key, new Environment(key, type, {
      config: script.getAttribute("config"),
      terminalContainer: script.hasAttribute("terminal") ? output : null,
    }));
  }
  return environments.get(key);
}

/** Checks a `config` against the environment's (PyScript's rules): one config per
 * environment, declared by its first editor, unless `env-override` starts it anew. */
function checkConfig(script, key) {
  const hasConfig = script.hasAttribute("config");
  if (hasConfig && declaredConfigs.has(key)) {
    if (!script.hasAttribute("env-override")) {
      throw new SyntaxError(declaredConfigs.get(key) ? `duplicated config for env: ${key}` : `unable to add a config to the env: ${key}`);
    }
    environments.get(key)?.stop();
    environments.delete(key);
  }
  declaredConfigs.set(key, hasConfig);
}

async function sourceOf(script) {
  const src = script.getAttribute("src");
  if (src === null) return dedent(script.textContent).trim();
  const response = await fetch(new URL(src, document.baseURI));
  if (!response.ok) throw new Error(`(PY0404): Failed to fetch ${src}: ${response.status} ${response.statusText}`);
  return dedent(await response.text()).trim();
}

async function addEditor(script, type) {
  try {
    const key = `${type}-${script.getAttribute("env") || nextId(type)}`;
    checkConfig(script, key);
    const filename = `<${type}-editor ${key}>`;
    let source = await sourceOf(script);
    if (script.hasAttribute("setup")) {
      const environment = environmentFor(key, type, script, null);
      const setup = { code: source, filename };
      environment.setups.push(setup);
      if (environment.worker) environment.enqueue(setup, null).catch((error) => page.report(error));
      else environment.start();
      Object.defineProperty(script, "code", { get: () => source, configurable: true });
      script.dispatchEvent(new Event(`${type}-editor`, { bubbles: true }));
      return;
    }
    codemirror ??= import(new URL("./codemirror.js", import.meta.url).href).catch((error) => {
      codemirror = null; // the next editor tries again
      throw error;
    });
    const editor = await showEditor(script, type, key, source, await codemirror);
    Object.defineProperties(script, {
      code: {
        get: () => editor.view.state.doc.toString(),
        set: (text) => editor.view.dispatch({ changes: { from: 0, to: editor.view.state.doc.length, insert: String(text) } }),
        configurable: true,
      },
      target: { get: () => editor.target, configurable: true },
      // PyScript's way for a page to see (and cancel) each run: a function of the event.
      handleEvent: {
        get: () => editor.override ?? editor.run,
        set: (callback) => {
          editor.override = callback === editor.run || typeof callback !== "function" ? null : callback;
        },
        configurable: true,
      },
      process: {
        value: (code, asRunButtonAction = false) =>
          asRunButtonAction ? editor.run() : environmentFor(key, type, script, editor.output).enqueue({ code, filename }, null),
        configurable: true,
      },
    });
    script.dispatchEvent(new Event(`${type}-editor`, { bubbles: true }));
  } catch (error) {
    page.report(error);
  }
}

/** Makes the editor's elements after `script` (or in its `target`) and its code editor. */
function showEditor(script, type, key, source, { EditorView, basicSetup, python, indentUnit, keymap, indentWithTab }) {
  const selector = script.getAttribute("target");
  let target;
  if (selector) {
    target = document.getElementById(selector) ?? document.querySelector(selector);
    if (!target) throw new Error(`Unknown target ${selector}`);
  } else {
    target = document.createElement(`${type}-editor`);
    target.style.display = "block";
    script.after(target);
  }
  if (!target.id) target.id = nextId(type);

  const box = document.createElement("div");
  box.className = `${type}-editor-box`;
  box.dataset.env = script.hasAttribute("env") ? key : type;
  const input = document.createElement("div");
  input.className = `${type}-editor-input`;
  input.setAttribute("aria-label", "Python Script Area");
  const button = document.createElement("button");
  button.type = "button";
  button.className = `absolute ${type}-editor-run-button`;
  button.setAttribute("aria-label", "Python Script Run Button");
  if (script.dataset.run) icons.run = script.dataset.run;
  if (script.dataset.stop) icons.stop = script.dataset.stop;
  const { run: runIcon, stop: stopIcon } = icons;
  button.innerHTML = runIcon;
  const host = document.createElement("div");
  // Keys typed in the editor are the editor's (a page's own shortcuts stay out of them).
  host.addEventListener("keydown", (event) => event.stopPropagation());
  input.append(button, host);
  const outputId = script.getAttribute("output");
  const output = outputId ? document.getElementById(outputId) : document.createElement("div");
  if (!output) throw new Error(`Unknown output ${outputId}`);
  output.classList.add(`${type}-editor-output`);
  if (!output.id) output.id = `${nextId(type)}-output`;
  box.append(input);
  if (!outputId) box.append(output);
  target.append(box);

  const shadow = host.attachShadow({ mode: "open" });
  const rows = Number.parseInt(script.getAttribute("rows") ?? "", 10);
  const styles = [":host { all: initial; }"];
  if (rows > 0) styles.push(`.cm-editor { max-height: ${Math.floor(rows * 18.5)}px; min-height: ${Math.floor(3 * 18.5)}px; }`);
  shadow.innerHTML = `<style>${styles.join("\n")}</style>`;

  const editor = { target, output, view: null, running: false, override: null, overriding: false };
  /** A run, from the button (`event` is its click) or `process(code, true)`. */
  editor.run = async (event = new Event("click")) => {
    const environment = environmentFor(key, type, script, output);
    if (editor.running) {
      if (confirm("Stop evaluating this code?")) environment.stop();
      return;
    }
    // A page's own `script.handleEvent` sees the run first, with the code: `false` cancels it.
    if (editor.override && !editor.overriding) {
      Object.defineProperty(event, "code", { value: editor.view.state.doc.toString(), configurable: true });
      editor.overriding = true; // an override that calls the handler it replaced runs the code
      try {
        if ((await editor.override(event)) === false) return;
      } catch (error) {
        page.report(error);
        return;
      } finally {
        editor.overriding = false;
      }
    }
    // Read after the override, which may have set `script.code`.
    const code = editor.view.state.doc.toString();
    editor.running = true;
    button.classList.add("running");
    button.innerHTML = stopIcon;
    // A terminal keeps what earlier runs wrote, as a terminal does.
    if (environment.terminalContainer !== output) output.replaceChildren();
    let worker = null;
    try {
      worker = environment.start();
      // `onbeforerun`: Python run in the environment before each run of the editor's code.
      const before = script.getAttribute("onbeforerun");
      if (before) await environment.enqueue({ code: before, filename: `<${type}-editor ${target.id} onbeforerun>` }, output);
      await environment.enqueue({ code, filename: `<${type}-editor ${target.id}>` }, output);
    } catch (error) {
      // A run stopped with the button ends without a word; an error shows its traceback.
      if (!worker?.terminated) appendError(output, `${error?.message ?? error}\n`);
    } finally {
      editor.running = false;
      button.classList.remove("running");
      button.innerHTML = runIcon;
      // PyScript's name, for both types.
      script.dispatchEvent(new Event("py-editor:done", { bubbles: true }));
    }
  };
  button.addEventListener("click", (event) => {
    button.blur();
    editor.run(event);
  });
  // The keys click the button, as in PyScript: a `handleEvent` override sees a click.
  const runKey = () => {
    button.click();
    return true;
  };
  const indentation = /^([ \t]+)/m.exec(source)?.[1] ?? "    ";
  editor.view = new EditorView({
    doc: source,
    parent: shadow,
    extensions: [
      indentUnit.of(indentation),
      python(),
      keymap.of([
        { key: "Shift-Enter", run: runKey, preventDefault: true },
        { key: "Ctrl-Enter", run: runKey, preventDefault: true },
        { key: "Cmd-Enter", run: runKey, preventDefault: true },
        indentWithTab,
      ]),
      basicSetup,
    ],
  });
  return editor;
}
