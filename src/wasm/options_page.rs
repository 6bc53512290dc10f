//! The options page, rendered from Rust: brand profile, rule and site
//! switches, the pre-publish nudge, history settings and team import/export.
//! Storage stays in JavaScript (options.js): this module gets the settings as
//! JSON, calls `save(json)` after every change, and asks `actions` for what
//! needs browser APIs (permissions, files).

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use crate::analysis::Cue;
use crate::habits::settings::{origin_of, set_site_enabled, site_enabled, Settings};
use crate::options::Platform;

use super::dom::{append, clear, el, el_text, set_attr, t, t_with};

/// The sites with an adapter and hosts of their own (Mastodon instances and
/// any other site are added as extra sites).
const SITES: [Platform; 7] = [
    Platform::X,
    Platform::Bluesky,
    Platform::Threads,
    Platform::Linkedin,
    Platform::Facebook,
    Platform::Instagram,
    Platform::Reddit,
];

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn card(root: &Element, heading_key: &str) -> Element {
    let c = el("section", "card");
    append(&c, &el_text("h2", "", &t(heading_key)));
    append(root, &c);
    c
}

fn help(parent: &Element, id: &str, key: &str) {
    let p = el_text("p", "help", &t(key));
    set_attr(&p, "id", id);
    append(parent, &p);
}

fn list_field(
    parent: &Element,
    id: &str,
    label_key: &str,
    help_key: &str,
    values: &[String],
) -> HtmlTextAreaElement {
    let field = el("div", "field");
    let label = el_text("label", "", &t(label_key));
    set_attr(&label, "for", id);
    append(&field, &label);
    help(&field, &format!("{id}-help"), help_key);
    let area = el("textarea", "");
    set_attr(&area, "id", id);
    set_attr(&area, "rows", "3");
    set_attr(&area, "aria-describedby", &format!("{id}-help"));
    area.set_text_content(Some(&values.join("\n")));
    append(&field, &area);
    append(parent, &field);
    area.unchecked_into()
}

fn checkbox(parent: &Element, id: &str, label: &str, checked: bool) -> HtmlInputElement {
    let row = el("label", "check-row");
    set_attr(&row, "for", id);
    let input: HtmlInputElement = el("input", "").unchecked_into();
    set_attr(&input, "type", "checkbox");
    set_attr(&input, "id", id);
    input.set_checked(checked);
    row.append_child(&input).expect("append");
    append(&row, &el_text("span", "", label));
    append(parent, &row);
    input
}

fn number(
    parent: &Element,
    id: &str,
    label_key: &str,
    help_key: &str,
    value: u32,
    min: u32,
    max: u32,
) -> HtmlInputElement {
    let field = el("div", "field");
    let label = el_text("label", "", &t(label_key));
    set_attr(&label, "for", id);
    append(&field, &label);
    help(&field, &format!("{id}-help"), help_key);
    let input: HtmlInputElement = el("input", "").unchecked_into();
    for (k, v) in [
        ("type", "number"),
        ("id", id),
        ("min", &min.to_string()),
        ("max", &max.to_string()),
        ("aria-describedby", &format!("{id}-help")),
    ] {
        set_attr(&input, k, v);
    }
    input.set_value(&value.to_string());
    append(&field, &input);
    append(parent, &field);
    input
}

fn button(parent: &Element, label: &str, action: &str) -> Element {
    let b = el_text("button", "", label);
    set_attr(&b, "type", "button");
    set_attr(&b, "data-action", action);
    append(parent, &b);
    b
}

fn call(actions: &JsValue, name: &str, arg: &JsValue) {
    let f = js_sys::Reflect::get(actions, &JsValue::from_str(name)).ok();
    if let Some(f) = f.as_ref().and_then(|f| f.dyn_ref::<js_sys::Function>()) {
        let _ = f.call1(actions, arg);
    }
}

/// `cue_reaction_bait` for `reaction-bait`: the localisation key of a cue's name.
fn cue_key(cue: Cue) -> String {
    format!("cue_{}", cue.name().replace('-', "_"))
}

