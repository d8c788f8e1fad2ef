//! Refuses Python source nested deeper than the compiler can take, before it is parsed.
//!
//! RustPython's parser recurses once per nesting level of an expression (a bracket, a unary
//! operator, each operator of a chain) and has no limit of its own on wasm32 (its
//! `stacker` guard cannot grow V8's stack): `compile("x=" + "-" * 100000 + "1", ...)`
//! overflows V8's stack and kills the whole wasm instance. The symbol table refuses ASTs
//! deeper than 1,000 levels anyway, so a cheap pass over the tokens (the lexer does not
//! recurse) estimates the depth from above and refuses what could not compile, with the
//! exceptions CPython raises: `SyntaxError` for too many nested brackets, `RecursionError`
//! for an expression nested too deep, `IndentationError` for too many levels of blocks.
//!
//! `compile`, `exec` and `eval` are replaced by wrappers that run the check on source text
//! first (imports compile through `compile`), and the runtime checks each page script. The
//! compiler then runs on a stack of its own, as deep as it needs.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{Mode, lexer::lex};
use rustpython_vm::{
    PyObjectRef, PyRef, PyResult, VirtualMachine,
    builtins::{PyBaseExceptionRef, PyBytes, PyCode, PyStr},
    compiler::Mode as CompileMode,
    function::FuncArgs,
};

/// CPython's tokenizer allows 200 levels of brackets (`MAXLEVEL`).
const MAX_BRACKETS: usize = 200;
/// CPython's tokenizer allows 100 levels of indentation (`MAXINDENT`).
const MAX_INDENTS: usize = 100;
/// The symbol table's own limit: a deeper expression cannot compile anyway. Measured: the
/// parser survives 2,000 levels at the top of V8's stack.
const MAX_EXPRESSION_DEPTH: usize = 1000;

#[derive(Debug, PartialEq, Eq)]
pub enum NestingError {
    Brackets,
    Indentation,
    Expression,
}

/// Checks `source` for nesting the compiler cannot take; the estimate errs on the deep side
/// only where the AST itself is that deep (a chain of operators nests, a list does not).
pub fn check_nesting(source: &str) -> Result<(), NestingError> {
    let mut lexer = lex(source, Mode::Module);
    // The depth before each open bracket; the depth inside the innermost one.
    let mut outer_depths: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut indents = 0usize;
    loop {
        match lexer.next_token() {
            TokenKind::EndOfFile => return Ok(()),
            TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::FStringStart
            | TokenKind::TStringStart => {
                if outer_depths.len() >= MAX_BRACKETS {
                    return Err(NestingError::Brackets);
                }
                outer_depths.push(depth);
                depth += 1;
            }
            TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::Rbrace
            | TokenKind::FStringEnd
            // The bracketed thing is an operand, one level deep; a call or subscript after it
            // nests once more (`a[1][1][1]` is three levels).
            | TokenKind::TStringEnd => depth = outer_depths.pop().unwrap_or(0) + 1,
            // Items of a list, arguments, dict entries, the operands of `and`/`or` and of a
            // comparison chain: siblings, not nested (Python keeps those chains flat).
            kind if separates_siblings(kind) => {
                depth = outer_depths.last().map_or(0, |outer| outer + 1);
            }
            // A new statement or target.
            TokenKind::Newline | TokenKind::Semi | TokenKind::Equal if outer_depths.is_empty() => {
                depth = 0;
            }
            TokenKind::Indent => {
                indents += 1;
                if indents > MAX_INDENTS {
                    return Err(NestingError::Indentation);
                }
            }
            TokenKind::Dedent => indents = indents.saturating_sub(1),
            kind if nests(kind) => depth += 1,
            _ => {}
        }
        if depth > MAX_EXPRESSION_DEPTH {
            return Err(NestingError::Expression);
        }
    }
}

fn separates_siblings(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Comma
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::Less
            | TokenKind::Greater
            | TokenKind::EqEqual
            | TokenKind::NotEqual
            | TokenKind::LessEqual
            | TokenKind::GreaterEqual
            | TokenKind::In
            | TokenKind::Is
    )
}

