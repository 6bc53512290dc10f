//! Ordinary, non-marketing text in Spanish, Portuguese, French and German,
//! for measuring how often fame cues fire where nobody is seeking fame.
//!
//! The texts come from Debian packages, so that any machine can obtain them
//! through its package manager (`scripts/setup.sh` installs them) under a
//! licence stated in the package: the fortune cookies of `fortunes-es`,
//! `fortunes-br` (Brazilian Portuguese) and `fortunes-de`. Debian ships no
//! French fortunes (`fortunes-debian-hints` has 43 French tips, too few), so
//! French is the prose of the Debian FAQ's translation, `debian-faq-fr`:
//! explanatory rather than conversational, but written by people, not
//! marketers.
//!
//! A package's files are those dpkg lists for it
//! (`/var/lib/dpkg/info/<package>.list`), not a directory's contents: other
//! packages (`fortunes-debian-hints`, `fortunes-es-off`) drop files into the
//! same directories. Every text file is read whatever `fortunes-de`'s
//! debconf choice, which only decides the index files `fortune` uses.
//!
//! Each entry is cleaned the same way: its attribution (from a line after
//! the first starting `--`, `—` or `―` to the entry's end) is dropped, since
//! an author's name and dates are not the quote's prose; entries that are
//! mostly not letters (ASCII art, tables, terminal jokes) are dropped;
//! whitespace is collapsed; entries of 3 to 80 words are kept, duplicates
//! once. `fortunes-es`'s offensive fortunes (its `off/`) are left out. Entries the language detector judges English are
//! dropped: the FAQ has untranslated paragraphs, and English would be
//! measured under the wrong language.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::language::{self, Lang};

/// Ordinary text in one language, with where it came from.
#[derive(Debug, Clone)]
pub struct OrdinaryText {
    pub lang: &'static str,
    /// The package and the paths its texts were read from.
    pub source: String,
    /// The package's licence, from its `copyright` file.
    pub licence: String,
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// strfile's text format: entries separated by lines holding only `%`.
    Fortunes,
    /// XHTML whose `<p>` elements are the paragraphs.
    Html,
}

struct Package {
    lang: &'static str,
    name: &'static str,
    /// Only the package's files under this directory hold its texts.
    under: &'static str,
    format: Format,
}

const PACKAGES: [Package; 4] = [
    Package {
        lang: "es",
        name: "fortunes-es",
        under: "/usr/share/games/fortunes/es/",
        format: Format::Fortunes,
    },
    Package {
        lang: "pt",
        name: "fortunes-br",
        under: "/usr/share/games/fortunes/",
        format: Format::Fortunes,
    },
    Package {
        lang: "fr",
        name: "debian-faq-fr",
        under: "/usr/share/doc/debian/FAQ/fr/",
        format: Format::Html,
    },
    Package {
        lang: "de",
        name: "fortunes-de",
        under: "/usr/share/games/fortunes/de/",
        format: Format::Fortunes,
    },
];

const MIN_WORDS: usize = 3;
const MAX_WORDS: usize = 80;
/// Prose is mostly letters, its punctuation and digits a few in ten; below
/// this share of its visible characters an entry is art, a table, a command
/// line or a terminal joke (about one entry in 200 of the fortunes).
const MIN_LETTER_SHARE: f64 = 0.75;

/// The languages `load` knows.
pub const LANGS: [&str; 4] = ["es", "pt", "fr", "de"];

fn package(lang: &str) -> Result<&'static Package, String> {
    PACKAGES.iter().find(|p| p.lang == lang).ok_or_else(|| {
        format!(
            "no ordinary text for language {lang:?}: one of {}",
            LANGS.join(", ")
        )
    })
}

fn dpkg_list(name: &str) -> PathBuf {
    Path::new("/var/lib/dpkg/info").join(format!("{name}.list"))
}

/// The Debian package `load(lang)` reads, and whether it is installed.
pub fn package_for(lang: &str) -> Result<(&'static str, bool), String> {
    let p = package(lang)?;
    Ok((p.name, dpkg_list(p.name).is_file()))
}

