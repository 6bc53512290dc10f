//! The toolbar popup: try a draft and see its reading, rendered from Rust.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

use crate::analysis::{Analysis, Balance, Polarity};
use crate::options::{Options, Platform};
use crate::Analyzer;

use super::dom::{append, clear, el, el_text, set_attr, t, t_with};

/// Localisation key of a balance label.
pub fn balance_key(balance: Balance) -> &'static str {
    match balance {
        Balance::Broadcasting => "balanceBroadcasting",
        Balance::LeaningBroadcast => "balanceLeaningBroadcast",
        Balance::Mixed => "balanceMixed",
        Balance::LeaningConnection => "balanceLeaningConnection",
        Balance::Connecting => "balanceConnecting",
        Balance::Neutral => "balanceNeutral",
    }
}

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

/// Renders an analysis of `text` into `out`: the balance, both meters and every hint.
pub fn render_analysis(out: &Element, text: &str, analysis: &Analysis) {
    clear(out);
    let balance = el_text("p", "balance", &t(balance_key(analysis.balance)));
    set_attr(&balance, "data-balance", analysis.balance.name());
    append(out, &balance);
    append(out, &meter(&t("fameLabel"), analysis.fame, "fame"));
    append(
        out,
        &meter(&t("connectionLabel"), analysis.connection, "connection"),
    );
    for notice in &analysis.notices {
        append(out, &el_text("p", "notice", &notice.message));
    }
    if analysis.hints.is_empty() {
        if !text.trim().is_empty() {
            append(out, &el_text("p", "empty", &t("noHints")));
        }
        return;
    }
    let list = el("ul", "hints");
    set_attr(&list, "aria-label", &t("hintsHeading"));
    for hint in &analysis.hints {
        let item = el("li", "hint");
        set_attr(
            &item,
            "data-polarity",
            match hint.polarity {
                Polarity::Fame => "fame",
                Polarity::Connection => "connection",
            },
        );
        set_attr(&item, "data-rule", &hint.rule_id);
        let head = el("div", "hint-head");
        append(&head, &el_text("span", "cue", hint.cue.name()));
        append(&head, &el_text("q", "phrase", hint.span.slice(text)));
        append(&item, &head);
        append(&item, &el_text("p", "message", &hint.message));
        append(&item, &el_text("p", "note", &hint.note));
        if let Some(s) = &hint.suggestion {
            append(
                &item,
                &el_text("p", "suggestion", &t_with("suggestionPrefix", &[s])),
            );
        }
        append(&list, &item);
    }
    append(out, &list);
}

/// Builds the popup inside `root`. `options` is the user's analysis options
/// (brand profile, disabled rules) as stored by the options page.
#[wasm_bindgen]
pub fn render_popup(root: Element, options: JsValue) -> Result<(), JsError> {
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    clear(&root);
    let header = el("header", "top");
    append(&header, &el_text("h1", "", &t("extensionName")));
    append(&header, &el_text("p", "tagline", &t("popupTagline")));
    append(&root, &header);

    // Filled by `render_habits` once popup.js has the history from the background.
    let habits = el("section", "habits");
    set_attr(&habits, "id", "habits");
    set_attr(&habits, "aria-labelledby", "habits-heading");
    append(&root, &habits);
    // Outside the habits section, which re-renders when the history changes:
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
        if p == options.platform {
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
    // Built on the first draft, not at open: preparing the analyser is the
    // slowest part of the popup, and most opens are to read the summary.
    let analyzer: Rc<RefCell<Option<(Platform, Analyzer)>>> = Rc::new(RefCell::new(None));
    let update = {
        let draft = draft.clone();
        let select = select.clone();
        let out = out.clone();
        move || {
            let text = draft.value();
            if text.trim().is_empty() {
                clear(&out);
                return;
            }
            let platform = Platform::from_name(&select.value()).unwrap_or_default();
            let mut cached = analyzer.borrow_mut();
            if cached.as_ref().is_none_or(|(p, _)| *p != platform) {
                let opts = Options {
                    platform,
                    ..options.clone()
                };
                *cached = Some((platform, Analyzer::new(&opts)));
            }
            let (_, current) = cached.as_ref().expect("just built");
            render_analysis(&out, &text, &current.analyze(&text));
        }
    };
    let on_input = update.clone();
    EventListener::new(&draft, "input", move |_| on_input()).forget();
    EventListener::new(&select, "change", move |_| update()).forget();
    Ok(())
}
