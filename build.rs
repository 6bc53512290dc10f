//! Turns `lexicon/*.toml` into static Rust arrays so that the analyser never
//! parses TOML at run time (the wasm size budget has no room for a TOML parser)
//! and so that a malformed lexicon fails the build instead of a user's draft.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    theme: String,
    #[serde(default)]
    rule: Vec<RuleEntry>,
    #[serde(default)]
    exemption: Vec<ExemptionEntry>,
    /// Phrases of the formal register (notices, statements, service facts):
    /// no hint, but the verdict reads them (`src/verdict.rs`).
    #[serde(default)]
    register: Vec<ExemptionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    id: String,
    cue: String,
    weight: f32,
    severity: String,
    #[serde(default)]
    phrases: Vec<String>,
    /// Name of the Rust rule (`src/rules/<code>.rs`) that fires this entry.
    #[serde(default)]
    code: Option<String>,
    /// Where a phrase must sit: `any` (default), `whole-sentence`, `start`.
    #[serde(default)]
    at: Option<String>,
    /// Extra conditions: `we-subject` (we/our/the brand earlier in the
    /// sentence), `question` (inside a question), `not-question`,
    /// `imperative`, `link`, `claim`, `link-or-we`, `brand-context` (a link,
    /// hashtag, handle, "we" or the brand anywhere in the post).
    #[serde(default)]
    requires: Vec<String>,
    message: String,
    note: String,
    suggestion: String,
    #[serde(default)]
    replacement: Option<String>,
    #[serde(default)]
    source: Option<String>,
    examples: Vec<String>,
    #[serde(default)]
    allows: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExemptionEntry {
    id: String,
    phrases: Vec<String>,
    note: String,
    examples: Vec<String>,
}

const CUES: &[(&str, &str)] = &[
    ("reaction-bait", "ReactionBait"),
    ("comment-bait", "CommentBait"),
    ("share-bait", "ShareBait"),
    ("tag-bait", "TagBait"),
    ("vote-bait", "VoteBait"),
    ("like-for-good", "LikeForGood"),
    ("follow-ask", "FollowAsk"),
    ("hard-sell", "HardSell"),
    ("call-to-action", "CallToAction"),
    ("question-bait", "QuestionBait"),
    ("self-praise", "SelfPraise"),
    ("fame-metrics", "FameMetrics"),
    ("curiosity-bait", "CuriosityBait"),
    ("shouting", "Shouting"),
    ("hashtag-stuffing", "HashtagStuffing"),
    ("brand-centric", "BrandCentric"),
    ("link-only", "LinkOnly"),
    ("open-question", "OpenQuestion"),
    ("listening", "Listening"),
    ("gratitude", "Gratitude"),
    ("spotlight", "Spotlight"),
    ("co-creation", "CoCreation"),
    ("honesty", "Honesty"),
    ("helpful-value", "HelpfulValue"),
    ("shared-values", "SharedValues"),
    ("personal-voice", "PersonalVoice"),
];

/// The requirements a phrase rule may name; a language pack stores them as
/// bits in this order, and the analyser reads them from the generated
/// `REQUIREMENTS` (lexicon_data.rs), so the list is written here alone.
const REQUIREMENTS: [&str; 8] = [
    "we-subject",
    "question",
    "not-question",
    "imperative",
    "link",
    "claim",
    "link-or-we",
    "brand-context",
];

const PLACEHOLDERS: &[&str] = &["{n}", "{w}", "{w*}", "{e}", "{q}", "{@}", "{end}"];

