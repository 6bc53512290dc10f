//! `clean_settings(raw)`: the background runs every stored, imported or
//! saved settings value through the core's cleaning (`crate::settings`)
//! here, in the analyser's module it has loaded anyway, so a stopped worker
//! that wakes for a keystroke loads no second module to read its settings.

use wasm_bindgen::prelude::*;

use rapport::settings::{clean_settings as clean, Loose, Settings};

use crate::json::{push_json_list, push_json_str};

/// A JavaScript value read as the core's [`Loose`] value.
pub(crate) struct Js(pub JsValue);

impl Loose for Js {
    fn field(&self, name: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(Js)
    }
    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Js).collect())
    }
}

#[wasm_bindgen(inline_js = "export function parse(json) { return JSON.parse(json); }")]
extern "C" {
    fn parse(json: &str) -> JsValue;
}

/// `{settings, dropped}`: the valid part of `raw` with defaults for the rest,
/// and what was left out (`["history.max_posts: …"]`), for the console.
#[wasm_bindgen]
pub fn clean_settings(raw: JsValue) -> JsValue {
    let mut dropped = Vec::new();
    let settings = clean(&Js(raw), &mut dropped);
    let dropped: Vec<String> = dropped.iter().map(ToString::to_string).collect();
    let mut out = String::with_capacity(256);
    out.push_str("{\"settings\":");
    push_settings(&mut out, &settings);
    out.push_str(",\"dropped\":");
    push_json_list(&mut out, dropped.iter().map(String::as_str));
    out.push('}');
    parse(&out)
}

/// `settings` as serde would write it (tests/wasm.rs compares the two).
fn push_settings(out: &mut String, s: &Settings) {
    let o = &s.options;
    let p = &o.profile;
    out.push_str("{\"options\":{\"platform\":");
    push_json_str(out, o.platform.name());
    out.push_str(",\"profile\":{");
    push_lists(
        out,
        &[
            ("names", &p.names),
            ("handles", &p.handles),
            ("flag_phrases", &p.flag_phrases),
            ("ignore_phrases", &p.ignore_phrases),
        ],
    );
    out.push_str("},");
    push_lists(out, &[("disabled_rules", &o.disabled_rules)]);
    out.push_str("},");
    push_lists(
        out,
        &[
            ("paused_sites", &s.paused_sites),
            ("extra_sites", &s.extra_sites),
        ],
    );
    let h = &s.history;
    out.push_str(&format!(
        ",\"nudge\":{},\"history\":{{\"max_posts\":{},\"max_age_days\":{},\"store_text\":{},\"paused\":{},\"read_outcomes\":{}}},\"ui_language\":",
        s.nudge, h.max_posts, h.max_age_days, h.store_text, h.paused, h.read_outcomes
    ));
    push_json_str(out, s.ui_language.name());
    out.push('}');
}

/// `"name":[…],…` for each list.
fn push_lists(out: &mut String, lists: &[(&str, &Vec<String>)]) {
    for (i, (name, items)) in lists.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_str(out, name);
        out.push(':');
        push_json_list(out, items.iter().map(String::as_str));
    }
}
