//! The `rapport` command line; everything lives in `rapport::cli`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(rapport::cli::main(&args));
}
