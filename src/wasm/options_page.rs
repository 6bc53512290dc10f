//! The options page: the brand profile and rule switches, rendered from Rust.
//! Storage stays in JavaScript (options.js): this module gets the current
//! settings and a `save(settings)` callback.

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use crate::analysis::Cue;
use crate::options::Options;

use super::dom::{append, clear, el, el_text, set_attr, t};

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn list_field(root: &Element, id: &str, label_key: &str, help_key: &str, values: &[String]) -> HtmlTextAreaElement {
    let field = el("div", "field");
    let label = el_text("label", "", &t(label_key));
    set_attr(&label, "for", id);
    append(&field, &label);
    let help = el_text("p", "help", &t(help_key));
    set_attr(&help, "id", &format!("{id}-help"));
    append(&field, &help);
    let area = el("textarea", "");
    set_attr(&area, "id", id);
    set_attr(&area, "rows", "3");
    set_attr(&area, "aria-describedby", &format!("{id}-help"));
    area.set_text_content(Some(&values.join("\n")));
    append(&field, &area);
    append(root, &field);
    area.unchecked_into()
}

/// Builds the options page inside `root` from `options` (the stored analysis
/// options); calls `save(options)` with the new value after every change.
#[wasm_bindgen]
pub fn render_options(root: Element, options: JsValue, save: js_sys::Function) -> Result<(), JsError> {
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    clear(&root);
    append(&root, &el_text("h1", "", &t("optionsTitle")));

    let brand = el("section", "card");
    append(&brand, &el_text("h2", "", &t("brandHeading")));
    let names = list_field(&brand, "brand-names", "brandNamesLabel", "brandNamesHelp", &options.profile.names);
    let handles = list_field(&brand, "brand-handles", "brandHandlesLabel", "brandHandlesHelp", &options.profile.handles);
    let flag = list_field(&brand, "flag-phrases", "flagPhrasesLabel", "flagPhrasesHelp", &options.profile.flag_phrases);
    let ignore = list_field(&brand, "ignore-phrases", "ignorePhrasesLabel", "ignorePhrasesHelp", &options.profile.ignore_phrases);
    append(&root, &brand);

    let rules = el("section", "card");
    append(&rules, &el_text("h2", "", &t("cuesHeading")));
    let fieldset = el("fieldset", "cues");
    append(&fieldset, &el_text("legend", "", &t("cuesLegend")));
    let mut boxes: Vec<(Cue, HtmlInputElement)> = Vec::new();
    for cue in Cue::ALL {
        let row = el("label", "cue-row");
        let input = el("input", "");
        set_attr(&input, "type", "checkbox");
        set_attr(&input, "value", cue.name());
        let input: HtmlInputElement = input.unchecked_into();
        input.set_checked(!options.disabled_rules.iter().any(|r| r == cue.name()));
        row.append_child(&input).expect("append");
        append(&row, &el_text("span", "", cue.name()));
        append(&fieldset, &row);
        boxes.push((cue, input));
    }
    append(&rules, &fieldset);
    append(&root, &rules);

    let status = el("p", "status");
    set_attr(&status, "role", "status");
    append(&root, &status);

    let collect = {
        let base = options.clone();
        let boxes = boxes.clone();
        let (names, handles, flag, ignore) = (names.clone(), handles.clone(), flag.clone(), ignore.clone());
        move || -> Options {
            let mut o = base.clone();
            o.profile.names = lines(&names.value());
            o.profile.handles = lines(&handles.value());
            o.profile.flag_phrases = lines(&flag.value());
            o.profile.ignore_phrases = lines(&ignore.value());
            // Keep rule ids the user disabled elsewhere; replace the cue switches.
            o.disabled_rules.retain(|r| Cue::from_name(r).is_none());
            for (cue, input) in &boxes {
                if !input.checked() {
                    o.disabled_rules.push(cue.name().to_string());
                }
            }
            o
        }
    };
    let on_change = move |_: &web_sys::Event| {
        let value = collect();
        match serde_wasm_bindgen::to_value(&value) {
            Ok(js) => {
                let _ = save.call1(&JsValue::NULL, &js);
                status.set_text_content(Some(&t("saved")));
            }
            Err(e) => status.set_text_content(Some(&e.to_string())),
        }
    };
    let on_change = std::rc::Rc::new(on_change);
    for target in [names.unchecked_ref::<web_sys::EventTarget>(), handles.as_ref(), flag.as_ref(), ignore.as_ref()] {
        let f = on_change.clone();
        EventListener::new(target, "change", move |e| f(e)).forget();
    }
    for (_, input) in &boxes {
        let f = on_change.clone();
        EventListener::new(input, "change", move |e| f(e)).forget();
    }
    Ok(())
}
