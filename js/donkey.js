// `donkey(options)`: a Python worker with a terminal, ready to run code sent from JS.
// `execute(code)` runs it, `evaluate(expression)` resolves to its value, `process(code)`
// runs it visibly (echoed in the terminal); `clear()`/`reset()` act on the terminal, `kill()`
// ends worker and terminal. A call made while another runs restarts the worker first.

import { dedent } from "./source.js";
import { PythonWorker } from "./worker-host.js";

// The worker's program; `PERSISTENT` is prepended. An error prints in red as `Name: message`
// and the call resolves to `undefined`.
const PROGRAM = `
import sys

__locals__ = {}


def __error__(error):
    print(f"\\x1b[31;1m{type(error).__name__}: {error}\\x1b[0m", file=sys.stderr)


def __scope__():
    if PERSISTENT:
        return globals(), __locals__
    return {"__name__": "__main__", "__terminal__": __terminal__}, {}


def execute(code):
    try:
        exec(code, *__scope__())
    except BaseException as error:
        __error__(error)


def evaluate(code):
    try:
        return eval(code, *__scope__())
    except BaseException as error:
        __error__(error)


def process(code):
    lines = code.rstrip("\\n").split("\\n")
    for index, line in enumerate(lines):
        print((">>> " if index == 0 or not line[:1].isspace() else "... ") + line)
    execute(code)


__export__ = ["execute", "evaluate", "process"]
`;

const TYPES = { py: "py", mpy: "mpy", pyodide: "py", micropython: "mpy" };

/**
 * Starts the donkey. `openTerminal(container)` opens a terminal (js/terminal.js);
 * `resolveConfig(config, type)` turns the `config` option into what a worker takes.
 */
export function donkey({ type = "py", persistent = false, terminal = "", config = {} } = {}, { openTerminal, resolveConfig }) {
  const scriptType = TYPES[type];
  if (!scriptType) throw new TypeError(`unknown donkey type '${type}': expected 'py' or 'mpy'`);
  let container = terminal ? document.querySelector(terminal) : null;
  if (!container) {
    container = document.createElement("div");
    container.className = "pyscript-donkey";
    document.body.append(container);
  }
  let current = null; // { worker, opened, exports, busy }

  const start = () => {
    container.replaceChildren();
    const opened = openTerminal(container);
    // The terminal's element holds it, as a `terminal` script's element does.
    opened.then(({ terminal }) => (container.terminal = terminal));
    const worker = new PythonWorker(null, {
      type: scriptType,
      config: resolveConfig(config, scriptType),
      code: `PERSISTENT = ${persistent ? "True" : "False"}\n${PROGRAM}`,
      filename: "<donkey>",
      terminal: opened,
      events: { done: (error) => error && console.error(error), error: (error) => console.error(error) },
    });
    current = { worker, opened, exports: worker.ready, busy: false };
    return current;
  };

  const stop = () => {
    if (!current) return;
    current.worker.terminate();
    // xterm.js removes its own element; the container may already hold the next terminal.
    current.opened.then(({ terminal }) => terminal.dispose());
    current = null;
  };

  /** Calls the worker's `name` with dedented `code`; restarts a busy worker first. */
  const task = (name) => async (code) => {
    if (current?.busy) stop();
    const running = current ?? start();
    running.busy = true;
    try {
      const exports = await running.exports;
      return await exports[name](dedent(String(code)));
    } catch (error) {
      console.error(error);
      return undefined;
    } finally {
      running.busy = false;
    }
  };

  const onTerminal = (action) => async () => {
    if (current?.busy) {
      stop();
      start();
    }
    const { terminal } = await (current ?? start()).opened;
    terminal[action]();
  };

  start();
  const members = {
    process: task("process"),
    execute: task("execute"),
    evaluate: task("evaluate"),
    clear: onTerminal("clear"),
    reset: onTerminal("reset"),
    kill: async () => stop(),
  };
  // Awaitable (upstream awaits the result) and destructurable (the spec does): awaiting it
  // gives a twin without `then`, once the worker is ready.
  return {
    ...members,
    then(resolve, reject) {
      return Promise.resolve(current?.exports)
        .then(() => ({ ...members }))
        .then(resolve, reject);
    },
  };
}
