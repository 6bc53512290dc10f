//! The lexicons of other languages (issue 15): each a pack of rules, phrases
//! and word tables that `build.rs` writes from `lexicon/<lang>/` and the
//! analyser installs at run time. Native builds include every pack; the
//! extension's analyser carries English alone (its size budget) and installs
//! a pack from `pkg/lexicon-<lang>.txt` the first time a draft is in that
//! language.
//!
//! A pack's rules are its own (ids `<lang>.<english id>`, texts in the
//! language), so a hint in a Spanish draft speaks Spanish. A code rule (one
//! that data cannot express: capitals, questions, we/you talk) fires the
//! pack's twin of the English entry; a code rule with no twin in a language
//! stays quiet there rather than speak English.

use std::sync::OnceLock;

use super::{At, LexRule, Lexicon, PhraseDfa, PhraseMeta, PhraseOwner, PhraseSet, TailPart};
use crate::analysis::{Cue, Severity};
use crate::language::Lang;
use crate::text::words;
use crate::Error;

/// A language pack as the analyser installs it: the lines of its file
/// (`build.rs` writes them), split. `install_text` splits the file
/// natively; in the extension, JavaScript splits it (`web/src/api.rs`), so
/// that the analyser's module carries no parser beyond `split`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PackParts<'a> {
    pub lang: &'a str,
    /// The English lexicon's fingerprint the pack was built against: twins
    /// are English rule indices.
    pub fingerprint: &'a str,
    /// Per rule, its id, a line each.
    pub ids: &'a str,
    /// Per rule, six numbers: cue (`Cue::ALL` order), weight in
    /// hundredths, severity (`Severity::ALL` order), position (any,
    /// whole-sentence, start), requirement bits (`REQUIREMENTS` order) and
    /// the English twin (`u32::MAX`: none).
    pub numbers: &'a [u32],
    /// Per rule, a line of its message, note, suggestion and replacement,
    /// tab-separated; empty where the caller keeps the texts itself (the
    /// extension's JavaScript does, as it does English's).
    pub texts: &'a str,
    /// The phrases' literal prefixes, a line each, and per phrase its
    /// packed owner and tail (`build.rs`'s `Phrases`).
    pub prefixes: &'a str,
    pub meta: &'a [u32],
    /// The phrases' tails ("{n} amigos"), a line each.
    pub tails: &'a str,
    /// The word tables: per line, a key of `words.toml` and its words, tab-separated.
    pub words: &'a str,
}

/// The requirements a phrase rule may name, in the order of a pack's bits
/// (written once, in build.rs).
pub(crate) use super::data::REQUIREMENTS;

/// A language's word classes: what `text::words` knows of English words.
#[derive(Debug, Default)]
pub(crate) struct WordTable {
    /// Sorted by word, for a binary search (a hash map's code would cost
    /// the analyser's module more than its speed gains on a post).
    classes: Vec<(String, u16)>,
    /// `you_formal_ambiguous`: words that address the reader only in a
    /// post with one of `formal_markers` (Spanish "su" is also "his").
    formal_only: Vec<String>,
    formal_markers: Vec<String>,
    /// `you_formal_capitalised`: words that address the reader only
    /// written with a capital (German "Sie", "Ihre"; "sie" is "they").
    /// Sorted, as the lines are.
    capitalised_you: Vec<String>,
    pub number_words: Vec<String>,
    /// Words that make capitals hype ("REBAJAS"), lowercase.
    promo_words: Vec<String>,
}

impl WordTable {
    /// From the pack's word lines: a list name of `words.toml` and a word,
    /// sorted by word (`build.rs`).
    fn new(lines: &str) -> WordTable {
        let mut table = WordTable::default();
        for line in lines.lines() {
            let Some((key, word)) = line.split_once('\t') else {
                continue;
            };
            let list = match key {
                "you_formal_ambiguous" => Some(&mut table.formal_only),
                "formal_markers" => Some(&mut table.formal_markers),
                "you_formal_capitalised" => Some(&mut table.capitalised_you),
                "number_words" => Some(&mut table.number_words),
                "promo_words" => Some(&mut table.promo_words),
                _ => None,
            };
            if let Some(list) = list {
                list.push(word.to_string());
                continue;
            }
            let class = match key {
                "we" => words::WE,
                "you_informal" | "you_formal" => words::YOU,
                "first_person" => words::FIRST_PERSON,
                "thanks" => words::THANKS,
                "credit_verbs" => words::CREDIT,
                "action_verbs" => words::ACTION_VERB,
                "reaction_words" => words::REACTION,
                "meet_words" => words::MEET,
                "preface" => words::PREFACE,
                "minor" => words::MINOR,
                "poll_link" => words::FOR,
                "shouting_allow" => words::NOT_SHOUTING,
                _ => continue,
            };
            // Several words ("muchas gracias", "por favor") are the
            // phrases' business: a token is one word.
            if !word.contains(' ') {
                table.classes.push((word.to_string(), class));
            }
        }
        debug_assert!(table.classes.is_sorted_by(|a, b| a.0 <= b.0));
        table
    }

