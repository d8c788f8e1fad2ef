//! A Rust panic traps the whole wasm instance (wasm32 cannot unwind). Before it does, the
//! message goes to the console and to the bootstrap, which shows it on the page and starts
//! a fresh instance for later scripts.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("pyscript-rs internal error (the interpreter stopped): {info}");
        crate::host::error(&message);
        // Tells the page's bootstrap that this wasm instance is about to abort.
        crate::host::dispatch("pyscript-rs:panic", &message);
    }));
}
