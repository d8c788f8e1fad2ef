//! Which modules a Python source imports, read line by line without parsing: enough to know
//! which parts of the standard library to fetch before code runs. Shared by the build script
//! (dependencies between stdlib modules) and the runtime (a page script's imports).
//!
//! It over-approximates: a name that is not a module (`from json import loads` gives
//! `json.loads`) or text in a docstring that looks like an import is dropped later by a lookup
//! in the index of modules. It can miss an import spelt across lines with backslashes or made
//! by `__import__`/`importlib`; the runtime fetches such a module when it is imported.

/// One import: the absolute dotted name, and whether it is deferred: in a function body (it
/// runs when the function does) or in a block that importing the module does not run here
/// (`if __name__ == "__main__":`, `if TYPE_CHECKING:`, Windows-only branches).
#[derive(Debug, PartialEq, Eq)]
pub struct Import {
    pub module: String,
    pub deferred: bool,
}

/// Whether the block a line opens runs later or never when the module is imported.
fn opens_deferred_block(text: &str) -> bool {
    let windows_only = (text.starts_with("if ") || text.starts_with("elif "))
        && ["== 'win32'", "== \"win32\"", "== 'nt'", "== \"nt\""]
            .iter()
            .any(|test| text.contains(test));
    text.starts_with("def ")
        || text.starts_with("async def ")
        || text.starts_with("if __name__")
        || text.starts_with("if TYPE_CHECKING")
        || text.starts_with("if typing.TYPE_CHECKING")
        || windows_only
}

/// The imports of `source`, a module of `package` (its own name for a package's `__init__`,
/// the parent's for a module; `""` for a top-level module or a page script), which resolves
/// relative imports. For `import a.b` it gives `a` and `a.b`; for `from a import b, c`, `a`,
/// `a.b` and `a.c` (the names may be submodules).
pub fn imports(source: &str, package: &str) -> Vec<Import> {
    let mut found = Vec::new();
    // Indentation of each enclosing deferred block (an import deeper than the last one is
    // deferred).
    let mut deferred_blocks: Vec<usize> = Vec::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let text = line.trim_start();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let indent = line.len() - text.len();
        while deferred_blocks.last().is_some_and(|&depth| indent <= depth) {
            deferred_blocks.pop();
        }
        let deferred = !deferred_blocks.is_empty();
        if opens_deferred_block(text) {
            deferred_blocks.push(indent);
            continue;
        }
        for statement in text.split(';').map(str::trim) {
            if let Some(names) = statement.strip_prefix("import ") {
                for name in names.split(',') {
                    let name = name.split_whitespace().next().unwrap_or("");
                    add_with_parents(&mut found, name, deferred);
                }
            } else if let Some(rest) = statement.strip_prefix("from ") {
                let Some((module, names)) = rest.split_once(" import") else {
                    continue;
                };
                let Some(module) = resolve(module.trim(), package) else {
                    continue;
                };
                add_with_parents(&mut found, &module, deferred);
                let mut names = names.to_owned();
                // `from a import (b,\n c)`: read on to the closing parenthesis.
                if names.contains('(') && !names.contains(')') {
                    for more in lines.by_ref() {
                        names.push_str(more);
                        if more.contains(')') {
                            break;
                        }
                    }
                }
                let names = names.replace(['(', ')', '\\'], " ");
                for name in names.split(',') {
                    let name = name.split('#').next().unwrap_or("");
                    let Some(name) = name.split_whitespace().next() else {
                        continue;
                    };
                    if name != "*" && is_identifier(name) {
                        let submodule = if module.is_empty() {
                            name.to_owned()
                        } else {
                            format!("{module}.{name}")
                        };
                        add(&mut found, submodule, deferred);
                    }
                }
            }
        }
    }
    found
}

/// `module` of a `from module import ...`, made absolute (`.x` against `package`).
fn resolve(module: &str, package: &str) -> Option<String> {
    let dots = module.len() - module.trim_start_matches('.').len();
    let rest = &module[dots..];
    if dots == 0 {
        return is_dotted_name(rest).then(|| rest.to_owned());
    }
    let mut base: Vec<&str> = package.split('.').filter(|part| !part.is_empty()).collect();
    for _ in 1..dots {
        base.pop()?;
    }
    if !rest.is_empty() {
        if !is_dotted_name(rest) {
            return None;
        }
        base.push(rest);
    }
    Some(base.join("."))
}

fn add_with_parents(found: &mut Vec<Import>, name: &str, deferred: bool) {
    if !is_dotted_name(name) {
        return;
    }
    let mut end = 0;
    for part in name.split('.') {
        end += part.len();
        add(found, name[..end].to_owned(), deferred);
        end += 1;
    }
}

fn add(found: &mut Vec<Import>, module: String, deferred: bool) {
    if !module.is_empty() {
        found.push(Import { module, deferred });
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn is_dotted_name(name: &str) -> bool {
    !name.is_empty() && name.split('.').all(is_identifier)
}

#[cfg(test)]
mod tests {
    use super::{Import, imports};

    fn names(source: &str, package: &str) -> Vec<(String, bool)> {
        imports(source, package)
            .into_iter()
            .map(|Import { module, deferred }| (module, deferred))
            .collect()
    }

    #[test]
    fn absolute_relative_and_lazy_imports() {
        let source = "\
import os, json.decoder as d
from collections import (OrderedDict,
    abc)  # a comment
try:
    import _json
except ImportError:
    pass

def later():
    import email.message
    x = 1; from . import sibling

class C:
    import re

if __name__ == \"__main__\":
    import doctest
";
        assert_eq!(
            names(source, "pkg"),
            [
                ("os", false),
                ("json", false),
                ("json.decoder", false),
                ("collections", false),
                ("collections.OrderedDict", false),
                ("collections.abc", false),
                ("_json", false),
                ("email", true),
                ("email.message", true),
                ("pkg", true),
                ("pkg.sibling", true),
                ("re", false),
                ("doctest", true),
            ]
            .map(|(name, lazy)| (name.to_owned(), lazy))
        );
    }

    #[test]
    fn relative_imports_climb_packages() {
        assert_eq!(
            names("from ..x import y", "a.b"),
            [
                ("a".into(), false),
                ("a.x".into(), false),
                ("a.x.y".into(), false)
            ]
        );
        assert_eq!(
            names("from ... import y", "a"),
            Vec::<(String, bool)>::new()
        );
        assert_eq!(
            names("from __future__ import annotations", ""),
            [
                ("__future__".into(), false),
                ("__future__.annotations".into(), false)
            ]
        );
    }
}
