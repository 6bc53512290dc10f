//! The `rapport` command line; everything lives in `rapport::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(rapport::cli::main(&args));
}

// `cargo test --target wasm32-unknown-unknown` builds every binary too; the
// command line has no meaning there.
#[cfg(target_arch = "wasm32")]
fn main() {}
