//! The habit summary in the popup. Rendering only: storage, downloads and
//! messages stay in JavaScript, reached through the `actions` object's
//! functions; the history functions the background calls are in `history`.

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use js_sys::{Array, Reflect};

use rapport::analysis::{Balance, Cue};
use rapport::history::outcomes::{OutcomesSummary, SiteOutcomes};
use rapport::history::summary::{
    Habit, Improved, PhraseCount, Rate, SiteSummary, Summary, Tip, TrendPoint, PERIOD_POSTS,
};
use rapport::options::Platform;
use rapport::outcomes::{Difference, Group, GroupFigures, Report};

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
        Tip::YourConnectionPostsGetMore {
            metric,
            more,
            low,
            high,
        } => t_with(
            if metric == "likes" {
                "tipYourConnectionPostsGetMoreLikes"
            } else {
                "tipYourConnectionPostsGetMoreReplies"
            },
            &[&figure(*more), &figure(*low), &figure(*high)],
        ),
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
        Ok(match tip {
            Tip::YourConnectionPostsGetMore { .. } => {
                let figures = field(obj, "figures")?;
                let at = |i: u32| {
                    Array::from(&figures)
                        .get(i)
                        .as_f64()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| "the tip's figures are not numbers".to_string())
                };
                if !Array::is_array(&figures) {
                    return Err("the tip's figures are not a list".into());
                }
                Tip::YourConnectionPostsGetMore {
                    metric: string(obj, "metric")?,
                    more: at(0)?,
                    low: at(1)?,
                    high: at(2)?,
                }
            }
            other => other,
        })
    }

    fn report(v: &JsValue) -> Result<Report> {
        Ok(Report {
            groups: list(v, "groups", |g| {
                Ok(GroupFigures {
                    group: named(g, "group", Group::from_name)?,
                    posts: int(g, "posts")?,
                    with_outcomes: int(g, "with_outcomes")?,
                    enough: field(g, "enough")?.as_bool().unwrap_or(false),
                    median_replies: opt_number(g, "median_replies")?,
                    median_reposts: opt_number(g, "median_reposts")?,
                    median_likes: opt_number(g, "median_likes")?,
                })
            })?,
            connection_minus_broadcast: list(v, "connection_minus_broadcast", |d| {
                Ok(Difference {
                    metric: string(d, "metric")?,
                    connection_posts: int(d, "connection_posts")?,
                    broadcast_posts: int(d, "broadcast_posts")?,
                    estimate: opt_number(d, "estimate")?,
                    low: opt_number(d, "low")?,
                    high: opt_number(d, "high")?,
                    clear: field(d, "clear")?.as_bool().unwrap_or(false),
                })
            })?,
            min_posts_per_group: int(v, "min_posts_per_group")?,
        })
    }

    /// A summary written before outcomes were read has none: an empty section.
    fn outcomes(v: &JsValue) -> Result<OutcomesSummary> {
        let o = field(v, "outcomes")?;
        if o.is_undefined() {
            return Ok(OutcomesSummary::empty());
        }
        Ok(OutcomesSummary {
            with_outcomes: int(&o, "with_outcomes")?,
            all: report(&field(&o, "all")?)?,
            sites: list(&o, "sites", |s| {
                Ok(SiteOutcomes {
                    site: named(s, "site", Platform::from_name)?,
                    report: report(&field(s, "report")?)?,
                })
            })?,
        })
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
            outcomes: outcomes(v)?,
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
            outcomes_section(&root, &summary.outcomes);
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

/// A median or a difference as the popup prints it: whole numbers plain, halves with one decimal.
fn figure(v: f64) -> String {
    let shown = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    shown.replace('-', "−")
}

fn group_key(group: Group) -> &'static str {
    match group {
        Group::ConnectionLeaning => "groupConnectionLeaning",
        Group::MixedOrNeutral => "groupMixedOrNeutral",
        Group::BroadcastLeaning => "groupBroadcastLeaning",
    }
}

