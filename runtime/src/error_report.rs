//! Python errors that no script is waiting for (an exception in a task nobody awaits, in
//! an event handler): shown on the page and in the console, as a script's error is.

/// Shows `text` (a traceback) as the page shows a script's error: the bootstrap takes the
/// `pyscript-rs:error` event and shows its error box, which also writes the console; without
/// a bootstrap, the console alone.
pub fn report_error(text: &str) {
    if !crate::host::dispatch("pyscript-rs:error", text) {
        crate::host::error(text);
    }
}
