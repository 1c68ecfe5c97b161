//! Tool modules built into the binary (`oxpy -m NAME`), printing what python3's do.

mod ast;
mod dis;
mod tokenize;

/// A tool's entry point: arguments after `-m NAME`, returns the exit code.
pub type Tool = fn(&[String]) -> i32;

/// The built-in tool module called `name`, if any.
pub fn find(name: &str) -> Option<Tool> {
    match name {
        "ast" => Some(ast::main),
        "dis" => Some(dis::main),
        "tokenize" => Some(tokenize::main),
        _ => None,
    }
}