fn fail(msg: String) -> ! {
    panic!("lexicon error: {msg}");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=lexicon");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(format!("cannot read {}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    // Sorted so that generated indices, and so the output, are deterministic.
    files.sort();

    let mut rules_out = String::new();
    let mut ids_out = String::new();
    let mut docs_out = String::new();
    let mut phrases_out = Phrases::default();
    let mut exemptions_out = String::new();
    let mut ids = BTreeSet::new();
    let mut rule_index = 0usize;
    let mut english_rule_ids: Vec<String> = Vec::new();
    // Every word of the English lexicon's phrases, examples and allows: a
    // word another language shares with English ("like", "come", "sale")
    // is no evidence of that language.
    let mut english_vocabulary: BTreeSet<String> = BTreeSet::new();
    let mut exemption_index = 0usize;
    let mut registers_out = String::new();
    let mut register_index = 0usize;
    // The analyser's wasm module leaves the lexicon's texts and phrases out
    // (feature `external-lexicon`); the extension installs them from
    // pkg/lexicon.json, which `rapport export-lexicon` writes from a build
    // that has them. See DESIGN.md.
    let external = std::env::var_os("CARGO_FEATURE_EXTERNAL_LEXICON").is_some();
    let mut fingerprint = Fingerprint::default();

    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{name}: {e}")));
        let file: LexiconFile =
            toml::from_str(&src).unwrap_or_else(|e| fail(format!("{name}: {e}")));
        if file.theme.trim().is_empty() {
            fail(format!("{name}: empty theme"));
        }
        for rule in &file.rule {
            validate_rule(&name, rule, "");
            english_rule_ids.push(rule.id.clone());
            for text in rule
                .phrases
                .iter()
                .chain(&rule.examples)
                .chain(&rule.allows)
            {
                english_vocabulary.extend(
                    text.split(|c: char| !c.is_alphabetic() && c != '\'')
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase),
                );
            }
            if !ids.insert(rule.id.clone()) {
                fail(format!("{name}: duplicate id {}", rule.id));
            }
            let cue = CUES.iter().find(|(n, _)| *n == rule.cue).unwrap().1;
            let severity = match rule.severity.as_str() {
                "mild" => "Mild",
                "moderate" => "Moderate",
                "strong" => "Strong",
                other => fail(format!("{}: unknown severity {other}", rule.id)),
            };
            let at = match rule.at.as_deref().unwrap_or("any") {
                "any" => "Any",
                "whole-sentence" => "WholeSentence",
                "start" => "Start",
                other => fail(format!("{}: unknown position {other}", rule.id)),
            };
            let _ = writeln!(ids_out, "    {:?},", rule.id);
            fingerprint.add(&rule.id);
            let texts = [&rule.message, &rule.note, &rule.suggestion];
            let [msg, note, sug] = if external {
                ["", "", ""]
            } else {
                texts.map(String::as_str)
            };
            let rep = if external {
                None
            } else {
                rule.replacement.as_deref()
            };
            // What the analyser reads on every draft (and the UI shows).
            let _ = writeln!(
                rules_out,
                "    LexRule {{ id: {id:?}, cue: Cue::{cue}, weight: {w:?}, severity: Severity::{severity}, \
                 at: At::{at}, requires: &{req:?}, phrase: {phrase}, message: {msg:?}, note: {note:?}, suggestion: {sug:?}, replacement: {rep:?} }},",
                phrase = !rule.phrases.is_empty(),
                id = rule.id,
                w = rule.weight,
                req = rule.requires,
            );
            // What only tests and tools read: kept out of the analyser's data
            // so that the wasm module does not carry it.
            let _ = writeln!(
                docs_out,
                "    RuleDocs {{ id: {id:?}, theme: {theme:?}, code: {code:?}, source: {src:?}, phrases: &{phr:?}, examples: &{ex:?}, allows: &{al:?} }},",
                id = rule.id,
                theme = file.theme,
                code = rule.code,
                src = rule.source,
                phr = rule.phrases,
                ex = rule.examples,
                al = rule.allows,
            );
            for phrase in &rule.phrases {
                emit_phrase(&mut phrases_out, phrase, rule_index, Owner::Rule);
            }
            rule_index += 1;
        }
        let mut markers = Markers {
            file: &name,
            ids: &mut ids,
            phrases: &mut phrases_out,
        };
        for ex in &file.exemption {
            markers.emit(ex, Owner::Exemption, exemption_index, &mut exemptions_out);
            exemption_index += 1;
        }
        for reg in &file.register {
            markers.emit(reg, Owner::Register, register_index, &mut registers_out);
            register_index += 1;
        }
    }

    fingerprint.add(&phrases_out.prefixes);
    fingerprint.add(&format!("{:?}{:?}", phrases_out.tails, phrases_out.meta));

    let out = format!(
        "// @generated by build.rs from lexicon/*.toml. Do not edit.\n\
         /// Identifies the lexicon (ids, phrases, tails), so that an installed\n\
         /// lexicon can be checked against the module it is installed into.\n\
         pub const FINGERPRINT: &str = \"{:016x}\";\n\
         pub const EXEMPTION_COUNT: usize = {exemption_index};\n\
         pub const REGISTER_COUNT: usize = {register_index};\n\
         pub static RULES: &[LexRule] = &[\n{rules_out}];\n\
         /// The ids of `RULES`, in order, for resolving code rules at compile time.\n\
         pub const RULE_IDS: &[&str] = &[\n{ids_out}];\n\
         /// The requirements a phrase rule may name, in the order of a\n\
         /// language pack's requirement bits (`src/lexicon/pack.rs`).\n\
         pub const REQUIREMENTS: [&str; {}] = {:?};\n\
         {}",
        fingerprint.0,
        REQUIREMENTS.len(),
        REQUIREMENTS,
        phrases_out.render(external)
    );
    let docs = format!(
        "// @generated by build.rs from lexicon/*.toml. Do not edit.\n\
         pub static RULE_DOCS: &[RuleDocs] = &[\n{docs_out}];\n\
         pub static EXEMPTIONS: &[Exemption] = &[\n{exemptions_out}];\n\
         pub static REGISTERS: &[Exemption] = &[\n{registers_out}];\n"
    );
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("lexicon_data.rs"), out).unwrap();
    std::fs::write(Path::new(&out_dir).join("lexicon_docs.rs"), docs).unwrap();
    std::fs::write(
        Path::new(&out_dir).join("verdict_data.rs"),
        verdict_weights(),
    )
    .unwrap();
    std::fs::write(
        Path::new(&out_dir).join("language_words.rs"),
        language_words(&english_vocabulary),
    )
    .unwrap();
    for lang in LANGUAGES {
        let pack = language_pack(lang, &english_rule_ids, &fingerprint_text(fingerprint.0));
        std::fs::write(Path::new(&out_dir).join(format!("pack_{lang}.txt")), pack).unwrap();
    }
}

