//! The options page, rendered from Rust: brand profile, rule and site
//! switches (with the rules and sites switched off from a hint's card, to
//! turn back on), the pre-publish nudge, history settings and team
//! import/export.
//! Storage stays in JavaScript (options.js): this module gets the settings as
//! JSON, calls `save(json)` after every change, and asks `actions` for what
//! needs browser APIs (permissions, files).

use std::cell::RefCell;
use std::ops::RangeInclusive;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

use crate::analysis::Cue;
use crate::habits::settings::{
    origin_of, set_site_enabled, site_enabled, site_hosts, Settings, MAX_AGE_DAYS_RANGE,
    MAX_POSTS_RANGE,
};
use crate::lexicon;
use crate::options::Platform;

use super::dom::{append, clear, el, el_text, set_attr, t, t_with};

/// The sites with an adapter and hosts of their own (Mastodon instances and
/// any other site are added as extra sites).
/// The sites with an adapter of their own: the platforms with hosts.
fn own_sites() -> impl Iterator<Item = Platform> {
    Platform::ALL
        .into_iter()
        .filter(|p| !p.facts().hosts.is_empty())
}

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
    range: RangeInclusive<u32>,
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
        ("min", &range.start().to_string()),
        ("max", &range.end().to_string()),
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

/// A list of things the user switched off elsewhere (a rule from a hint's
/// card, a site from "pause on this site"), each with a button that switches
/// it back on. `items` are `(value, name, detail)`; `on_enable(value)` runs
/// after the row is gone. Focus moves to the next row's button, else the
/// previous one, else the heading, so a keyboard user is never dropped on the
/// page's start.
struct OffList {
    class: &'static str,
    heading_key: &'static str,
    help_key: &'static str,
    none_key: &'static str,
    button_key: &'static str,
    button_label_key: &'static str,
}

impl OffList {
    fn render(
        &self,
        parent: &Element,
        items: &[(String, String, String)],
        on_enable: Rc<dyn Fn(&str, &str)>,
    ) {
        let heading = el_text("h3", "", &t(self.heading_key));
        let heading_id = format!("{}-heading", self.class);
        set_attr(&heading, "id", &heading_id);
        set_attr(&heading, "tabindex", "-1");
        append(parent, &heading);
        help(parent, &format!("{}-help", self.class), self.help_key);
        let none = el_text("p", "muted off-none", &t(self.none_key));
        append(parent, &none);
        let list = el("ul", &format!("off-list {}", self.class));
        set_attr(&list, "aria-labelledby", &heading_id);
        append(parent, &list);
        let show_none = {
            let (list, none) = (list.clone(), none.clone());
            move || {
                let empty = list.child_element_count() == 0;
                set_hidden(&none, !empty);
                set_hidden(&list, empty);
            }
        };
        for (value, name, detail) in items {
            let item = el("li", "");
            set_attr(&item, "data-value", value);
            let text = el("span", "off-text");
            append(&text, &el_text("span", "off-name", name));
            if !detail.is_empty() {
                append(&text, &el_text("span", "off-detail", detail));
            }
            append(&item, &text);
            let enable = button(
                &item,
                &t(self.button_key),
                &format!("enable-{}", self.class),
            );
            // An id, so focus survives a re-render (options.js restores it by id).
            set_attr(&enable, "id", &format!("{}-{value}", self.class));
            set_attr(
                &enable,
                "aria-label",
                &t_with(
                    self.button_label_key,
                    &[if detail.is_empty() { name } else { detail }],
                ),
            );
            let (value, name) = (value.clone(), name.clone());
            let (row, heading, on_enable, show_none) = (
                item.clone(),
                heading.clone(),
                on_enable.clone(),
                show_none.clone(),
            );
            EventListener::new(&enable, "click", move |_| {
                let next = row
                    .next_element_sibling()
                    .or_else(|| row.previous_element_sibling())
                    .and_then(|r| r.query_selector("button").ok().flatten());
                row.remove();
                show_none();
                on_enable(&value, &name);
                let target = next.unwrap_or_else(|| heading.clone());
                if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = target.focus();
                }
            })
            .forget();
            append(&list, &item);
        }
        show_none();
    }
}

fn set_hidden(e: &Element, hidden: bool) {
    if hidden {
        set_attr(e, "hidden", "");
    } else {
        let _ = e.remove_attribute("hidden");
    }
}

