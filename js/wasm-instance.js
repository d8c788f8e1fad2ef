// Loads the runtime's WebAssembly: compiled once per page, instantiated again only when an
// instance has trapped (a Rust panic or a JS stack overflow leaves it unusable).

// `wasm-file.js` is written by scripts/build.sh: the wasm's name carries a hash of its content.
import { WASM_FILE } from "./wasm-file.js";

const glueUrl = new URL("./pyscript_runtime.js", import.meta.url);
const wasmUrl = new URL(`./${WASM_FILE}`, import.meta.url);

let compiled;
let firstGlue;
let instances = 0;

/**
 * Starts fetching and compiling the wasm module (streaming), and loading the JS glue of its
 * first instance beside it (the glue imports wasm-bindgen's snippet modules: a waterfall of
 * requests that would otherwise start only once the wasm is compiled); safe to call many times.
 */
export function compileRuntime() {
  firstGlue ??= import(glueUrl.href);
  compiled ??= (async () => {
    try {
      const module = await WebAssembly.compileStreaming(fetch(wasmUrl));
      performance.mark("pyscript-rs:wasm-compiled");
      return module;
    } catch {
      // A server that does not send `application/wasm` still works, only slower.
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`cannot load ${wasmUrl}: ${response.status} ${response.statusText}`);
      return WebAssembly.compile(await response.arrayBuffer());
    }
  })();
  return compiled;
}

/**
 * A fresh, initialised instance of the runtime's JS glue. Each call after the first imports
 * the glue under a new URL, because a glue module holds exactly one wasm instance.
 */
export async function instantiateRuntime() {
  const module = await compileRuntime();
  const glue = await (instances++ === 0 ? firstGlue : import(`${glueUrl.href}?instance=${instances}`));
  await glue.default({ module_or_path: module });
  performance.mark("pyscript-rs:wasm-instantiated");
  return glue;
}
