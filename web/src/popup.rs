//! The toolbar popup: try a draft and see its reading, rendered from Rust.
//!
//! The popup's module carries no analyser (it would triple the wasm the popup
//! compiles on every open): a draft goes to the background through
//! `actions.analyze(text, platform)`, and the analysis it answers (the
//! protocol's `Analysis`, spans in UTF-16 units) is rendered here.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

use rapport::analysis::Balance;
use rapport::options::Platform;

use crate::dom::{append, clear, el, el_text, set_attr, t, t_with};

/// Draws a labelled 0-100 meter.
fn meter(label: &str, value: u8, class: &str) -> Element {
    let row = el("div", &format!("meter {class}"));
    append(&row, &el_text("span", "meter-label", label));
    let bar = el("div", "meter-bar");
    set_attr(&bar, "role", "meter");
    set_attr(&bar, "aria-label", label);
    set_attr(&bar, "aria-valuemin", "0");
    set_attr(&bar, "aria-valuemax", "100");
    set_attr(&bar, "aria-valuenow", &value.to_string());
    let fill = el("div", "meter-fill");
    set_attr(&fill, "style", &format!("width:{value}%"));
    append(&bar, &fill);
    append(&row, &bar);
    append(&row, &el_text("span", "meter-value", &value.to_string()));
    row
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_str(obj: &JsValue, key: &str) -> String {
    get(obj, key).as_string().unwrap_or_default()
}

/// A 0-100 score; anything else reads as 0.
fn get_score(obj: &JsValue, key: &str) -> u8 {
    get(obj, key)
        .as_f64()
        .map_or(0, |v| v.clamp(0.0, 100.0) as u8)
}

fn get_list(obj: &JsValue, key: &str) -> Vec<JsValue> {
    get(obj, key)
        .dyn_into::<js_sys::Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// Renders `analysis` of `text` into `out`: the balance, both meters and
/// every hint. `analysis` is the object the background answers (see
/// extension/shared/protocol.js); hint spans are UTF-16 code units of `text`.
pub fn render_analysis(out: &Element, text: &JsString, analysis: &JsValue) {
    clear(out);
    let balance = Balance::from_name(&get_str(analysis, "balance")).unwrap_or(Balance::Neutral);
    let label = el_text("p", "balance", &t(balance.message_key()));
    set_attr(&label, "data-balance", balance.name());
    append(out, &label);
    append(out, &el_text("p", "why", &explain(text, analysis, balance)));
    append(
        out,
        &meter(&t("fameLabel"), get_score(analysis, "fame"), "fame"),
    );
    append(
        out,
        &meter(
            &t("connectionLabel"),
            get_score(analysis, "connection"),
            "connection",
        ),
    );
    for notice in get_list(analysis, "notices") {
        append(out, &el_text("p", "notice", &get_str(&notice, "message")));
    }
    let hints = get_list(analysis, "hints");
    if hints.is_empty() {
        if !String::from(text).trim().is_empty() {
            append(out, &el_text("p", "empty", &t("noHints")));
        }
        return;
    }
    let list = el("ul", "hints");
    set_attr(&list, "aria-label", &t("hintsHeading"));
    let len = text.length();
    for hint in &hints {
        let item = el("li", "hint");
        let polarity = if get_str(hint, "polarity") == "connection" {
            "connection"
        } else {
            "fame"
        };
        set_attr(&item, "data-polarity", polarity);
        set_attr(&item, "data-rule", &get_str(hint, "rule_id"));
        let head = el("div", "hint-head");
        append(&head, &el_text("span", "cue", &get_str(hint, "cue")));
        let offset = |k: &str| get(hint, k).as_f64().map_or(0, |v| (v as u32).min(len));
        let (start, end) = (offset("start"), offset("end"));
        let phrase: String = text.slice(start, end.max(start)).into();
        append(&head, &el_text("q", "phrase", &phrase));
        append(&item, &head);
        append(&item, &el_text("p", "message", &get_str(hint, "message")));
        append(&item, &el_text("p", "note", &get_str(hint, "note")));
        if let Some(s) = get(hint, "suggestion").as_string() {
            append(
                &item,
                &el_text("p", "suggestion", &t_with("suggestionPrefix", &[&s])),
            );
        }
        append(&list, &item);
    }
    append(out, &list);
}

/// What carried the balance, as the gauge says it (`content/features/gauge.js`):
/// "Leaning broadcast: Self-praise “award-winning”, Follow asks “follow us”".
fn explain(text: &JsString, analysis: &JsValue, balance: Balance) -> String {
    let label = t(balance.message_key());
    let hints = get_list(analysis, "hints");
    let len = text.length();
    let quote = |h: &JsValue| {
        let cue = get_str(h, "cue");
        let offset = |k: &str| get(h, k).as_f64().map_or(0, |v| (v as u32).min(len));
        let (start, end) = (offset("start"), offset("end"));
        let phrase: String = text.slice(start, end.max(start)).into();
        format!(
            "{} \u{201C}{}\u{201D}",
            t(&format!("cue_{}", cue.replace('-', "_"))),
            phrase.trim()
        )
    };
    let basis = get(analysis, "basis");
    let mut parts: Vec<String> = Vec::new();
    if get(&basis, "reply").as_bool() == Some(true) {
        parts.push(t("basisReply"));
    }
    for i in get_list(&basis, "hints") {
        if let Some(h) = i.as_f64().and_then(|i| hints.get(i as usize)) {
            parts.push(quote(h));
        }
    }
    if !parts.is_empty() {
        return t_with("basisCarried", &[&label, &parts.join(", ")]);
    }
    if hints.is_empty() {
        return t_with("basisNothing", &[&label]);
    }
    let light: Vec<String> = hints.iter().take(2).map(quote).collect();
    t_with("basisTooLight", &[&label, &light.join(", ")])
}

/// Builds the popup inside `root`. `platform` is the user's default platform
/// (settings.options.platform); `actions.analyze(text, platform)` returns a
/// promise of the background's analysis of a draft.
#[wasm_bindgen]
pub fn render_popup(root: Element, platform: &str, actions: JsValue) -> Result<(), JsError> {
    let platform = Platform::from_name(platform).unwrap_or_default();
    clear(&root);
    let header = el("header", "top");
    append(&header, &el_text("h1", "", &t("extensionName")));
    append(&header, &el_text("p", "tagline", &t("popupTagline")));
    append(&root, &header);

    // Filled by `render_history` once popup.js has the history from the background.
    let history = el("section", "history");
    set_attr(&history, "id", "history");
    set_attr(&history, "aria-labelledby", "history-heading");
    append(&root, &history);
    // Outside the history section, which re-renders when the history changes:
    // the outcome of "log the post in this tab" must survive that.
    let status = el("p", "muted history-status");
    set_attr(&status, "id", "history-status");
    set_attr(&status, "role", "status");
    append(&root, &status);

    let form = el("section", "try");
    let label = el_text("label", "", &t("draftLabel"));
    set_attr(&label, "for", "draft");
    append(&form, &label);
    let draft = el("textarea", "draft");
    set_attr(&draft, "id", "draft");
    set_attr(&draft, "rows", "5");
    set_attr(&draft, "placeholder", &t("draftPlaceholder"));
    append(&form, &draft);
    let platform_label = el_text("label", "inline", &t("platformLabel"));
    set_attr(&platform_label, "for", "platform");
    append(&form, &platform_label);
    let select = el("select", "platform");
    set_attr(&select, "id", "platform");
    for p in Platform::ALL {
        let opt = el_text("option", "", &t(&format!("platform_{}", p.name())));
        set_attr(&opt, "value", p.name());
        if p == platform {
            set_attr(&opt, "selected", "");
        }
        append(&select, &opt);
    }
    append(&form, &select);
    append(&root, &form);

    let out = el("section", "result");
    set_attr(&out, "aria-live", "polite");
    set_attr(&out, "id", "result");
    append(&root, &out);

    let footer = el("footer", "privacy");
    append(&footer, &el_text("p", "", &t("privacyPromise")));
    append(&root, &footer);

    let draft: HtmlTextAreaElement = draft.unchecked_into();
    let select: HtmlSelectElement = select.unchecked_into();
    // Every change asks the background; only the answer to the newest request
    // is drawn, so a slow answer never replaces a newer one.
    let latest = Rc::new(Cell::new(0u32));
    let update = {
        let draft = draft.clone();
        let select = select.clone();
        let out = out.clone();
        move || {
            let seq = latest.get().wrapping_add(1);
            latest.set(seq);
            let value = draft.value();
            if value.trim().is_empty() {
                clear(&out);
                return;
            }
            let text = JsString::from(value.as_str());
            let analyze = get(&actions, "analyze");
            let Some(analyze) = analyze.dyn_ref::<js_sys::Function>() else {
                return;
            };
            let reply = analyze
                .call2(&actions, &text, &JsValue::from_str(&select.value()))
                .unwrap_or(JsValue::UNDEFINED);
            let then = get(&reply, "then");
            let Some(then) = then.dyn_ref::<js_sys::Function>() else {
                out.set_text_content(Some(&t("analysisFailed")));
                return;
            };
            // Called once each; the one of the two that never runs is a few bytes.
            let (done_latest, done_out) = (latest.clone(), out.clone());
            let on_done = Closure::once_into_js(move |analysis: JsValue| {
                if done_latest.get() == seq {
                    render_analysis(&done_out, &text, &analysis);
                }
            });
            let (failed_latest, failed_out) = (latest.clone(), out.clone());
            let on_failed = Closure::once_into_js(move |_: JsValue| {
                if failed_latest.get() == seq {
                    failed_out.set_text_content(Some(&t("analysisFailed")));
                }
            });
            let _ = then.call2(&reply, &on_done, &on_failed);
        }
    };
    let update = Rc::new(update);
    let on_input = update.clone();
    EventListener::new(&draft, "input", move |_| on_input()).forget();
    EventListener::new(&select, "change", move |_| update()).forget();
    Ok(())
}
