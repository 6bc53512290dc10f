//! The options page, rendered from Rust: brand profile, rule and site
//! switches (with the rules and sites switched off from a hint's card, to
//! turn back on), the pre-publish nudge, history settings, team
//! import/export and the language of the extension's own words.
//! Storage stays in JavaScript (options.js): this module gets the settings as
//! JSON, calls `save(json)` after every change, and asks `actions` for what
//! needs browser APIs (permissions, files).

use std::cell::RefCell;
use std::ops::RangeInclusive;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use rapport::analysis::Cue;
use rapport::lexicon;
use rapport::options::Platform;
use rapport::settings::{
    origin_of, set_site_enabled, site_enabled, site_hosts, Settings, UiLanguage,
    MAX_AGE_DAYS_RANGE, MAX_POSTS_RANGE,
};

use crate::dom::{append, call_action, clear, el, el_text, set_attr, t, t_with};

/// The sites with an adapter and hosts of their own (Mastodon instances and
/// any other site are added as extra sites).
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

/// A list of things the user switched off elsewhere (a rule from a hint's
/// card, a site from "pause on this site"), each with a button that switches
/// it back on. `items` are `(value, name, detail)`; `on_enable(value)` runs
/// after the row is gone. Focus moves to the next row's button, else the
/// previous one, else the heading, so a keyboard user is never dropped on the
/// page's start.
/// What turning an item of an [`OffList`] back on does, given its value and name.
type OnEnable = Rc<dyn Fn(&str, &str)>;

struct OffList {
    class: &'static str,
    heading_key: &'static str,
    help_key: &'static str,
    none_key: &'static str,
    button_key: &'static str,
    button_label_key: &'static str,
}

impl OffList {
    fn render(&self, parent: &Element, items: &[(String, String, String)], on_enable: OnEnable) {
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

    let brand = brand_card(&root, &settings);
    let cues = cues_card(&root, &settings);
    let sites = sites_card(&root, &settings, &actions);
    let writing = card(&root, "writingHeading");
    let nudge = checkbox(&writing, "nudge", &t("nudgeLabel"), settings.nudge);
    help(&writing, "nudge-help", "nudgeHelp");
    set_attr(&nudge, "aria-describedby", "nudge-help");
    let history = history_card(&root, &settings);
    let team = card(&root, "teamHeading");
    help(&team, "team-help", "teamHelp");
    let export = button(&team, &t("exportSettings"), "export-settings");
    let import = button(&team, &t("importSettings"), "import-settings");
    let ui_language = language_card(&root, settings.ui_language);
    let status = el("p", "status");
    set_attr(&status, "role", "status");
    append(&root, &status);

    let form = Rc::new(Form {
        base: settings,
        brand,
        cue_boxes: cues.boxes,
        rules_off: RefCell::new(cues.rules_off),
        site_boxes: sites.boxes,
        sites_off: RefCell::new(sites.paused_elsewhere),
        nudge,
        history,
        ui_language,
    });
    let save_now = saver(&form, save, &status);
    render_off_lists(&form, &cues.card, &sites.paused_box, &save_now);
    for target in form.inputs() {
        let save_now = save_now.clone();
        EventListener::new(&target, "change", move |_| save_now(&t("saved"))).forget();
    }
    wire_add_site(&sites.add_input, &sites.add_button, &actions, &status);
    let (a, f) = (actions.clone(), form.clone());
    EventListener::new(&export, "click", move |_| {
        let json = serde_json::to_string(&f.settings()).expect("settings serialise");
        call_action(&a, "exportSettings", &[JsValue::from_str(&json)]);
    })
    .forget();
    EventListener::new(&import, "click", move |_| {
        call_action(&actions, "importSettings", &[])
    })
    .forget();
    Ok(())
}

/// What the page shows, read back into settings on every change.
struct Form {
    /// The settings the page was given: keys it does not edit survive.
    base: Settings,
    brand: BrandFields,
    cue_boxes: Vec<(Cue, HtmlInputElement)>,
    /// Single rules switched off from a hint's card, not yet turned back on.
    rules_off: RefCell<Vec<String>>,
    site_boxes: Vec<(Platform, HtmlInputElement)>,
    /// Hosts paused from a hint's card that have no switch of their own.
    sites_off: RefCell<Vec<String>>,
    nudge: HtmlInputElement,
    history: HistoryFields,
    ui_language: HtmlSelectElement,
}

struct BrandFields {
    names: HtmlTextAreaElement,
    handles: HtmlTextAreaElement,
    flag: HtmlTextAreaElement,
    ignore: HtmlTextAreaElement,
}

struct HistoryFields {
    max_posts: HtmlInputElement,
    max_age: HtmlInputElement,
    store_text: HtmlInputElement,
    paused: HtmlInputElement,
    read_outcomes: HtmlInputElement,
}

impl Form {
    fn settings(&self) -> Settings {
        let mut s = self.base.clone();
        let profile = &mut s.options.profile;
        profile.names = lines(&self.brand.names.value());
        profile.handles = lines(&self.brand.handles.value());
        profile.flag_phrases = lines(&self.brand.flag.value());
        profile.ignore_phrases = lines(&self.brand.ignore.value());
        // The rules still switched off singly, then the cues the boxes switch off.
        s.options.disabled_rules = self.rules_off.borrow().clone();
        s.options.disabled_rules.extend(
            self.cue_boxes
                .iter()
                .filter(|(_, b)| !b.checked())
                .map(|(c, _)| c.name().to_string()),
        );
        s.paused_sites = self.sites_off.borrow().clone();
        for (site, b) in &self.site_boxes {
            set_site_enabled(*site, &mut s.paused_sites, b.checked());
        }
        s.nudge = self.nudge.checked();
        let h = &self.history;
        let old = &self.base.history;
        s.history.max_posts = bounded(&h.max_posts, MAX_POSTS_RANGE, old.max_posts);
        s.history.max_age_days = bounded(&h.max_age, MAX_AGE_DAYS_RANGE, old.max_age_days);
        s.history.store_text = h.store_text.checked();
        s.history.paused = h.paused.checked();
        s.history.read_outcomes = h.read_outcomes.checked();
        s.ui_language = UiLanguage::from_name(&self.ui_language.value()).unwrap_or_default();
        s
    }

