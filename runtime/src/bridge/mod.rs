//! The JS <-> Python bridge: value conversion, the `JsProxy` class, Python callables as JS
//! functions, and error mapping.

pub mod convert;
pub mod errors;
pub mod function_proxy;
pub mod js_helpers;
pub mod js_proxy;
