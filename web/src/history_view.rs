//! The habit summary in the popup. Rendering only: storage, downloads and
//! messages stay in JavaScript, reached through the `actions` object's
//! functions; the history functions the background calls are in `history`.

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use js_sys::{Array, Reflect};

use rapport::analysis::{Balance, Cue};
use rapport::history::summary::{
    Habit, Improved, PhraseCount, Rate, SiteSummary, Summary, Tip, TrendPoint, PERIOD_POSTS,
};
use rapport::options::Platform;

use crate::dom::{append, call_action, clear, document, el, el_text, set_attr, t, t_with};

fn button(label: &str, class: &str) -> Element {
    let b = el_text("button", class, label);
    set_attr(&b, "type", "button");
    b
}

const SVG: &str = "http://www.w3.org/2000/svg";

fn svg(tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = document()
        .create_element_ns(Some(SVG), tag)
        .expect("valid SVG tag");
    for (k, v) in attrs {
        set_attr(&e, k, v);
    }
    e
}

/// The balance of the latest posts as a line from -100 (fame) to 100
/// (connection); the label carries the same facts for screen readers.
fn trend_chart(summary: &Summary) -> Element {
    // Inset so the first and last dots are not cut by the edge.
    let (w, h, inset) = (300.0_f64, 80.0_f64, 4.0_f64);
    let points = &summary.trend;
    let step = if points.len() > 1 {
        (w - 2.0 * inset) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let y = |score: i16| h / 2.0 - f64::from(score) * (h / 2.0 - 4.0) / 100.0;
    let chart = svg(
        "svg",
        &[
            ("viewBox", "0 0 300 80"),
            ("class", "trend"),
            ("role", "img"),
            ("preserveAspectRatio", "none"),
        ],
    );
    let (first, last) = (
        points.first().map_or(0, |p| p.score),
        points.last().map_or(0, |p| p.score),
    );
    set_attr(
        &chart,
        "aria-label",
        &t_with(
            "trendLabel",
            &[
                &points.len().to_string(),
                &first.to_string(),
                &last.to_string(),
            ],
        ),
    );
    append(
        &chart,
        &svg(
            "line",
            &[
                ("x1", "0"),
                ("x2", "300"),
                ("y1", "40"),
                ("y2", "40"),
                ("class", "trend-zero"),
            ],
        ),
    );
    let coords: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", inset + i as f64 * step, y(p.score)))
        .collect();
    append(
        &chart,
        &svg(
            "polyline",
            &[("points", &coords.join(" ")), ("class", "trend-line")],
        ),
    );
    for (i, p) in points.iter().enumerate() {
        let dot = svg(
            "circle",
            &[
                ("cx", &format!("{:.1}", inset + i as f64 * step)),
                ("cy", &format!("{:.1}", y(p.score))),
                ("r", "2.5"),
            ],
        );
        set_attr(&dot, "data-balance", p.balance.name());
        append(&chart, &dot);
    }
    chart
}

fn habit_key(habit: Habit) -> &'static str {
    match habit {
        Habit::Questions => "habitQuestions",
        Habit::EngagementAsks => "habitEngagementAsks",
        Habit::HardSell => "habitHardSell",
        Habit::Shouting => "habitShouting",
        Habit::Hashtags => "habitHashtags",
        Habit::YouShare => "habitYouShare",
        Habit::GratitudeSpotlight => "habitGratitudeSpotlight",
    }
}

fn format_value(habit: Habit, v: f64) -> String {
    if habit.is_percentage() {
        format!("{v:.0}%")
    } else {
        format!("{v:.1}")
    }
}

fn rate_row(rate: &Rate) -> Element {
    let row = el("tr", "");
    set_attr(&row, "data-habit", rate.habit.name());
    let head = el_text("th", "", &t(habit_key(rate.habit)));
    set_attr(&head, "scope", "row");
    append(&row, &head);
    let current = el_text(
        "td",
        "num",
        &rate
            .current
            .map_or_else(|| "–".to_string(), |v| format_value(rate.habit, v)),
    );
    if let Some(v) = rate.current {
        set_attr(&current, "data-value", &v.to_string());
    }
    append(&row, &current);
    let change = el("td", "num change");
    match (rate.change, rate.previous) {
        (Some(d), Some(prev)) => {
            let unit = if rate.habit.is_percentage() {
                format!("{d:+.0}")
            } else {
                format!("{d:+.1}")
            };
            let shown = el_text("span", "", &unit.replace('-', "−"));
            set_attr(&shown, "aria-hidden", "true");
            append(&change, &shown);
            append(
                &change,
                &el_text(
                    "span",
                    "sr-only",
                    &t_with("changeFrom", &[&format_value(rate.habit, prev)]),
                ),
            );
            set_attr(&change, "data-value", &d.to_string());
            set_attr(
                &change,
                "data-improved",
                match rate.improved {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "flat",
                },
            );
        }
        _ => append(&change, &el_text("span", "muted", "–")),
    }
    append(&row, &change);
    row
}

