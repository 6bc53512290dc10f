//! `rapport fit`: fits the verdict's weights (`src/verdict.rs`) on the
//! annotated corpora and reports them 5-fold cross-validated.
//!
//! The model is multinomial logistic regression over the verdict's features
//! (per-cue evidence and a few post-level facts, about 30 numbers): it never
//! sees a word, so it cannot memorise a post. Everything here is
//! deterministic: full-batch gradient descent from zero, folds assigned by a
//! hash of each row's id.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::analyzer::Analyzer;
use crate::options::{Options, Platform};
use crate::verdict::{self, Class, Features, Weights, FEATURES};

/// The two annotated sets, scored differently: the corporate tweets were
/// labelled with three classes, the drafts with four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Set {
    /// `annotated-dev.jsonl`: fame / neutral / connection.
    Corporate,
    /// `annotated-drafts-dev.jsonl`, English rows: fame / mixed / neutral / connection.
    Drafts,
}

impl Set {
    pub fn file(self) -> &'static str {
        match self {
            Set::Corporate => "annotated-dev.jsonl",
            Set::Drafts => "annotated-drafts-dev.jsonl",
        }
    }

    /// The classes people chose from; a "mixed" verdict on a three-class
    /// set counts as neutral (neither side carries the post).
    pub fn classes(self) -> &'static [Class] {
        match self {
            Set::Corporate => &[Class::Fame, Class::Neutral, Class::Connection],
            Set::Drafts => &Class::ALL,
        }
    }

    pub fn score_as(self, c: Class) -> Class {
        match (self, c) {
            (Set::Corporate, Class::Mixed) => Class::Neutral,
            (_, c) => c,
        }
    }
}

pub struct Example {
    pub id: String,
    pub set: Set,
    pub label: Class,
    pub x: Features,
}

/// Reads one annotated set (English rows only) and computes each row's
/// evidence. `Ok(None)` when the file is absent.
pub fn load(dir: &Path, set: Set) -> io::Result<Option<Vec<Example>>> {
    let path = dir.join(set.file());
    if !path.exists() {
        return Ok(None);
    }
    let mut analyzers: BTreeMap<String, Analyzer> = BTreeMap::new();
    let mut out = Vec::new();
    for row in crate::eval::load(&path)? {
        let f = &row.fields;
        let get = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or_default();
        if !matches!(get("lang"), "" | "en") {
            continue;
        }
        let Some(label) = Class::from_name(get("balance")) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}: row {} has no known balance label",
                    set.file(),
                    get("id")
                ),
            ));
        };
        let platform = get("platform").to_string();
        let analyzer = analyzers.entry(platform.clone()).or_insert_with(|| {
            Analyzer::new(&Options {
                platform: Platform::from_name(&platform).unwrap_or(Platform::Generic),
                ..Options::default()
            })
        });
        let (_, x) = analyzer.analyze_with_evidence(&row.text);
        out.push(Example {
            id: get("id").to_string(),
            set,
            label,
            x,
        });
    }
    Ok(Some(out))
}

/// How hard the fit pulls weights toward zero (per example).
const L2: f32 = 0.0005;
const STEPS: usize = 4000;
const RATE: f32 = 0.5;

/// Fits the weights on `examples`. Each set weighs the same in total, so
/// the larger one does not decide alone what a post is worth.
pub fn fit(examples: &[Example]) -> Weights {
    let mut per_set: BTreeMap<Set, f32> = BTreeMap::new();
    for e in examples {
        *per_set.entry(e.set).or_default() += 1.0;
    }
    let sets = per_set.len() as f32;
    let total = examples.len() as f32;
    let weight = |e: &Example| total / (sets * per_set[&e.set]);
    let mut w: Weights = [[0.0; FEATURES + 1]; 4];
    let mut grad: Weights;
    for _ in 0..STEPS {
        grad = [[0.0; FEATURES + 1]; 4];
        for e in examples {
            let s = verdict::scores(&w, &e.x);
            // A label the evidence cannot reach (a connection post with no
            // connection cue found) teaches the weights nothing: no weight
            // can change its class, and its gradient would only distort the
            // rows of the classes it lacks.
            if s[e.label as usize] == f32::NEG_INFINITY {
                continue;
            }
            let p = verdict::probabilities(&s);
            let sw = weight(e);
            for (k, g) in grad.iter_mut().enumerate() {
                let err = sw * (p[k] - (Class::ALL[k] == e.label) as u8 as f32);
                for (gf, xf) in g.iter_mut().zip(&e.x) {
                    *gf += err * xf;
                }
                g[FEATURES] += err;
            }
        }
        for (wk, gk) in w.iter_mut().zip(&grad) {
            for (f, (wf, gf)) in wk.iter_mut().zip(gk).enumerate() {
                // The bias (last) is not pulled toward zero.
                let reg = if f < FEATURES { L2 * *wf } else { 0.0 };
                *wf -= RATE * (gf / total + reg);
            }
        }
    }
    w
}

