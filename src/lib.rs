//! Rapport's core: finds fame-seeking and connection-seeking language in a
//! social media draft, explains it, and scores the draft's balance.
//!
//! Pure Rust with no wasm or DOM dependency; `src/wasm/` (wasm32 only) is the
//! thin binding layer for the browser extension.

pub mod analysis;
pub mod analyzer;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
#[cfg(not(target_arch = "wasm32"))]
pub mod facts;
#[cfg(not(target_arch = "wasm32"))]
pub mod fit;
pub mod history;
pub mod lexicon;
pub mod options;
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

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The UTF-16 conversion belongs to the wasm layer but is pure, so native tests
// (including the property tests) exercise the very same code.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "wasm/utf16.rs"]
mod utf16;

// The wasm allocator's bookkeeping is pure arithmetic, tested natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "wasm/alloc.rs"]
mod alloc;
