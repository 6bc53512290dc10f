// The keyboard commands (manifest "commands", rebindable in the browser's
// shortcut settings): the browser knows both with their default keys, and
// the message the background forwards for them opens the next hint's card,
// moves on, and applies the suggested rewrite through the editor's own input
// path, so the editor's undo brings the words back. (A browser shortcut
// cannot be pressed through the driver: its key events go to the page, not
// to the browser's own shortcut handling; the forwarding is the background's
// onCommand listener.)
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";
import { editorText, MOD, overlayState, pressCombo, sleep, typeIntoFixture, waitForMarks } from "../lib/composer.mjs";
import { FIXTURES } from "../lib/fixtures.mjs";
import { inExtension } from "../lib/history.mjs";

const DRAFT = "Follow us for more and share this with 5 friends!!! What do you think?";

/** What the background sends the active tab for a command (background.js, onCommand). */
const runCommand = (session, host, command) => inExtension(session, async (api, h, c) => {
  const [tab] = await api.tabs.query({ url: `https://${h}/*` });
  return api.tabs.sendMessage(tab.id, { kind: "runCommand", command: c });
}, host, command);

export default [
  {
    name: "the browser knows both commands with their default keys",
    async run({ session }) {
      const commands = await inExtension(session, (api) => api.commands.getAll());
      const byName = Object.fromEntries(commands.map((c) => [c.name, c]));
      assert.equal(byName["next-hint"]?.shortcut?.replace(/\s/g, ""), "Alt+Shift+H", JSON.stringify(commands));
      assert.equal(byName["apply-fix"]?.shortcut?.replace(/\s/g, ""), "Alt+Shift+J", JSON.stringify(commands));
      for (const c of [byName["next-hint"], byName["apply-fix"]]) assert.ok(c.description && !c.description.startsWith("__MSG_"), `a described command: ${JSON.stringify(c)}`);
    },
  },
  ...["prosemirror", "lexical"].map((editor) => {
    const fixture = FIXTURES.find((f) => f.editor === editor && !f.runtime);
    return {
      name: `${editor} (${fixture.adapter}): "next hint" walks the hints' cards in order, "apply fix" applies the open one's rewrite, and the editor's undo restores it`,
      async run({ session }) {
        const { page, text, analysis } = await typeIntoFixture(session, fixture, DRAFT);
        const hints = analysis.hints.slice().sort((a, b) => a.start - b.start);
        assert.ok(hints.length >= 2, `at least two hints: ${JSON.stringify(hints.map((h) => h.rule_id))}`);
        await waitForMarks(page, (s) => s.hints === hints.length, "the draft's marks");
        await pressCombo(page, MOD, "Home");

        await page.bringToFront();
        let reply = await runCommand(session, fixture.host, "next-hint");
        assert.deepEqual(reply, { ok: true, done: true });
        await waitFor(async () => (await overlayState(page)).card === hints[0].rule_id, { what: `the card of the first hint (${hints[0].rule_id})` });
        reply = await runCommand(session, fixture.host, "next-hint");
        await waitFor(async () => (await overlayState(page)).card === hints[1].rule_id, { what: `the card of the second hint (${hints[1].rule_id})` });

        // "apply fix" takes the open card's hint when it has a rewrite, else the next that has one.
        const fixable = [hints[1], ...hints.slice(2), hints[0]].find((h) => typeof h.replacement === "string");
        assert.ok(fixable, "a hint with a suggested rewrite");
        reply = await runCommand(session, fixture.host, "apply-fix");
        assert.deepEqual(reply, { ok: true, done: true });
        const applied = text.slice(0, fixable.start) + fixable.replacement + text.slice(fixable.end);
        await waitFor(async () => (await editorText(page)) === applied, { what: `"${text.slice(fixable.start, fixable.end)}" to become "${fixable.replacement}"` })
          .catch(async (e) => { throw new Error(`${e.message}; the text is ${JSON.stringify(await editorText(page))}`); });
        await sleep(350); // past the editors' history merge window
        await pressCombo(page, MOD, "KeyZ");
        await waitFor(async () => (await editorText(page)) === text, { what: "the editor's undo to bring the words back" });
      },
    };
  }),
];
