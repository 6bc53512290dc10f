//! Entry point of the analysis: tokens, rules, exemptions, the brand
//! profile, then scores.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::analysis::{Analysis, Balance, Basis, Cue, Hint, Notice, NoticeKind, Polarity, Stats};
use crate::language::Lang;
use crate::lexicon::{self, Lexicon, PhraseDfa};
use crate::options::Options;
use crate::rules::{self, shouting::is_acronym, Candidate, Ctx, Source};
use crate::score;
use crate::span::Span;
use crate::text::{self, is_word_char, next_char, prev_char, words, Kind, Tokens};
use crate::verdict;

/// Past this many bytes only the beginning is analysed: nobody drafts a post
/// that long, and the extension must stay responsive on a pasted book.
pub const MAX_BYTES: usize = 4 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProfilePhrase {
    Brand,
    Flag(u16, Cue),
    Ignore,
}

/// The brand profile compiled once per options.
#[derive(Debug, Clone)]
struct Profile {
    automaton: Option<PhraseDfa>,
    kinds: Vec<ProfilePhrase>,
    /// Handles, lowercase, without `@`.
    handles: Vec<String>,
}

/// An analyser prepared for one set of options (platform, brand profile,
/// disabled rules). Build it once and reuse it for every keystroke.
#[derive(Debug, Clone)]
pub struct Analyzer {
    options: Options,
    profile: Profile,
    /// Indexed by lexicon rule.
    disabled: Vec<bool>,
    disabled_cues: [bool; Cue::ALL.len()],
    disabled_user: Vec<bool>,
}