    /// The classes of a lowercase word: every entry's, merged (a word may
    /// be in several lists).
    fn class_of(&self, word: &str) -> Option<u16> {
        let from = self.classes.partition_point(|(w, _)| w.as_str() < word);
        let classes = self.classes[from..]
            .iter()
            .take_while(|(w, _)| w == word)
            .fold(0, |all, (_, c)| all | c);
        (classes != 0).then_some(classes)
    }

    /// Classes the words of `toks` as this language's, keeping what the
    /// tokenizer saw of their form (capitals, script).
    pub(crate) fn reclassify(&self, text: &str, toks: &mut crate::text::Tokens) {
        const FORM: u16 = words::CAPS | words::OTHER_SCRIPT;
        let mut lower = String::new();
        let mut formal = false;
        let mut classes = 0;
        for t in toks.tokens.iter_mut() {
            if t.kind != crate::text::Kind::Word {
                continue;
            }
            let word = t.text(text);
            crate::text::lower_into(word, &mut lower);
            let mut class = t.class & FORM;
            class |= self.class_of(&lower).unwrap_or(0);
            if word.starts_with(char::is_uppercase)
                && self.capitalised_you.binary_search(&lower).is_ok()
            {
                class |= words::YOU;
            }
            formal |= self.formal_markers.contains(&lower);
            t.class = class;
            classes |= class;
        }
        if formal && !self.formal_only.is_empty() {
            for t in toks.tokens.iter_mut() {
                if t.kind == crate::text::Kind::Word && {
                    crate::text::lower_into(t.text(text), &mut lower);
                    self.formal_only.contains(&lower)
                } {
                    t.class |= words::YOU;
                    classes |= words::YOU;
                }
            }
        }
        toks.classes = classes;
    }

    pub(crate) fn is_number_word(&self, word: &str) -> bool {
        Self::holds(&self.number_words, word)
    }

    pub(crate) fn is_promo_word(&self, word: &str) -> bool {
        Self::holds(&self.promo_words, word)
    }