fn fingerprint_text(f: u64) -> String {
    format!("{f:016x}")
}

/// The languages the detector tells apart besides English, each with its
/// folder of `lexicon/<lang>/`.
const LANGUAGES: [&str; 4] = ["es", "pt", "fr", "de"];

/// `lexicon/<lang>/words.toml`'s function and distinctive words, the
/// language detector's evidence (`src/language.rs`), as static arrays.
fn language_words(english: &BTreeSet<String>) -> String {
    // Per word, its evidence for each language, 3 bits each: English, then
    // LANGUAGES, then the unread languages (bits 15-17). 1 for a function word, 2 more for a distinctive one, 1 more
    // for a cue word (the words a post of the language asks, thanks and
    // talks to the reader with: evidence in a short post with few function
    // words, "¡Dale like si eres de Aries!"; words English shares are left
    // out). One table, sorted, so a word costs the detector one search.
    let mut scores: std::collections::BTreeMap<String, u32> = Default::default();
    // English in bits 0-2, the unread languages' evidence in bits 15-17.
    let evidence_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon/detect/evidence.toml");
    println!("cargo:rerun-if-changed={}", evidence_path.display());
    let evidence: toml::Table = toml::from_str(
        &std::fs::read_to_string(&evidence_path)
            .unwrap_or_else(|e| fail(format!("{}: {e}", evidence_path.display()))),
    )
    .unwrap_or_else(|e| fail(format!("{}: {e}", evidence_path.display())));
    for (key, score, shift) in [
        ("english_function_words", 1, 0),
        ("english_distinctive", 2, 0),
        ("unread", 2, 15),
    ] {
        for w in evidence
            .get(key)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| fail(format!("detect/evidence.toml: no {key}")))
        {
            let w = w
                .as_str()
                .unwrap_or_else(|| fail(format!("detect/evidence.toml: {key} holds a non-string")));
            *scores.entry(w.to_lowercase()).or_default() += score << shift;
        }
    }
    for (i, lang) in LANGUAGES.iter().enumerate() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("lexicon/{lang}/words.toml"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let list = |key: &str| -> BTreeSet<String> {
            table
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .map(|w| {
                    w.as_str()
                        .unwrap_or_else(|| {
                            fail(format!("{}: {key} holds a non-string", path.display()))
                        })
                        .to_lowercase()
                })
                .collect()
        };
        for key in ["function_words", "distinctive"] {
            if !table.contains_key(key) {
                fail(format!("{}: no {key}", path.display()));
            }
        }
        let function = list("function_words");
        let distinctive = list("distinctive");
        let mut cue = BTreeSet::new();
        for key in [
            "we",
            "you_informal",
            "you_formal",
            "you_formal_ambiguous",
            "you_formal_capitalised",
            "first_person",
            "thanks",
            "action_verbs",
            "question_openers",
            "number_words",
            "reaction_words",
            "credit_verbs",
            "meet_words",
            "preface",
        ] {
            for w in list(key) {
                if !w.contains(' ') && w.chars().count() > 1 && !english.contains(&w) {
                    cue.insert(w);
                }
            }
        }
        for w in function.iter().chain(&distinctive).chain(&cue) {
            let score = u32::from(function.contains(w))
                + 2 * u32::from(distinctive.contains(w))
                + u32::from(cue.contains(w));
            *scores.entry(w.clone()).or_default() |= score << (3 * (i + 1));
        }
    }
    let (words, bits): (Vec<String>, Vec<u32>) = scores.into_iter().unzip();
    format!(
        "// @generated by build.rs from lexicon/<lang>/words.toml and lexicon/detect/evidence.toml. Do not edit.\n\
         pub const DETECT_WORDS: &[&str] = &{words:?};\n\
         pub const DETECT_SCORES: &[u32] = &{bits:?};\n"
    )
}