/// Loads the ordinary text of `lang` ("es", "pt", "fr" or "de") from its Debian package.
pub fn load(lang: &str) -> Result<OrdinaryText, String> {
    let p = package(lang)?;
    let list_path = dpkg_list(p.name);
    let list = std::fs::read_to_string(&list_path).map_err(|e| {
        format!(
            "{} is not installed ({}: {e}): run scripts/setup.sh or `apt-get install {}`",
            p.name,
            list_path.display(),
            p.name
        )
    })?;
    let (files, offensive) = text_files(&list, p);
    if files.is_empty() {
        // A dpkg path-exclude (minimal images drop /usr/share/doc) leaves
        // the package registered without its files.
        return Err(format!(
            "{} is installed but none of its text files under {} are on disk",
            p.name, p.under
        ));
    }
    let target = Lang::from_code(lang).expect("the detector knows every package's language");
    let mut seen = HashSet::new();
    let mut texts = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let text = decode(bytes);
        let entries = match p.format {
            Format::Fortunes => strfile_entries(&text),
            Format::Html => html_paragraphs(&text),
        };
        for entry in entries {
            let Some(clean) = clean(&entry) else { continue };
            if is_other_language(&clean, target) || !seen.insert(clean.clone()) {
                continue;
            }
            texts.push(clean);
        }
    }
    let copyright = Path::new("/usr/share/doc").join(p.name).join("copyright");
    let licence = match std::fs::read_to_string(&copyright) {
        Ok(text) => licence_summary(p.name, &text),
        Err(e) => format!("{}: unknown ({}: {e})", p.name, copyright.display()),
    };
    Ok(OrdinaryText {
        lang: p.lang,
        source: format!(
            "Debian package {}: {} files under {}{}",
            p.name,
            files.len(),
            p.under,
            if offensive { " (off/ left out)" } else { "" }
        ),
        licence,
        texts,
    })
}

/// The text files among a package's listed paths, sorted so the texts come
/// in the same order everywhere, and whether offensive ones were left out.
fn text_files(list: &str, p: &Package) -> (Vec<PathBuf>, bool) {
    let listed: HashSet<&str> = list.lines().map(str::trim).collect();
    let is_offensive = |rest: &str| rest.starts_with("off/") || rest.contains("/off/");
    let mut offensive = false;
    let mut files: Vec<PathBuf> = listed
        .iter()
        .filter_map(|path| Some((*path, path.strip_prefix(p.under)?)))
        .filter(|(path, rest)| match p.format {
            // A .u8 twin, where there is one, is the file's UTF-8 version
            // and is read instead.
            Format::Fortunes => {
                let off = is_offensive(rest);
                offensive |= off;
                !off && !path.ends_with(".dat") && !listed.contains(format!("{path}.u8").as_str())
            }
            Format::Html => path.ends_with(".html"),
        })
        .map(|(path, _)| PathBuf::from(path))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    (files, offensive)
}

/// UTF-8 when the bytes are; otherwise ISO-8859-1, the older fortune files' encoding.
fn decode(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().into_iter().map(char::from).collect())
}

/// The entries of a file in strfile's text format. Lines starting `%%` are comments.
fn strfile_entries(text: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim_end() == "%" {
            entries.push(std::mem::take(&mut current));
        } else if !line.starts_with("%%") {
            current.push_str(line);
            current.push('\n');
        }
    }
    entries.push(current);
    entries.retain(|e| !e.trim().is_empty());
    entries
}

/// The text of each `<p>` element, tags removed and entities decoded.
fn html_paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = find_p_open(rest) {
        let after = &rest[open..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let end = body.find("</p>").unwrap_or(body.len());
        out.push(unescape(&strip_tags(&body[..end])));
        rest = &body[end..];
    }
    out
}

/// Where the next `<p>` or `<p attr…>` starts (not `<pre>`, `<param>`).
fn find_p_open(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<p") {
        let at = from + i;
        match s.as_bytes().get(at + 2) {
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r') => return Some(at),
            _ => from = at + 2,
        }
    }
    None
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut tag: Option<String> = None;
    for c in s.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                // A line break separates words; inline markup (code, links,
                // emphasis) sits inside the sentence and adds no space.
                let name = name.trim_start_matches('/').to_ascii_lowercase();
                if name == "br" || name.starts_with("br ") || name.starts_with("br/") {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(name), _) => name.push(c),
            (None, _) => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &tail[1..semi];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `-- Author`, `— Author`; not an arrow (`-->`) or a rule (`-----`).
