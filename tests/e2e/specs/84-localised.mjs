// Every site fixture of issue 13 with its UI in Spanish, German and Japanese
// (?lang=, tests/fixtures/shared/l10n.js: aria-labels, placeholders and
// button texts as those users see them): the adapters find the composers by
// structure, so hints are drawn on the right words and publishing is
// recorded exactly once in every language, as in English (82, 83). X's
// desktop Draft.js composer (its publish is 40-habits' fixture, keyed on
// test ids) gets its hints in every language too.
import { resetSettings } from "../lib/composer.mjs";
import { assertLocalised, checkHints, composerCase, LANGS, openCase, typeDraft } from "../lib/sites.mjs";
import { LOCALISED_CASES } from "../lib/site-cases.mjs";

const X_DESKTOP = { adapter: "x", host: "x.com", path: "/home", selector: '[data-testid="tweetTextarea_0"]', label: "post" };

export default LANGS.flatMap((lang) => [
  ...LOCALISED_CASES.map((c) => composerCase(c, { lang, quick: true })),
  {
    name: `x desktop composer (Draft.js) [${lang}]: hints on the right words`,
    async run({ session }) {
      await resetSettings(session);
      const page = await openCase(session, X_DESKTOP, { lang });
      await assertLocalised(page, lang);
      await typeDraft(page, X_DESKTOP);
      await checkHints(page, session, X_DESKTOP);
      await page.close();
    },
  },
]);