impl Analyzer {
    pub fn new(options: &Options) -> Analyzer {
        let p = &options.profile;
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        let clean = |s: &String| s.trim().to_string();
        for name in p.names.iter().map(clean).filter(|s| !s.is_empty()) {
            patterns.push(name);
            kinds.push(ProfilePhrase::Brand);
        }
        let mut disabled_user = Vec::new();
        for (n, phrase) in p.flag_phrases.iter().map(clean).enumerate() {
            // Indexed by position in the list, as the ids are, so an empty
            // phrase before it cannot shift which flag is switched off.
            disabled_user.push(options.disabled_rules.contains(&user_rule_id(n)));
            if phrase.is_empty() {
                continue;
            }
            kinds.push(ProfilePhrase::Flag(n as u16, user_flag_cue(&phrase)));
            patterns.push(phrase);
        }
        for phrase in p.ignore_phrases.iter().map(clean).filter(|s| !s.is_empty()) {
            patterns.push(phrase);
            kinds.push(ProfilePhrase::Ignore);
        }
        let automaton = (!patterns.is_empty()).then(|| PhraseDfa::new(&patterns));
        let handles = p
            .handles
            .iter()
            .map(|h| h.trim().trim_start_matches('@').to_lowercase())
            .filter(|h| !h.is_empty())
            .collect();
        let mut disabled_cues = [false; Cue::ALL.len()];
        for d in &options.disabled_rules {
            if let Some(cue) = Cue::from_name(d.trim()) {
                disabled_cues[cue as usize] = true;
            }
        }
        let disabled = lexicon::rules()
            .iter()
            .map(|r| options.disabled_rules.iter().any(|d| d.trim() == r.id))
            .collect();
        Analyzer {
            options: options.clone(),
            profile: Profile {
                automaton,
                kinds,
                handles,
            },
            disabled,
            disabled_cues,
            disabled_user,
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with_evidence(text).0
    }

    /// The analysis and the evidence its verdict was computed from (what
    /// `rapport fit` fits the verdict's weights on).
    pub fn analyze_with_evidence(&self, text: &str) -> (Analysis, verdict::Features) {
        let mut notices = Vec::new();
        let text = if text.len() > MAX_BYTES {
            let mut cut = MAX_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            notices.push(Notice {
                kind: NoticeKind::Truncated,
                message: format!(
                    "Only the first {} MB of this text were analysed.",
                    MAX_BYTES >> 20
                ),
            });
            &text[..cut]
        } else {
            text
        };
        // Buffers are reused from one keystroke to the next.
        thread_local! {
            static SCRATCH: RefCell<(Tokens, Vec<Candidate>)> = RefCell::default();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let (toks, candidates) = &mut *scratch;
                text::tokenize_into(text, toks);
                candidates.clear();
                let analysis = self.analyze_tokens(text, toks, candidates, notices);
                // Do not keep a pasted book's buffers alive.
                if toks.tokens.capacity() > 1 << 16 || candidates.capacity() > 1 << 12 {
                    *scratch = Default::default();
                }
                analysis
            }
            Err(_) => {
                let mut toks = text::tokenize(text);
                self.analyze_tokens(text, &mut toks, &mut Vec::new(), notices)
            }
        })
    }

    fn analyze_tokens(
        &self,
        text: &str,
        toks: &mut Tokens,
        candidates: &mut Vec<Candidate>,
        mut notices: Vec<Notice>,
    ) -> (Analysis, verdict::Features) {
        let tokens = &toks.tokens;

        let mut brand_spans = Vec::new();
        let mut flags = Vec::new();
        let mut ignores = Vec::new();
        self.profile_hits(text, &mut brand_spans, &mut flags, &mut ignores);
        let handles = if self.profile.handles.is_empty() {
            &[][..]
        } else {
            &tokens[..]
        };
        for t in handles
            .iter()
            .filter(|t| matches!(t.kind, Kind::Mention | Kind::Hashtag))
        {
            let name = &t.text(text)[1..];
            if self
                .profile
                .handles
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name))
            {
                brand_spans.push(Span::new(t.start as usize, t.end as usize));
            }
        }
        brand_spans.sort();
        brand_spans.dedup();

        let platform = self.options.platform;
        let char_limit = rules::platform::char_limit(platform);
        let mut language = rules::language::Counts::default();
        let mut stats = compute_stats(text, toks, &brand_spans, char_limit, &mut language);

        let mut lexicon = lexicon::english();
        let usual = self.options.language.filter(|l| *l != Lang::En);
        if usual.is_some() || language.may_be_foreign(text) {
            let not_judged = |mut notices: Vec<Notice>, kind, message: String, language, stats| {
                notices.push(Notice { kind, message });
                let analysis = Analysis {
                    hints: Vec::new(),
                    fame: 0,
                    connection: 0,
                    balance: Balance::Neutral,
                    basis: Basis::default(),
                    stats,
                    notices,
                    language,
                };
                (analysis, [0.0; verdict::FEATURES])
            };
            // A draft with too little to go by (a few words, hashtags
            // alone) is read in the writer's language, if they have one.
            let detected = crate::language::detect_tokens(text, toks, usual)
                .lang
                .or(usual);
            match detected {
                Some(Lang::En) => {}
                Some(lang) => match lexicon::installed(lang) {
                    Some(lex) => {
                        lexicon = lex;
                        if let Some(words) = &lex.words {
                            words.reclassify(text, toks);
                        }
                        recount_persons(text, toks, &mut stats);
                    }
                    None => {
                        return not_judged(
                            notices,
                            NoticeKind::LanguageNotLoaded,
                            format!("Rapport is loading its {} lexicon.", lang.name()),
                            lang.code(),
                            stats,
                        )
                    }
                },
                None if language.is_unsupported() => {
                    return not_judged(
                        notices,
                        NoticeKind::UnsupportedLanguage,
                        "This draft does not look like English, Spanish, Portuguese, French or German, the languages Rapport reads, so it gives no hints rather than guess.".to_string(),
                        "",
                        stats,
                    )
                }
                None => {}
            }
        }
        let toks = &*toks;
        let tokens = &toks.tokens;
        if stats.char_limit > 0 && stats.chars > stats.char_limit {
            notices.push(Notice {
                kind: NoticeKind::OverLength,
                message: format!(
                    "{} characters: over the {} that {} allows.",
                    stats.chars,
                    stats.char_limit,
                    platform.facts().label
                ),
            });
        }

        let is_reply = is_conversation(text, tokens, toks.has_kind(Kind::Mention), &brand_spans);
        let ctx = Ctx {
            text,
            tokens,
            toks,
            platform,
            stats: &stats,
            is_reply,
            brand_spans: &brand_spans,
            lexicon,
        };
        let mut marks = rules::PostMarks::default();
        rules::collect(&ctx, candidates, &mut marks);
        candidates.extend(flags);
        rules::replies::apply(&ctx, candidates);
        if marks.exempt {
            rules::exemptions::apply(candidates);
        }
        candidates.retain(|c| {
            let off = match c.source {
                Source::Lexicon(i) => self.is_disabled(lexicon, i),
                Source::User(n, _) => self.disabled_user.get(n as usize).copied().unwrap_or(false),
            };
            !off && !self.disabled_cues[c.cue() as usize]
                && !ignores.iter().any(|s: &Span| s.overlaps(&c.span))
        });
        dedupe_same_cue(candidates);
        candidates.sort_by(|a, b| {
            (a.span.start(), a.span.end())
                .cmp(&(b.span.start(), b.span.end()))
                .then_with(|| rule_id(lexicon, a).cmp(rule_id(lexicon, b)))
        });
        // In text order from here on, so each of these is one pass.
        drop_phrases_inside_phrases(lexicon, candidates);
        let shares = sentence_shares(toks, candidates);
        let evidence = verdict::features(candidates, is_reply, marks.formal, shares, &stats);

        let weights = |side: Polarity| {
            candidates
                .iter()
                .filter(move |c| c.cue().polarity() == side)
                .map(Candidate::weight)
        };
        let fame_raw = score::side_raw(weights(Polarity::Fame));
        let mut conn_raw = score::side_raw(weights(Polarity::Connection));
        // A reply that only hands over a link, with no word to the person, is
        // a statement pasted into a thread rather than a conversation.
        let pasted = stats.links > 0 && conn_raw == 0.0;
        if is_reply && !pasted {
            conn_raw = conn_raw * score::REPLY_BOOST + score::REPLY_BASE;
        }
        let fame = score::to_score(fame_raw, stats.words);
        let connection = score::to_score(conn_raw, stats.words);
        let verdict = verdict::decide(verdict::shipped(), &evidence);
        let mut basis = basis(&verdict, candidates);
        basis.conversation = is_reply;
        let hints = candidates
            .iter()
            .map(|c| self.hint(lexicon, c, text))
            .collect();
        let analysis = Analysis {
            hints,
            fame,
            connection,
            balance: verdict.balance,
            basis,
            stats,
            notices,
            language: lexicon.lang.code(),
        };
        (analysis, evidence)
    }

    fn profile_hits(
        &self,
        text: &str,
        brands: &mut Vec<Span>,
        flags: &mut Vec<Candidate>,
        ignores: &mut Vec<Span>,
    ) {
        let Some(ac) = &self.profile.automaton else {
            return;
        };
        ac.for_each_match(text.as_bytes(), |s, e, pattern| {
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return;
            }
            let starts_word =
                s == 0 || !is_word_char(prev_char(text, s)) || !is_word_char(next_char(text, s));
            let ends_word = e == text.len()
                || !is_word_char(next_char(text, e))
                || !is_word_char(prev_char(text, e));
            if !(starts_word && ends_word) {
                return;
            }
            let span = Span::new(s, e);
            match self.profile.kinds[pattern] {
                ProfilePhrase::Brand => brands.push(span),
                ProfilePhrase::Ignore => ignores.push(span),
                ProfilePhrase::Flag(n, cue) => flags.push(Candidate::user(n, cue, span)),
            }
        });
    }

    /// Whether the user switched this entry off: by its id, or, for
    /// another language's entry, by its English twin's id too, so that
    /// switching a rule off in one language switches it off in all.
    fn is_disabled(&self, lexicon: &Lexicon, i: u16) -> bool {
        if lexicon.lang == Lang::En {
            return self.disabled[i as usize];
        }
        if self.options.disabled_rules.is_empty() {
            return false;
        }
        let id = lexicon.rules()[i as usize].id;
        let bare = id.split_once('.').map_or(id, |(_, rest)| rest);
        self.options
            .disabled_rules
            .iter()
            .any(|d| d.trim() == id || d.trim() == bare)
    }

    fn hint(&self, lexicon: &Lexicon, c: &Candidate, text: &str) -> Hint {
        match c.source {
            Source::Lexicon(i) => {
                let r = &lexicon.rules()[i as usize];
                Hint {
                    rule_id: Cow::Borrowed(r.id),
                    lexicon_entry: Some(i),
                    cue: r.cue,
                    polarity: r.cue.polarity(),
                    span: c.span,
                    message: Cow::Borrowed(r.message),
                    note: Cow::Borrowed(r.note),
                    // Empty where the analyser's module leaves the texts out
                    // (feature `external-lexicon`); JavaScript fills them in.
                    suggestion: (!r.suggestion.is_empty()).then_some(Cow::Borrowed(r.suggestion)),
                    replacement: r.replacement.map(Cow::Borrowed),
                    severity: c.severity,
                }
            }
            Source::User(n, cue) => Hint {
                rule_id: Cow::Owned(user_rule_id(n as usize)),
                lexicon_entry: None,
                cue,
                polarity: cue.polarity(),
                span: c.span,
                message: Cow::Owned(format!("\u{201C}{}\u{201D} is on your own list of phrases to avoid.", c.span.slice(text))),
                note: Cow::Borrowed("You added this phrase to your brand profile as one that reads as chasing attention rather than talking with people."),
                suggestion: Some(Cow::Borrowed("Say what you mean for the reader in plain words, or drop the phrase.")),
                replacement: None,
                severity: c.severity,
            },
        }
    }
}

