//! The `rapport` command line; everything lives in `rapport::cli`.

fn main() {
    std::process::exit(rapport::cli::main(std::env::args_os().skip(1)));
}
