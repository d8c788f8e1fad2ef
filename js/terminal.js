// The `terminal` attribute's terminal: xterm.js with the xterm-readline addon (line editing
// and history for `input()` in a worker). Bundled on its own as dist/terminal.js and loaded
// only by pages that have a terminal.

import { Terminal } from "@xterm/xterm";
import { Readline } from "xterm-readline";

let stylesheet = null;

function addStylesheet() {
  if (stylesheet) return stylesheet;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./vendor/xterm.css", import.meta.url).href;
  stylesheet = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  document.head.append(link);
  return stylesheet;
}

/**
 * Opens a terminal in `container`. `interactive`: whether it reads input (a worker's; the
 * main thread's only shows output). Resolves to `{ terminal, write(text), read(prompt) }`:
 * `terminal` is the xterm.js `Terminal` (Python's `__terminal__`), `read` resolves with the
 * line typed after `prompt`.
 */
export async function openTerminal(container, { interactive }) {
  await addStylesheet();
  const terminal = new Terminal({ convertEol: true, disableStdin: !interactive, rows: 16, scrollback: 10000 });
  const readline = new Readline();
  terminal.loadAddon(readline);
  terminal.open(container);
  return {
    terminal,
    write: (text) => readline.write(String(text)),
    read: (prompt) => {
      terminal.focus();
      return readline.read(String(prompt ?? ""));
    },
  };
}
