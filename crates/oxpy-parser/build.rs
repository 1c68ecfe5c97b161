//! Generates the parser from the repository's `grammar/python.lalrpop` into `OUT_DIR`.

fn main() {
    let grammar_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../grammar");
    println!(
        "cargo:rerun-if-changed={}",
        grammar_dir.join("python.lalrpop").display()
    );
    let result = lalrpop::Configuration::new()
        .set_in_dir(&grammar_dir)
        .use_cargo_dir_conventions()
        .set_in_dir(&grammar_dir)
        .emit_rerun_directives(false)
        .force_build(true)
        .process();
    if let Err(err) = result {
        eprintln!("lalrpop failed: {err}");
        std::process::exit(1);
    }
}