    fn holds(list: &[String], word: &str) -> bool {
        let mut lower = String::new();
        crate::text::lower_into(word, &mut lower);
        list.contains(&lower)
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn parse_tail(tail: &str) -> Result<&'static [TailPart], Error> {
    let tail = tail.trim_end_matches('\r');
    if tail.is_empty() {
        return Ok(&[]);
    }
    let mut parts = Vec::new();
    for part in tail.split(' ') {
        parts.push(match part {
            "{n}" => TailPart::Number,
            "{w}" => TailPart::Word,
            "{w*}" => TailPart::AnyWords,
            "{e}" => TailPart::Emoji,
            "{q}" => TailPart::Answer,
            "{end}" => TailPart::End,
            p if p.starts_with('{') => return Err(bad("a phrase's placeholder")),
            literal => TailPart::Literal(leak(literal.to_string())),
        });
    }
    Ok(Box::leak(parts.into_boxed_slice()))
}

fn bad(what: &str) -> Error {
    Error::invalid_input(format!("the language file is damaged: {what}"))
}

/// Builds a language's lexicon from its pack, checking every part.
fn build(parts: &PackParts<'_>, lang: Lang) -> Result<Lexicon, Error> {
    if parts.fingerprint != super::fingerprint() {
        return Err(Error::invalid_input(
            "a language file was built with another lexicon than this analyser: rebuild the extension",
        ));
    }
    let english = super::rules();
    let mut twins = vec![u16::MAX; english.len()];
    let mut texts = parts.texts.lines();
    let mut rules = Vec::new();
    for (i, id) in parts.ids.lines().enumerate() {
        let n = parts
            .numbers
            .get(i * 6..i * 6 + 6)
            .ok_or_else(|| bad("its rules and their numbers do not line up"))?;
        let cue = *Cue::ALL.get(n[0] as usize).ok_or_else(|| bad("a cue"))?;
        // The id names its cue: a check that the numbers are this rule's.
        if id.split('.').nth(1) != Some(cue.name()) {
            return Err(bad("a rule's cue"));
        }
        let severity = *Severity::ALL
            .get(n[2] as usize)
            .ok_or_else(|| bad("a severity"))?;
        let at = *[At::Any, At::WholeSentence, At::Start]
            .get(n[3] as usize)
            .ok_or_else(|| bad("a position"))?;
        let requires: Vec<&'static str> = REQUIREMENTS
            .iter()
            .enumerate()
            .filter(|(b, _)| n[4] & 1 << b != 0)
            .map(|(_, r)| *r)
            .collect();
        let weight = n[1] as f32 / 100.0;
        if !(weight > 0.0 && weight <= 5.0) || n[4] >> REQUIREMENTS.len() != 0 {
            return Err(bad("a weight or requirement"));
        }
        if n[5] != u32::MAX {
            let t = n[5] as usize;
            if english.get(t).is_none_or(|e| e.cue != cue) {
                return Err(bad("a rule twins an English entry of another cue"));
            }
            twins[t] = i as u16;
        }
        let mut text = texts
            .next()
            .unwrap_or_default()
            .split('\t')
            .map(|t| leak(t.to_string()));
        let mut next = || text.next().unwrap_or_default();
        rules.push(LexRule {
            id: leak(id.to_string()),
            cue,
            weight,
            severity,
            at,
            requires: Box::leak(requires.into_boxed_slice()),
            phrase: false,
            message: next(),
            note: next(),
            suggestion: next(),
            replacement: Some(next()).filter(|r| !r.is_empty()),
        });
    }
    if parts.prefixes.lines().count() != parts.meta.len() || parts.meta.is_empty() {
        return Err(bad("its phrases and their owners do not line up"));
    }
    let mut tails = Vec::new();
    for tail in parts.tails.lines() {
        tails.push(parse_tail(tail)?);
    }
    let mut metas = Vec::with_capacity(parts.meta.len());
    for &m in parts.meta {
        let owner = (m & 0xfff) as usize;
        let kind = super::owner_kind(m);
        let tail = *tails
            .get((m >> 12 & 0xff) as usize)
            .ok_or_else(|| bad("a phrase's tail"))?;
        if kind == PhraseOwner::Rule {
            rules
                .get_mut(owner)
                .ok_or_else(|| bad("a phrase's rule"))?
                .phrase = true;
        }
        metas.push(PhraseMeta {
            tail,
            owner: owner as u16,
            kind,
            lead_number: m & 1 << 21 != 0,
        });
    }
    let set = PhraseSet {
        dfa: PhraseDfa::new(parts.prefixes.lines()),
        tails: metas,
    };
    Ok(Lexicon {
        lang,
        rules: Box::leak(rules.into_boxed_slice()),
        set: Some(Box::leak(Box::new(set))),
        code_twins: Some(Box::leak(twins.into_boxed_slice())),
        words: Some(WordTable::new(parts.words)),
    })
}

static PACKS: [OnceLock<&'static Lexicon>; 4] = [const { OnceLock::new() }; 4];

fn slot(lang: Lang) -> Option<&'static OnceLock<&'static Lexicon>> {
    let i = match lang {
        Lang::Es => 0,
        Lang::Pt => 1,
        Lang::Fr => 2,
        Lang::De => 3,
        _ => return None,
    };
    Some(&PACKS[i])
}

/// Installs a language's pack once; a second install of the same language
/// is a no-op. Returns the language installed.
pub fn install(parts: &PackParts<'_>) -> Result<Lang, Error> {
    let lang = Lang::from_code(parts.lang)
        .filter(|l| *l != Lang::En)
        .ok_or_else(|| bad("an unknown language"))?;
    let slot = slot(lang).expect("every language but English has a slot");
    if slot.get().is_some() {
        return Ok(lang);
    }
    let lexicon = build(parts, lang)?;
    let _ = slot.set(Box::leak(Box::new(lexicon)));
    Ok(lang)
}

/// The lexicon for `lang`, if it is installed (natively, every pack is
/// installed on first use from the build's own data).
pub fn installed(lang: Lang) -> Option<&'static Lexicon> {
    if lang == Lang::En {
        return Some(super::english());
    }
    let slot = slot(lang)?;
    #[cfg(not(target_arch = "wasm32"))]
    if slot.get().is_none() {
        install_text(builtin_text(lang)).expect("the build's own pack installs");
    }
    slot.get().copied()
}

/// The pack files this build was made with, as the extension ships them.
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => include_str!(concat!(env!("OUT_DIR"), "/pack_es.txt")),
        Lang::Pt => include_str!(concat!(env!("OUT_DIR"), "/pack_pt.txt")),
        Lang::Fr => include_str!(concat!(env!("OUT_DIR"), "/pack_fr.txt")),
        Lang::De => include_str!(concat!(env!("OUT_DIR"), "/pack_de.txt")),
        _ => "",
    }
}

