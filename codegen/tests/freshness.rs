//! The checked-in outputs are what the checked-in spec data generates.

use pyscript_codegen::workspace::{REGENERATE, Workspace};

#[test]
fn generated_files_are_fresh() {
    let workspace = Workspace::this();
    let outputs = workspace
        .generate()
        .unwrap_or_else(|error| panic!("the spec data does not generate: {error}"));
    let stale: Vec<String> = workspace
        .stale(&outputs)
        .iter()
        .map(|path| format!("{path} is stale: run `{REGENERATE}`"))
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}
