// Sites the user adds (a Mastodon instance, any other site): once the
// optional host permission is granted from an extension page (a user
// gesture) and the origin is in settings.extra_sites, the background
// registers the content scripts there at run time; the Mastodon adapter
// recognises the instance by its page structure, anything else gets the
// generic adapter. Until then, nothing runs on those hosts.
import assert from "node:assert/strict";
import { FIXTURES } from "../lib/fixtures.mjs";
import { grantFromExtensionPage } from "../browsers.mjs";
import { onAddedSites, withExtraSites } from "../lib/added-sites.mjs";
import { focusComposer, openFixture, overlayState, resetSettings, sleep, waitForMarks } from "../lib/composer.mjs";
import { assertLocalised, LANGS } from "../lib/sites.mjs";

const DRAFT = "Follow us for more!!! Thanks to Maria for the idea. What do you think?";

/**
 * The added-sites scenario: nothing runs on a Mastodon instance or another
 * site before the user adds it; once `grant(session, origins)` has the host
 * permissions granted and the origins are in settings.extra_sites, the
 * content scripts registered at run time analyse them as mastodon and generic
 * (Mastodon with its UI in English, Spanish, German and Japanese).
 */
async function addedSites(session, grant) {
  await resetSettings(session);
  const mastodon = FIXTURES.find((f) => f.adapter === "mastodon");
  const generic = FIXTURES.find((f) => f.adapter === "generic");
  let page = await openFixture(session, mastodon);
  await focusComposer(page, mastodon);
  await page.keyboard.type(DRAFT);
  await sleep(500);
  assert.equal(await overlayState(page), null, "no overlay on a site the user has not added");
  await page.close();

  const origins = [`https://${mastodon.host}/*`, `https://${generic.host}/*`];
  await grant(session, origins);
  // The Mastodon adapter needs no English word: the instance's UI in Spanish,
  // German and Japanese too (?lang=, tests/fixtures/shared/l10n.js).
  const cases = [
    { fixture: mastodon, platform: "mastodon", lang: null },
    { fixture: generic, platform: "generic", lang: null },
    ...LANGS.map((lang) => ({ fixture: { ...mastodon, path: `/?lang=${lang}` }, platform: "mastodon", lang })),
  ];
  await withExtraSites(session, [`https://${mastodon.host}`, `https://${generic.host}`], async () => {
    for (const { fixture, platform, lang } of cases) {
      const what = `${fixture.host}${lang ? ` [${lang}]` : ""}`;
      page = await openFixture(session, fixture);
      if (lang) await assertLocalised(page, lang);
      await focusComposer(page, fixture);
      await page.keyboard.type(DRAFT);
      const state = await waitForMarks(page, (st) => st.hints > 0, `hints on ${what}`).catch(async (e) => {
        const diagnosis = await session.extensionPage.evaluate(async () => {
          const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
          return { registered: await api.scripting.getRegisteredContentScripts(), permissions: await api.permissions.getAll(), extra_sites: (await api.runtime.sendMessage({ kind: "getSettings" })).settings.extra_sites };
        });
        throw new Error(`${e.message}; ${JSON.stringify(diagnosis)}`);
      });
      assert.equal(state.platform, platform, `${what} is analysed as ${platform}`);
      await page.close();
    }
  });
}

export default [
  ...onAddedSites({
    firefox: "Mastodon and generic sites: nothing runs before they are added; registered at run time once granted and enabled",
    chromium: "Mastodon and generic sites in Chromium: registered at run time once enabled (permissions granted at install)",
    origins: FIXTURES.filter((f) => f.runtime).map((f) => `https://${f.host}/*`),
    scenario: addedSites,
  }),
  {
    name: "Mastodon on another instance: recognised by its page structure under a host the user added, analysed as mastodon",
    // As above: only Firefox can grant the optional host permission without a prompt.
    browsers: ["firefox"],
    async run({ session }) {
      await resetSettings(session);
      // The same compose form served under a host whose name says nothing about Mastodon.
      const instance = { ...FIXTURES.find((f) => f.adapter === "mastodon"), host: "mastodon.example.org" };
      let page = await openFixture(session, instance);
      await focusComposer(page, instance);
      await page.keyboard.type(DRAFT);
      await sleep(500);
      assert.equal(await overlayState(page), null, "no overlay on an instance the user has not added");
      await page.close();

      assert.equal(await grantFromExtensionPage(session, [`https://${instance.host}/*`]), true, "the optional host permission was granted");
      await withExtraSites(session, [`https://${instance.host}`], async () => {
        page = await openFixture(session, instance);
        await focusComposer(page, instance);
        await page.keyboard.type(DRAFT);
        const state = await waitForMarks(page, (st) => st.hints > 0, `hints on ${instance.host}`);
        assert.equal(state.platform, "mastodon", `${instance.host} is recognised as Mastodon, not handed to the generic adapter`);
        await page.close();
      });
    },
  },
];
