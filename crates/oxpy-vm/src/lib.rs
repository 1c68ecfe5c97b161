//! oxpy virtual machine: object model, refcounts, GIL, eval loop, builtin types, gc.
