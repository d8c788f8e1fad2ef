//! The `time` module's clocks on wasm32-unknown-unknown, where Rust's `SystemTime` and
//! `Instant` panic ("time not implemented on this platform"): wall time comes from
//! `Date.now()`, monotonic time from `performance.now()`.

use crate::host;
use rustpython_vm::{
    PyObjectRef, PyResult, VirtualMachine,
    builtins::PyStrRef,
    function::{ArgIntoFloat, FuncArgs, KwArgs},
};

/// A clock reading in milliseconds, or why the browser gave none.
type Clock = fn() -> Result<f64, String>;

/// `time.time()`'s clock, in seconds, for Python: a broken `Date.now()` is an `OSError`.
pub fn wall_seconds(vm: &VirtualMachine) -> PyResult<f64> {
    reading(host::now_ms, vm).map(|ms| ms / 1000.0)
}

/// The file system's clock (modification times), in seconds: it runs inside the file
/// system, so it never fails; without a working `Date.now()`, the epoch (each change still
/// moves the times forward, see `Vfs::change_time`).
pub fn file_clock() -> f64 {
    host::now_ms().map_or(0.0, |ms| ms / 1000.0)
}

fn reading(clock: Clock, vm: &VirtualMachine) -> PyResult<f64> {
    clock().map_err(|reason| vm.new_os_error(format!("the browser's clock failed: {reason}")))
}

#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    Nanoseconds,
}

/// The `time` functions to replace: name, clock (milliseconds), unit of the result. A page
/// has one thread of execution, so its process and thread time are its monotonic time.
const CLOCKS: [(&str, Clock, Unit); 10] = [
    ("time", host::now_ms, Unit::Seconds),
    ("time_ns", host::now_ms, Unit::Nanoseconds),
    ("monotonic", host::monotonic_ms, Unit::Seconds),
    ("monotonic_ns", host::monotonic_ms, Unit::Nanoseconds),
    ("perf_counter", host::monotonic_ms, Unit::Seconds),
    ("perf_counter_ns", host::monotonic_ms, Unit::Nanoseconds),
    ("process_time", host::monotonic_ms, Unit::Seconds),
    ("process_time_ns", host::monotonic_ms, Unit::Nanoseconds),
    ("thread_time", host::monotonic_ms, Unit::Seconds),
    ("thread_time_ns", host::monotonic_ms, Unit::Nanoseconds),
];

/// The `time` functions that reach the browser's clock and time zone through jiff, whose
/// calls into JS do not catch: each is tried first through the host (`checkZoneClock`).
const ZONED: [&str; 6] = [
    "gmtime",
    "localtime",
    "mktime",
    "asctime",
    "ctime",
    "strftime",
];

/// Replaces every clock of `time` (those that would panic, and `time()`, whose own
/// `Date.now()` call does not catch), and `sleep`.
pub fn install(vm: &VirtualMachine) -> PyResult<()> {
    let time = vm.import("time", 0)?;
    for (name, clock, unit) in CLOCKS {
        let reading = move |vm: &VirtualMachine| -> PyResult<PyObjectRef> {
            let ms = reading(clock, vm)?;
            Ok(match unit {
                Unit::Seconds => vm.ctx.new_float(ms / 1000.0).into(),
                Unit::Nanoseconds => vm.ctx.new_int((ms * 1_000_000.0) as i64).into(),
            })
        };
        time.set_attr(name, vm.new_function(name, reading), vm)?;
    }
    for name in ZONED {
        let original = time.get_attr(name, vm)?;
        let guarded = move |args: FuncArgs, vm: &VirtualMachine| -> PyResult {
            host::check_zone_clock().map_err(|reason| {
                vm.new_os_error(format!("the browser's clock failed: {reason}"))
            })?;
            original.call(args, vm)
        };
        time.set_attr(name, vm.new_function(name, guarded), vm)?;
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
    if host::block_for(seconds) {
        return Ok(());
    }
    let deadline = reading(host::monotonic_ms, vm)? + seconds * 1000.0;
    while reading(host::monotonic_ms, vm)? < deadline {
        std::hint::spin_loop();
    }
    Ok(())
}
