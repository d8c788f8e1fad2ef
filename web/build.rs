//! `py_freeze!` compiles `python/` into this crate, but cargo cannot see that a proc macro read
//! those files: tell it, so a changed `.py` file rebuilds the crate.
fn main() {
    println!("cargo:rerun-if-changed=python");
}
