//! The command line as a user meets it: exit codes, stdout/stderr split,
//! bad lines reported with their number and the rest processed.

use std::io::Write;
use std::process::{Command, Stdio};

fn rapport(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rapport");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rapport-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn check_reads_stdin_and_prints_a_report() {
    let (code, out, _) = rapport(&["check"], "Follow us for more! Thanks @ana");
    assert_eq!(code, 0);
    assert!(out.contains("[Follow us for more]1"), "{out}");
    assert!(out.contains("Balance:"));
}

#[test]
fn check_json_is_the_analysis_object() {
    let (code, out, _) = rapport(&["check", "-", "--json", "--platform", "x"], "Buy now!");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["hints"][0]["rule_id"], "hard-sell.buy-now");
    assert_eq!(v["stats"]["char_limit"], 280);
}

#[test]
fn missing_file_and_bad_usage_fail_clearly() {
    let (code, _, err) = rapport(&["check", "/no/such/file.txt"], "");
    assert_eq!(code, 1);
    assert!(err.contains("cannot read '/no/such/file.txt'"), "{err}");
    let (code, _, err) = rapport(&["check", "--platform", "myspace"], "");
    assert_eq!(code, 2);
    assert!(err.contains("unknown platform"));
    let (code, _, _) = rapport(&["frobnicate"], "");
    assert_eq!(code, 2);
}

#[test]
fn batch_jsonl_reports_bad_lines_and_processes_the_rest() {
    let path = temp_file(
        "in.jsonl",
        "{\"id\":\"a\",\"text\":\"Follow us for more\"}\nnot json\n{\"text\":\"Thank you!\",\"platform\":\"x\"}\n",
    );
    let (code, out, err) = rapport(&["batch", "--jsonl", path.to_str().unwrap()], "");
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["cues"][0], "follow-ask");
    assert!(lines[1].get("id").is_none());
    for key in ["balance", "fame", "connection", "cues"] {
        assert!(lines[1].get(key).is_some(), "missing {key}");
    }
    assert!(err.contains(":2:"), "line number in {err}");
}