/// Which of `folds` folds a row falls in: stratified by set and label, in
/// the order of a hash of the id, so that the split does not depend on the
/// file's order.
pub fn folds(examples: &[Example], folds: usize) -> Vec<usize> {
    let hash = |s: &str| {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        })
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    order.sort_by_key(|&i| (examples[i].set, examples[i].label, hash(&examples[i].id)));
    let mut fold = vec![0; examples.len()];
    for (n, &i) in order.iter().enumerate() {
        fold[i] = n % folds;
    }
    fold
}

/// The verdict on every example, each from a model fitted without its fold.
pub fn cross_validate(examples: &[Example], k: usize) -> Vec<Class> {
    let fold = folds(examples, k);
    let mut predicted = vec![Class::Neutral; examples.len()];
    for f in 0..k {
        let train: Vec<&Example> = examples
            .iter()
            .zip(&fold)
            .filter(|(_, &g)| g != f)
            .map(|(e, _)| e)
            .collect();
        let owned: Vec<Example> = train
            .iter()
            .map(|e| Example {
                id: e.id.clone(),
                set: e.set,
                label: e.label,
                x: e.x,
            })
            .collect();
        let w = fit(&owned);
        for (i, e) in examples.iter().enumerate() {
            if fold[i] == f {
                predicted[i] = verdict::decide(&w, &e.x).class;
            }
        }
    }
    predicted
}

/// Agreement figures for one set.
pub struct Scores {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// Per class of the set, in `Set::classes` order.
    pub f1: Vec<(Class, f64)>,
    /// [people's label][verdict], in `Set::classes` order.
    pub confusion: Vec<Vec<u32>>,
}

pub fn score(set: Set, pairs: &[(Class, Class)]) -> Scores {
    let classes = set.classes();
    let idx = |c: Class| {
        classes
            .iter()
            .position(|x| *x == set.score_as(c))
            .unwrap_or(0)
    };
    let mut m = vec![vec![0u32; classes.len()]; classes.len()];
    for &(truth, pred) in pairs {
        m[idx(truth)][idx(pred)] += 1;
    }
    let mut f1 = Vec::new();
    for (k, &c) in classes.iter().enumerate() {
        let tp = m[k][k] as f64;
        let predicted: f64 = m.iter().map(|r| r[k] as f64).sum();
        let actual: f64 = m[k].iter().map(|&x| x as f64).sum();
        let p = if predicted > 0.0 { tp / predicted } else { 0.0 };
        let r = if actual > 0.0 { tp / actual } else { 0.0 };
        f1.push((
            c,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        ));
    }
    let correct: u32 = (0..classes.len()).map(|k| m[k][k]).sum();
    Scores {
        n: pairs.len(),
        accuracy: if pairs.is_empty() {
            0.0
        } else {
            correct as f64 / pairs.len() as f64
        },
        macro_f1: f1.iter().map(|x| x.1).sum::<f64>() / classes.len() as f64,
        f1,
        confusion: m,
    }
}