/// Tokens that add a level to the AST: unary and binary operators (a chain is left- or
/// right-nested), attribute access, `not`, `await`, `lambda` and conditional expressions.
fn nests(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Plus
            | TokenKind::Minus
            | TokenKind::Star
            | TokenKind::Slash
            | TokenKind::DoubleSlash
            | TokenKind::Percent
            | TokenKind::At
            | TokenKind::DoubleStar
            | TokenKind::Vbar
            | TokenKind::Amper
            | TokenKind::CircumFlex
            | TokenKind::LeftShift
            | TokenKind::RightShift
            | TokenKind::Tilde
            | TokenKind::Dot
            | TokenKind::Not
            | TokenKind::Await
            | TokenKind::Lambda
            | TokenKind::If
    )
}

/// The exception CPython raises for each kind of excessive nesting.
pub fn nesting_exception(vm: &VirtualMachine, error: NestingError) -> PyBaseExceptionRef {
    match error {
        NestingError::Brackets => vm.new_exception_msg(
            vm.ctx.exceptions.syntax_error.to_owned(),
            "too many nested parentheses".into(),
        ),
        NestingError::Indentation => vm.new_exception_msg(
            vm.ctx.exceptions.indentation_error.to_owned(),
            "too many levels of indentation".into(),
        ),
        NestingError::Expression => {
            vm.new_recursion_error("maximum recursion depth exceeded during compilation".to_owned())
        }
    }
}

/// Room for the compiler, on a stack of its own: the page's stack is kept small so that
/// RustPython's guard on native recursion fires before V8's stack overflows (see build.rs),
/// but parsing and code generation take up to 1.4 KB of it per nesting level (measured:
/// a `a[1][1]...` chain), and up to 1,000 levels pass the check above.
const COMPILER_STACK_BYTES: usize = 4 << 20;

/// Runs `compile` on the compiler's own stack (heap memory, released afterwards). The
/// parser grows it further by itself when it runs low (`stacker::maybe_grow`).
pub fn on_compiler_stack<R>(compile: impl FnOnce() -> R) -> R {
    stacker::grow(COMPILER_STACK_BYTES, compile)
}

/// Compiles a page script: the check, then the compiler on its own stack.
/// With `top_level_await`, an `await` (or `async for`/`async with`) at module level makes
/// the module's code a coroutine, which the caller runs as a task; code without one stays
/// an ordinary module.
pub fn compile_script(
    vm: &VirtualMachine,
    source: &str,
    filename: &str,
    top_level_await: bool,
) -> PyResult<PyRef<PyCode>> {
    check_source(vm, source)?;
    let options = rustpython_vm::compiler::CompileOpts {
        allow_top_level_await: top_level_await,
        ..vm.compile_opts()
    };
    let code = on_compiler_stack(|| {
        vm.compile_with_opts(source, CompileMode::Exec, filename.to_owned(), options)
    })
    .map_err(|error| error.into_pyexception(vm, Some(source)))?;
    // Lets `linecache` (and so `traceback`, `inspect`) read the script's lines.
    let _ = vm.register_code_in_linecache(&code, source);
    Ok(code)
}

/// Puts the checking `compile`, `exec` and `eval` in `builtins`, keeping the originals to
/// call once the source passed.
pub fn install(vm: &VirtualMachine) -> PyResult<()> {
    let native = vm.import("_pyscript", 0)?;
    for name in ["compile", "exec", "eval"] {
        let original = vm.builtins.get_attr(name, vm)?;
        native.set_attr(vm.ctx.intern_str(format!("_builtin_{name}")), original, vm)?;
        let checked = native.get_attr(vm.ctx.intern_str(format!("_checked_{name}")), vm)?;
        vm.builtins.set_attr(name, checked, vm)?;
    }
    Ok(())
}

fn original_builtin(name: &str, vm: &VirtualMachine) -> PyResult {
    vm.import("_pyscript", 0)?
        .get_attr(vm.ctx.intern_str(format!("_builtin_{name}")), vm)
}