/// The hints behind the verdict: for each cue that carried it, its
/// heaviest hint (the first of equals).
fn basis(verdict: &verdict::Verdict, candidates: &[Candidate]) -> Basis {
    let mut basis = Basis::default();
    for f in verdict.carried_by.into_iter().flatten() {
        let f = f as usize;
        if f == verdict::REPLY_FEATURE {
            basis.reply = true;
        }
        let Some(cue) = verdict::feature_cue(f) else {
            continue;
        };
        let heaviest = candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.cue() == cue)
            .fold(None, |best: Option<(usize, f32)>, (i, c)| match best {
                Some((_, w)) if w >= c.weight() => best,
                _ => Some((i, c.weight())),
            });
        if let Some((i, _)) = heaviest {
            basis.hints.push(i as u32);
        }
    }
    basis
}

/// Analyses one draft with the given options.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    Analyzer::new(options).analyze(text)
}

/// The id a brand-profile flag phrase fires, by its position in the list.
pub fn user_rule_id(n: usize) -> String {
    format!("user.flag.{n}")
}

/// A flagged phrase reads as whatever the lexicon says it reads as; a phrase
/// the lexicon does not know is most often the brand's own boasting.
fn user_flag_cue(phrase: &str) -> Cue {
    let analysis = Analyzer {
        options: Options::default(),
        profile: Profile {
            automaton: None,
            kinds: Vec::new(),
            handles: Vec::new(),
        },
        disabled: vec![false; lexicon::rules().len()],
        disabled_cues: [false; Cue::ALL.len()],
        disabled_user: Vec::new(),
    }
    .analyze(phrase);
    analysis
        .hints
        .iter()
        .find(|h| h.polarity == Polarity::Fame)
        .map_or(Cue::SelfPraise, |h| h.cue)
}