fn is_attribution(line: &str) -> bool {
    let line = line.trim_start();
    let rest = ["--", "—", "―"]
        .iter()
        .find_map(|dash| line.strip_prefix(dash));
    rest.is_some_and(|r| !r.starts_with(['-', '>']))
}

/// The entry as one line of ordinary text, or `None` when it is not ordinary text or is too short or long.
fn clean(entry: &str) -> Option<String> {
    let lines: Vec<&str> = entry.lines().collect();
    // The attribution's wrapped continuation and the editor's note on the
    // quote's occasion follow it: all of it goes. An entry that opens with a
    // dash is dialogue, and its dashes open lines, not attributions.
    let dialogue = lines.first().is_some_and(|l| is_attribution(l));
    let end = (1..lines.len())
        .find(|&i| !dialogue && is_attribution(lines[i]))
        .unwrap_or(lines.len());
    let text = lines[..end]
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let words = text.split_whitespace().count();
    if !(MIN_WORDS..=MAX_WORDS).contains(&words) || letter_share(&text) < MIN_LETTER_SHARE {
        return None;
    }
    Some(text)
}

/// The share of letters among the characters that are not whitespace.
fn letter_share(text: &str) -> f64 {
    let (mut letters, mut visible) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        letters += u32::from(c.is_alphabetic());
    }
    if visible == 0 {
        return 0.0;
    }
    f64::from(letters) / f64::from(visible)
}

/// Whether the detector judges `text` English rather than `lang`. Only
/// English is dropped: the detector's doubts between neighbouring languages
/// (a short Portuguese proverb judged Spanish) should not shape the corpus.
fn is_other_language(text: &str, lang: Lang) -> bool {
    lang != Lang::En && language::detect(text).lang == Some(Lang::En)
}

/// `<package>: <licence>`: the first `License:` field of a machine-readable
/// copyright file, or what a free-form one says.
fn licence_summary(package: &str, copyright: &str) -> String {
    let flat = copyright.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_lowercase();
    let field = copyright.lines().find_map(|l| {
        l.strip_prefix("License:")
            .map(str::trim)
            .filter(|v| !v.is_empty())
    });
    let licence = match field {
        Some(v) if v != "public-domain" && lower.contains("public domain") => {
            format!("{v} (the file also speaks of the public domain)")
        }
        Some(v) => v.to_string(),
        None => free_form_licence(&lower),
    };
    format!("{package}: {licence}")
}

