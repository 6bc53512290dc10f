//! The wasm binding in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): UTF-16 offsets, options caching and the popup
//! rendered from Rust.
#![cfg(target_arch = "wasm32")]

use js_sys::{JsString, Reflect};
use rapport::wasm::api::{analyze, analyze_flat, cue_names};
use rapport::wasm::popup::render_popup;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// Every hint's [start, end) in UTF-16 units, sliced out of the JS string.
fn hint_texts(text: &str, analysis: &JsValue) -> Vec<(String, String)> {
    let js = JsString::from(text);
    let hints: js_sys::Array = get(analysis, "hints").unchecked_into();
    hints
        .iter()
        .map(|h| {
            let start = get(&h, "start").as_f64().unwrap() as u32;
            let end = get(&h, "end").as_f64().unwrap() as u32;
            (get(&h, "cue").as_string().unwrap(), String::from(js.slice(start, end)))
        })
        .collect()
}

#[wasm_bindgen_test]
fn spans_are_utf16_offsets_after_emoji_and_accents() {
    let text = "Café 😀🎉 news! Follow us for more.";
    let analysis = analyze(text, JsValue::UNDEFINED).unwrap();
    let texts = hint_texts(text, &analysis);
    let follow = texts.iter().find(|(cue, _)| cue == "follow-ask").expect("follow-ask fires");
    assert!(follow.1.to_lowercase().contains("follow us"), "sliced {:?}", follow.1);
}

#[wasm_bindgen_test]
fn flat_variant_agrees_with_the_object() {
    let text = "🙏 Thank you @ana! Follow us for more 👉";
    let analysis = analyze(text, JsValue::UNDEFINED).unwrap();
    let flat = analyze_flat(text, JsValue::UNDEFINED).unwrap();
    assert_eq!(flat[0] as f64, get(&analysis, "fame").as_f64().unwrap());
    assert_eq!(flat[1] as f64, get(&analysis, "connection").as_f64().unwrap());
    let hints: js_sys::Array = get(&analysis, "hints").unchecked_into();
    assert_eq!(flat[3], hints.length());
    let names = cue_names();
    for (i, h) in hints.iter().enumerate() {
        let base = 4 + i * 3;
        assert_eq!(names[flat[base] as usize], get(&h, "cue").as_string().unwrap());
        assert_eq!(flat[base + 1] as f64, get(&h, "start").as_f64().unwrap());
        assert_eq!(flat[base + 2] as f64, get(&h, "end").as_f64().unwrap());
    }
}

#[wasm_bindgen_test]
fn bad_options_give_a_clear_error() {
    let options = js_sys::JSON::parse(r#"{"platform":"myspace"}"#).unwrap();
    let err = analyze("hello", options).err().expect("unknown platform is an error");
    let message: JsValue = err.into();
    let text = get(&message, "message").as_string().unwrap();
    assert!(text.contains("invalid options"), "{text}");
}

#[wasm_bindgen_test]
fn lone_surrogates_from_js_do_not_break_offsets() {
    // A JS string with a lone high surrogate arrives as U+FFFD: still one UTF-16 unit.
    let js = JsString::from_char_code(&[0xD800, 0x20]);
    let text = format!("{}Follow us for more", String::from(js));
    let analysis = analyze(&text, JsValue::UNDEFINED).unwrap();
    let texts = hint_texts(&text, &analysis);
    assert!(texts.iter().any(|(c, s)| c == "follow-ask" && s.to_lowercase().starts_with("follow")), "{texts:?}");
}

#[wasm_bindgen_test]
fn the_popup_renders_and_reacts_to_input() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("main").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    render_popup(root.clone(), JsValue::UNDEFINED).unwrap();
    let draft: web_sys::HtmlTextAreaElement = root.query_selector("#draft").unwrap().unwrap().unchecked_into();
    draft.set_value("LIKE this if you agree!!! Follow us for more.");
    draft.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    let balance = root.query_selector(".balance").unwrap().unwrap();
    let label = balance.get_attribute("data-balance").unwrap();
    assert!(label == "broadcasting" || label == "leaning-broadcast", "{label}");
    assert!(root.query_selector_all("li.hint").unwrap().length() >= 2);
    // Post text is shown as text, never parsed as HTML.
    draft.set_value("<img src=x onerror=alert(1)> follow us for more");
    draft.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert!(root.query_selector("img").unwrap().is_none());
}
