//! `oxpy`: the command line, shaped like python3's.

mod cli;
mod report;
mod tools;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(cli::run(args));
}
