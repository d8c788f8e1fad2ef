//! Python errors that no script is waiting for (an exception in a task nobody awaits, in
//! an event handler): shown on the page and in the console, as a script's error is.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function report_error(text) {
    try {
        // The bootstrap takes the event (it cancels it) and shows its error box, which
        // also writes the console; without a bootstrap, the console alone.
        const event = new CustomEvent("pyscript-rs:error", { detail: text, cancelable: true });
        if (!globalThis.dispatchEvent(event)) return;
    } catch {}
    console.error(text);
}
"#)]
extern "C" {
    /// Shows `text` (a traceback) as the page shows a script's error.
    pub fn report_error(text: &str);
}
