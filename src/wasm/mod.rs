//! The binding layer: the only module that knows about wasm-bindgen, web-sys
//! and JavaScript. It converts byte spans to UTF-16 code units (in `utf16`,
//! one pass per analysis) and renders the extension pages.

pub mod api;
mod dom;
pub mod habits;
pub mod popup;
pub mod options_page;
mod utf16;
