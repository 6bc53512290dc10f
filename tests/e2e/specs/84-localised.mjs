// Every site fixture of issue 13 with its UI in Spanish, German and Japanese
// (?lang=, tests/fixtures/shared/l10n.js: aria-labels, placeholders and
// button texts as those users see them): the adapters find the composers by
// structure, so hints are drawn on the right words and publishing is
// recorded exactly once in every language, as in English (82, 83).
import { composerCase, LANGS } from "../lib/sites.mjs";
import { LOCALISED_CASES } from "../lib/site-cases.mjs";

export default LANGS.flatMap((lang) => LOCALISED_CASES.map((c) => composerCase(c, { lang, quick: true })));
