//! The history: what the extension keeps of each published post (a
//! [`Record`]), the [`Summary`] the popup shows of it (the user sees it as
//! "your posting habits"), and exports. One name in the code for one thing:
//! the history, stored as [`History`]. Pure Rust: the background stores it,
//! the wasm layer renders the summary.

pub mod export;
pub mod outcomes;
pub mod record;
pub mod summary;

pub use record::{
    load, update, Caps, History, Loaded, Phrase, Problem, Record, Update, SCHEMA_VERSION,
};
pub use summary::{Habit, Summary, Tip};