    /// Every input whose change is saved.
    fn inputs(&self) -> Vec<web_sys::EventTarget> {
        let b = &self.brand;
        let h = &self.history;
        let mut targets: Vec<web_sys::EventTarget> = vec![
            b.names.clone().into(),
            b.handles.clone().into(),
            b.flag.clone().into(),
            b.ignore.clone().into(),
            self.nudge.clone().into(),
            h.max_posts.clone().into(),
            h.max_age.clone().into(),
            h.store_text.clone().into(),
            h.paused.clone().into(),
            h.read_outcomes.clone().into(),
            self.ui_language.clone().into(),
        ];
        targets.extend(self.cue_boxes.iter().map(|(_, b)| b.clone().into()));
        targets.extend(self.site_boxes.iter().map(|(_, b)| b.clone().into()));
        targets
    }
}

/// An out-of-range or empty number keeps the previous value rather than guessing.
fn bounded(input: &HtmlInputElement, range: RangeInclusive<u32>, old: u32) -> u32 {
    input
        .value()
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|v| range.contains(v))
        .unwrap_or(old)
}

/// Saves what the page shows; the argument is the status to announce.
fn saver(form: &Rc<Form>, save: js_sys::Function, status: &Element) -> Rc<dyn Fn(&str)> {
    let (form, status) = (form.clone(), status.clone());
    Rc::new(move |done: &str| {
        let json = serde_json::to_string(&form.settings()).expect("settings serialise");
        match save.call1(&JsValue::NULL, &JsValue::from_str(&json)) {
            Ok(_) => status.set_text_content(Some(done)),
            Err(_) => status.set_text_content(Some(&t("saveFailed"))),
        }
    })
}

fn brand_card(root: &Element, settings: &Settings) -> BrandFields {
    let brand = card(root, "brandHeading");
    let profile = &settings.options.profile;
    let field = |id: &str, key: &str, values: &[String]| {
        list_field(
            &brand,
            id,
            &format!("{key}Label"),
            &format!("{key}Help"),
            values,
        )
    };
    BrandFields {
        names: field("brand-names", "brandNames", &profile.names),
        handles: field("brand-handles", "brandHandles", &profile.handles),
        flag: field("flag-phrases", "flagPhrases", &profile.flag_phrases),
        ignore: field("ignore-phrases", "ignorePhrases", &profile.ignore_phrases),
    }
}

