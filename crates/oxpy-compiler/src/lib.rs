//! oxpy compiler: symbol table and codegen from oxpy-ast to oxpy-bytecode.
