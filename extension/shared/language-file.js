// The other languages' lexicon files, pkg/lexicon-<lang>.txt (issue 15):
// imported by the background, which installs one the first time a draft is
// in that language, and by `make bench`.
/**
 * A language file's lines (written by build.rs's `language_pack`, read
 * natively by `install_text` in src/lexicon/pack.rs) split into the parts
 * `install_language` takes, so that the analyser's module needs no parser.
 * The analyser checks every part; this only splits.
 */
export function splitLanguageFile(file) {
  const lines = file.split("\n");
  if (lines[0] !== "rapport-language\t1") throw new Error("not a language file of this version");
  const p = { lang: "", fingerprint: "", ids: [], numbers: [], prefixes: [], meta: [], tails: [], words: [], texts: [] };
  for (const line of lines.slice(1)) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const kind = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    if (kind === "lang" || kind === "fingerprint") p[kind] = rest;
    else if (kind === "rule") {
      const [id, numbers, message, note, suggestion, replacement] = rest.split("\t");
      p.ids.push(id);
      p.numbers.push(...numbers.split(",").map(Number));
      p.texts.push([id, message, note, suggestion || null, replacement || null]);
    } else if (kind === "tail") p.tails.push(rest);
    else if (kind === "phrase") {
      const at = rest.indexOf("\t");
      p.meta.push(Number(rest.slice(0, at)));
      p.prefixes.push(rest.slice(at + 1));
    } else if (kind === "words") p.words.push(rest);
  }
  return {
    ...p,
    ids: p.ids.join("\n"),
    numbers: Uint32Array.from(p.numbers),
    prefixes: p.prefixes.join("\n"),
    meta: Uint32Array.from(p.meta),
    tails: p.tails.join("\n"),
    words: p.words.join("\n"),
  };
}