/// A reply or a comment on someone's post is conversation: "@ana …",
/// ".@ana …", "Hi @ana …", or a short remark before "RT @ana".
fn is_conversation(
    text: &str,
    tokens: &[text::Token],
    has_mention: bool,
    brand_spans: &[Span],
) -> bool {
    let is_brand = |t: &text::Token| brand_spans.iter().any(|s| s.start() == t.start as usize);
    let Some(first) = tokens.first() else {
        return false;
    };
    if first.kind == Kind::Mention && !is_brand(first) {
        return true;
    }
    if text.trim_start().starts_with(".@") {
        return true;
    }
    let greeting = |t: &text::Token| {
        t.kind == Kind::Word
            && ["hi", "hey", "hello", "dear"]
                .iter()
                .any(|g| text::eq_fold(t.text(text), g))
    };
    if greeting(first)
        && tokens
            .get(1)
            .is_some_and(|t| t.kind == Kind::Mention && !is_brand(t))
    {
        return true;
    }
    // A comment answering someone by name: "Hi Sam, …", "Hey Steph! …".
    let named = |t: &text::Token| {
        t.kind == Kind::Word && t.text(text).starts_with(|c: char| c.is_uppercase()) && !is_brand(t)
    };
    let addressed = |t: &text::Token| {
        matches!(t.kind, Kind::Punct | Kind::Bang) && matches!(t.text(text), "," | "!")
    };
    if greeting(first) && tokens.get(1).is_some_and(named) && tokens.get(2).is_some_and(addressed) {
        return true;
    }
    // A quote retweet with a comment: "Great photo! RT @ana …".
    if !has_mention {
        return false;
    }
    let rt = tokens
        .windows(2)
        .position(|w| w[0].is_word(text, "RT") && w[1].kind == Kind::Mention);
    matches!(rt, Some(i) if i > 0 && tokens[..i].iter().filter(|t| t.kind == Kind::Word).count() <= 10)
}

