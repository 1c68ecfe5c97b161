//! Tool modules built into the binary (`oxpy -m NAME`), printing what python3's do.

/// A tool's entry point: arguments after `-m NAME`, returns the exit code.
pub type Tool = fn(&[String]) -> i32;

/// The built-in tool module called `name`, if any.
pub fn find(name: &str) -> Option<Tool> {
    match name {
        _ => None,
    }
}
