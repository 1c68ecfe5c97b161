//! `oxpy`: the command line, shaped like python3's.

/// Small objects come from size classes like CPython's pymalloc (RSS parity).
#[global_allocator]
static GLOBAL: oxpy_vm::object::pool::PoolAlloc = oxpy_vm::object::pool::PoolAlloc;

mod cli;
mod report;
mod tools;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    oxpy_vm::eval::run::exit_process(cli::run(args));
}
