//! The command line: `check`, `batch`, `eval`, `fit`, `bench-native`, `rules`,
//! `export-lexicon`, `export-facts`. Arguments are read with lexopt, which only splits them
//! (options anywhere, `--name VALUE` or `--name=VALUE`, `--` ends the
//! options): the usage text below stays the one place that describes them.
//! Native only, like the rest of `cli`.

mod batch;
mod check;
mod inputs;

pub use batch::{analyze_inputs, BatchRecord};
pub use inputs::{read_csv, read_jsonl, read_tweets_js, Input};

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use lexopt::prelude::*;
use lexopt::{Arg, Parser};

use crate::options::Platform;

const USAGE: &str = "\
rapport: shows fame-seeking and connection-seeking language in a social media draft

USAGE:
    rapport check [FILE|-] [--platform P] [--json]
    rapport batch (--jsonl FILE | --csv FILE --column NAME | --tweets-js FILE) [--platform P]
                  [--summary [--text]]   posting-habits summary of all inputs (oldest first)
                  [--outcomes [--text]]  what followed the posts, by balance group: counts
                                         from JSONL (likes, replies, retweets/reposts),
                                         tweets.js (favorite_count, retweet_count) or CSV
                  [--likes-column C] [--replies-column C] [--reposts-column C]
    rapport eval [--corpora DIR]
    rapport fit [--corpora DIR] [--write] [--errors]
                                  fit the balance's weights on the annotated corpora
                                  (--errors: the rows the cross-validated verdict misjudges)
    rapport bench-native [--corpora DIR] [--rounds N [--mb]]
    rapport rules
    rapport export-lexicon FILE   the lexicon's texts and phrases as JSON, for the
                                  extension's analyser (which is built without them),
                                  and beside it lexicon-<lang>.txt for each other language
    rapport export-facts FILE     platforms, hosts, limits, settings defaults and names
                                  as the extension's script (extension/pkg/facts.js)
";

/// The usage text with the platforms' names from their one table.
fn usage() -> String {
    let names: Vec<&str> = crate::Platform::ALL.iter().map(|p| p.name()).collect();
    format!("{USAGE}\nPlatforms: {}.\n", names.join(", "))
}

/// Exit codes: 0 success, 1 input problem (missing file, bad data), 2 usage error.
pub fn main<I>(args: I) -> i32
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut args = Parser::from_args(args);
    let result = match args.next() {
        Ok(None) => {
            eprint!("{}", usage());
            return 2;
        }
        Ok(Some(Arg::Value(command))) => match command.to_str() {
            Some("check") => check::run(&mut args),
            Some("batch") => batch::run(&mut args),
            Some("eval") => eval(&mut args, false),
            Some("fit") => fit(&mut args),
            Some("bench-native") => eval(&mut args, true),
            Some("rules") => rules(&mut args),
            Some("export-lexicon") => export_lexicon(&mut args),
            Some("export-facts") => export_facts(&mut args),
            Some("help") => help(),
            _ => Err(CliError::Usage(format!(
                "unknown command '{}'",
                command.to_string_lossy()
            ))),
        },
        Ok(Some(Arg::Short('h') | Arg::Long("help"))) => help(),
        Ok(Some(other)) => Err(other.unexpected().into()),
        Err(e) => Err(e.into()),
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

/// `-h`/`--help`, after a command too: the usage, on stdout, and success.
fn help() -> Result<(), CliError> {
    print!("{}", usage());
    Ok(())
}

#[derive(Debug)]
pub(crate) enum CliError {
    Usage(String),
    Input(String),
}

/// lexopt's own messages, in the words this command line has always used.
impl From<lexopt::Error> for CliError {
    fn from(e: lexopt::Error) -> CliError {
        use lexopt::Error::*;
        CliError::Usage(match e {
            MissingValue {
                option: Some(option),
            } => format!("{option} needs a value"),
            UnexpectedOption(option) => format!("unknown option '{option}'"),
            UnexpectedArgument(arg) => format!("unexpected argument '{}'", arg.to_string_lossy()),
            UnexpectedValue { option, .. } => format!("{option} takes no value"),
            other => other.to_string(),
        })
    }
}

/// Stores an option's value, refusing a second one: with `--jsonl a --jsonl b`
/// neither "first wins" nor "last wins" is what the user meant.
pub(crate) fn set_once<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), CliError> {
    if slot.replace(value).is_some() {
        return Err(CliError::Usage(format!("{name} given more than once")));
    }
    Ok(())
}

