//! `rapport check`: one draft, as a readable report or as the JSON analysis.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use lexopt::{Arg, Parser};

use super::{help, platform_value, set_once, CliError};
use crate::analysis::{Analysis, Polarity};
use crate::options::{Options, Platform};

pub(crate) fn run(args: &mut Parser) -> Result<(), CliError> {
    let (mut json, mut platform, mut file) = (false, None, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("json") => json = true,
            Arg::Long("platform") => set_once(&mut platform, "--platform", platform_value(args)?)?,
            Arg::Value(path) if file.is_none() => file = Some(PathBuf::from(path)),
            Arg::Short('h') | Arg::Long("help") => return help(),
            other => return Err(other.unexpected().into()),
        }
    }
    let platform = platform.unwrap_or(Platform::Generic);
    let text = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(&path)
            .map_err(|e| CliError::Input(format!("cannot read '{}': {e}", path.display())))?,
        _ => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| CliError::Input(format!("cannot read standard input: {e}")))?;
            s
        }
    };
    let analysis = crate::analyze(
        &text,
        &Options {
            platform,
            ..Options::default()
        },
    );
    let mut out = std::io::stdout().lock();
    let result = if json {
        serde_json::to_writer_pretty(&mut out, &analysis)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        out.write_all(report(&text, &analysis, color).as_bytes())
    };
    result.map_err(|e| CliError::Input(e.to_string()))
}

/// The draft with each hint's span bracketed and numbered, then the balance
/// and one entry per hint with its reason and fix.
pub fn report(text: &str, analysis: &Analysis, color: bool) -> String {
    let paint = |s: &str, code: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    // Marks go in at span ends, so overlapping hints nest instead of tangling.
    let mut marks: Vec<(usize, bool, usize)> = Vec::new();
    for (n, h) in analysis.hints.iter().enumerate() {
        marks.push((h.span.start(), true, n));
        marks.push((h.span.end(), false, n));
    }
    marks.sort_by_key(|&(pos, open, n)| (pos, open, if open { n } else { usize::MAX - n }));
    let mut last = 0;
    for (pos, open, n) in marks {
        out.push_str(&text[last..pos]);
        last = pos;
        let code = if analysis.hints[n].polarity == Polarity::Fame {
            "31"
        } else {
            "32"
        };
        if open {
            out.push_str(&paint("[", code));
        } else {
            out.push_str(&paint(&format!("]{}", n + 1), code));
        }
    }
    out.push_str(&text[last..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&format!(
        "Balance: {}  (fame {}, connection {})\n",
        paint(analysis.balance.name(), "1"),
        analysis.fame,
        analysis.connection
    ));
    out.push_str(&format!("Why: {}\n", analysis.explain(text)));
    for notice in &analysis.notices {
        out.push_str(&format!("Note: {}\n", notice.message));
    }
    for (n, h) in analysis.hints.iter().enumerate() {
        let side = if h.polarity == Polarity::Fame {
            paint("fame", "31")
        } else {
            paint("connection", "32")
        };
        out.push_str(&format!(
            "\n{}. {} {} ({:?}): \"{}\"\n   {}\n   Why: {}\n",
            n + 1,
            side,
            h.cue.name(),
            h.severity,
            h.span.slice(text),
            h.message,
            h.note
        ));
        if let Some(s) = &h.suggestion {
            out.push_str(&format!("   Try: {s}\n"));
        }
        if let Some(r) = &h.replacement {
            let shown = if r.is_empty() {
                "(delete it)".to_string()
            } else {
                format!("\"{r}\"")
            };
            out.push_str(&format!("   Fix: replace with {shown}\n"));
        }
    }
    let s = &analysis.stats;
    out.push_str(&format!(
        "\n{} chars{}, {} words, {} questions, you {} / we {}, {} hashtags, {} links\n",
        s.chars,
        if s.char_limit > 0 {
            format!(" of {}", s.char_limit)
        } else {
            String::new()
        },
        s.words,
        s.questions,
        s.you_words,
        s.we_words + s.brand_mentions,
        s.hashtags,
        s.links
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_marks_spans_and_lists_fixes() {
        let text = "Follow us for more!";
        let a = crate::analyze(text, &Options::default());
        let r = report(text, &a, false);
        assert!(r.starts_with("[Follow us for more]1!"), "{r}");
        assert!(r.contains("Fix: replace with (delete it)"));
    }
}
