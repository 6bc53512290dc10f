// Conventions of the content scripts, checked from the sources (once, in the
// first browser): every file in extension/content/adapters/ is loaded by the
// manifest before main.js, registers exactly one adapter named after the file
// with a doc string and a doc comment, declares its selectors as commented
// constants, and has a fixture page under its real hostname that the e2e
// table lists (20-composers then checks each fixture gets its platform).
// Every file in extension/content/features/ is loaded between the core and
// main.js and registers exactly one feature named after the file, with a doc
// string. The highlights' colours are the overlay's constants.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { ROOT } from "../server.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";

const ADAPTERS = path.join(ROOT, "extension", "content", "adapters");
const FEATURES = path.join(ROOT, "extension", "content", "features");

const readManifest = () => JSON.parse(fs.readFileSync(path.join(ROOT, "extension", "manifest.json"), "utf8"));

/**
 * A context that has evaluated `scripts` (manifest paths) in order, with the
 * little of the browser their top level touches: the extension API's object.
 */
function contentContext(scripts) {
  const context = vm.createContext({ chrome: { runtime: {}, i18n: { getMessage: () => "" } } });
  for (const script of scripts) vm.runInContext(fs.readFileSync(path.join(ROOT, "extension", script), "utf8"), context, { filename: script });
  return context;
}

