//! `rapport batch`: one JSON object per input, nothing else on stdout.
//! Analysing and printing are separate steps so that a summary over all the
//! analyses can be added without touching either.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use lexopt::prelude::*;
use lexopt::{Arg, Parser};
use serde_json::{json, Value};

use super::inputs::{read_csv, read_jsonl, read_tweets_js, Input, OutcomeColumns};
use super::{help, platform_value, set_once, CliError};
use crate::analysis::Analysis;
use crate::analyzer::Analyzer;
use crate::options::{Options, Platform};

/// One analysed input.
#[derive(Debug, Clone)]
pub struct BatchRecord {
    pub id: Option<Value>,
    pub platform: Platform,
    pub analysis: Analysis,
}

impl BatchRecord {
    /// `text` is the input the record was made from, to quote each hint.
    pub fn to_json(&self, text: &str) -> Value {
        let hints: Vec<Value> = self
            .analysis
            .hints
            .iter()
            .map(|h| json!({"rule": h.rule_id, "text": h.span.slice(text)}))
            .collect();
        let mut v = json!({
            "balance": self.analysis.balance,
            "fame": self.analysis.fame,
            "connection": self.analysis.connection,
            "cues": self.analysis.cues(),
            "platform": self.platform,
            "stats": self.analysis.stats,
            "hints": hints,
        });
        if let Some(id) = &self.id {
            v["id"] = id.clone();
        }
        v
    }
}

/// Analyses every input, caching one analyser per platform.
pub fn analyze_inputs(inputs: &[Input], base: &Options) -> Vec<BatchRecord> {
    let mut analyzers: HashMap<Platform, Analyzer> = HashMap::new();
    inputs
        .iter()
        .map(|input| {
            let platform = input.platform.unwrap_or(base.platform);
            let analyzer = analyzers.entry(platform).or_insert_with(|| {
                Analyzer::new(&Options {
                    platform,
                    ..base.clone()
                })
            });
            BatchRecord {
                id: input.id.clone(),
                platform,
                analysis: analyzer.analyze(&input.text),
            }
        })
        .collect()
}

pub(crate) fn run(args: &mut Parser) -> Result<(), CliError> {
    let mut platform = None;
    let (mut jsonl, mut csv, mut column, mut tweets) = (None, None, None, None);
    // Posting habits (src/habits): one summary of all inputs instead of a line per input.
    let (mut summary, mut summary_as_text) = (false, false);
    // What followed the posts (src/outcomes): the comparison by balance group.
    let mut outcomes = false;
    let mut counts = OutcomeColumns::default();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("platform") => set_once(&mut platform, "--platform", platform_value(args)?)?,
            Arg::Long("jsonl") => set_once(&mut jsonl, "--jsonl", PathBuf::from(args.value()?))?,
            Arg::Long("csv") => set_once(&mut csv, "--csv", PathBuf::from(args.value()?))?,
            Arg::Long("column") => set_once(&mut column, "--column", args.value()?.string()?)?,
            Arg::Long("tweets-js") => {
                set_once(&mut tweets, "--tweets-js", PathBuf::from(args.value()?))?
            }
            Arg::Long("summary") => summary = true,
            Arg::Long("outcomes") => outcomes = true,
            Arg::Long("replies-column") => set_once(
                &mut counts.replies,
                "--replies-column",
                args.value()?.string()?,
            )?,
            Arg::Long("reposts-column") => set_once(
                &mut counts.reposts,
                "--reposts-column",
                args.value()?.string()?,
            )?,
            Arg::Long("likes-column") => {
                set_once(&mut counts.likes, "--likes-column", args.value()?.string()?)?
            }
            Arg::Long("text") => summary_as_text = true,
            Arg::Short('h') | Arg::Long("help") => return help(),
            other => return Err(other.unexpected().into()),
        }
    }
    let platform = platform.unwrap_or(Platform::Generic);
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| CliError::Input(format!("cannot read '{}': {e}", path.display())))
    };
    let (inputs, errors, source) = match (jsonl, csv, tweets) {
        (Some(path), None, None) => {
            let (i, e) = read_jsonl(&read(&path)?);
            (i, e, path)
        }
        (None, Some(path), None) => {
            let column =
                column.ok_or_else(|| CliError::Usage("--csv needs --column NAME".into()))?;
            let (i, e) = read_csv(&read(&path)?, &column, &counts)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            (i, e, path)
        }
        (None, None, Some(path)) => {
            let (i, e) = read_tweets_js(&read(&path)?)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            (i, e, path)
        }
        _ => {
            return Err(CliError::Usage(
                "batch needs exactly one of --jsonl, --csv or --tweets-js".into(),
            ))
        }
    };
    let source = source.display();
    for (line, msg) in &errors {
        eprintln!("rapport: {source}:{line}: {msg} (skipped)");
    }
    let records = analyze_inputs(
        &inputs,
        &Options {
            platform,
            ..Options::default()
        },
    );
    if summary && outcomes {
        return Err(CliError::Usage(
            "--summary and --outcomes are two reports: ask for one".into(),
        ));
    }
    if summary {
        return print_summary(&records, &inputs, summary_as_text);
    }
    if outcomes {
        return print_outcomes(&records, &inputs, summary_as_text);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (r, input) in records.iter().zip(&inputs) {
        writeln!(out, "{}", r.to_json(&input.text)).map_err(|e| CliError::Input(e.to_string()))?;
    }
    out.flush().map_err(|e| CliError::Input(e.to_string()))?;
    Ok(())
}

/// `--outcomes`: what followed the posts, by balance group, as JSON or, with `--text`, a report.
fn print_outcomes(
    records: &[BatchRecord],
    inputs: &[Input],
    as_text: bool,
) -> Result<(), CliError> {
    let posts: Vec<_> = records
        .iter()
        .zip(inputs)
        .map(|(r, input)| (r.analysis.balance, input.outcome))
        .collect();
    if !posts.iter().any(|(_, o)| o.is_known()) {
        eprintln!("rapport: no input has counts (JSONL: likes, replies, retweets or reposts; tweets.js: favorite_count, retweet_count; CSV: --likes-column, --replies-column, --reposts-column)");
    }
    let report = crate::outcomes::report(&posts);
    write_report(&report, as_text.then(|| report.text()))
}

/// A report on stdout: its text when given, else the value as indented JSON.
fn write_report<T: serde::Serialize>(value: &T, text: Option<String>) -> Result<(), CliError> {
    let text = text
        .unwrap_or_else(|| serde_json::to_string_pretty(value).expect("reports serialise") + "\n");
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| CliError::Input(e.to_string()))
}

/// `--summary`: the records the extension would keep for these posts (taken
/// in input order, oldest first) and the habit summary its popup shows, as
/// JSON or, with `--text`, a report.
fn print_summary(records: &[BatchRecord], inputs: &[Input], as_text: bool) -> Result<(), CliError> {
    use crate::history::{Record, Summary};
    let history: Vec<Record> = records
        .iter()
        .zip(inputs)
        .enumerate()
        .map(|(i, (r, input))| {
            let id = match &r.id {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => format!("batch-{i}"),
            };
            // Inputs carry no dates: their order stands for time.
            Record::from_analysis(id, r.platform, i as i64 + 1, &input.text, &r.analysis)
        })
        .collect();
    let summary = Summary::compute(&history);
    write_report(&summary, as_text.then(|| summary.report()))
}
