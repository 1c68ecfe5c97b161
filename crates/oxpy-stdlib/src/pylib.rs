//! Modules written in Python, bundled into the binary from `crates/oxpy-stdlib/lib/`.

/// `(module name, source, is_package)` for every bundled module.
static MODULES: &[(&str, &str, bool)] = &[
    ("_oxpy_hello", include_str!("../lib/_oxpy_hello.py"), false),
    ("weakref", include_str!("../lib/weakref.py"), false),
];

/// The bundled module `name`, if any.
pub fn find(name: &str) -> Option<(&'static str, bool)> {
    MODULES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, src, pkg)| (*src, *pkg))
}
