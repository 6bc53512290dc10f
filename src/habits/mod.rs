//! Posting habits: the records the extension keeps of published posts, the
//! summary the popup shows, and exports. Pure Rust: the background stores the
//! records, the wasm layer renders the summary.

pub mod export;
pub mod record;
pub mod summary;

pub use record::{
    load, update, Caps, Loaded, Phrase, Problem, Record, Store, Update, SCHEMA_VERSION,
};
pub use summary::{Habit, Summary, Tip};