/// "What works for you": what followed the user's own posts, by balance
/// group, for all sites or one. Honest by construction: a group below
/// the minimum shows "not enough posts yet" and no figure, a difference
/// comes with its interval, and the section says it shows no cause.
fn outcomes_section(root: &Element, outcomes: &OutcomesSummary) {
    let section = section(root, "outcomes", "outcomesHeading");
    set_attr(
        &section,
        "data-with-outcomes",
        &outcomes.with_outcomes.to_string(),
    );
    if outcomes.with_outcomes == 0 {
        append(&section, &el_text("p", "muted", &t("outcomesNone")));
        return;
    }
    let body = el("div", "outcomes-body");
    if outcomes.sites.len() > 1 {
        let label = el_text("label", "outcomes-site", &t("outcomesSiteLabel"));
        let select = el("select", "");
        set_attr(&select, "id", "outcomes-site");
        let all = el_text(
            "option",
            "",
            &t_with("outcomesAllSites", &[&outcomes.all.posts().to_string()]),
        );
        set_attr(&all, "value", "");
        append(&select, &all);
        for s in &outcomes.sites {
            let option = el_text(
                "option",
                "",
                &format!(
                    "{} ({})",
                    t(&format!("platform_{}", s.site.name())),
                    s.report.posts()
                ),
            );
            set_attr(&option, "value", s.site.name());
            append(&select, &option);
        }
        append(&label, &select);
        append(&section, &label);
        let (sites, shown) = (outcomes.sites.clone(), body.clone());
        let all = outcomes.all.clone();
        let picker = select.clone();
        EventListener::new(&select, "change", move |_| {
            let value = picker.unchecked_ref::<web_sys::HtmlSelectElement>().value();
            let report = sites
                .iter()
                .find(|s| s.site.name() == value)
                .map_or(&all, |s| &s.report);
            render_report(
                &shown,
                report,
                (!value.is_empty()).then_some(value.as_str()),
            );
        })
        .forget();
    }
    append(&section, &body);
    let only_site = (outcomes.sites.len() == 1).then(|| outcomes.sites[0].site.name());
    render_report(&body, &outcomes.all, only_site);
    append(
        &section,
        &el_text("p", "muted caveat", &t("outcomesNoCause")),
    );
}

fn render_report(body: &Element, report: &Report, site: Option<&str>) {
    clear(body);
    set_attr(body, "data-site", site.unwrap_or(""));
    append(body, &outcomes_chart(report));
    // The chart's label says all of it to screen readers; the key is for the eye.
    let legend = el("p", "outcomes-legend");
    set_attr(&legend, "aria-hidden", "true");
    for (class, key) in [
        ("replies", "medianRepliesColumn"),
        ("likes", "medianLikesColumn"),
    ] {
        let item = el_text("span", "", &t(key));
        let swatch = el("i", &format!("swatch {class}"));
        item.prepend_with_node_1(&swatch)
            .expect("prepend to a live element");
        append(&legend, &item);
    }
    append(body, &legend);
    let tbl = table(
        &t("outcomesHeading"),
        &[
            &t("groupColumn"),
            &t("postsColumn"),
            &t("medianRepliesColumn"),
            &t("medianLikesColumn"),
        ],
    );
    let rows = el("tbody", "");
    for g in &report.groups {
        let row = el("tr", "");
        set_attr(&row, "data-group", g.group.name());
        set_attr(&row, "data-enough", if g.enough { "true" } else { "false" });
        let th = el_text("th", "", &t(group_key(g.group)));
        set_attr(&th, "scope", "row");
        append(&row, &th);
        let posts = el_text("td", "num", &g.with_outcomes.to_string());
        set_attr(&posts, "data-value", &g.with_outcomes.to_string());
        append(&row, &posts);
        if g.enough {
            for (class, v) in [
                ("num median-replies", g.median_replies),
                ("num median-likes", g.median_likes),
            ] {
                let cell = el_text("td", class, &v.map_or_else(|| "–".into(), figure));
                if let Some(v) = v {
                    set_attr(&cell, "data-value", &v.to_string());
                }
                append(&row, &cell);
            }
        } else {
            let cell = el_text(
                "td",
                "muted not-enough",
                &t_with(
                    "outcomesNotEnough",
                    &[&report.min_posts_per_group.to_string()],
                ),
            );
            set_attr(&cell, "colspan", "2");
            append(&row, &cell);
        }
        append(&rows, &row);
    }
    append(&tbl, &rows);
    append(body, &tbl);
    for metric in ["replies", "likes"] {
        let Some(d) = report.difference(metric) else {
            continue;
        };
        let line = el("p", "difference");
        set_attr(&line, "data-metric", metric);
        match (d.estimate, d.low, d.high) {
            (Some(e), Some(l), Some(h)) => {
                set_attr(&line, "data-estimate", &e.to_string());
                set_attr(&line, "data-low", &l.to_string());
                set_attr(&line, "data-high", &h.to_string());
                set_attr(&line, "data-clear", if d.clear { "true" } else { "false" });
                let signed = |v: f64| {
                    if v > 0.0 {
                        format!("+{}", figure(v))
                    } else {
                        figure(v)
                    }
                };
                let key = match (metric, d.clear) {
                    ("replies", true) => "outcomesDifferenceRepliesClear",
                    ("replies", false) => "outcomesDifferenceReplies",
                    (_, true) => "outcomesDifferenceLikesClear",
                    (_, false) => "outcomesDifferenceLikes",
                };
                line.set_text_content(Some(&t_with(key, &[&signed(e), &signed(l), &signed(h)])));
            }
            _ => {
                set_attr(&line, "data-estimate", "");
                line.set_text_content(Some(&t_with(
                    if metric == "replies" {
                        "outcomesCompareNotEnoughReplies"
                    } else {
                        "outcomesCompareNotEnoughLikes"
                    },
                    &[&report.min_posts_per_group.to_string()],
                )));
            }
        }
        append(body, &line);
    }
}

