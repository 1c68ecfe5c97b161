//! oxpy native modules (sys, gc, math, time, threading, ...).

/// The native module named `name`, if oxpy has one.
pub fn find(_name: &str) -> Option<&'static oxpy_vm::object::ModuleDef> {
    None
}
