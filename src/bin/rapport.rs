//! The `rapport` command line; everything lives in `rapport::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(rapport::cli::main(std::env::args_os().skip(1)));
}

// `cargo test --target wasm32-unknown-unknown` builds every binary too; the
// command line has no meaning there.
#[cfg(target_arch = "wasm32")]
fn main() {}