fn rule_id(lexicon: &Lexicon, c: &Candidate) -> &'static str {
    match c.source {
        Source::Lexicon(i) => lexicon.rules()[i as usize].id,
        Source::User(..) => "user.flag",
    }
}

/// Counts the sentences that hold a fame cue and those that hold a
/// connection cue (pointers aside: they lean with what they point to).
fn sentence_shares(toks: &Tokens, candidates: &[Candidate]) -> verdict::SentenceShares {
    let mut shares = verdict::SentenceShares {
        sentences: toks.sentences.len() as u32,
        ..Default::default()
    };
    // Candidates are in text order: walk the tokens alongside them, and
    // count a sentence once per side.
    let tokens = &toks.tokens;
    let mut t = 0;
    let mut current: Option<(u32, u8)> = None;
    for c in candidates {
        if c.cue() == Cue::CallToAction {
            continue;
        }
        while t < tokens.len() && (tokens[t].end as usize) <= c.span.start() {
            t += 1;
        }
        let Some(token) = tokens.get(t) else {
            break;
        };
        let bit = match c.cue().polarity() {
            Polarity::Fame => 1,
            Polarity::Connection => 2,
        };
        let seen = match current {
            Some((s, bits)) if s == token.sentence => bits,
            _ => 0,
        };
        if seen & bit == 0 {
            if bit == 1 {
                shares.fame += 1;
            } else {
                shares.connection += 1;
            }
        }
        current = Some((token.sentence, seen | bit));
    }
    shares
}