/// Whether `host` belongs to a site that has its own switch on this page.
fn has_site_switch(host: &str) -> bool {
    own_sites().any(|p| site_hosts(p).contains(&host))
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
    // Single rules switched off from a hint's card ("turn off this rule");
    // the cue switches above cover whole cues.
    let rules_off: Rc<RefCell<Vec<String>>> = Rc::new(RefCell::new(
        settings
            .options
            .disabled_rules
            .iter()
            .filter(|r| Cue::from_name(r).is_none())
            .cloned()
            .collect(),
    ));
    let rule_items: Vec<(String, String, String)> = rules_off
        .borrow()
        .iter()
        .map(|id| {
            let rule = lexicon::rule(id);
            let cue = rule
                .map(|r| r.cue)
                .or_else(|| id.split('.').next().and_then(Cue::from_name));
            let name = cue.map_or_else(|| id.clone(), |c| t(&cue_key(c)));
            let detail = rule.map_or_else(|| id.clone(), |r| r.message.to_string());
            (id.clone(), name, detail)
        })
        .collect();

    let sites = card(&root, "sitesOptionsHeading");
    let fieldset = el("fieldset", "sites");
    append(&fieldset, &el_text("legend", "", &t("sitesLegend")));
    let site_boxes: Vec<(Platform, HtmlInputElement)> = own_sites()
        .map(|p| {
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
    // Hosts paused from a hint's card ("pause on this site") that have no
    // switch above: Mastodon instances, added sites.
    let sites_off: Rc<RefCell<Vec<String>>> = Rc::new(RefCell::new(
        settings
            .paused_sites
            .iter()
            .filter(|h| !has_site_switch(h))
            .cloned()
            .collect(),
    ));
    let paused_box = el("div", "paused-sites-box");
    append(&sites, &paused_box);

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
        MAX_POSTS_RANGE,
    );
    let max_age = number(
        &history,
        "max-age",
        "maxAgeLabel",
        "maxAgeHelp",
        settings.history.max_age_days,
        MAX_AGE_DAYS_RANGE,
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
        let (rules_off, sites_off) = (rules_off.clone(), sites_off.clone());
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
            // The rules still switched off singly, then the cues the boxes switch off.
            s.options.disabled_rules = rules_off.borrow().clone();
            s.options.disabled_rules.extend(
                cue_boxes
                    .iter()
                    .filter(|(_, b)| !b.checked())
                    .map(|(c, _)| c.name().to_string()),
            );
            s.paused_sites = sites_off.borrow().clone();
            for (site, b) in &site_boxes {
                set_site_enabled(*site, &mut s.paused_sites, b.checked());
            }
            s.nudge = nudge.checked();
            // An out-of-range or empty number keeps the previous value rather than guessing.
            let bounded = |input: &HtmlInputElement, range: RangeInclusive<u32>, old: u32| {
                input
                    .value()
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|v| range.contains(v))
                    .unwrap_or(old)
            };
            s.history.max_posts = bounded(&max_posts, MAX_POSTS_RANGE, base.history.max_posts);
            s.history.max_age_days =
                bounded(&max_age, MAX_AGE_DAYS_RANGE, base.history.max_age_days);
            s.history.store_text = store_text.checked();
            s.history.paused = paused.checked();
            s
        }
    };
    let collect = Rc::new(collect);
    // Saves what the page shows; `done` is the status to announce.
    let save_now = {
        let collect = collect.clone();
        let status = status.clone();
        move |done: &str| {
            let json = serde_json::to_string(&collect()).expect("settings serialise");
            match save.call1(&JsValue::NULL, &JsValue::from_str(&json)) {
                Ok(_) => status.set_text_content(Some(done)),
                Err(_) => status.set_text_content(Some(&t("saveFailed"))),
            }
        }
    };
    let save_now = Rc::new(save_now);
    let on_change = {
        let save_now = save_now.clone();
        move |_: &web_sys::Event| save_now(&t("saved"))
    };
    let on_change = Rc::new(on_change);

    let (list, persist) = (rules_off.clone(), save_now.clone());
    OffList {
        class: "rules-off",
        heading_key: "rulesOffHeading",
        help_key: "rulesOffHelp",
        none_key: "rulesOffNone",
        button_key: "turnRuleOn",
        button_label_key: "turnRuleOnLabel",
    }
    .render(
        &rules,
        &rule_items,
        Rc::new(move |id: &str, name: &str| {
            list.borrow_mut().retain(|r| r != id);
            persist(&t_with("ruleTurnedOn", &[name]));
        }),
    );
    let site_items: Vec<(String, String, String)> = sites_off
        .borrow()
        .iter()
        .map(|h| (h.clone(), h.clone(), String::new()))
        .collect();
    let (list, persist) = (sites_off.clone(), save_now.clone());
    OffList {
        class: "sites-off",
        heading_key: "sitesOffHeading",
        help_key: "sitesOffHelp",
        none_key: "sitesOffNone",
        button_key: "resumeSite",
        button_label_key: "resumeSiteLabel",
    }
    .render(
        &paused_box,
        &site_items,
        Rc::new(move |host: &str, _: &str| {
            list.borrow_mut().retain(|h| h != host);
            persist(&t_with("siteResumed", &[host]));
        }),
    );
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
