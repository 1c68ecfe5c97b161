//! oxpy bytecode: one opcode table generating the enum, stack effects and dis; CodeObject.
