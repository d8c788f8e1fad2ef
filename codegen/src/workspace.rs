//! Where the generator's inputs and outputs live in the repository, and reading, comparing and
//! writing them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Error, Outputs, generate};

/// The element spec data, built from W3C webref by `spec-data/`.
pub const SPEC_DATA: &str = "spec-data/html-elements.json";
/// The hand-kept additions and renames PyScript's class list needs.
pub const COMPAT: &str = "spec-data/compat.json";
/// The generated Rust tables.
pub const GENERATED_RUST: &str = "elements/src/generated.rs";
/// The generated type stubs.
pub const STUBS: &str = "elements/stubs/pyscript/web.pyi";

/// The command that regenerates the outputs, for messages.
pub const REGENERATE: &str = "cargo run -p pyscript-codegen";

/// The repository checkout the generator works on.
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace this crate was built in (the parent of `codegen/`).
    pub fn this() -> Workspace {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        Workspace {
            root: manifest_dir
                .parent()
                .expect("codegen/ lives in the workspace")
                .to_path_buf(),
        }
    }

    /// The outputs as the spec data now says they should be.
    pub fn generate(&self) -> Result<Outputs, Error> {
        generate(&self.read(SPEC_DATA)?, &self.read(COMPAT)?)
    }

    /// The outputs (relative paths) whose checked-in text differs from `outputs`.
    pub fn stale(&self, outputs: &Outputs) -> Vec<&'static str> {
        files(outputs)
            .into_iter()
            .filter(|(path, text)| {
                fs::read_to_string(self.root.join(path)).ok().as_deref() != Some(*text)
            })
            .map(|(path, _)| path)
            .collect()
    }

    /// Writes the outputs that changed; returns their relative paths.
    pub fn write(&self, outputs: &Outputs) -> Result<Vec<&'static str>, Error> {
        let stale = self.stale(outputs);
        for (path, text) in files(outputs) {
            if !stale.contains(&path) {
                continue;
            }
            let full_path = self.root.join(path);
            if let Some(folder) = full_path.parent() {
                fs::create_dir_all(folder)
                    .map_err(|error| Error::new(format!("{}: {error}", folder.display())))?;
            }
            fs::write(&full_path, text).map_err(|error| Error::new(format!("{path}: {error}")))?;
        }
        Ok(stale)
    }

    fn read(&self, path: &str) -> Result<String, Error> {
        fs::read_to_string(self.root.join(path))
            .map_err(|error| Error::new(format!("{path}: {error}")))
    }
}

fn files(outputs: &Outputs) -> [(&'static str, &str); 2] {
    [(GENERATED_RUST, &outputs.rust), (STUBS, &outputs.stubs)]
}
