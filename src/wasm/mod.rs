//! The binding layer: the only module that knows about wasm-bindgen and the DOM.

mod utf16;
