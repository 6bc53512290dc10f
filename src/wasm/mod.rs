//! The binding layer: the only module that knows about wasm-bindgen, web-sys
//! and JavaScript. It converts byte spans to UTF-16 code units (in `utf16`,
//! one pass per analysis) and renders the extension pages.
//!
//! Built twice (see DESIGN.md): without features for the background's
//! analyser (`pkg/rapport.js`: analysis only, small so a stopped service
//! worker wakes fast) and with `ui` (`pkg/rapport_ui.js`: also the history
//! store the background loads on demand, and the popup and options renderers).

mod alloc;
pub mod api;
#[cfg(feature = "ui")]
pub mod store;
mod utf16;

#[cfg(feature = "ui")]
mod dom;
#[cfg(feature = "ui")]
pub mod habits;
#[cfg(feature = "ui")]
pub mod options_page;
#[cfg(feature = "ui")]
pub mod popup;
