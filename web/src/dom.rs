//! Small helpers for building extension pages with web-sys.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("extension pages have a document")
}

/// Creates `<tag class="class">`.
pub fn el(tag: &str, class: &str) -> Element {
    let e = document().create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// Creates `<tag class="class">text</tag>`; text is never parsed as HTML.
pub fn el_text(tag: &str, class: &str, text: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(text));
    e
}

pub fn set_attr(e: &Element, name: &str, value: &str) {
    e.set_attribute(name, value).expect("valid attribute name");
}

pub fn append(parent: &Element, child: &Element) {
    parent
        .append_child(child)
        .expect("append to a live element");
}

pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// The browser shim (`shared/browser.js`, which the pages import before
/// their module) and its `message(key, subs)`, the one lookup of the
/// extension's words: the language chosen in the settings, else the
/// browser's. Looked up once per page (a summary asks for a hundred strings).
fn shim_message() -> Option<(JsValue, js_sys::Function)> {
    thread_local! {
        static MESSAGE: Option<(JsValue, js_sys::Function)> = {
            let get = |v: &JsValue, name: &str| {
                js_sys::Reflect::get(v, &JsValue::from_str(name))
                    .ok()
                    .filter(|v| v.is_object() || v.is_function())
            };
            (|| {
                let shim = get(&js_sys::global(), "RapportBrowser")?;
                let message = get(&shim, "message")?;
                Some((shim, message.dyn_into().ok()?))
            })()
        };
    }
    MESSAGE.with(Clone::clone)
}

/// The localised string for `key` from `_locales`, or the key itself when the
/// page runs outside an extension (wasm tests).
pub fn t(key: &str) -> String {
    t_with(key, &[])
}

/// The localised string with `$1`… substitutions.
pub fn t_with(key: &str, substitutions: &[&str]) -> String {
    let message = shim_message().and_then(|(shim, message)| {
        let subs = js_sys::Array::new();
        for s in substitutions {
            subs.push(&JsValue::from_str(s));
        }
        message
            .call2(&shim, &JsValue::from_str(key), &subs)
            .ok()?
            .as_string()
            .filter(|s| !s.is_empty())
    });
    message.unwrap_or_else(|| key.to_string())
}

/// Calls `actions[name](...args)`, the page's JavaScript for what needs a
/// browser API; a missing action is ignored (a page may not offer it) and a
/// failing one is logged, never thrown into the event handler.
pub fn call_action(actions: &JsValue, name: &str, args: &[JsValue]) {
    let Ok(f) = js_sys::Reflect::get(actions, &JsValue::from_str(name)) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let list: js_sys::Array = args.iter().collect();
    if let Err(e) = f.apply(actions, &list) {
        web_sys::console::error_3(
            &JsValue::from_str("Rapport: page action failed:"),
            &JsValue::from_str(name),
            &e,
        );
    }
}