pub fn print_scores(out: &mut dyn Write, set: Set, title: &str, s: &Scores) -> io::Result<()> {
    let f1: Vec<String> =
        s.f1.iter()
            .map(|(c, v)| format!("{} {v:.3}", c.name()))
            .collect();
    writeln!(
        out,
        "  {title}: accuracy {:.3}, macro-F1 {:.3} (F1 {}) over {}",
        s.accuracy,
        s.macro_f1,
        f1.join(", "),
        s.n
    )?;
    let classes = set.classes();
    let head: Vec<String> = classes
        .iter()
        .map(|c| format!("{:>11}", c.name()))
        .collect();
    writeln!(out, "      people \\ verdict  {}", head.join(""))?;
    for (c, row) in classes.iter().zip(&s.confusion) {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:>11}")).collect();
        writeln!(out, "      {:<17} {}", c.name(), cells.join(""))?;
    }
    Ok(())
}

/// Where `rapport fit` writes the weights.
pub fn weights_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicon/verdict/weights.toml")
}

/// The weights file's text.
pub fn render(w: &Weights, examples: &[Example]) -> String {
    let names = verdict::feature_names();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        *counts.entry(e.set.file()).or_default() += 1;
    }
    let mut s = String::from(
        "# The verdict's weights (src/verdict.rs): one row per class, one column per\n\
         # feature, fitted by `rapport fit` (multinomial logistic regression) on the\n\
         # annotated corpora in ../shared/corpora. Do not edit by hand: change the\n\
         # lexicon or the features, then run `make fit`.\n",
    );
    let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    s.push_str(&format!("features = [{}]\n", quoted.join(", ")));
    let fitted: Vec<String> = counts
        .iter()
        .map(|(f, n)| format!("{:?} = {n}", f))
        .collect();
    s.push_str(&format!("fitted = {{ {} }}\n", fitted.join(", ")));
    for (k, c) in Class::ALL.iter().enumerate() {
        let ws: Vec<String> = w[k][..FEATURES].iter().map(|v| format!("{v:.4}")).collect();
        s.push_str(&format!(
            "\n[[class]]\nname = {:?}\nbias = {:.4}\nweights = [{}]\n",
            c.name(),
            w[k][FEATURES],
            ws.join(", ")
        ));
    }
    s
}

/// Loads both sets; `Ok(None)` when either is absent.
pub fn load_all(dir: &Path) -> io::Result<Option<Vec<Example>>> {
    let (Some(mut a), Some(b)) = (load(dir, Set::Corporate)?, load(dir, Set::Drafts)?) else {
        return Ok(None);
    };
    a.extend(b);
    Ok(Some(a))
}

/// The 5-fold cross-validated agreement on each set.
pub fn cross_validated_scores(examples: &[Example]) -> Vec<(Set, Scores)> {
    let predicted = cross_validate(examples, 5);
    [Set::Corporate, Set::Drafts]
        .into_iter()
        .map(|set| {
            let pairs: Vec<(Class, Class)> = examples
                .iter()
                .zip(&predicted)
                .filter(|(e, _)| e.set == set)
                .map(|(e, p)| (e.label, *p))
                .collect();
            (set, score(set, &pairs))
        })
        .collect()
}

/// Prints the 5-fold cross-validated agreement on each set.
pub fn report_cross_validated(examples: &[Example], out: &mut dyn Write) -> io::Result<()> {
    for (set, scores) in cross_validated_scores(examples) {
        let title = format!("{} (5-fold cross-validated)", set.file());
        print_scores(out, set, &title, &scores)?;
    }
    Ok(())
}

/// `rapport fit`: fits on both sets, reports cross-validated agreement, and
/// writes the weights file when `write` is set; with `errors`, lists the
/// rows the cross-validated verdict gets wrong (id, people's label, verdict).
pub fn run(dir: &Path, write: bool, errors: bool, out: &mut dyn Write) -> io::Result<bool> {
    let Some(examples) = load_all(dir)? else {
        writeln!(
            out,
            "annotated corpora not found in {}: nothing to fit (skipped)",
            dir.display()
        )?;
        return Ok(false);
    };
    report_cross_validated(&examples, out)?;
    if errors {
        let predicted = cross_validate(&examples, 5);
        for (e, p) in examples.iter().zip(predicted) {
            if e.set.score_as(p) != e.label {
                writeln!(out, "{}\t{}\t{}", e.id, e.label.name(), p.name())?;
            }
        }
    }
    let w = fit(&examples);
    if write {
        std::fs::write(weights_path(), render(&w, &examples))?;
        writeln!(out, "wrote {}", weights_path().display())?;
    }
    Ok(true)
}
