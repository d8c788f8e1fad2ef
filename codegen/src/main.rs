//! `pyscript-codegen`: regenerates `elements/src/generated.rs` and
//! `elements/stubs/pyscript/web.pyi` from `spec-data/`; `--check` only compares.

use std::process::ExitCode;

use pyscript_codegen::workspace::{REGENERATE, Workspace};

const USAGE: &str = "usage: pyscript-codegen [--check]
  (no flag)  regenerate elements/src/generated.rs and elements/stubs/pyscript/web.pyi from spec-data/
  --check    exit 1 if the checked-in files differ from what the spec data generates";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };

    let workspace = Workspace::this();
    let outputs = match workspace.generate() {
        Ok(outputs) => outputs,
        Err(error) => {
            eprintln!("pyscript-codegen: {error}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        let stale = workspace.stale(&outputs);
        for path in &stale {
            eprintln!("{path} is stale: run `{REGENERATE}`");
        }
        return if stale.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    match workspace.write(&outputs) {
        Ok(written) if written.is_empty() => println!("up to date"),
        Ok(written) => written.iter().for_each(|path| println!("wrote {path}")),
        Err(error) => {
            eprintln!("pyscript-codegen: {error}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