/// Median replies and likes per group as pairs of bars; a group without
/// enough posts has none and says so. The label gives screen readers the
/// same figures.
fn outcomes_chart(report: &Report) -> Element {
    let (w, row_h, label_w) = (300.0_f64, 22.0_f64, 116.0_f64);
    let h = row_h * report.groups.len() as f64;
    let chart = svg(
        "svg",
        &[
            ("viewBox", &format!("0 0 {w} {h}")),
            ("class", "outcomes-chart"),
            ("role", "img"),
        ],
    );
    let max = report
        .groups
        .iter()
        .filter(|g| g.enough)
        .flat_map(|g| [g.median_replies, g.median_likes])
        .flatten()
        .fold(0.0_f64, f64::max);
    let mut described = Vec::new();
    for (i, g) in report.groups.iter().enumerate() {
        let top = i as f64 * row_h;
        let name = t(group_key(g.group));
        let label = svg(
            "text",
            &[
                ("x", "0"),
                ("y", &format!("{:.1}", top + 14.0)),
                ("class", "bar-label"),
            ],
        );
        label.set_text_content(Some(&name));
        append(&chart, &label);
        if !g.enough {
            let note = svg(
                "text",
                &[
                    ("x", &format!("{label_w}")),
                    ("y", &format!("{:.1}", top + 14.0)),
                    ("class", "bar-note"),
                ],
            );
            note.set_text_content(Some(&t("outcomesNotEnoughShort")));
            append(&chart, &note);
            described.push(format!("{name}: {}", t("outcomesNotEnoughShort")));
            continue;
        }
        let mut parts = Vec::new();
        for (j, (class, v, key)) in [
            ("bar-replies", g.median_replies, "medianRepliesColumn"),
            ("bar-likes", g.median_likes, "medianLikesColumn"),
        ]
        .into_iter()
        .enumerate()
        {
            let Some(v) = v else { continue };
            let width = if max > 0.0 {
                (w - label_w - 30.0) * v / max
            } else {
                0.0
            };
            let bar = svg(
                "rect",
                &[
                    ("x", &format!("{label_w}")),
                    ("y", &format!("{:.1}", top + 3.0 + j as f64 * 8.0)),
                    ("width", &format!("{:.1}", width.max(1.0))),
                    ("height", "7"),
                    ("class", class),
                ],
            );
            set_attr(&bar, "data-group", g.group.name());
            set_attr(&bar, "data-value", &v.to_string());
            append(&chart, &bar);
            let value = svg(
                "text",
                &[
                    ("x", &format!("{:.1}", label_w + width.max(1.0) + 3.0)),
                    ("y", &format!("{:.1}", top + 9.5 + j as f64 * 8.0)),
                    ("class", "bar-value"),
                ],
            );
            value.set_text_content(Some(&figure(v)));
            append(&chart, &value);
            parts.push(format!("{} {}", t(key), figure(v)));
        }
        described.push(format!("{name}: {}", parts.join(", ")));
    }
    set_attr(
        &chart,
        "aria-label",
        &t_with("outcomesChartLabel", &[&described.join("; ")]),
    );
    chart
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
