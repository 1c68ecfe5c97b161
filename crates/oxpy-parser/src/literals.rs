//! Literal tokens to AST values: numbers, strings, bytes and f-strings, with
//! implicit concatenation, every escape (`\N{...}` included) and CPython's errors.
