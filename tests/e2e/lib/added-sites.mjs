// Scenarios on sites the user adds need the optional host permission, whose
// prompt each browser answers differently under automation.
import assert from "node:assert/strict";
import path from "node:path";
import { grantFromExtensionPage, launchWithHostsGranted } from "../browsers.mjs";
import { ROOT } from "../server.mjs";
import { resetSettings, sendFromExtension, sleep } from "./composer.mjs";

/**
 * The two tests of one scenario on added sites. Firefox answers the prompt
 * through a pref, so its shared session grants the hosts from an extension
 * page, as a user's click would. Chromium's prompt cannot be answered
 * headless, so it runs a browser of its own whose copy of the extension has
 * `origins` granted at install: what is tested there is what follows the
 * grant. `scenario(session, grant)` calls `grant(session, origins)` where the
 * user would grant them.
 */
export function onAddedSites({ firefox, chromium, origins, scenario }) {
  return [
    {
      name: firefox,
      browsers: ["firefox"],
      async run({ session }) {
        await scenario(session, async (s, wanted) => {
          assert.equal(await grantFromExtensionPage(s, wanted), true, "the optional host permissions were granted");
        });
      },
    },
    {
      name: chromium,
      browsers: ["chromium"],
      timeout: 120_000,
      async run({ server }) {
        const session = await launchWithHostsGranted("chromium", { extensionDir: path.join(ROOT, "extension"), origins, hosts: server.hosts });
        try {
          await scenario(session, async (s, wanted) => {
            const granted = await s.extensionPage.evaluate(async () => (await chrome.permissions.getAll()).origins);
            assert.ok(wanted.every((o) => granted.includes(o)), `the hosts are granted: ${JSON.stringify(granted)}`);
          });
        } finally {
          await session.close();
        }
      },
    },
  ];
}

/**
 * Puts `sites` (origins whose host permission is granted) in the settings'
 * extra_sites, runs `fn` once the background has registered the content
 * scripts there, then takes them out and resets the settings, whatever `fn` did.
 */
export async function withExtraSites(session, sites, fn) {
  const s = (await sendFromExtension(session, { kind: "getSettings" })).settings;
  s.extra_sites = sites;
  await sendFromExtension(session, { kind: "setSettings", settings: s });
  await sleep(500); // the background registers the scripts after the settings change
  try {
    return await fn();
  } finally {
    const cleared = (await sendFromExtension(session, { kind: "getSettings" })).settings;
    cleared.extra_sites = [];
    await sendFromExtension(session, { kind: "setSettings", settings: cleared });
    await resetSettings(session);
  }
}