#[test]
fn batch_outcomes_compare_balance_groups_and_claim_nothing_without_enough_posts() {
    let mut lines = Vec::new();
    for i in 0..12 {
        lines.push(format!("{{\"id\":{i},\"text\":\"Thank you Maria for the idea! What do you think we should try next?\",\"replies\":{},\"likes\":\"1.{i}K\"}}", 5 + i % 3));
    }
    for i in 0..12 {
        lines.push(format!("{{\"id\":{},\"text\":\"BUY NOW!!! Like and share with 5 friends!!! Follow us for more!!!\",\"replies\":{},\"likes\":40}}", 100 + i, i % 2));
    }
    let jsonl = temp_file("outcomes.jsonl", &lines.join("\n"));
    let (code, out, err) = rapport(
        &["batch", "--jsonl", jsonl.to_str().unwrap(), "--outcomes"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["groups"][0]["group"], "connection-leaning", "{out}");
    assert_eq!(report["groups"][0]["posts"], 12, "{out}");
    assert_eq!(report["groups"][2]["group"], "broadcast-leaning");
    assert_eq!(report["groups"][2]["posts"], 12, "{out}");
    assert_eq!(report["connection_minus_broadcast"][0]["metric"], "replies");
    assert_eq!(
        report["connection_minus_broadcast"][0]["clear"], true,
        "{out}"
    );
    let (code, text, _) = rapport(
        &[
            "batch",
            "--jsonl",
            jsonl.to_str().unwrap(),
            "--outcomes",
            "--text",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        text.contains("reposts  not counted")
            && text.contains("do not show that the wording caused"),
        "{text}"
    );
    // Fewer than ten posts a group: nothing is claimed.
    let few: Vec<String> = lines[..5].iter().chain(&lines[12..17]).cloned().collect();
    let few = temp_file("few.jsonl", &few.join("\n"));
    let (_, text, _) = rapport(
        &[
            "batch",
            "--jsonl",
            few.to_str().unwrap(),
            "--outcomes",
            "--text",
        ],
        "",
    );
    assert!(
        text.contains("not enough posts yet") && !text.contains("beyond chance"),
        "{text}"
    );
}

#[test]
fn batch_csv_and_tweets_archive() {
    let csv = temp_file("in.csv", "id,body\n1,\"Buy now, hurry!\"\n");
    let (code, out, _) = rapport(
        &["batch", "--csv", csv.to_str().unwrap(), "--column", "body"],
        "",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("hard-sell"));
    let (code, _, err) = rapport(
        &["batch", "--csv", csv.to_str().unwrap(), "--column", "text"],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("no column named 'text'"));
    let js = temp_file(
        "tweets.js",
        "window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"9\",\"full_text\":\"Thanks for the kind words!\"}}]",
    );
    let (code, out, _) = rapport(&["batch", "--tweets-js", js.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("\"id\":\"9\"") && out.contains("gratitude"),
        "{out}"
    );
}

#[test]
fn eval_skips_cleanly_without_corpora() {
    let (code, out, _) = rapport(&["eval", "--corpora", "/no/such/dir"], "");
    assert_eq!(code, 0);
    assert!(out.contains("corpora not found"));
}

#[test]
fn check_says_what_carried_the_balance() {
    let (code, out, _) = rapport(
        &["check"],
        "Proud to be named one of the best places to work for the third year running! Follow us for more.",
    );
    assert_eq!(code, 0);
    let why = out
        .lines()
        .find(|l| l.starts_with("Why: "))
        .unwrap_or_else(|| panic!("no Why line in {out}"));
    assert!(
        why.starts_with("Why: Broadcasting: ") || why.starts_with("Why: Leaning broadcast: "),
        "{why}"
    );
    assert!(why.contains("self-praise \u{201C}"), "{why}");
    assert!(
        why.contains("follow-ask \u{201C}Follow us for more\u{201D}"),
        "{why}"
    );

    // A lone pointer is named as too light to carry the post.
    let (_, out, _) = rapport(
        &["check"],
        "Safe food handling outdoors matters in summer. Learn more: https://example.com/food",
    );
    assert!(
        out.contains(
            "Why: Neutral: call-to-action \u{201C}Learn more\u{201D} alone does not carry the post"
        ),
        "{out}"
    );
}

#[test]
fn export_lexicon_writes_what_the_extension_installs() {
    let path = temp_file("lexicon.json", "");
    let (code, _, err) = rapport(&["export-lexicon", path.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["fingerprint"], rapport::lexicon::fingerprint());
    assert_eq!(
        json["rules"].as_array().unwrap().len(),
        rapport::lexicon::rules().len()
    );
    let (prefixes, meta) = rapport::lexicon::phrase_table();
    assert_eq!(json["prefixes"], prefixes);
    assert_eq!(json["meta"].as_array().unwrap().len(), meta.len());
    let (code, _, err) = rapport(&["export-lexicon"], "");
    assert_eq!(code, 2, "{err}");
}

#[test]
fn options_go_anywhere_once_and_help_works_after_a_command() {
    let (code, out, _) = rapport(&["check", "--platform=x", "--json", "-"], "Buy now!");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["stats"]["char_limit"], 280);
    let (code, out, _) = rapport(&["batch", "--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("USAGE:"), "{out}");
    let (code, _, err) = rapport(&["check", "--platform", "x", "--platform", "reddit"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--platform given more than once"), "{err}");
    let (code, _, err) = rapport(&["check", "--json=yes"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--json takes no value"), "{err}");
    let (code, _, err) = rapport(&["batch", "--jsonl"], "");
    assert_eq!(code, 2);
    assert!(err.contains("--jsonl needs a value"), "{err}");
}