/// `compile(source, ...)`: checked source, compiled on the compiler's stack.
pub fn checked_compile(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    if let Some(source) = args.args.first() {
        check_source_object(vm, source)?;
    }
    let compile = original_builtin("compile", vm)?;
    on_compiler_stack(|| compile.call(args, vm))
}

/// `exec(source, ...)` (`mode` "exec") or `eval(source, ...)` ("eval"): source text is
/// compiled as `compile` above, and the code object runs on the page's stack, where the
/// guard on native recursion works. This is a native call, which pushes no frame: the code
/// still sees the caller's globals and locals.
pub fn checked_run(mode: &str, mut args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    if let Some(source) = args.args.first().cloned()
        && let Some(text) = source_text(&source)
    {
        // `eval` ignores leading spaces and tabs, as CPython's does.
        let text = if mode == "eval" {
            text.trim_start_matches([' ', '\t']).to_owned()
        } else {
            text
        };
        check_source(vm, &text)?;
        let compile = original_builtin("compile", vm)?;
        let code = on_compiler_stack(|| compile.call((text, "<string>", mode), vm))?;
        args.args[0] = code;
    }
    original_builtin(mode, vm)?.call(args, vm)
}

/// Checks source text before it is compiled, raising CPython's exception for its nesting.
pub fn check_source(vm: &VirtualMachine, source: &str) -> PyResult<()> {
    check_nesting(source).map_err(|error| nesting_exception(vm, error))
}

/// The text of a `str` or `bytes` source (bytes as UTF-8, the source encoding's default).
fn source_text(source: &PyObjectRef) -> Option<String> {
    if let Some(text) = source.downcast_ref::<PyStr>() {
        return Some(text.to_string_lossy().into_owned());
    }
    source
        .downcast_ref::<PyBytes>()
        .map(|bytes| String::from_utf8_lossy(bytes.as_bytes()).into_owned())
}

fn check_source_object(vm: &VirtualMachine, source: &PyObjectRef) -> PyResult<()> {
    // Code objects, ASTs and buffers of other types are left to the original (an AST was
    // built by Python code, whose own recursion was guarded).
    match source_text(source) {
        Some(text) => check_source(vm, &text),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::{NestingError, check_nesting};

    #[test]
    fn deep_unary_chains_and_brackets_are_refused() {
        let minus = format!("x = {}1", "-".repeat(100_000));
        assert_eq!(check_nesting(&minus), Err(NestingError::Expression));
        let parens = format!("x = {}1{}", "(".repeat(300), ")".repeat(300));
        assert_eq!(check_nesting(&parens), Err(NestingError::Brackets));
        let sum = format!("x = {}1", "1+".repeat(5000));
        assert_eq!(check_nesting(&sum), Err(NestingError::Expression));
        let subscripts = format!("x = a{}", "[1]".repeat(5000));
        assert_eq!(check_nesting(&subscripts), Err(NestingError::Expression));
        let nots = format!("x = {}1", "not ".repeat(3000));
        assert_eq!(check_nesting(&nots), Err(NestingError::Expression));
    }

    #[test]
    fn long_flat_code_and_data_pass() {
        let data = format!("x = [{}]", "-1, ".repeat(100_000));
        assert_eq!(check_nesting(&data), Ok(()));
        let statements = "y = -1 - 2 - 3\n".repeat(10_000);
        assert_eq!(check_nesting(&statements), Ok(()));
        let conditions = format!("z = {}", vec!["a and not b"; 5000].join(" or "));
        assert_eq!(check_nesting(&conditions), Ok(()));
        let nested = format!("w = {}1{}", "[".repeat(150), "]".repeat(150));
        assert_eq!(check_nesting(&nested), Ok(()));
        assert_eq!(check_nesting("def f(:\n"), Ok(()));
    }

    #[test]
    fn deep_blocks_are_refused() {
        let mut source = String::new();
        for level in 0..150 {
            source.push_str(&" ".repeat(level));
            source.push_str("if x:\n");
        }
        source.push_str(&" ".repeat(150));
        source.push_str("pass\n");
        assert_eq!(check_nesting(&source), Err(NestingError::Indentation));
    }
}
