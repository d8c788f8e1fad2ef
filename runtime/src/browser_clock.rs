//! The `time` module's clocks on wasm32-unknown-unknown, where Rust's `SystemTime` and
//! `Instant` panic ("time not implemented on this platform"): wall time comes from
//! `Date.now()`, monotonic time from `performance.now()`.

use rustpython_vm::{
    PyObjectRef, PyResult, VirtualMachine,
    builtins::PyStrRef,
    function::{ArgIntoFloat, FuncArgs, KwArgs},
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function monotonic_ms() { return performance.now(); }
// A worker blocks in `Atomics.wait` (js/sync-channel.js); false where it cannot.
export function block_for(seconds) {
    try {
        if (typeof SharedArrayBuffer !== "function" || !globalThis.WorkerGlobalScope) return false;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
        return true;
    } catch {
        return false;
    }
}
"#)]
extern "C" {
    fn monotonic_ms() -> f64;
    fn block_for(seconds: f64) -> bool;
}

fn wall_ms() -> f64 {
    js_sys::Date::now()
}

/// A clock reading in milliseconds.
type Clock = fn() -> f64;

#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    Nanoseconds,
}

/// The `time` functions to replace: name, clock (milliseconds), unit of the result. A page
/// has one thread of execution, so its process and thread time are its monotonic time.
const CLOCKS: [(&str, Clock, Unit); 9] = [
    ("time_ns", wall_ms, Unit::Nanoseconds),
    ("monotonic", monotonic_ms, Unit::Seconds),
    ("monotonic_ns", monotonic_ms, Unit::Nanoseconds),
    ("perf_counter", monotonic_ms, Unit::Seconds),
    ("perf_counter_ns", monotonic_ms, Unit::Nanoseconds),
    ("process_time", monotonic_ms, Unit::Seconds),
    ("process_time_ns", monotonic_ms, Unit::Nanoseconds),
    ("thread_time", monotonic_ms, Unit::Seconds),
    ("thread_time_ns", monotonic_ms, Unit::Nanoseconds),
];

/// Replaces every clock of `time` that would panic, and `sleep`.
pub fn install(vm: &VirtualMachine) -> PyResult<()> {
    let time = vm.import("time", 0)?;
    for (name, clock, unit) in CLOCKS {
        let reading = move |vm: &VirtualMachine| -> PyObjectRef {
            let ms = clock();
            match unit {
                Unit::Seconds => vm.ctx.new_float(ms / 1000.0).into(),
                Unit::Nanoseconds => vm.ctx.new_int((ms * 1_000_000.0) as i64).into(),
            }
        };
        time.set_attr(name, vm.new_function(name, reading), vm)?;
    }
    time.set_attr("sleep", vm.new_function("sleep", sleep), vm)?;
    time.set_attr(
        "get_clock_info",
        vm.new_function("get_clock_info", get_clock_info),
        vm,
    )?;
    Ok(())
}

/// `time.get_clock_info(name)`, which asyncio's event loop reads: which browser clock
/// serves `name`, with the resolution browsers give it (performance.now() is coarsened to
/// 100 us without cross-origin isolation, 5 us with it).
fn get_clock_info(name: PyStrRef, vm: &VirtualMachine) -> PyResult {
    let (implementation, monotonic, adjustable, resolution) = match &*name.to_string_lossy() {
        "time" => ("Date.now()", false, true, 1e-3),
        "monotonic" | "perf_counter" | "process_time" | "thread_time" => {
            ("performance.now()", true, false, 1e-4)
        }
        _ => return Err(vm.new_value_error("unknown clock")),
    };
    let namespace = vm.import("types", 0)?.get_attr("SimpleNamespace", vm)?;
    let info = KwArgs::from_iter([
        (
            "implementation".to_owned(),
            vm.ctx.new_str(implementation).into(),
        ),
        ("monotonic".to_owned(), vm.ctx.new_bool(monotonic).into()),
        ("adjustable".to_owned(), vm.ctx.new_bool(adjustable).into()),
        ("resolution".to_owned(), vm.ctx.new_float(resolution).into()),
    ]);
    namespace.call(FuncArgs::new(Vec::<PyObjectRef>::new(), info), vm)
}

/// `time.sleep`: a worker blocks without using the CPU; the main thread cannot block on
/// anything, so it waits actively, as the page would in any synchronous loop (`await
/// asyncio.sleep()` is the way not to block).
fn sleep(seconds: ArgIntoFloat, vm: &VirtualMachine) -> PyResult<()> {
    let seconds = f64::from(seconds);
    if seconds.is_nan() {
        return Err(vm.new_value_error("Invalid value NaN (not a number)"));
    }
    if seconds < 0.0 {
        return Err(vm.new_value_error("sleep length must be non-negative"));
    }
    if block_for(seconds) {
        return Ok(());
    }
    let deadline = monotonic_ms() + seconds * 1000.0;
    while monotonic_ms() < deadline {
        std::hint::spin_loop();
    }
    Ok(())
}
