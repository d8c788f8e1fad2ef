// The browser half of `pyscript.fs`: a directory handle from the File System Access API
// (picked by the user, or remembered), and the reads and writes `fs.mount`/`fs.sync` make
// through it. The Python half (runtime/python/pyscript/fs.py) keeps the mounted copy in the
// in-memory file system.
//
// Handles are remembered as PyScript remembers them (database `IDBMap/@pyscript.fs`, object
// store `entries`, key `<path>@<id>`, value `{ handler, options }`), so a page that swaps
// core.js keeps its granted folders.
//
// Failures the user causes or the browser lacks come back as `{ refused }` or `{ missing }`
// (a message), not as exceptions: Python raises PermissionError or NotImplementedError.

import { createStore, promisifyRequest } from "./vendor/idb-keyval.js";

const handles = createStore("IDBMap/@pyscript.fs", "entries");

const remembered = (key) => handles("readonly", (store) => promisifyRequest(store.get(key)));

function remember(key, details) {
  return handles("readwrite", (store) => {
    store.put(details, key);
    return promisifyRequest(store.transaction);
  });
}

/** Forgets the handle of `key`; resolves to whether there was one. */
export async function forget(key) {
  if ((await remembered(key)) === undefined) return false;
  await handles("readwrite", (store) => {
    store.delete(key);
    return promisifyRequest(store.transaction);
  });
  return true;
}

/**
 * Resolves once the page has a transient user activation: at once after a click or a key,
 * else after the user presses "Allow" in a small dialog (rejects on "Cancel"). Pickers and
 * permission prompts need one.
 */
function userActivation(path) {
  if (navigator.userActivation?.isActive) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const dialog = document.createElement("dialog");
    dialog.className = "pyscript-fs";
    const title = document.createElement("strong");
    title.textContent = "Access to a local folder";
    const text = document.createElement("p");
    text.textContent = `This page asks for a folder of your computer, to use at ${path}.`;
    const allow = Object.assign(document.createElement("button"), { textContent: "Choose a folder", value: "allow" });
    const cancel = Object.assign(document.createElement("button"), { textContent: "Cancel", value: "cancel" });
    const buttons = document.createElement("div");
    buttons.append(allow, cancel);
    dialog.append(title, text, buttons);
    const answer = (event) => {
      event.preventDefault();
      dialog.close();
      dialog.remove();
      if (event.currentTarget === allow) resolve();
      else reject(new Error("the user cancelled"));
    };
    allow.addEventListener("click", answer);
    cancel.addEventListener("click", answer);
    dialog.addEventListener("cancel", answer); // Escape
    document.body.append(dialog);
    dialog.showModal();
  });
}

const outcome = (fields) => ({ handle: null, refused: null, missing: null, ...fields });

/**
 * The directory handle for `key` (`<path>@<id>`), with permission for `options.mode`:
 * the remembered one if still granted (or granted again), else one the user picks.
 * Resolves to `{ handle, refused, missing }`: a handle, or why not (the others null).
 */
export async function directoryHandle(key, path, options) {
  if (typeof globalThis.showDirectoryPicker !== "function") {
    return outcome({ missing: "the File System Access API (window.showDirectoryPicker)" });
  }
  const permission = { mode: options.mode };
  const stored = await remembered(key);
  try {
    if (stored && (await stored.handler.queryPermission(permission)) === "granted") return outcome({ handle: stored.handler });
    await userActivation(path);
    if (stored && (await stored.handler.requestPermission(permission)) === "granted") return outcome({ handle: stored.handler });
    const handle = await globalThis.showDirectoryPicker(options);
    if ((await handle.requestPermission(permission)) !== "granted") {
      return outcome({ refused: `${options.mode} access was not granted` });
    }
    await remember(key, { handler: handle, options });
    return outcome({ handle });
  } catch (error) {
    return outcome({ refused: error?.name === "AbortError" ? "the user cancelled" : String(error?.message ?? error) });
  }
}

/** Every entry under `directory`: `[relativePath, isDirectory, bytes, lastModifiedMs]`,
 * parents before children. */
export async function readTree(directory) {
  const entries = [];
  const walk = async (handle, prefix) => {
    for await (const [name, child] of handle.entries()) {
      const path = prefix + name;
      if (child.kind === "directory") {
        entries.push([path, true, null, 0]);
        await walk(child, `${path}/`);
      } else {
        const file = await child.getFile();
        entries.push([path, false, new Uint8Array(await file.arrayBuffer()), file.lastModified]);
      }
    }
  };
  await walk(directory, "");
  return entries;
}

/** The directory that holds `path` (relative, `/`-separated) and the last name in it. */
async function parentOf(root, path, create) {
  const names = path.split("/");
  const last = names.pop();
  let directory = root;
  for (const name of names) directory = await directory.getDirectoryHandle(name, { create });
  return [directory, last];
}

export async function makeDirectory(root, path) {
  const [parent, name] = await parentOf(root, path, true);
  await parent.getDirectoryHandle(name, { create: true });
}

export async function writeFile(root, path, bytes) {
  const [parent, name] = await parentOf(root, path, true);
  const file = await parent.getFileHandle(name, { create: true });
  const writable = await file.createWritable();
  try {
    await writable.write(bytes);
  } catch (error) {
    await writable.abort(); // the file keeps its old content
    throw error;
  }
  await writable.close();
}

/** Removes the file or directory (with its content) at `path`; one already gone is fine. */
export async function remove(root, path) {
  try {
    const [parent, name] = await parentOf(root, path, false);
    await parent.removeEntry(name, { recursive: true });
  } catch (error) {
    if (error?.name !== "NotFoundError") throw error;
  }
}