/// Exemptions and register markers: phrases that say something of the
/// whole post and give no hint, documented alike.
struct Markers<'a> {
    file: &'a str,
    ids: &'a mut BTreeSet<String>,
    phrases: &'a mut Phrases,
}

impl Markers<'_> {
    fn emit(&mut self, entry: &ExemptionEntry, kind: Owner, index: usize, docs: &mut String) {
        let file = self.file;
        if entry.id.trim().is_empty() || entry.note.trim().is_empty() || entry.phrases.is_empty() {
            fail(format!("{file}: {} with empty fields", entry.id));
        }
        if entry.examples.is_empty() {
            fail(format!("{}: needs examples", entry.id));
        }
        if !self.ids.insert(entry.id.clone()) {
            fail(format!("{file}: duplicate id {}", entry.id));
        }
        let _ = writeln!(
            docs,
            "    Exemption {{ id: {:?}, note: {:?}, phrases: &{:?}, examples: &{:?} }},",
            entry.id, entry.note, entry.phrases, entry.examples
        );
        for phrase in &entry.phrases {
            emit_phrase(self.phrases, phrase, index, kind);
        }
    }
}

/// FNV-1a over the lexicon's identity.
struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl Fingerprint {
    fn add(&mut self, s: &str) {
        for b in s.bytes().chain([0xff]) {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// `lexicon/verdict/weights.toml`: the fitted model behind the balance
/// (`src/verdict.rs`), written by `rapport fit`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerdictFile {
    features: Vec<String>,
    class: Vec<VerdictClass>,
    #[serde(default)]
    #[allow(dead_code)]
    fitted: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerdictClass {
    name: String,
    bias: f32,
    weights: Vec<f32>,
}

fn verdict_weights() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon/verdict/weights.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let src =
        std::fs::read_to_string(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
    let file: VerdictFile =
        toml::from_str(&src).unwrap_or_else(|e| fail(format!("verdict weights: {e}")));
    let names: Vec<&str> = file.class.iter().map(|c| c.name.as_str()).collect();
    if names != ["fame", "mixed", "neutral", "connection"] {
        fail(format!("verdict weights: classes must be fame, mixed, neutral, connection in that order, not {names:?}"));
    }
    let mut rows = String::new();
    for c in &file.class {
        if c.weights.len() != file.features.len() {
            fail(format!(
                "verdict weights: class {} has {} weights for {} features",
                c.name,
                c.weights.len(),
                file.features.len()
            ));
        }
        if !c.bias.is_finite() || c.weights.iter().any(|w| !w.is_finite()) {
            fail(format!(
                "verdict weights: class {} has a weight that is not a number",
                c.name
            ));
        }
        let _ = write!(rows, "    [");
        for w in c.weights.iter().chain([&c.bias]) {
            let _ = write!(rows, "{w:?}f32, ");
        }
        let _ = writeln!(rows, "],");
    }
    format!(
        "// @generated by build.rs from lexicon/verdict/weights.toml. Do not edit.\n\
         pub static FEATURE_NAMES: &[&str] = &{:?};\n\
         pub static WEIGHTS: [[f32; {}]; 4] = [\n{rows}];\n",
        file.features,
        file.features.len() + 1
    )
}

fn validate_rule(file: &str, rule: &RuleEntry, lang_prefix: &str) {
    let id = &rule.id;
    let Some(bare) = id.strip_prefix(lang_prefix) else {
        fail(format!("{file}: {id}: id must start with {lang_prefix:?}"));
    };
    for (field, value) in [
        ("id", id),
        ("message", &rule.message),
        ("note", &rule.note),
        ("suggestion", &rule.suggestion),
    ] {
        if value.trim().is_empty() {
            fail(format!("{file}: {id}: empty {field}"));
        }
    }
    if !CUES.iter().any(|(n, _)| *n == rule.cue) {
        fail(format!("{file}: {id}: unknown cue {}", rule.cue));
    }
    if !bare.starts_with(&format!("{}.", rule.cue)) {
        fail(format!("{file}: {id}: id must start with its cue name"));
    }
    if !(rule.weight > 0.0 && rule.weight <= 5.0) {
        fail(format!("{file}: {id}: weight must be in (0, 5]"));
    }
    if rule.phrases.is_empty() == rule.code.is_none() {
        fail(format!(
            "{file}: {id}: needs either phrases or code, not both"
        ));
    }
    for r in &rule.requires {
        if !REQUIREMENTS.contains(&r.as_str()) {
            fail(format!("{file}: {id}: unknown requirement {r}"));
        }
    }
    if rule.examples.is_empty() {
        fail(format!("{file}: {id}: needs at least one example"));
    }
    let mut seen = BTreeSet::new();
    for phrase in &rule.phrases {
        if phrase.trim().is_empty() || phrase != &phrase.to_lowercase() {
            fail(format!(
                "{file}: {id}: phrase {phrase:?} must be non-empty lowercase"
            ));
        }
        if !seen.insert(phrase) {
            fail(format!("{file}: {id}: duplicate phrase {phrase:?}"));
        }
        let mut words = phrase.split(' ');
        let mut first = words.next().unwrap();
        // A leading number is checked backwards from the literal after it.
        if first == "{n}" {
            first = words.next().unwrap_or("{n}");
        }
        if PLACEHOLDERS.contains(&first) {
            fail(format!(
                "{file}: {id}: phrase {phrase:?} must start with a literal word"
            ));
        }
        for word in phrase.split(' ') {
            if word.starts_with('{') && !PLACEHOLDERS.contains(&word) {
                fail(format!(
                    "{file}: {id}: unknown placeholder {word} in {phrase:?}"
                ));
            }
        }
    }
}

/// The phrase table, packed for the wasm size budget: a table of
/// `(&str, &str, u16, bool, bool)` costs 20 bytes of pointers and padding per
/// phrase (17 KB), this costs 4 bytes plus the prefix's own bytes.
#[derive(Default)]
struct Phrases {
    /// Literal prefixes, one per line.
    prefixes: String,
    /// Distinct tails; a phrase refers to one by index.
    tails: Vec<String>,
    /// Per phrase: owner index (bits 0-11), tail index (12-19), is exemption
    /// (20), number before (21).
    meta: Vec<u32>,
}

impl Phrases {
    fn push(&mut self, prefix: &str, tail: &str, owner: usize, kind: Owner, lead_number: bool) {
        assert!(!prefix.contains('\n'), "phrase {prefix:?} has a line break");
        let tail_index = match self.tails.iter().position(|t| t == tail) {
            Some(i) => i,
            None => {
                self.tails.push(tail.to_string());
                self.tails.len() - 1
            }
        };
        assert!(
            owner < 1 << 12 && tail_index < 1 << 8,
            "phrase table overflow"
        );
        self.prefixes.push_str(prefix);
        self.prefixes.push('\n');
        self.meta.push(
            owner as u32
                | (tail_index as u32) << 12
                | u32::from(kind == Owner::Exemption) << 20
                | u32::from(lead_number) << 21
                | u32::from(kind == Owner::Register) << 22,
        );
    }

    /// With `external`, only the tails: the prefixes and owners are installed
    /// at run time.
    fn render(&self, external: bool) -> String {
        let parts: Vec<String> = self.tails.iter().map(|t| tail_parts(t)).collect();
        let tails = format!(
            "/// Tail patterns checked after a prefix matches, word by word.\n\
             pub static PHRASE_TAILS: &[&[super::TailPart]] = &[{}];\n",
            parts.join(", ")
        );
        if external {
            return tails;
        }
        format!(
            "/// Literal prefixes for the automaton, one per line.\n\
             pub static PHRASE_PREFIXES: &str = {:?};\n\
             {tails}\
             /// Per phrase: owner index (bits 0-11), tail index (12-19), is exemption (20), number before (21), is register (22).\n\
             pub static PHRASE_META: &[u32] = &{:?};\n",
            self.prefixes, self.meta
        )
    }
}

/// Splits a phrase into the literal prefix the automaton searches for and the
/// tail checked on each hit. Curly apostrophes get their own copy of the prefix
/// because phones type them and the automaton folds ASCII case only.
/// What a phrase belongs to: a rule, an exemption or a register marker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Rule,
    Exemption,
    Register,
}

fn emit_phrase(out: &mut Phrases, phrase: &str, owner: usize, kind: Owner) {
    let mut words: Vec<&str> = phrase.split(' ').collect();
    let lead_number = words[0] == "{n}";
    if lead_number {
        words.remove(0);
    }
    let split = words
        .iter()
        .position(|w| PLACEHOLDERS.contains(w))
        .unwrap_or(words.len());
    let prefix = words[..split].join(" ");
    let tail = words[split..].join(" ");
    out.push(&prefix, &tail, owner, kind, lead_number);
    if prefix.contains('\'') {
        let curly = prefix.replace('\'', "\u{2019}");
        out.push(&curly, &tail, owner, kind, lead_number);
    }
}

/// French sets "?", "!", ":" and ";" off with a space, often a no-break
/// one ("Votre avis ?", "Plus d'infos : …"): a phrase that ends in one of
/// them glued also matches with each of those spaces before it.
fn emit_french_spacing(out: &mut Phrases, phrase: &str, owner: usize, kind: Owner) {
    if phrase.contains('{') {
        return;
    }
    let Some(mark) = phrase.chars().last().filter(|c| "?!:;".contains(*c)) else {
        return;
    };
    let stem = &phrase[..phrase.len() - 1];
    if stem.ends_with(' ') || stem.is_empty() {
        return;
    }
    for space in [" ", "\u{a0}", "\u{202f}"] {
        emit_phrase(out, &format!("{stem}{space}{mark}"), owner, kind);
    }
}

/// A tail ("{w} for {end}") as the `TailPart`s the analyser walks, so that
/// a match never splits or compares placeholder strings.
fn tail_parts(tail: &str) -> String {
    if tail.is_empty() {
        return "&[]".to_string();
    }
    let parts: Vec<String> = tail
        .split(' ')
        .map(|part| match part {
            "{n}" => "super::TailPart::Number".to_string(),
            "{w}" => "super::TailPart::Word".to_string(),
            "{w*}" => "super::TailPart::AnyWords".to_string(),
            "{e}" => "super::TailPart::Emoji".to_string(),
            "{q}" => "super::TailPart::Answer".to_string(),
            "{end}" => "super::TailPart::End".to_string(),
            p if p.starts_with('{') => panic!("unknown placeholder {p} in a phrase tail"),
            literal => format!("super::TailPart::Literal({literal:?})"),
        })
        .collect();
    format!("&[{}]", parts.join(", "))
}

/// `lexicon/<lang>/`: a language's lexicon as the pack the analyser
/// installs (`src/lexicon/pack.rs`): its rules with their texts, its phrase
/// table (owners are indices into its own rules) and its word tables. The
/// extension ships it as `pkg/lexicon-<lang>.txt` and loads it on the first
/// draft in that language; native builds include it.
fn language_pack(lang: &str, english_ids: &[String], fingerprint: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("lexicon/{lang}"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(format!("cannot read {}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && !p.ends_with("words.toml")
                && !p.ends_with("policy-fixtures.toml")
        })
        .collect();
    files.sort();
    let prefix = format!("{lang}.");
    let mut ids = BTreeSet::new();
    let mut rules = Vec::new();
    let mut phrases = Phrases::default();
    let (mut exemptions, mut registers) = (0usize, 0usize);
    let mut scratch = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!("{lang}/{}", path.file_name().unwrap().to_string_lossy());
        let src = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{name}: {e}")));
        let file: LexiconFile =
            toml::from_str(&src).unwrap_or_else(|e| fail(format!("{name}: {e}")));
        for rule in &file.rule {
            validate_rule(&name, rule, &prefix);
            if !ids.insert(rule.id.clone()) {
                fail(format!("{name}: duplicate id {}", rule.id));
            }
            let bare = &rule.id[prefix.len()..];
            let twin = english_ids.iter().position(|e| e == bare);
            if rule.code.is_some() && twin.is_none() {
                fail(format!(
                    "{name}: {}: a code rule must twin an English code rule",
                    rule.id
                ));
            }
            for phrase in &rule.phrases {
                emit_phrase(&mut phrases, phrase, rules.len(), Owner::Rule);
                if lang == "fr" {
                    emit_french_spacing(&mut phrases, phrase, rules.len(), Owner::Rule);
                }
            }
            // The numbers the analyser reads, so that neither it nor the
            // JavaScript that hands the file over parses names or decimals:
            // cue (`Cue::ALL` order), weight in hundredths, severity (mild,
            // moderate, strong), position (any, whole-sentence, start),
            // requirement bits (`REQUIREMENTS` order) and the English twin.
            let cue = CUES.iter().position(|(n, _)| *n == rule.cue).unwrap();
            let severity = ["mild", "moderate", "strong"]
                .iter()
                .position(|x| *x == rule.severity)
                .unwrap_or_else(|| fail(format!("{name}: {}: unknown severity", rule.id)));
            let at = ["any", "whole-sentence", "start"]
                .iter()
                .position(|x| Some(*x) == Some(rule.at.as_deref().unwrap_or("any")))
                .unwrap_or_else(|| fail(format!("{name}: {}: unknown position", rule.id)));
            let requires = rule.requires.iter().fold(0u32, |bits, r| {
                bits | 1 << REQUIREMENTS.iter().position(|x| x == r).unwrap()
            });
            let numbers = format!(
                "{cue},{},{severity},{at},{requires},{}",
                (rule.weight * 100.0).round() as u32,
                twin.map_or(u32::MAX, |t| t as u32)
            );
            let fields = [
                rule.id.clone(),
                numbers,
                rule.message.clone(),
                rule.note.clone(),
                rule.suggestion.clone(),
                rule.replacement.clone().unwrap_or_default(),
            ];
            if fields.iter().any(|f| f.contains(['\t', '\n'])) {
                fail(format!(
                    "{name}: {}: a field holds a tab or a line break",
                    rule.id
                ));
            }
            rules.push(format!("rule\t{}", fields.join("\t")));
        }
        let mut markers = Markers {
            file: &name,
            ids: &mut ids,
            phrases: &mut phrases,
        };
        for ex in &file.exemption {
            markers.emit(ex, Owner::Exemption, exemptions, &mut scratch);
            exemptions += 1;
        }
        for reg in &file.register {
            markers.emit(reg, Owner::Register, registers, &mut scratch);
            registers += 1;
        }
    }
    let words_path = dir.join("words.toml");
    let words_src = std::fs::read_to_string(&words_path)
        .unwrap_or_else(|e| fail(format!("{}: {e}", words_path.display())));
    let table: toml::Table = toml::from_str(&words_src)
        .unwrap_or_else(|e| fail(format!("{}: {e}", words_path.display())));
    for key in ["number_words", "we", "you_informal", "question_openers"] {
        if !table.contains_key(key) {
            fail(format!("{lang}/words.toml: no {key}"));
        }
    }
    // A text file of tab-separated lines, which the analyser reads with a
    // few lines of code (its module has no JSON reader): see
    // `src/lexicon/pack.rs`.
    let mut out = format!("rapport-language\t1\nlang\t{lang}\nfingerprint\t{fingerprint}\n");
    for rule in &rules {
        out.push_str(rule);
        out.push('\n');
    }
    for tail in &phrases.tails {
        let _ = writeln!(out, "tail\t{tail}");
    }
    for (prefix, meta) in phrases.prefixes.lines().zip(&phrases.meta) {
        if prefix.contains('\t') {
            fail(format!("{lang}: phrase {prefix:?} holds a tab"));
        }
        let _ = writeln!(out, "phrase\t{meta}\t{prefix}");
    }
    // One line per word and list it is in, sorted by word, so that the
    // analyser finds a word's lists by a binary search without sorting.
    let mut entries = Vec::new();
    let function_words: BTreeSet<String> = table
        .get("function_words")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|w| w.as_str().map(str::to_lowercase))
        .collect();
    for (key, value) in &table {
        for w in value
            .as_array()
            .unwrap_or_else(|| fail(format!("{lang}/words.toml: {key} is not a list")))
        {
            let w = w
                .as_str()
                .unwrap_or_else(|| fail(format!("{lang}/words.toml: {key} holds a non-string")))
                .to_lowercase();
            if w.contains(['\t', '\n']) {
                fail(format!(
                    "{lang}/words.toml: {key} holds a tab or a line break"
                ));
            }
            // A verb of making of several words ("ha diseñado", "hat
            // gebaut") credits by its participle: the analyser classes
            // single words.
            if key == "credit_verbs" && w.split(' ').count() == 2 {
                if let Some(last) = w
                    .rsplit(' ')
                    .next()
                    .filter(|l| !function_words.contains(*l))
                {
                    entries.push((last.to_string(), key.clone()));
                }
            }
            entries.push((w, key.clone()));
        }
    }
    entries.sort();
    entries.dedup();
    for (word, key) in entries {
        let _ = writeln!(out, "words\t{key}\t{word}");
    }
    out
}