fn tip_text(tip: &Tip) -> String {
    match tip {
        Tip::TryADraft => t("tipTryADraft"),
        Tip::SwapAskForQuestion { phrase: Some(p) } => t_with("tipSwapAskPhrase", &[p]),
        Tip::SwapAskForQuestion { phrase: None } => t("tipSwapAsk"),
        Tip::GiveBeforeAsking => t("tipGiveBeforeAsking"),
        Tip::LowerTheVolume => t("tipLowerTheVolume"),
        Tip::FewerHashtags => t("tipFewerHashtags"),
        Tip::TalkAboutTheReader => t("tipTalkAboutTheReader"),
        Tip::AskMore => t("tipAskMore"),
        Tip::CreditPeople => t("tipCreditPeople"),
        Tip::KeepGoing => t("tipKeepGoing"),
    }
}

fn section(parent: &Element, class: &str, heading_key: &str) -> Element {
    let s = el("section", class);
    append(&s, &el_text("h3", "", &t(heading_key)));
    append(parent, &s);
    s
}

fn table(caption: &str, headers: &[&str]) -> Element {
    let table = el("table", "");
    append(&table, &el_text("caption", "sr-only", caption));
    let head = el("tr", "");
    for h in headers {
        let th = el_text("th", "", h);
        set_attr(&th, "scope", "col");
        append(&head, &th);
    }
    let thead = el("thead", "");
    append(&thead, &head);
    append(&table, &thead);
    table
}

fn notice_text(notice: &JsValue) -> Option<String> {
    let get = |k: &str| js_sys::Reflect::get(notice, &JsValue::from_str(k)).ok();
    let kind = get("kind")?.as_string()?;
    let num = |k: &str| get(k).and_then(|v| v.as_f64()).unwrap_or(0.0).to_string();
    Some(match kind.as_str() {
        "unreadable" => t("historyUnreadable"),
        "newer-schema" => t("historyNewer"),
        _ => t_with("historyDamaged", &[&num("dropped"), &num("kept")]),
    })
}

/// Reads the background's `Summary` from the object stored in `storage.local`
/// (its serde JSON shape), field by field with `Reflect`: the popup's module
/// then needs no JSON parser and no serde, which made it a third bigger (it
/// is compiled on every open). A wasm test checks it against serde's output.
mod read {
    use super::*;

    pub type Result<T> = std::result::Result<T, String>;

    fn field(obj: &JsValue, key: &str) -> Result<JsValue> {
        if !obj.is_object() {
            return Err(format!("not an object where {key} was expected"));
        }
        Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| format!("unreadable {key}"))
    }

    fn number(obj: &JsValue, key: &str) -> Result<f64> {
        field(obj, key)?
            .as_f64()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("{key} is not a number"))
    }

    fn opt_number(obj: &JsValue, key: &str) -> Result<Option<f64>> {
        let v = field(obj, key)?;
        if v.is_null() || v.is_undefined() {
            Ok(None)
        } else {
            number(obj, key).map(Some)
        }
    }

    /// An integer of type `T` (u8, u32, i16, i64 as the summary has them).
    fn int<T: TryFrom<i64>>(obj: &JsValue, key: &str) -> Result<T> {
        let v = number(obj, key)?;
        if v.fract() != 0.0 || v.abs() > 9.0e15 {
            return Err(format!("{key} is not an integer"));
        }
        T::try_from(v as i64).map_err(|_| format!("{key} is out of range"))
    }

    fn string(obj: &JsValue, key: &str) -> Result<String> {
        field(obj, key)?
            .as_string()
            .ok_or_else(|| format!("{key} is not a string"))
    }

    fn named<T>(obj: &JsValue, key: &str, from: impl Fn(&str) -> Option<T>) -> Result<T> {
        let name = string(obj, key)?;
        from(&name).ok_or_else(|| format!("unknown {key}: {name}"))
    }

    fn list<T>(obj: &JsValue, key: &str, item: impl Fn(&JsValue) -> Result<T>) -> Result<Vec<T>> {
        let v = field(obj, key)?;
        if !Array::is_array(&v) {
            return Err(format!("{key} is not a list"));
        }
        Array::from(&v).iter().map(|x| item(&x)).collect()
    }

    fn tip(obj: &JsValue) -> Result<Tip> {
        let phrase = field(obj, "phrase")?.as_string();
        let kind = string(obj, "kind")?;
        let tip = Tip::from_kind(&kind, phrase).ok_or_else(|| format!("unknown tip: {kind}"))?;
        Ok(tip)
    }

    pub fn summary(v: &JsValue) -> Result<Summary> {
        Ok(Summary {
            posts: int(v, "posts")?,
            trend: list(v, "trend", |p| {
                Ok(TrendPoint {
                    time: int(p, "time")?,
                    score: int(p, "score")?,
                    balance: named(p, "balance", Balance::from_name)?,
                })
            })?,
            period_posts: int(v, "period_posts")?,
            previous_posts: int(v, "previous_posts")?,
            rates: list(v, "rates", |r| {
                let improved = field(r, "improved")?;
                Ok(Rate {
                    habit: named(r, "habit", |n| {
                        Habit::ALL.into_iter().find(|h| h.name() == n)
                    })?,
                    current: opt_number(r, "current")?,
                    previous: opt_number(r, "previous")?,
                    change: opt_number(r, "change")?,
                    improved: improved.as_bool(),
                })
            })?,
            top_fame_phrases: list(v, "top_fame_phrases", |p| {
                Ok(PhraseCount {
                    text: string(p, "text")?,
                    cue: named(p, "cue", Cue::from_name)?,
                    count: int(p, "count")?,
                })
            })?,
            sites: list(v, "sites", |s| {
                Ok(SiteSummary {
                    site: named(s, "site", Platform::from_name)?,
                    posts: int(s, "posts")?,
                    fame: int(s, "fame")?,
                    connection: int(s, "connection")?,
                    connecting_share: int(s, "connecting_share")?,
                })
            })?,
            improved: {
                let i = field(v, "improved")?;
                Improved {
                    tracked: int(&i, "tracked")?,
                    improved: int(&i, "improved")?,
                }
            },
            tip: tip(&field(v, "tip")?)?,
        })
    }
}