/// Installs a pack file (`pkg/lexicon-<lang>.txt`, written by
/// `build.rs`): tab-separated lines, each opening with what it is.
#[cfg(not(target_arch = "wasm32"))]
pub fn install_text(text: &str) -> Result<Lang, Error> {
    let mut lines = text.lines();
    if lines.next() != Some("rapport-language\t1") {
        return Err(bad("not a language file of this version"));
    }
    let (mut lang, mut fingerprint) = ("", "");
    let (mut ids, mut texts, mut prefixes, mut tails, mut words) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    let (mut numbers, mut meta) = (Vec::new(), Vec::new());
    for line in lines {
        let (kind, rest) = line.split_once('\t').ok_or_else(|| bad("a line"))?;
        match kind {
            "lang" => lang = rest,
            "fingerprint" => fingerprint = rest,
            "rule" => {
                let mut f = rest.splitn(3, '\t');
                let (Some(id), Some(n), Some(t)) = (f.next(), f.next(), f.next()) else {
                    return Err(bad("a rule"));
                };
                ids.push_str(id);
                ids.push('\n');
                for x in n.split(',') {
                    numbers.push(x.parse().map_err(|_| bad("a rule's numbers"))?);
                }
                texts.push_str(t);
                texts.push('\n');
            }
            "tail" => {
                tails.push_str(rest);
                tails.push('\n');
            }
            "phrase" => {
                let (m, prefix) = rest.split_once('\t').ok_or_else(|| bad("a phrase"))?;
                meta.push(m.parse().map_err(|_| bad("a phrase's owner"))?);
                prefixes.push_str(prefix);
                prefixes.push('\n');
            }
            "words" => {
                words.push_str(rest);
                words.push('\n');
            }
            _ => return Err(bad("an unknown line")),
        }
    }
    install(&PackParts {
        lang,
        fingerprint,
        ids: &ids,
        numbers: &numbers,
        texts: &texts,
        prefixes: &prefixes,
        meta: &meta,
        tails: &tails,
        words: &words,
    })
}

#[cfg(all(test, not(feature = "external-lexicon")))]
mod tests {
    use super::*;

    /// A pack file's parts, split as the extension's JavaScript splits them.
    struct Split {
        lang: String,
        fingerprint: String,
        ids: String,
        numbers: Vec<u32>,
        prefixes: String,
        meta: Vec<u32>,
        tails: String,
        words: String,
    }

    fn split(text: &str) -> Split {
        let mut s = Split {
            lang: String::new(),
            fingerprint: String::new(),
            ids: String::new(),
            numbers: Vec::new(),
            prefixes: String::new(),
            meta: Vec::new(),
            tails: String::new(),
            words: String::new(),
        };
        for line in text.lines().skip(1) {
            let (kind, rest) = line.split_once('\t').unwrap();
            match kind {
                "lang" => s.lang = rest.into(),
                "fingerprint" => s.fingerprint = rest.into(),
                "rule" => {
                    let mut f = rest.split('\t');
                    s.ids += f.next().unwrap();
                    s.ids += "\n";
                    s.numbers.extend(
                        f.next()
                            .unwrap()
                            .split(',')
                            .map(|n| n.parse::<u32>().unwrap()),
                    );
                }
                "tail" => s.tails += &format!("{rest}\n"),
                "phrase" => {
                    let (m, p) = rest.split_once('\t').unwrap();
                    s.meta.push(m.parse().unwrap());
                    s.prefixes += &format!("{p}\n");
                }
                "words" => s.words += &format!("{rest}\n"),
                _ => panic!("{kind}"),
            }
        }
        s
    }

