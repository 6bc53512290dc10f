//! The command line: `check`, `batch`, `eval`, `bench-native`. Arguments are
//! parsed by hand to keep the dependency list short.

mod batch;
mod check;
mod inputs;

pub use batch::{analyze_inputs, BatchRecord};
pub use inputs::{read_csv, read_jsonl, read_tweets_js, Input};

use std::io::Write;

const USAGE: &str = "\
rapport: shows fame-seeking and connection-seeking language in a social media draft

USAGE:
    rapport check [FILE|-] [--platform P] [--json]
    rapport batch (--jsonl FILE | --csv FILE --column NAME | --tweets-js FILE) [--platform P]
                  [--summary [--text]]   posting-habits summary of all inputs (oldest first)
    rapport eval [--corpora DIR]
    rapport fit [--corpora DIR] [--write] [--errors]
                                  fit the balance's weights on the annotated corpora
                                  (--errors: the rows the cross-validated verdict misjudges)
    rapport bench-native [--corpora DIR] [--rounds N [--mb]]
    rapport rules
    rapport export-lexicon FILE   the lexicon's texts and phrases as JSON, for the
                                  extension's analyser (which is built without them)
    rapport export-facts FILE     platforms, hosts, limits, settings defaults and names
                                  as the extension's script (extension/pkg/facts.js)
";

/// The usage text with the platforms' names from their one table.
fn usage() -> String {
    let names: Vec<&str> = crate::Platform::ALL.iter().map(|p| p.name()).collect();
    format!("{USAGE}\nPlatforms: {}.\n", names.join(", "))
}

/// Exit codes: 0 success, 1 input problem (missing file, bad data), 2 usage error.
pub fn main(args: &[String]) -> i32 {
    let Some(command) = args.first() else {
        eprint!("{}", usage());
        return 2;
    };
    let rest = &args[1..];
    let result = match command.as_str() {
        "check" => check::run(rest),
        "batch" => batch::run(rest),
        "eval" => eval(rest, false),
        "fit" => fit(rest),
        "bench-native" => eval(rest, true),
        "rules" => rules(),
        "export-lexicon" => export_lexicon(rest),
        "export-facts" => export_facts(rest),
        "-h" | "--help" | "help" => {
            print!("{}", usage());
            Ok(())
        }
        other => Err(CliError::Usage(format!("unknown command '{other}'"))),
    };
    match result {
        Ok(()) => 0,
        Err(CliError::Usage(msg)) => {
            eprintln!("rapport: {msg}\n\n{}", usage());
            2
        }
        Err(CliError::Input(msg)) => {
            eprintln!("rapport: {msg}");
            1
        }
    }
}

#[derive(Debug)]
pub(crate) enum CliError {
    Usage(String),
    Input(String),
}

/// Pulls `--name VALUE` (or `--name=VALUE`) out of the arguments.
pub(crate) struct Args {
    items: Vec<String>,
}

impl Args {
    pub fn new(args: &[String]) -> Args {
        let mut items = Vec::new();
        for a in args {
            match a.split_once('=') {
                Some((k, v)) if k.starts_with("--") => {
                    items.push(k.to_string());
                    items.push(v.to_string());
                }
                _ => items.push(a.clone()),
            }
        }
        Args { items }
    }

    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|a| a != name);
        before != self.items.len()
    }

    pub fn value(&mut self, name: &str) -> Result<Option<String>, CliError> {
        let Some(i) = self.items.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.items.len() {
            return Err(CliError::Usage(format!("{name} needs a value")));
        }
        let v = self.items.remove(i + 1);
        self.items.remove(i);
        Ok(Some(v))
    }

    pub fn platform(&mut self) -> Result<crate::options::Platform, CliError> {
        match self.value("--platform")? {
            None => Ok(crate::options::Platform::Generic),
            Some(p) => crate::options::Platform::from_name(&p)
                .ok_or_else(|| CliError::Usage(format!("unknown platform '{p}'"))),
        }
    }

    /// The remaining positional arguments; an unknown `--option` is an error.
    pub fn finish(self) -> Result<Vec<String>, CliError> {
        if let Some(bad) = self.items.iter().find(|a| a.starts_with("--")) {
            return Err(CliError::Usage(format!("unknown option '{bad}'")));
        }
        Ok(self.items)
    }
}

fn fit(args: &[String]) -> Result<(), CliError> {
    let mut args = Args::new(args);
    let dir = args
        .value("--corpora")?
        .map(std::path::PathBuf::from)
        .unwrap_or_else(crate::eval::default_corpora_dir);
    let write = args.flag("--write");
    let errors = args.flag("--errors");
    args.finish()?;
    let mut out = std::io::stdout().lock();
    crate::fit::run(&dir, write, errors, &mut out)
        .map(|_| ())
        .map_err(|e| CliError::Input(e.to_string()))
}

fn eval(args: &[String], bench_only: bool) -> Result<(), CliError> {
    let mut args = Args::new(args);
    let dir = args
        .value("--corpora")?
        .map(std::path::PathBuf::from)
        .unwrap_or_else(crate::eval::default_corpora_dir);
    let rounds = match args.value("--rounds")? {
        None => None,
        Some(n) => Some(
            n.parse::<u32>()
                .map_err(|_| CliError::Usage(format!("--rounds needs a number, not '{n}'")))?,
        ),
    };
    let mb = args.flag("--mb");
    args.finish()?;
    let mut out = std::io::stdout().lock();
    let io_err = |e: std::io::Error| CliError::Input(e.to_string());
    if bench_only {
        let path = dir.join("tweets-ordinary.jsonl");
        if !path.exists() {
            writeln!(
                out,
                "corpora not found in {}: nothing to benchmark (skipped)",
                dir.display()
            )
            .map_err(io_err)?;
            return Ok(());
        }
        let rows = crate::eval::load(&path).map_err(io_err)?;
        let analyzer = crate::Analyzer::new(&crate::Options::default());
        match rounds {
            // A fixed amount of work for profilers: N rounds over the
            // corpus, or over the 1 MB text with `--mb`.
            Some(n) if mb => {
                crate::eval::bench_mb_rounds(&analyzer, &rows, n, &mut out).map_err(io_err)
            }
            Some(n) => crate::eval::bench_rounds(&analyzer, &rows, n, &mut out).map_err(io_err),
            None => crate::eval::bench(&analyzer, &rows, &mut out).map_err(io_err),
        }
    } else {
        crate::eval::run(&dir, &mut out).map(|_| ()).map_err(io_err)
    }
}

fn export_lexicon(args: &[String]) -> Result<(), CliError> {
    let rest = Args::new(args).finish()?;
    let [path] = rest.as_slice() else {
        return Err(CliError::Usage(
            "export-lexicon needs one output file".into(),
        ));
    };
    std::fs::write(path, crate::lexicon::export_json())
        .map_err(|e| CliError::Input(format!("cannot write '{path}': {e}")))
}

fn export_facts(args: &[String]) -> Result<(), CliError> {
    let rest = Args::new(args).finish()?;
    let [path] = rest.as_slice() else {
        return Err(CliError::Usage("export-facts needs one output file".into()));
    };
    std::fs::write(path, crate::facts::export_js())
        .map_err(|e| CliError::Input(format!("cannot write '{path}': {e}")))
}

fn rules() -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    for r in crate::lexicon::rules() {
        let _ = writeln!(out, "{}\t{}\t{}", r.id, r.cue.name(), r.message);
    }
    Ok(())
}