/// A phrase inside a longer phrase of another cue is part of it, not a cue
/// of its own: "help us" (co-creation) inside "help us spread the word"
/// (a share ask), "so grateful" inside "we'd be so grateful if you shared
/// this". Only phrase rules compete this way: a code rule's span is a
/// whole question or a run of capitals, which may hold other cues.
fn drop_phrases_inside_phrases(lexicon: &Lexicon, candidates: &mut Vec<Candidate>) {
    if candidates.len() < 2 {
        return;
    }
    let is_phrase = |c: &Candidate| match c.source {
        Source::Lexicon(i) => lexicon.rules()[i as usize].phrase,
        Source::User(..) => false,
    };
    let holds = |o: &Candidate, c: &Candidate| {
        o.cue() != c.cue()
            && is_phrase(o)
            && o.span.len() > c.span.len()
            && o.span.start() <= c.span.start()
            && c.span.end() <= o.span.end()
    };
    // In text order, a container starts at or before what it holds: look
    // back over the few candidates that start close enough (phrases are
    // short), and forward over those that start at the same place.
    let inside = |n: usize| {
        let c = &candidates[n];
        is_phrase(c)
            && (candidates[..n]
                .iter()
                .rev()
                .take_while(|o| o.span.start() + LONGEST_PHRASE >= c.span.start())
                .any(|o| holds(o, c))
                || candidates[n + 1..]
                    .iter()
                    .take_while(|o| o.span.start() == c.span.start())
                    .any(|o| holds(o, c)))
    };
    // Most drafts have nothing to drop: find the first before allocating.
    let Some(first) = (0..candidates.len()).find(|&n| inside(n)) else {
        return;
    };
    let drop: Vec<bool> = (0..candidates.len())
        .map(|n| n == first || (n > first && inside(n)))
        .collect();
    let mut k = 0;
    candidates.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Longer than any phrase's match (tails included), in bytes.
const LONGEST_PHRASE: usize = 160;

/// No two hints of one cue on overlapping spans: the heavier (then longer)
/// one stays, so "follow us for more" wins over "follow us".
fn dedupe_same_cue(candidates: &mut Vec<Candidate>) {
    candidates.sort_by(|a, b| {
        (a.cue(), a.span.start())
            .cmp(&(b.cue(), b.span.start()))
            .then(b.span.end().cmp(&a.span.end()))
    });
    // In place: `kept` candidates are compacted to the front.
    let mut kept = 0;
    for i in 0..candidates.len() {
        let c = candidates[i];
        if kept > 0 {
            let last = &mut candidates[kept - 1];
            if last.cue() == c.cue() && last.span.overlaps(&c.span) {
                if (c.weight(), c.span.len()) > (last.weight(), last.span.len()) {
                    *last = c;
                }
                continue;
            }
        }
        candidates[kept] = c;
        kept += 1;
    }
    candidates.truncate(kept);
}

/// Counts again what depends on the words' classes, once another
/// language's have replaced English's.
fn recount_persons(text: &str, toks: &Tokens, s: &mut Stats) {
    (s.you_words, s.we_words, s.caps_words) = (0, 0, 0);
    for t in toks.tokens.iter().filter(|t| t.kind == Kind::Word) {
        if t.is(words::YOU) {
            s.you_words += 1;
        } else if t.is(words::WE) {
            s.we_words += 1;
        } else if t.is(words::CAPS) && !t.is(words::NOT_SHOUTING) && !is_acronym(t.text(text)) {
            s.caps_words += 1;
        }
    }
}

/// Also counts what the language test needs, in the same pass.
fn compute_stats(
    text: &str,
    toks: &text::Tokens,
    brand_spans: &[Span],
    char_limit: u32,
    language: &mut rules::language::Counts,
) -> Stats {
    let mut s = Stats {
        chars: text::grapheme_count(text) as u32,
        char_limit,
        sentences: toks.sentences.len() as u32,
        questions: toks.sentences.iter().filter(|x| x.question).count() as u32,
        brand_mentions: brand_spans.len() as u32,
        ..Stats::default()
    };
    for t in &toks.tokens {
        // Sliced only where the class bits are not enough.
        let w = || t.text(text);
        match t.kind {
            Kind::Word => {
                s.words += 1;
                language.add_word(t);
                if t.is(words::YOU) {
                    s.you_words += 1;
                } else if t.is(words::WE) {
                    s.we_words += 1;
                } else if t.is(words::CAPS) && !is_acronym(w()) {
                    s.caps_words += 1;
                }
            }
            Kind::Number => s.words += 1,
            Kind::Hashtag => s.hashtags += 1,
            Kind::Mention => s.mentions += 1,
            Kind::Url => s.links += 1,
            Kind::Emoji => s.emoji += 1,
            Kind::Bang => s.exclamation_runs += text::has_byte(w(), b'!') as u32,
            Kind::Cashtag | Kind::Punct => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::BrandProfile;

    #[test]
    fn replies_greetings_and_quote_retweets_are_conversation() {
        let a = analyze(
            "Great photo! RT @ana our volunteers at work",
            &Options::default(),
        );
        assert!(
            matches!(a.balance, Balance::LeaningConnection | Balance::Connecting),
            "{:?}",
            a.balance
        );
        let a = analyze("Hi @ana the update is out", &Options::default());
        assert!(a.connection > 0);
    }

    #[test]
    fn empty_text_is_neutral() {
        let a = analyze("", &Options::default());
        assert_eq!(a.balance, Balance::Neutral);
        assert!(a.hints.is_empty());
    }

    #[test]
    fn brand_names_count_as_we_for_self_praise() {
        let options = Options {
            profile: BrandProfile {
                names: vec!["Acme".into()],
                ..BrandProfile::default()
            },
            ..Options::default()
        };
        let a = analyze("Acme is the best coffee in town", &options);
        assert!(
            a.hints.iter().any(|h| h.cue == Cue::SelfPraise),
            "{:?}",
            a.hints
        );
        assert_eq!(a.stats.brand_mentions, 1);
    }

    #[test]
    fn flag_and_ignore_phrases_and_disabled_rules() {
        let options = Options {
            profile: BrandProfile {
                flag_phrases: vec!["game-changer".into()],
                ignore_phrases: vec!["shop now".into()],
                ..BrandProfile::default()
            },
            disabled_rules: vec!["follow-ask".into()],
            ..Options::default()
        };
        let a = analyze("A game-changer. Shop now! Follow us for more.", &options);
        assert!(
            a.hints.iter().any(|h| h.rule_id == "user.flag.0"),
            "{:?}",
            a.hints
        );
        assert!(
            a.hints
                .iter()
                .all(|h| h.cue != Cue::FollowAsk && h.cue != Cue::HardSell),
            "{:?}",
            a.hints
        );
    }

    #[test]
    fn over_length_notice_names_the_platform() {
        let options = Options {
            platform: crate::options::Platform::X,
            ..Options::default()
        };
        let a = analyze(&"word ".repeat(100), &options);
        assert!(a.notices.iter().any(|n| n.kind == NoticeKind::OverLength));
    }

    #[test]
    fn a_language_rapport_does_not_read_gets_one_notice_and_no_hints() {
        for text in [
            "Compra adesso! La migliore offerta della stagione per tutta la famiglia con i prezzi più bassi",
            "Koop nu! De beste aanbieding van het seizoen voor het hele gezin met de laagste prijzen",
            "新しいコレクションを発表しました",
        ] {
            let a = analyze(text, &Options::default());
            assert!(a.hints.is_empty(), "{text}: {:?}", a.hints);
            assert_eq!(a.notices.len(), 1, "{text}");
            assert_eq!(a.notices[0].kind, NoticeKind::UnsupportedLanguage, "{text}");
            assert_eq!(a.language, "", "{text}");
        }
    }

    #[test]
    fn spanish_is_read_with_the_spanish_lexicon() {
        let a = analyze("¡Compra ahora! La mejor oferta de la temporada para toda la familia con los precios más bajos", &Options::default());
        assert_eq!(a.language, "es");
        assert!(a.notices.is_empty(), "{:?}", a.notices);
        assert!(
            a.hints
                .iter()
                .any(|h| h.rule_id.starts_with("es.hard-sell")),
            "{:?}",
            a.hints
        );
    }
}