fn free_form_licence(lower: &str) -> String {
    if let Some(at) = lower.find("general public license") {
        let lesser = lower[..at].ends_with("lesser ") || lower[..at].ends_with("library ");
        let name = if lesser { "LGPL" } else { "GPL" };
        let after = &lower[at..];
        let version = after.find("version ").and_then(|v| {
            let digits: String = after[v + "version ".len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let digits = digits.trim_end_matches('.').to_string();
            (!digits.is_empty()).then_some(digits)
        });
        let later = after.contains("any later version") || after.contains("or later");
        return match version {
            Some(v) => format!("{name}-{v}{}", if later { "+" } else { "" }),
            None => name.to_string(),
        };
    }
    if lower.contains("public domain") {
        return "public domain".to_string();
    }
    if lower.contains("permission is granted to make and distribute verbatim copies") {
        return "verbatim copying, modified versions and translations permitted (free-form notice)"
            .to_string();
    }
    "free-form, not recognised: read the copyright file".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strfile_entries_are_split_at_percent_lines() {
        let text =
            "Primera línea\nsegunda línea.\n%\n%% a comment\nOtra cosa.\n%\n\n%\nLa última.\n";
        assert_eq!(
            strfile_entries(text),
            vec![
                "Primera línea\nsegunda línea.\n",
                "Otra cosa.\n",
                "La última.\n"
            ]
        );
    }

    #[test]
    fn a_percent_inside_a_line_is_text() {
        assert_eq!(
            strfile_entries("Es el 100% cierto.\n%\n"),
            vec!["Es el 100% cierto.\n"]
        );
    }

    #[test]
    fn utf8_twins_are_preferred_and_index_and_offensive_files_left_out() {
        let dir = std::env::temp_dir().join(format!("rapport-ordinary-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("off")).unwrap();
        let names = ["a", "a.u8", "a.dat", "b", "b.dat", "off/c", "off"];
        for name in &names[..6] {
            std::fs::write(dir.join(name), "x\n%\n").unwrap();
        }
        let under: &'static str = Box::leak(format!("{}/", dir.display()).into_boxed_str());
        let list: String = names.iter().map(|n| format!("{under}{n}\n")).collect();
        let p = Package {
            lang: "es",
            name: "test",
            under,
            format: Format::Fortunes,
        };
        let (files, offensive) = text_files(&format!("/usr/share\n{list}"), &p);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(files, vec![dir.join("a.u8"), dir.join("b")]);
        assert!(offensive);
    }

    #[test]
    fn latin1_is_decoded_when_the_bytes_are_not_utf8() {
        // "Übermäßig" in ISO-8859-1.
        let latin1 = vec![0xDC, b'b', b'e', b'r', b'm', 0xE4, 0xDF, b'i', b'g'];
        assert_eq!(decode(latin1), "Übermäßig");
        assert_eq!(decode("Übermäßig".as_bytes().to_vec()), "Übermäßig");
    }

    #[test]
    fn attribution_lines_are_dropped_and_whitespace_collapsed() {
        let entry =
            "Das beste an der Zukunft ist,\n  daß immer nur ein Tag kommt.\n\t\t-- Dean Acheson\n";
        assert_eq!(
            clean(entry).as_deref(),
            Some("Das beste an der Zukunft ist, daß immer nur ein Tag kommt.")
        );
        assert_eq!(
            clean("Una frase corta y clara.\n    — Anónimo\n").as_deref(),
            Some("Una frase corta y clara.")
        );
    }

    #[test]
    fn an_attribution_is_dropped_with_its_continuation_and_note() {
        let entry = "La verdad es hija del tiempo.\n\t\t-- Marco Tulio Cicerón. (106-43 A.C.) Escritor, orador y\n\t\tpolítico romano. \n";
        assert_eq!(
            clean(entry).as_deref(),
            Some("La verdad es hija del tiempo.")
        );
        let entry = "Das Spiel dauert neunzig Minuten.\n\t\t-- Sepp Herberger\n(auf die Frage, wie lange ein Spiel dauert)\n";
        assert_eq!(
            clean(entry).as_deref(),
            Some("Das Spiel dauert neunzig Minuten.")
        );
    }

    #[test]
    fn arrows_rules_and_an_opening_dash_are_not_attributions() {
        assert_eq!(
            clean("Wo ist der Fisch?\n--> Im Rhein, weil es tief ist.").as_deref(),
            Some("Wo ist der Fisch? --> Im Rhein, weil es tief ist.")
        );
        assert_eq!(
            clean("— Bonjour, dit-il.\n— Bonsoir, répondit-elle.").as_deref(),
            Some("— Bonjour, dit-il. — Bonsoir, répondit-elle.")
        );
    }

    #[test]
    fn dialogue_dashes_are_text() {
        assert_eq!(
            clean("- O que é isso, Matheus?\n- Terçol no olho.").as_deref(),
            Some("- O que é isso, Matheus? - Terçol no olho.")
        );
    }

    #[test]
    fn ascii_art_is_dropped() {
        let art = "  ,;' .;:     ()  ..:\n  ::.   ..:,:;.,:;.  .  ::\n =========================\n\t\t-- Simon Shapiro\n";
        assert_eq!(clean(art), None);
        assert_eq!(clean("1) 2) 3) 4) 5) 6) 7) 8)"), None);
    }

    #[test]
    fn entries_of_3_to_80_words_are_kept() {
        assert_eq!(clean("Zwei Worte"), None);
        assert!(clean("Drei kurze Worte").is_some());
        let long = vec!["palabra"; 81].join(" ");
        assert_eq!(clean(&long), None);
        assert!(clean(&vec!["palabra"; 80].join(" ")).is_some());
    }

    #[test]
    fn html_paragraphs_lose_their_tags_and_entities() {
        let html = "<html><body><pre>x</pre><p class=\"a\">Utilisez <code>apt-cache policy &lt;paquets&gt;</code>.</p>\
                    <param/><p>Deux&#160;mots<br/>&amp; trois&#xE9;.</p></body></html>";
        let paragraphs: Vec<String> = html_paragraphs(html)
            .iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            paragraphs,
            vec![
                "Utilisez apt-cache policy <paquets>.",
                "Deux mots & troisé."
            ]
        );
    }

    #[test]
    fn an_untranslated_english_paragraph_is_not_french() {
        assert!(is_other_language(
            "The user of the testing distribution sees that a new package is available and updates it.",
            Lang::Fr
        ));
        assert!(!is_other_language(
            "Vous trouverez plus de détails sur la journalisation dans la page de manuel.",
            Lang::Fr
        ));
    }

    #[test]
    fn the_first_licence_field_is_the_licence() {
        let copyright = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+\n This program is free software\n\nLicense: GPL-2+\n ...\n";
        assert_eq!(
            licence_summary("fortunes-de", copyright),
            "fortunes-de: GPL-2+"
        );
        let with_pd = "Files: *\nLicense: GPL-2+\n All fortunes' text and quotes are presumed to be in the public domain.\n";
        assert_eq!(
            licence_summary("fortunes-es", with_pd),
            "fortunes-es: GPL-2+ (the file also speaks of the public domain)"
        );
    }

    #[test]
    fn a_free_form_licence_is_summarised() {
        let gpl = "License:\n\n    This program is free software, which means you can redistribute it\n    under the terms of the GNU General Public License\n    (GPL) as published by the Free Software Foundation; either version\n    2 of the License, or (at your option) any later version.\n";
        assert_eq!(licence_summary("fortunes-br", gpl), "fortunes-br: GPL-2+");
        let verbatim = "  Permission is granted to make and distribute verbatim copies of\n  this document provided the copyright notice and this permission notice\n  are preserved on all copies.\n";
        assert!(licence_summary("debian-faq-fr", verbatim)
            .starts_with("debian-faq-fr: verbatim copying"));
        assert_eq!(
            licence_summary("x", "These texts are in the public domain."),
            "x: public domain"
        );
    }

    #[test]
    fn an_unknown_language_is_an_error() {
        assert!(load("it").unwrap_err().contains("es, pt, fr, de"));
    }

    /// Loads `lang`'s package when it is installed (scripts/setup.sh installs them all).
    fn installed(lang: &str) -> Option<OrdinaryText> {
        let (name, present) = package_for(lang).unwrap();
        if !present {
            eprintln!(
                "skipped: the Debian package {name} is absent (scripts/setup.sh installs it)"
            );
            return None;
        }
        let text = load(lang).unwrap();
        eprintln!(
            "{lang}: {} texts from {}; licence {}",
            text.texts.len(),
            text.source,
            text.licence
        );
        Some(text)
    }

    fn check_installed(lang: &str) {
        let Some(text) = installed(lang) else { return };
        assert!(text.texts.len() > 200, "{lang}: {} texts", text.texts.len());
        assert!(text.texts.iter().all(|t| {
            let words = t.split_whitespace().count();
            (MIN_WORDS..=MAX_WORDS).contains(&words) && !t.contains('\n')
        }));
        assert!(!text.licence.contains("unknown"), "{}", text.licence);
        assert_eq!(
            load(lang).unwrap().texts,
            text.texts,
            "the order is deterministic"
        );
    }

    #[test]
    fn spanish_fortunes_are_ordinary_text() {
        check_installed("es");
    }

    #[test]
    fn portuguese_fortunes_are_ordinary_text() {
        check_installed("pt");
    }

    #[test]
    fn the_french_debian_faq_is_ordinary_text() {
        check_installed("fr");
    }

    #[test]
    fn german_fortunes_are_ordinary_text() {
        check_installed("de");
    }
}