/// `--platform P`, read as a platform name.
pub(crate) fn platform_value(args: &mut Parser) -> Result<Platform, CliError> {
    let name = args.value()?.string()?;
    Platform::from_name(&name).ok_or_else(|| CliError::Usage(format!("unknown platform '{name}'")))
}

fn fit(args: &mut Parser) -> Result<(), CliError> {
    let (mut dir, mut write, mut errors) = (None, false, false);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("corpora") => set_once(&mut dir, "--corpora", PathBuf::from(args.value()?))?,
            Arg::Long("write") => write = true,
            Arg::Long("errors") => errors = true,
            Arg::Short('h') | Arg::Long("help") => return help(),
            other => return Err(other.unexpected().into()),
        }
    }
    let dir = dir.unwrap_or_else(crate::eval::default_corpora_dir);
    let mut out = std::io::stdout().lock();
    crate::fit::run(&dir, write, errors, &mut out)
        .map(|_| ())
        .map_err(|e| CliError::Input(e.to_string()))
}

fn eval(args: &mut Parser, bench_only: bool) -> Result<(), CliError> {
    let (mut dir, mut rounds, mut mb) = (None, None, false);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("corpora") => set_once(&mut dir, "--corpora", PathBuf::from(args.value()?))?,
            Arg::Long("rounds") => {
                let n = args.value()?.string()?;
                let n = n
                    .parse::<u32>()
                    .map_err(|_| CliError::Usage(format!("--rounds needs a number, not '{n}'")))?;
                set_once(&mut rounds, "--rounds", n)?;
            }
            Arg::Long("mb") => mb = true,
            Arg::Short('h') | Arg::Long("help") => return help(),
            other => return Err(other.unexpected().into()),
        }
    }
    let dir = dir.unwrap_or_else(crate::eval::default_corpora_dir);
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

fn export_lexicon(args: &mut Parser) -> Result<(), CliError> {
    let Some(path) = one_path(args, "export-lexicon")? else {
        return Ok(());
    };
    let write = |path: &std::path::Path, data: &str| {
        std::fs::write(path, data)
            .map_err(|e| CliError::Input(format!("cannot write '{}': {e}", path.display())))
    };
    write(&path, &crate::lexicon::export_json())?;
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    for lang in crate::language::Lang::ALL {
        if lang != crate::language::Lang::En {
            let file = dir.join(format!("lexicon-{}.txt", lang.code()));
            write(&file, crate::lexicon::builtin_text(lang))?;
        }
    }
    Ok(())
}

/// The one output file a command writes.
fn one_path(args: &mut Parser, command: &str) -> Result<Option<PathBuf>, CliError> {
    let mut paths = Vec::new();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Value(p) => paths.push(PathBuf::from(p)),
            Arg::Short('h') | Arg::Long("help") => return help().map(|()| None),
            other => return Err(other.unexpected().into()),
        }
    }
    match <[PathBuf; 1]>::try_from(paths) {
        Ok([path]) => Ok(Some(path)),
        Err(_) => Err(CliError::Usage(format!("{command} needs one output file"))),
    }
}

fn export_facts(args: &mut Parser) -> Result<(), CliError> {
    let Some(path) = one_path(args, "export-facts")? else {
        return Ok(());
    };
    std::fs::write(&path, crate::facts::export_js())
        .map_err(|e| CliError::Input(format!("cannot write '{}': {e}", path.display())))
}

fn rules(args: &mut Parser) -> Result<(), CliError> {
    if let Some(arg) = args.next()? {
        return match arg {
            Arg::Short('h') | Arg::Long("help") => help(),
            other => Err(other.unexpected().into()),
        };
    }
    let mut out = std::io::stdout().lock();
    for r in crate::lexicon::rules() {
        let _ = writeln!(out, "{}\t{}\t{}", r.id, r.cue.name(), r.message);
    }
    Ok(())
}
