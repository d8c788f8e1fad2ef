//! The build-time generator of `pyscript-elements`: reads the element spec data in
//! `spec-data/` and writes `elements/src/generated.rs` (the class, interface and property
//! tables) and `elements/stubs/pyscript/web.pyi` (type stubs for editors).
//!
//! Modelled on wasm-bindgen's web-sys generator, it runs in passes, each testable on its own:
//! [`read`] (serde structs of the JSON) -> [`model`] (the derivation: classes, interfaces,
//! properties, with [`lookup`] for the accepted spellings and [`types`] for the type mapping)
//! -> [`emit_rust`] and [`emit_pyi`]. [`workspace`] knows where the files live.

pub mod emit_pyi;
pub mod emit_rust;
mod error;
pub mod lookup;
pub mod model;
pub mod read;
pub mod types;
pub mod workspace;

pub use error::Error;

/// The generated files' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    /// `elements/src/generated.rs`.
    pub rust: String,
    /// `elements/stubs/pyscript/web.pyi`.
    pub stubs: String,
}

/// Runs every pass on the text of `html-elements.json` and `compat.json`.
pub fn generate(spec_json: &str, compat_json: &str) -> Result<Outputs, Error> {
    let spec = read::spec_data(spec_json)?;
    let compat = read::compat(compat_json)?;
    let model = model::build(&spec, &compat)?;
    Ok(Outputs {
        rust: emit_rust::emit(&model)?,
        stubs: emit_pyi::emit(&model)?,
    })
}
