//! The binding layer: the only crate that knows about wasm-bindgen, web-sys
//! and JavaScript. It converts byte spans to UTF-16 code units (in `utf16`,
//! one pass per analysis) and renders the extension pages.
//!
//! Built three times (see DESIGN.md), each module exporting only what its
//! page needs, so the rest is left out by the linker:
//! - `analyser` (default): `pkg/rapport.js`, the background's analyser alone
//!   (small, so a stopped service worker wakes fast);
//! - `popup` without `analyser`: `pkg/rapport_popup.js`, the popup's renderers
//!   (the popup asks the background to analyse a draft);
//! - `ui` without `analyser`: `pkg/rapport_ui.js`, the options page and the
//!   history the background loads on demand.

// The allocator replaces the global one in the wasm only; its bookkeeping is
// pure arithmetic, unit-tested natively.
#[cfg(any(test, target_arch = "wasm32"))]
mod alloc;
#[cfg(feature = "analyser")]
pub mod api;
#[cfg(feature = "ui")]
pub mod history;
#[cfg(feature = "analyser")]
mod json;
#[cfg(feature = "analyser")]
pub mod settings;
pub mod utf16;

#[cfg(any(feature = "popup", feature = "ui"))]
mod dom;
#[cfg(feature = "popup")]
pub mod history_view;
#[cfg(feature = "ui")]
pub mod options_page;
#[cfg(feature = "popup")]
pub mod popup;