struct CuesCard {
    card: Element,
    boxes: Vec<(Cue, HtmlInputElement)>,
    /// Single rules switched off from a hint's card ("turn off this rule");
    /// the cue switches cover whole cues.
    rules_off: Vec<String>,
}

fn cues_card(root: &Element, settings: &Settings) -> CuesCard {
    let card = card(root, "cuesHeading");
    let fieldset = el("fieldset", "cues");
    append(&fieldset, &el_text("legend", "", &t("cuesLegend")));
    let disabled = &settings.options.disabled_rules;
    let boxes = Cue::ALL
        .iter()
        .map(|&cue| {
            let on = !disabled.iter().any(|r| r == cue.name());
            let id = format!("cue-{}", cue.name());
            (cue, checkbox(&fieldset, &id, &t(&cue_key(cue)), on))
        })
        .collect();
    append(&card, &fieldset);
    let rules_off = disabled
        .iter()
        .filter(|r| Cue::from_name(r).is_none())
        .cloned()
        .collect();
    CuesCard {
        card,
        boxes,
        rules_off,
    }
}

struct SitesCard {
    boxes: Vec<(Platform, HtmlInputElement)>,
    add_input: HtmlInputElement,
    add_button: Element,
    /// Where the hosts paused from a hint's card are listed.
    paused_box: Element,
    /// Hosts paused from a hint's card that have no switch above: Mastodon
    /// instances, added sites.
    paused_elsewhere: Vec<String>,
}

fn sites_card(root: &Element, settings: &Settings, actions: &JsValue) -> SitesCard {
    let sites = card(root, "sitesOptionsHeading");
    let fieldset = el("fieldset", "sites");
    append(&fieldset, &el_text("legend", "", &t("sitesLegend")));
    let boxes = own_sites()
        .map(|p| {
            let on = site_enabled(p, &settings.paused_sites);
            let label = t(&format!("platform_{}", p.name()));
            (
                p,
                checkbox(&fieldset, &format!("site-{}", p.name()), &label, on),
            )
        })
        .collect();
    append(&sites, &fieldset);
    append(&sites, &el_text("h3", "", &t("extraSitesHeading")));
    help(&sites, "extra-site-help", "extraSitesHelp");
    append(&sites, &extra_sites_list(&settings.extra_sites, actions));
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
    let paused_box = el("div", "paused-sites-box");
    append(&sites, &paused_box);
    let paused_elsewhere = settings
        .paused_sites
        .iter()
        .filter(|h| !has_site_switch(h))
        .cloned()
        .collect();
    SitesCard {
        boxes,
        add_input,
        add_button,
        paused_box,
        paused_elsewhere,
    }
}

/// The sites the user added, each with a button that removes it.
fn extra_sites_list(origins: &[String], actions: &JsValue) -> Element {
    let list = el("ul", "extra-sites");
    for origin in origins {
        let item = el("li", "");
        append(&item, &el_text("span", "", origin));
        let remove = button(&item, &t("removeSite"), "remove-site");
        set_attr(&remove, "aria-label", &t_with("removeSiteLabel", &[origin]));
        let (a, o) = (actions.clone(), JsValue::from_str(origin));
        EventListener::new(&remove, "click", move |_| {
            call_action(&a, "removeSite", std::slice::from_ref(&o))
        })
        .forget();
        append(&list, &item);
    }
    list
}

fn history_card(root: &Element, settings: &Settings) -> HistoryFields {
    let card = card(root, "historyOptionsHeading");
    let h = &settings.history;
    let max_posts = number(
        &card,
        "max-posts",
        "maxPostsLabel",
        "maxPostsHelp",
        h.max_posts,
        MAX_POSTS_RANGE,
    );
    let max_age = number(
        &card,
        "max-age",
        "maxAgeLabel",
        "maxAgeHelp",
        h.max_age_days,
        MAX_AGE_DAYS_RANGE,
    );
    let store_text = checkbox(&card, "store-text", &t("storeTextLabel"), h.store_text);
    help(&card, "store-text-help", "storeTextHelp");
    set_attr(&store_text, "aria-describedby", "store-text-help");
    let paused = checkbox(
        &card,
        "recording-paused",
        &t("pauseRecordingLabel"),
        h.paused,
    );
    let read_outcomes = checkbox(
        &card,
        "read-outcomes",
        &t("readOutcomesLabel"),
        h.read_outcomes,
    );
    help(&card, "read-outcomes-help", "readOutcomesHelp");
    set_attr(&read_outcomes, "aria-describedby", "read-outcomes-help");
    HistoryFields {
        max_posts,
        max_age,
        store_text,
        paused,
        read_outcomes,
    }
}

