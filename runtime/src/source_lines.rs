//! The source of every script run, by file name, so tracebacks can quote the failing line as
//! CPython's do. (RustPython writes tracebacks in Rust, and reads source lines only from the
//! host's disk, which a browser lacks.)

use std::{cell::RefCell, collections::HashMap};

thread_local! {
    static SOURCES: RefCell<HashMap<String, String>> = RefCell::default();
}

/// Keeps `source` for tracebacks through `filename`.
pub fn remember(filename: &str, source: &str) {
    SOURCES.with_borrow_mut(|sources| sources.insert(filename.to_owned(), source.to_owned()));
}

/// Adds the quoted source line under each `  File "<name>", line <n>, ...` line of
/// `traceback` whose file was remembered.
pub fn quote_in_traceback(traceback: String) -> String {
    SOURCES.with_borrow(|sources| {
        let mut quoted = String::with_capacity(traceback.len());
        let mut lines = traceback.split_inclusive('\n').peekable();
        while let Some(line) = lines.next() {
            quoted.push_str(line);
            let source_line = frame_location(line).and_then(|(file, number)| {
                let index = number.checked_sub(1)?;
                match sources.get(file) {
                    Some(source) => source.lines().nth(index).map(str::to_owned),
                    // A module imported from the in-memory file system.
                    None if file.starts_with('/') => crate::posix_module::file_text(file)?
                        .lines()
                        .nth(index)
                        .map(str::to_owned),
                    None => None,
                }
            });
            if let Some(source_line) = source_line {
                let source_line = source_line.trim();
                // A SyntaxError's frame already quotes its line.
                let already_quoted = lines.peek().is_some_and(|next| next.trim() == source_line);
                if !source_line.is_empty() && !already_quoted {
                    if !line.ends_with('\n') {
                        quoted.push('\n');
                    }
                    quoted.push_str("    ");
                    quoted.push_str(source_line);
                    quoted.push('\n');
                }
            }
        }
        quoted
    })
}

/// `("name", 3)` from `  File "name", line 3, in f`.
fn frame_location(line: &str) -> Option<(&str, usize)> {
    let rest = line.strip_prefix("  File \"")?;
    let (file, rest) = rest.split_once("\", line ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((file, digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::{frame_location, quote_in_traceback, remember};

    #[test]
    fn frame_lines_are_parsed() {
        assert_eq!(
            frame_location("  File \"<py script 1>\", line 12, in f\n"),
            Some(("<py script 1>", 12))
        );
        assert_eq!(
            frame_location("  File \"a.py\", line 3\n"),
            Some(("a.py", 3))
        );
        assert_eq!(frame_location("ValueError: x"), None);
    }

    #[test]
    fn remembered_sources_are_quoted_under_their_frames() {
        remember("demo.py", "def f():\n    raise ValueError('x')\n\nf()\n");
        let traceback = "Traceback (most recent call last):\n  File \"demo.py\", line 4, in <module>\n  File \"demo.py\", line 2, in f\n  File \"other.py\", line 1, in g\nValueError: x";
        assert_eq!(
            quote_in_traceback(traceback.to_owned()),
            "Traceback (most recent call last):\n  File \"demo.py\", line 4, in <module>\n    f()\n  File \"demo.py\", line 2, in f\n    raise ValueError('x')\n  File \"other.py\", line 1, in g\nValueError: x"
        );
    }

    #[test]
    fn a_line_already_quoted_is_not_quoted_again() {
        remember("syntax.py", "x = 1\ndef broken(:\n");
        let traceback = "  File \"syntax.py\", line 2\n    def broken(:\n              ^\nSyntaxError: '(' was never closed";
        assert_eq!(quote_in_traceback(traceback.to_owned()), traceback);
    }
}