/// The stored summary (the object in `storage.local`) as the core's
/// `Summary`; for tests, which compare it with serde's reading.
pub fn summary_from_js(summary: &JsValue) -> Result<Summary, String> {
    read::summary(summary)
}

/// Renders `summary` (the background's `Summary` object as stored, or
/// undefined when there is none yet) into `root`. `notice` is the background's note about a repaired
/// history (or null); `actions` has `exportHistory(format)`, `logActiveTab()`, `clear()`,
/// `setPaused(bool)` and `dismissNotice()`.
#[wasm_bindgen]
pub fn render_history(
    root: Element,
    summary: JsValue,
    paused: bool,
    notice: JsValue,
    actions: JsValue,
) -> Result<(), JsError> {
    let summary: Option<Summary> = if summary.is_undefined() || summary.is_null() {
        None
    } else {
        Some(read::summary(&summary).map_err(|e| JsError::new(&format!("invalid summary: {e}")))?)
    };
    let posts = summary.as_ref().map_or(0, |s| s.posts);
    clear(&root);
    set_attr(&root, "data-posts", &posts.to_string());
    let heading = el_text("h2", "", &t("historyHeading"));
    set_attr(&heading, "id", "history-heading");
    append(&root, &heading);

    if let Some(message) = notice_text(&notice) {
        append(&root, &notice_box(&message, &actions));
    }
    if paused {
        append(
            &root,
            &el_text("p", "paused-banner", &t("recordingPausedBanner")),
        );
    }
    match summary.as_ref().filter(|s| s.posts > 0) {
        Some(summary) => {
            scope_and_tip(&root, summary);
            trend_section(&root, summary);
            rates_section(&root, summary);
            if !summary.top_fame_phrases.is_empty() {
                phrases_section(&root, summary);
            }
            sites_section(&root, summary);
        }
        None => {
            let empty = el("div", "history-empty");
            append(&empty, &el_text("p", "", &t("historyEmpty")));
            append(&empty, &el_text("p", "muted", &t("tipTryADraft")));
            append(&root, &empty);
        }
    }
    append(&root, &actions_bar(posts, paused, &actions));
    Ok(())
}

/// Why the history was repaired, with a button that dismisses it.
fn notice_box(message: &str, actions: &JsValue) -> Element {
    let box_ = el("div", "history-notice");
    set_attr(&box_, "role", "alert");
    append(&box_, &el_text("p", "", message));
    let dismiss = button(&t("dismiss"), "link");
    let a = actions.clone();
    EventListener::new(&dismiss, "click", move |_| {
        call_action(&a, "dismissNotice", &[])
    })
    .forget();
    append(&box_, &dismiss);
    box_
}

fn scope_and_tip(root: &Element, summary: &Summary) {
    let scope = t_with(
        "historyScope",
        &[&summary.posts.to_string(), &PERIOD_POSTS.to_string()],
    );
    append(root, &el_text("p", "muted", &scope));
    let tip = el_text("p", "tip", &tip_text(&summary.tip));
    set_attr(&tip, "data-tip", summary.tip.kind());
    append(root, &tip);
}

