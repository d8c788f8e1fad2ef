//! Loading the fixtures under `tests/fixtures/`.
#![allow(dead_code)] // each test file uses its own part

use pyscript_codegen::model::{self, Model};
use pyscript_codegen::{Error, read};

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// `tiny.json` with `compat.json`.
pub fn tiny_model() -> Model {
    model_of(&fixture("tiny.json"), &fixture("compat.json")).expect("tiny.json builds")
}

pub fn model_of(spec_json: &str, compat_json: &str) -> Result<Model, Error> {
    model::build(&read::spec_data(spec_json)?, &read::compat(compat_json)?)
}

/// `tiny.json` changed by `edit` (on its JSON value).
pub fn edited_tiny(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&fixture("tiny.json")).unwrap();
    edit(&mut value);
    value.to_string()
}
