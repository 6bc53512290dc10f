//! The extension's copies of what the core owns (src/facts.rs) agree with it:
//! the manifest declares the content scripts for exactly the platforms'
//! hosts, every site adapter takes its hosts from the generated facts, and
//! the README's privacy section names exactly the permissions the manifest
//! asks for (host permissions: the content scripts' own sites, and it says so).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rapport::settings::UiLanguage;
use rapport::Platform;
use serde_json::Value;

fn manifest() -> Value {
    let raw = fs::read_to_string("extension/manifest.json").expect("manifest is readable");
    serde_json::from_str(&raw).expect("manifest is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_manifest_declares_the_content_scripts_for_the_platforms_hosts() {
    let m = manifest();
    let scripts = &m["content_scripts"][0];
    let declared: BTreeSet<String> = strings(&scripts["matches"]).into_iter().collect();
    let expected: BTreeSet<String> = Platform::ALL
        .iter()
        .flat_map(|p| p.facts().hosts.iter().map(|h| format!("https://{h}/*")))
        .collect();
    assert_eq!(declared, expected);

    // The facts load before anything that reads them.
    let js = strings(&scripts["js"]);
    let facts = js.iter().position(|f| f == "pkg/facts.js");
    let registry = js.iter().position(|f| f == "content/registry.js");
    assert!(
        matches!((facts, registry), (Some(f), Some(r)) if f < r),
        "pkg/facts.js must be listed before content/registry.js: {js:?}"
    );
}

#[test]
fn every_site_adapter_is_loaded_and_takes_its_hosts_from_the_facts() {
    let listed = strings(&manifest()["content_scripts"][0]["js"]);
    let dir = Path::new("extension/content/adapters");
    let mut seen = BTreeSet::new();
    for entry in fs::read_dir(dir).expect("adapters folder") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            listed.contains(&format!("content/adapters/{name}")),
            "{name} is not loaded by the manifest"
        );
        let source = fs::read_to_string(&path).unwrap();
        let platform = source
            .split("platform: \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{name} declares no platform"));
        let p = Platform::from_name(platform)
            .filter(|p| p.name() == platform)
            .unwrap_or_else(|| panic!("{name} names an unknown platform {platform}"));
        seen.insert(p.name());
        if !p.facts().domains.is_empty() {
            assert!(
                source.contains(&format!("onSite(\"{platform}\")")),
                "{name} must match its hosts through RapportAdapters.onSite(\"{platform}\")"
            );
            assert!(
                !source.contains("hostname"),
                "{name} tests hostnames itself instead of reading the facts"
            );
        }
    }
    for p in Platform::ALL {
        assert!(seen.contains(p.name()), "no adapter for {}", p.name());
    }
}

#[test]
fn the_readme_names_exactly_the_permissions_the_manifest_asks_for() {
    let readme = fs::read_to_string("README.md").unwrap().replace('\n', " ");
    let start = readme
        .find("The extension asks for")
        .expect("the README says which permissions the extension asks for");
    let sentence = &readme[start..];
    let sentence = &sentence[..sentence.find(". ").unwrap_or(sentence.len())];
    let named: BTreeSet<String> = sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();
    let m = manifest();
    let asked: BTreeSet<String> = strings(&m["permissions"]).into_iter().collect();
    assert_eq!(named, asked, "README: {sentence}");

    // Host permissions at install reach no site beyond those the content
    // scripts already run on (the background needs them to start the
    // scripts in tabs open during an install or update), and the README says so.
    let hosts: BTreeSet<String> = strings(&m["host_permissions"]).into_iter().collect();
    let scripted: BTreeSet<String> = strings(&m["content_scripts"][0]["matches"])
        .into_iter()
        .collect();
    assert_eq!(
        hosts, scripted,
        "host_permissions must be the content scripts' matches"
    );
    assert!(
        readme.contains("Its host permissions are exactly the social sites it serves"),
        "the README's privacy section must say which host permissions are asked for at install"
    );
}

/// The languages a user can choose are exactly the extension's locales, and
/// each locale says its own tag (`languageTag`, the pages' `<html lang>`) as
/// the core does; the options page names each in its own language, the same
/// in every locale.
#[test]
fn the_ui_languages_are_the_locales() {
    let mut folders: Vec<String> = fs::read_dir("extension/_locales")
        .expect("the locales are readable")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    folders.sort();
    let mut chosen: Vec<String> = UiLanguage::ALL
        .iter()
        .filter(|l| l.tag().is_some())
        .map(|l| l.name().to_string())
        .collect();
    chosen.sort();
    assert_eq!(folders, chosen);
    let english = locale("en");
    for language in UiLanguage::ALL {
        let key = language.message_key();
        assert!(english[key]["message"].is_string(), "en has {key}");
        let Some(tag) = language.tag() else { continue };
        let messages = locale(language.name());
        assert_eq!(
            messages["languageTag"]["message"],
            tag,
            "{}",
            language.name()
        );
        for other in UiLanguage::ALL.iter().filter(|l| l.tag().is_some()) {
            let name = other.message_key();
            assert_eq!(
                messages[name]["message"],
                english[name]["message"],
                "{}: {name} is the language's own name",
                language.name()
            );
        }
    }
}

fn locale(name: &str) -> Value {
    let path = Path::new("extension/_locales")
        .join(name)
        .join("messages.json");
    serde_json::from_str(&fs::read_to_string(path).expect("a locale is readable"))
        .expect("a locale is JSON")
}