export default [
  {
    name: "every adapter is registered, documented, loaded by the manifest and has a fixture",
    browsers: ["chromium"],
    async run() {
      const manifest = readManifest();
      const scripts = manifest.content_scripts[0].js;
      const files = fs.readdirSync(ADAPTERS).filter((f) => f.endsWith(".js")).sort();
      assert.ok(files.length >= 9, `adapters found: ${files.join(", ")}`);
      for (const file of files) {
        const id = file.replace(/\.js$/, "");
        const source = fs.readFileSync(path.join(ADAPTERS, file), "utf8");
        const at = scripts.indexOf(`content/adapters/${file}`);
        assert.ok(at > scripts.indexOf("content/registry.js") && at < scripts.indexOf("content/main.js"), `${file} is loaded after the registry and before main.js`);

        // Each adapter runs in a context of its own with what the manifest
        // loads before it: the facts and the registry.
        const context = vm.createContext({});
        for (const before of ["pkg/facts.js", "content/registry.js"]) {
          vm.runInContext(fs.readFileSync(path.join(ROOT, "extension", before), "utf8"), context, { filename: before });
        }
        vm.runInContext(source, context, { filename: file });
        const registered = context.RapportAdapters.all();
        assert.equal(registered.length, 1, `${file} registers one adapter`);
        const a = registered[0];
        assert.equal(a.id, id, `${file} registers the adapter "${id}"`);
        assert.ok(typeof a.doc === "string" && a.doc.length > 10, `${id} has a doc string`);
        assert.ok(typeof a.matches === "function" && typeof a.setup === "function", `${id} has matches() and setup()`);
        assert.match(source, /^\/\*\*[\s\S]+?\*\//, `${file} opens with a doc comment`);

        // Selectors are named constants, each with a comment saying what it is for.
        const lines = source.split("\n");
        const constants = lines.map((l, i) => [l, i]).filter(([l]) => /^\s*const [A-Z][A-Z_]+ = /.test(l));
        assert.ok(constants.length >= 1, `${id} names its selectors`);
        for (const [line, i] of constants) assert.match(lines[i - 1], /^\s*\/\//, `${file}: "${line.trim()}" has a comment above it`);

        // What setup declares, and a fixture page to exercise it.
        const composers = [];
        let outcomes = null;
        a.setup({ signal: new AbortController().signal, watchComposers: (s) => composers.push(s), watchPublish: () => {}, setFold: () => {}, readOutcomes: (d) => { outcomes = d; } });
        assert.ok(composers.length >= 1, `${id} declares at least one composer`);
        // The sites whose own pages issue 14 reads declare how (content/features/outcomes.js), and have those pages as fixtures (89-outcomes).
        if (["x", "bluesky", "mastodon", "linkedin"].includes(id)) {
          assert.ok(outcomes, `${id} declares how its pages show the user's posts and their counts`);
          for (const fn of ["me", "ownPage", "author", "text", "counts"]) assert.equal(typeof outcomes[fn], "function", `${id}'s outcomes declare ${fn}()`);
          assert.equal(typeof outcomes.posts, "string", `${id}'s outcomes name a post's selector`);
          assert.match(source, /docs\/site-dom-evidence\.md, "[^"]+: posts and their counts"/, `${id} cites its outcomes evidence`);
        }
        const fixture = FIXTURES.find((f) => f.adapter === id);
        assert.ok(fixture, `${id} has a row in tests/e2e/lib/fixtures.mjs`);
        const dir = path.join(ROOT, "tests", "fixtures", "sites", fixture.host);
        const page = [path.join(dir, fixture.path), path.join(dir, `${fixture.path}.html`), path.join(dir, fixture.path, "index.html")].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
        assert.ok(page, `${id}'s fixture page ${fixture.host}${fixture.path} exists`);
        if (id !== "generic" && id !== "mastodon") {
          assert.ok(a.matches(new URL(`https://${fixture.host}${fixture.path}`), { querySelector: () => null }), `${id} matches its fixture's host`);
          assert.ok(manifest.content_scripts[0].matches.some((m) => m.startsWith(`https://${fixture.host}/`)), `the manifest injects on ${fixture.host}`);
        }
      }
      for (const f of FIXTURES) assert.ok(files.includes(`${f.adapter}.js`), `fixture row ${f.adapter} has an adapter file`);
    },
  },
  {
    name: "every _locales file has exactly the English keys, no empty message, the same placeholders and the same descriptions",
    browsers: ["chromium"],
    async run() {
      const dir = path.join(ROOT, "extension", "_locales");
      const read = (lang) => JSON.parse(fs.readFileSync(path.join(dir, lang, "messages.json"), "utf8"));
      const english = read("en");
      // $1… and $name$: what the browser substitutes, so a translation must keep every one.
      const tokens = (m) => (m.match(/\$(\d+|[A-Za-z_]+\$)/g) ?? []).sort().join(" ");
      const langs = fs.readdirSync(dir).filter((d) => d !== "en");
      for (const lang of langs) {
        const messages = read(lang);
        assert.deepEqual(Object.keys(messages), Object.keys(english), `${lang}: the same keys, in the same order, as en`);
        for (const [key, en] of Object.entries(english)) {
          const m = messages[key];
          assert.ok(typeof m.message === "string" && m.message.trim(), `${lang}/${key}: a message`);
          assert.equal(tokens(m.message), tokens(en.message), `${lang}/${key}: the same placeholders as en`);
          assert.equal(m.description, en.description, `${lang}/${key}: the translators' description as in en`);
          assert.deepEqual(m.placeholders, en.placeholders, `${lang}/${key}: the same placeholder definitions`);
        }
      }
    },
  },
  {
    name: "every feature is registered with the core, documented and loaded by the manifest between the core and main.js",
    browsers: ["chromium"],
    async run() {
      const scripts = readManifest().content_scripts[0].js;
      const files = fs.readdirSync(FEATURES).filter((f) => f.endsWith(".js")).sort();
      assert.ok(files.length >= 7, `features found: ${files.join(", ")}`);
      assert.equal(scripts.at(-1), "content/main.js", "main.js, which boots the core, is the last content script");
      const core = scripts.indexOf("content/core.js");
      for (const file of files) {
        const id = file.replace(/\.js$/, "");
        const at = scripts.indexOf(`content/features/${file}`);
        assert.ok(at > core && at < scripts.indexOf("content/main.js"), `${file} is loaded after the core and before main.js`);
        // Each feature runs in a context of its own with what the manifest loads before it.
        const context = contentContext(scripts.slice(0, at));
        const before = context.RapportCore.features().length;
        vm.runInContext(fs.readFileSync(path.join(FEATURES, file), "utf8"), context, { filename: file });
        const added = context.RapportCore.features().slice(before);
        assert.equal(added.length, 1, `${file} registers one feature`);
        const f = added[0];
        assert.equal(f.id, id, `${file} registers the feature "${id}"`);
        assert.ok(typeof f.doc === "string" && f.doc.length > 10, `${id} has a doc string`);
        assert.equal(typeof f.start, "function", `${id} has start()`);
      }
      // Every registered feature has its own file: the core registers none itself.
      const all = [...contentContext(scripts.slice(0, -1)).RapportCore.features()].map((f) => `${f.id}.js`);
      assert.deepEqual(all.slice().sort(), files, "the features registered are the feature files");
    },
  },
  {
    name: "the highlights paint the overlay's mark colours (content/constants.js)",
    browsers: ["chromium"],
    async run() {
      const context = vm.createContext({});
      vm.runInContext(fs.readFileSync(path.join(ROOT, "extension", "content", "constants.js"), "utf8"), context);
      const css = fs.readFileSync(path.join(ROOT, "extension", "content", "highlights.css"), "utf8");
      for (const [theme, colours] of Object.entries(context.RapportConstants.MARK_COLOURS)) {
        for (const [polarity, hex] of Object.entries(colours)) {
          const name = `rapport-${polarity}${theme === "dark" ? "-dark" : ""}`;
          const rule = new RegExp(`::highlight\\(${name}\\) \\{[^}]*${hex}\\b`);
          assert.match(css, rule, `::highlight(${name}) underlines in ${hex}`);
        }
      }
    },
  },
];