    fn parts(s: &Split) -> PackParts<'_> {
        PackParts {
            lang: &s.lang,
            fingerprint: &s.fingerprint,
            ids: &s.ids,
            numbers: &s.numbers,
            texts: "",
            prefixes: &s.prefixes,
            meta: &s.meta,
            tails: &s.tails,
            words: &s.words,
        }
    }

    #[test]
    fn a_damaged_or_foreign_language_file_is_refused_with_a_clear_error() {
        let good = split(builtin_text(Lang::De));
        // Each damage is checked by building, not installing, so that the
        // real pack's slot is left to the other tests.
        type Damage = Box<dyn Fn(&mut Split)>;
        let damaged: Vec<(&str, Damage)> = vec![
            (
                "fingerprint",
                Box::new(|s| s.fingerprint = "0000000000000000".into()),
            ),
            ("a cue", Box::new(|s| s.numbers[0] = 99)),
            (
                "a rule's cue",
                Box::new(|s| s.numbers[0] = (s.numbers[0] + 1) % 26),
            ),
            ("numbers cut", Box::new(|s| s.numbers.truncate(5))),
            (
                "a twin of another cue",
                Box::new(|s| {
                    let i = (0..s.numbers.len() / 6)
                        .find(|i| s.numbers[i * 6 + 5] != u32::MAX)
                        .unwrap();
                    let cue = s.numbers[i * 6];
                    s.numbers[i * 6 + 5] = super::super::rules()
                        .iter()
                        .position(|r| r.cue as u32 != cue)
                        .unwrap() as u32;
                }),
            ),
            ("an owner", Box::new(|s| s.meta[0] = 0xfff)),
            (
                "phrases cut",
                Box::new(|s| {
                    s.meta.pop();
                }),
            ),
            ("a placeholder", Box::new(|s| s.tails.push_str("{zz}\n"))),
        ];
        assert!(build(&parts(&good), Lang::De).is_ok());
        for (what, damage) in damaged {
            let mut s = split(builtin_text(Lang::De));
            damage(&mut s);
            if what == "a placeholder" {
                // A tail no phrase uses is still read, and refused.
                assert!(build(&parts(&s), Lang::De).is_err(), "{what}");
                continue;
            }
            let err = build(&parts(&s), Lang::De).expect_err(what).to_string();
            assert!(err.contains("language file"), "{what}: {err}");
        }
        assert!(install(&PackParts {
            lang: "it",
            ..parts(&good)
        })
        .is_err());
        assert!(install_text("not a language file").is_err());
    }

    #[test]
    fn every_code_rule_but_the_headline_hooks_speaks_every_language() {
        for lang in [Lang::Es, Lang::Pt, Lang::Fr, Lang::De] {
            let lex = installed(lang).unwrap();
            for (i, rule) in super::super::rules().iter().enumerate() {
                let code = super::super::docs()[i].code.is_some();
                if !code || rule.id.starts_with("curiosity-bait.") {
                    continue;
                }
                let twin = lex.code_entry(i as u16).map(|t| lex.rules()[t as usize].id);
                let expected = format!("{}.{}", lang.code(), rule.id);
                assert_eq!(twin, Some(expected.as_str()), "{}", rule.id);
            }
        }
    }

    #[test]
    fn ambiguous_pronouns_address_the_reader_only_as_the_language_marks_it() {
        let you = |text: &str| {
            crate::analyze(text, &crate::Options::default())
                .stats
                .you_words
        };
        // German: "Ihre" with a capital is the formal "your"; "ihre" is "her".
        assert_eq!(
            you("Wir haben Ihre Bestellung heute verschickt und melden uns."),
            1
        );
        assert_eq!(
            you("Wir haben ihre Bestellung heute verschickt und melden uns."),
            0
        );
        // Spanish: "su" is "your" only beside "usted".
        assert_eq!(
            you("Gracias por su paciencia: usted tendrá el pedido mañana."),
            2
        );
        assert_eq!(
            you("Gracias a María por su paciencia con el pedido de mañana."),
            0
        );
        // Portuguese: "seu" is "your" in a post that says "você".
        assert_eq!(you("Você já recebeu o seu pedido? Conta para a gente."), 2);
        assert_eq!(you("A Ana trouxe o seu bolo para a nossa loja hoje."), 0);
    }
}