/// The language of the extension's own words: the browser's, or one of the
/// locales, each named in its own language (and marked so, for screen
/// readers). options.js shows the page again in the language saved.
fn language_card(root: &Element, chosen: UiLanguage) -> HtmlSelectElement {
    let card = card(root, "languageHeading");
    let field = el("div", "field");
    let label = el_text("label", "", &t("uiLanguageLabel"));
    set_attr(&label, "for", "ui-language");
    append(&field, &label);
    help(&field, "ui-language-help", "uiLanguageHelp");
    let select = el("select", "");
    set_attr(&select, "id", "ui-language");
    set_attr(&select, "aria-describedby", "ui-language-help");
    for language in UiLanguage::ALL {
        let option = el_text("option", "", &t(language.message_key()));
        set_attr(&option, "value", language.name());
        if let Some(tag) = language.tag() {
            set_attr(&option, "lang", tag);
        }
        if language == chosen {
            set_attr(&option, "selected", "");
        }
        append(&select, &option);
    }
    append(&field, &select);
    append(&card, &field);
    select.unchecked_into()
}

/// The rules and the hosts switched off from a hint's card, each with a
/// button that turns it back on and saves.
fn render_off_lists(
    form: &Rc<Form>,
    rules_card: &Element,
    paused_box: &Element,
    save_now: &Rc<dyn Fn(&str)>,
) {
    let rule_items: Vec<(String, String, String)> = form
        .rules_off
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
    let (f, persist) = (form.clone(), save_now.clone());
    OffList {
        class: "rules-off",
        heading_key: "rulesOffHeading",
        help_key: "rulesOffHelp",
        none_key: "rulesOffNone",
        button_key: "turnRuleOn",
        button_label_key: "turnRuleOnLabel",
    }
    .render(
        rules_card,
        &rule_items,
        Rc::new(move |id: &str, name: &str| {
            f.rules_off.borrow_mut().retain(|r| r != id);
            persist(&t_with("ruleTurnedOn", &[name]));
        }),
    );
    let site_items: Vec<(String, String, String)> = form
        .sites_off
        .borrow()
        .iter()
        .map(|h| (h.clone(), h.clone(), String::new()))
        .collect();
    let (f, persist) = (form.clone(), save_now.clone());
    OffList {
        class: "sites-off",
        heading_key: "sitesOffHeading",
        help_key: "sitesOffHelp",
        none_key: "sitesOffNone",
        button_key: "resumeSite",
        button_label_key: "resumeSiteLabel",
    }
    .render(
        paused_box,
        &site_items,
        Rc::new(move |host: &str, _: &str| {
            f.sites_off.borrow_mut().retain(|h| h != host);
            persist(&t_with("siteResumed", &[host]));
        }),
    );
}

/// "Add" and Enter in the site field: a valid origin goes to JavaScript, which
/// asks for the permission (it must run inside this click) and re-renders.
fn wire_add_site(
    input: &HtmlInputElement,
    add_button: &Element,
    actions: &JsValue,
    status: &Element,
) {
    let add = {
        let (a, input, status) = (actions.clone(), input.clone(), status.clone());
        Rc::new(move || match origin_of(&input.value()) {
            Some(origin) => call_action(&a, "addSite", &[JsValue::from_str(&origin)]),
            None => status.set_text_content(Some(&t("addSiteInvalid"))),
        })
    };
    let on_click = add.clone();
    EventListener::new(add_button, "click", move |_| on_click()).forget();
    EventListener::new(input, "keydown", move |e| {
        if e.dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Enter")
        {
            add();
        }
    })
    .forget();
}