fn trend_section(root: &Element, summary: &Summary) {
    let trend = section(root, "trend-box", "trendHeading");
    append(&trend, &trend_chart(summary));
    if let Some(b) = summary.trend.last().map(|p| p.balance) {
        let latest = t_with("latestBalance", &[&t(b.message_key())]);
        append(&trend, &el_text("p", "muted", &latest));
    }
}

fn rates_section(root: &Element, summary: &Summary) {
    let rates = section(root, "rates", "ratesHeading");
    let tbl = table(
        &t("ratesHeading"),
        &[&t("habitColumn"), &t("lastPostsColumn"), &t("changeColumn")],
    );
    let body = el("tbody", "");
    for rate in &summary.rates {
        append(&body, &rate_row(rate));
    }
    append(&tbl, &body);
    append(&rates, &tbl);
    let (improved, tracked) = (
        summary.improved.improved.to_string(),
        summary.improved.tracked.to_string(),
    );
    let line = el_text(
        "p",
        "improved",
        &t_with("improvedDrafts", &[&improved, &tracked]),
    );
    set_attr(&line, "data-improved", &improved);
    set_attr(&line, "data-tracked", &tracked);
    append(&rates, &line);
}

fn phrases_section(root: &Element, summary: &Summary) {
    let phrases = section(root, "phrases", "topPhrasesHeading");
    let list = el("ol", "");
    for p in &summary.top_fame_phrases {
        let count = p.count.to_string();
        let item = el("li", "");
        set_attr(&item, "data-count", &count);
        append(&item, &el_text("q", "", &p.text));
        append(
            &item,
            &el_text("span", "muted", &t_with("timesCount", &[&count])),
        );
        append(&list, &item);
    }
    append(&phrases, &list);
}

fn sites_section(root: &Element, summary: &Summary) {
    let sites = section(root, "sites", "sitesHeading");
    let tbl = table(
        &t("sitesHeading"),
        &[
            &t("siteColumn"),
            &t("postsColumn"),
            &t("fameLabel"),
            &t("connectionLabel"),
        ],
    );
    let body = el("tbody", "");
    for s in &summary.sites {
        let row = el("tr", "");
        set_attr(&row, "data-site", s.site.name());
        let th = el_text("th", "", &t(&format!("platform_{}", s.site.name())));
        set_attr(&th, "scope", "row");
        append(&row, &th);
        for v in [s.posts, u32::from(s.fame), u32::from(s.connection)] {
            append(&row, &el_text("td", "num", &v.to_string()));
        }
        append(&body, &row);
    }
    append(&tbl, &body);
    append(&sites, &tbl);
}

/// Log this tab, pause or resume recording, and (with posts) export and
/// clear.
fn actions_bar(posts: u32, paused: bool, actions: &JsValue) -> Element {
    let bar = el("div", "history-actions");
    let log = button(&t("logTab"), "");
    set_attr(&log, "data-action", "log-tab");
    set_attr(&log, "title", &t("logTabHelp"));
    let a = actions.clone();
    EventListener::new(&log, "click", move |_| call_action(&a, "logActiveTab", &[])).forget();
    append(&bar, &log);
    let pause = button(
        &t(if paused {
            "resumeRecording"
        } else {
            "pauseRecording"
        }),
        "",
    );
    set_attr(&pause, "data-action", "pause");
    set_attr(
        &pause,
        "aria-pressed",
        if paused { "true" } else { "false" },
    );
    let a = actions.clone();
    EventListener::new(&pause, "click", move |_| {
        call_action(&a, "setPaused", &[JsValue::from_bool(!paused)])
    })
    .forget();
    append(&bar, &pause);
    if posts > 0 {
        for (format, key) in [("json", "exportJson"), ("csv", "exportCsv")] {
            let b = button(&t(key), "");
            set_attr(&b, "data-action", &format!("export-{format}"));
            // JS reads the whole history only now, and has `history_export` format it.
            let a = actions.clone();
            EventListener::new(&b, "click", move |_| {
                call_action(&a, "exportHistory", &[JsValue::from_str(format)])
            })
            .forget();
            append(&bar, &b);
        }
        append(&bar, &clear_button(actions));
    }
    bar
}

/// Two steps instead of confirm(): dialogs close the popup in some browsers.
fn clear_button(actions: &JsValue) -> Element {
    let clear_button = button(&t("clearHistory"), "danger");
    set_attr(&clear_button, "data-action", "clear");
    let armed = std::cell::Cell::new(false);
    let a = actions.clone();
    let target = clear_button.clone();
    EventListener::new(&clear_button, "click", move |_| {
        if armed.replace(true) {
            call_action(&a, "clear", &[]);
        } else {
            target.set_text_content(Some(&t("clearHistoryConfirm")));
        }
    })
    .forget();
    clear_button
}