/// Builds the options page inside `root` from `settings` (JSON text); calls
/// `save(json)` after every change. `actions` has `addSite(origin)`,
/// `removeSite(origin)`, `exportSettings(json)` and `importSettings()`.
#[wasm_bindgen]
pub fn render_options(
    root: Element,
    settings: &str,
    save: js_sys::Function,
    actions: JsValue,
) -> Result<(), JsError> {
    let settings: Settings = if settings.is_empty() {
        Settings::default()
    } else {
        serde_json::from_str(settings).map_err(|e| JsError::new(&e.to_string()))?
    };
    clear(&root);
    append(&root, &el_text("h1", "", &t("optionsTitle")));

    let brand = card(&root, "brandHeading");
    let profile = &settings.options.profile;
    let names = list_field(
        &brand,
        "brand-names",
        "brandNamesLabel",
        "brandNamesHelp",
        &profile.names,
    );
    let handles = list_field(
        &brand,
        "brand-handles",
        "brandHandlesLabel",
        "brandHandlesHelp",
        &profile.handles,
    );
    let flag = list_field(
        &brand,
        "flag-phrases",
        "flagPhrasesLabel",
        "flagPhrasesHelp",
        &profile.flag_phrases,
    );
    let ignore = list_field(
        &brand,
        "ignore-phrases",
        "ignorePhrasesLabel",
        "ignorePhrasesHelp",
        &profile.ignore_phrases,
    );

    let rules = card(&root, "cuesHeading");
    let fieldset = el("fieldset", "cues");
    append(&fieldset, &el_text("legend", "", &t("cuesLegend")));
    let cue_boxes: Vec<(Cue, HtmlInputElement)> = Cue::ALL
        .iter()
        .map(|&cue| {
            let on = !settings
                .options
                .disabled_rules
                .iter()
                .any(|r| r == cue.name());
            (
                cue,
                checkbox(
                    &fieldset,
                    &format!("cue-{}", cue.name()),
                    &t(&cue_key(cue)),
                    on,
                ),
            )
        })
        .collect();
    append(&rules, &fieldset);

    let sites = card(&root, "sitesOptionsHeading");
    let fieldset = el("fieldset", "sites");
    append(&fieldset, &el_text("legend", "", &t("sitesLegend")));
    let site_boxes: Vec<(Platform, HtmlInputElement)> = SITES
        .iter()
        .map(|&p| {
            let on = site_enabled(p, &settings.paused_sites);
            (
                p,
                checkbox(
                    &fieldset,
                    &format!("site-{}", p.name()),
                    &t(&format!("platform_{}", p.name())),
                    on,
                ),
            )
        })
        .collect();
    append(&sites, &fieldset);
    append(&sites, &el_text("h3", "", &t("extraSitesHeading")));
    help(&sites, "extra-site-help", "extraSitesHelp");
    let extra_list = el("ul", "extra-sites");
    for origin in &settings.extra_sites {
        let item = el("li", "");
        append(&item, &el_text("span", "", origin));
        let remove = button(&item, &t("removeSite"), "remove-site");
        set_attr(&remove, "aria-label", &t_with("removeSiteLabel", &[origin]));
        let (a, o) = (actions.clone(), origin.clone());
        EventListener::new(&remove, "click", move |_| {
            call(&a, "removeSite", &JsValue::from_str(&o))
        })
        .forget();
        append(&extra_list, &item);
    }
    append(&sites, &extra_list);
    let add_row = el("div", "add-site");
    let add_label = el_text("label", "", &t("addSiteLabel"));
    set_attr(&add_label, "for", "add-site");
    append(&add_row, &add_label);
    let add_input: HtmlInputElement = el("input", "").unchecked_into();
    for (k, v) in [
        ("type", "text"),
        ("id", "add-site"),
        ("placeholder", "mastodon.example"),
        ("aria-describedby", "extra-site-help"),
        ("autocomplete", "off"),
    ] {
        set_attr(&add_input, k, v);
    }
    append(&add_row, &add_input);
    let add_button = button(&add_row, &t("addSite"), "add-site");
    append(&sites, &add_row);

    let writing = card(&root, "writingHeading");
    let nudge = checkbox(&writing, "nudge", &t("nudgeLabel"), settings.nudge);
    help(&writing, "nudge-help", "nudgeHelp");
    set_attr(&nudge, "aria-describedby", "nudge-help");

    let history = card(&root, "historyOptionsHeading");
    let max_posts = number(
        &history,
        "max-posts",
        "maxPostsLabel",
        "maxPostsHelp",
        settings.history.max_posts,
        10,
        5000,
    );
    let max_age = number(
        &history,
        "max-age",
        "maxAgeLabel",
        "maxAgeHelp",
        settings.history.max_age_days,
        0,
        3650,
    );
    let store_text = checkbox(
        &history,
        "store-text",
        &t("storeTextLabel"),
        settings.history.store_text,
    );
    help(&history, "store-text-help", "storeTextHelp");
    set_attr(&store_text, "aria-describedby", "store-text-help");
    let paused = checkbox(
        &history,
        "recording-paused",
        &t("pauseRecordingLabel"),
        settings.history.paused,
    );

    let team = card(&root, "teamHeading");
    help(&team, "team-help", "teamHelp");
    let export = button(&team, &t("exportSettings"), "export-settings");
    let import = button(&team, &t("importSettings"), "import-settings");

    let status = el("p", "status");
    set_attr(&status, "role", "status");
    append(&root, &status);

    let collect = {
        let base = settings.clone();
        let cue_boxes = cue_boxes.clone();
        let site_boxes = site_boxes.clone();
        let (names, handles, flag, ignore) =
            (names.clone(), handles.clone(), flag.clone(), ignore.clone());
        let (nudge, max_posts, max_age, store_text, paused) = (
            nudge.clone(),
            max_posts.clone(),
            max_age.clone(),
            store_text.clone(),
            paused.clone(),
        );
        move || -> Settings {
            let mut s = base.clone();
            let profile = &mut s.options.profile;
            profile.names = lines(&names.value());
            profile.handles = lines(&handles.value());
            profile.flag_phrases = lines(&flag.value());
            profile.ignore_phrases = lines(&ignore.value());
            // Keep rule ids switched off elsewhere; the boxes decide the cues.
            s.options
                .disabled_rules
                .retain(|r| Cue::from_name(r).is_none());
            s.options.disabled_rules.extend(
                cue_boxes
                    .iter()
                    .filter(|(_, b)| !b.checked())
                    .map(|(c, _)| c.name().to_string()),
            );
            for (site, b) in &site_boxes {
                set_site_enabled(*site, &mut s.paused_sites, b.checked());
            }
            s.nudge = nudge.checked();
            // An out-of-range or empty number keeps the previous value rather than guessing.
            let bounded = |input: &HtmlInputElement, min: u32, max: u32, old: u32| {
                input
                    .value()
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|v| (min..=max).contains(v))
                    .unwrap_or(old)
            };
            s.history.max_posts = bounded(&max_posts, 10, 5000, base.history.max_posts);
            s.history.max_age_days = bounded(&max_age, 0, 3650, base.history.max_age_days);
            s.history.store_text = store_text.checked();
            s.history.paused = paused.checked();
            s
        }
    };
    let collect = Rc::new(collect);
    let on_change = {
        let collect = collect.clone();
        let status = status.clone();
        move |_: &web_sys::Event| {
            let json = serde_json::to_string(&collect()).expect("settings serialise");
            match save.call1(&JsValue::NULL, &JsValue::from_str(&json)) {
                Ok(_) => status.set_text_content(Some(&t("saved"))),
                Err(_) => status.set_text_content(Some(&t("saveFailed"))),
            }
        }
    };
    let on_change = Rc::new(on_change);
    let mut targets: Vec<web_sys::EventTarget> = vec![
        names.into(),
        handles.into(),
        flag.into(),
        ignore.into(),
        nudge.into(),
        max_posts.into(),
        max_age.into(),
        store_text.into(),
        paused.into(),
    ];
    targets.extend(cue_boxes.into_iter().map(|(_, b)| b.into()));
    targets.extend(site_boxes.into_iter().map(|(_, b)| b.into()));
    for target in &targets {
        let f = on_change.clone();
        EventListener::new(target, "change", move |e| f(e)).forget();
    }

    let add = {
        let (a, input, status) = (actions.clone(), add_input.clone(), status.clone());
        move || match origin_of(&input.value()) {
            // JS asks for the permission (it must run inside this click) and re-renders.
            Some(origin) => call(&a, "addSite", &JsValue::from_str(&origin)),
            None => status.set_text_content(Some(&t("addSiteInvalid"))),
        }
    };
    let add = Rc::new(add);
    let on_click = add.clone();
    EventListener::new(&add_button, "click", move |_| on_click()).forget();
    EventListener::new(&add_input, "keydown", move |e| {
        if e.dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Enter")
        {
            add();
        }
    })
    .forget();
    let (a, c) = (actions.clone(), collect.clone());
    EventListener::new(&export, "click", move |_| {
        call(
            &a,
            "exportSettings",
            &JsValue::from_str(&serde_json::to_string(&c()).expect("settings serialise")),
        )
    })
    .forget();
    let a = actions.clone();
    EventListener::new(&import, "click", move |_| {
        call(&a, "importSettings", &JsValue::UNDEFINED)
    })
    .forget();
    Ok(())
}
