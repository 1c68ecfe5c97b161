//! `oxpy`: the command line, shaped like python3's.

mod cli;
mod report;
mod tools;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    oxpy_vm::eval::run::exit_process(cli::run(args));
}
