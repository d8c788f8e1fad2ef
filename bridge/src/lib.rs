//! The JS <-> Python bridge, shared by the runtime core and `pyscript.web`: value
//! conversion, the `JsProxy` class, Python callables as JS functions, error mapping, and
//! the registry that lets a JS callback re-enter the interpreter it belongs to.

pub mod awaitable;
pub mod convert;
pub mod errors;
pub mod event;
pub mod function_proxy;
pub mod js_helpers;
pub mod js_proxy;
pub mod protocol;
pub mod proxy_types;
pub mod reentry;
