//! The runtime's wasm API in headless Chromium (wasm-bindgen-test): interpreters, config,
//! runs, the error contract with core.js, and the bridge seen from the JS side.

use js_sys::{Reflect, global};
use pyscript_runtime::PythonInterpreter;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn global_property(name: &str) -> JsValue {
    Reflect::get(&global(), &JsValue::from_str(name)).unwrap()
}

fn run(interpreter: &PythonInterpreter, code: &str) {
    if let Err(error) = interpreter.run(code, "<test>", "") {
        panic!(
            "Python failed: {}",
            error.unchecked_into::<js_sys::Error>().message()
        );
    }
}

#[wasm_bindgen_test]
fn python_reads_and_writes_js_globals() {
    let interpreter = PythonInterpreter::new("py").unwrap();
    run(
        &interpreter,
        "import js\njs.fromPython = [1, 2.5, 'three', None, True]",
    );
    let value: js_sys::Array = global_property("fromPython").unchecked_into();
    assert_eq!(value.length(), 5);
    assert_eq!(value.get(0).as_f64(), Some(1.0));
    assert_eq!(value.get(2).as_string().as_deref(), Some("three"));
    assert!(value.get(3).is_undefined());
    assert_eq!(value.get(4).as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn scripts_of_one_interpreter_share_globals_but_interpreters_do_not() {
    let py = PythonInterpreter::new("py").unwrap();
    let mpy = PythonInterpreter::new("mpy").unwrap();
    run(&py, "shared = 'py value'");
    run(&mpy, "import js\njs.seenByMpy = 'shared' in globals()");
    run(&py, "import js\njs.seenByPy = shared");
    assert_eq!(global_property("seenByMpy").as_bool(), Some(false));
    assert_eq!(
        global_property("seenByPy").as_string().as_deref(),
        Some("py value")
    );
}

#[wasm_bindgen_test]
fn a_python_exception_is_thrown_as_a_python_error_with_the_traceback() {
    let interpreter = PythonInterpreter::new("py").unwrap();
    let error = interpreter
        .run(
            "def f():\n    raise ValueError('bad value')\nf()",
            "demo.py",
            "",
        )
        .unwrap_err();
    let error: js_sys::Error = error.unchecked_into();
    assert_eq!(String::from(error.name()), "PythonError");
    let message = String::from(error.message());
    assert!(
        message.starts_with("Traceback (most recent call last):"),
        "{message}"
    );
    assert!(
        message.contains("File \"demo.py\", line 3, in <module>"),
        "{message}"
    );
    assert!(message.ends_with("ValueError: bad value"), "{message}");
    assert_eq!(
        Reflect::get(&error, &"pythonType".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("ValueError")
    );
}

#[wasm_bindgen_test]
fn the_interpreter_keeps_working_after_an_exception() {
    let interpreter = PythonInterpreter::new("py").unwrap();
    assert!(interpreter.run("1/0", "<test>", "").is_err());
    run(&interpreter, "import js\njs.afterError = 'fine'");
    assert_eq!(
        global_property("afterError").as_string().as_deref(),
        Some("fine")
    );
}

#[wasm_bindgen_test]
fn config_is_parsed_from_json_and_toml_and_gets_its_type() {
    let interpreter = PythonInterpreter::new("mpy").unwrap();
    let json = interpreter
        .set_config("name = \"demo\"\n[table]\nwhen = 1979-05-27", "toml")
        .unwrap();
    assert_eq!(
        json,
        r#"{"name": "demo", "table": {"when": "1979-05-27"}, "type": "mpy"}"#
    );
    run(
        &interpreter,
        "from pyscript import config\nimport js\njs.configName = config['name'] + ' ' + config['type']",
    );
    assert_eq!(
        global_property("configName").as_string().as_deref(),
        Some("demo mpy")
    );
    let error: js_sys::Error = interpreter
        .set_config("[1, 2]", "json")
        .unwrap_err()
        .unchecked_into();
    assert!(
        String::from(error.message())
            .contains("TypeError: a config must be a table/object, not list")
    );
    let error: js_sys::Error = interpreter
        .set_config("{}", "yaml")
        .unwrap_err()
        .unchecked_into();
    assert!(String::from(error.message()).contains("unknown config format 'yaml'"));
}

#[wasm_bindgen_test]
fn current_target_answers_the_id_given_to_run() {
    let interpreter = PythonInterpreter::new("py").unwrap();
    interpreter
        .run(
            "from pyscript import current_target\nimport js\njs.target = current_target()",
            "<test>",
            "py-7",
        )
        .unwrap();
    assert_eq!(
        global_property("target").as_string().as_deref(),
        Some("py-7")
    );
}

#[wasm_bindgen_test]
fn an_unknown_script_type_is_a_type_error() {
    let error = PythonInterpreter::new("python").err().unwrap();
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn js_exceptions_become_catchable_js_exception_objects() {
    let interpreter = PythonInterpreter::new("py").unwrap();
    run(
        &interpreter,
        "import js\nfrom pyscript.ffi import JsException\ntry:\n    js.eval('throw new TypeError(\"from JS\")')\nexcept JsException as e:\n    js.caught = str(e) + ' / ' + e.js_error.name",
    );
    assert_eq!(
        global_property("caught").as_string().as_deref(),
        Some("TypeError: from JS / TypeError")
    );
}
