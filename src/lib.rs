//! Rapport's core: finds fame-seeking and connection-seeking language in a
//! social media draft, explains it, and scores the draft's balance.
//!
//! Pure Rust with no wasm or DOM dependency; the `rapport-web` crate (`web/`)
//! is the thin binding layer for the browser extension.

pub mod analysis;
pub mod analyzer;
#[cfg(feature = "cli")]
pub mod cli;
pub mod error;
pub mod eval;
pub mod facts;
pub mod fit;
pub mod history;
pub mod language;
pub mod lexicon;
pub mod options;
// Reads Debian packages from the file system: `make eval`'s, never the extension's.
#[cfg(not(target_arch = "wasm32"))]
pub mod ordinary_text;
pub mod outcomes;
mod rules;
mod score;
pub mod settings;
pub mod span;
pub mod text;
pub mod verdict;

pub use analysis::{
    Analysis, Balance, Basis, Cue, Hint, Notice, NoticeKind, Polarity, Severity, Stats,
};
pub use analyzer::{analyze, Analyzer};
pub use error::{Error, ErrorKind};
pub use options::{BrandProfile, Options, Platform};
pub use span::Span;
