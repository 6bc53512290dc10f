// The extension loads in each browser, its background wasm initialises, the
// popup renders from Rust, and typing in a compose box produces the overlay.
import assert from "node:assert/strict";
import { waitFor } from "../browsers.mjs";

export default [
  {
    name: "the background loads the wasm analyser and answers a ping",
    async run({ session }) {
      const page = await session.openExtensionPage("popup.html");
      const reply = await waitFor(() => page.evaluate(async () => {
        const api = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
        const r = await api.runtime.sendMessage({ kind: "ping" });
        return r?.ready ? r : null;
      }), { what: "the background to be ready" });
      assert.equal(reply.ok, true);
      assert.match(reply.version, /^\d+\.\d+\.\d+$/);
    },
  },
  {
    name: "the popup renders from Rust and analyses a pasted draft",
    async run({ session }) {
      const page = await session.openExtensionPage("popup.html");
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === "true"), { what: "the popup to render" });
      const heading = await page.evaluate(() => document.querySelector("h1")?.textContent);
      assert.equal(heading, "Rapport");
      await page.focus("#draft");
      await page.keyboard.type("LIKE this if you agree!!! Follow us for more.");
      const balance = await waitFor(() => page.evaluate(() => document.querySelector(".balance")?.dataset.balance), { what: "a balance" });
      assert.ok(["broadcasting", "leaning-broadcast"].includes(balance), `balance was ${balance}`);
      const cues = await page.evaluate(() => [...document.querySelectorAll("li.hint .cue")].map((e) => e.textContent));
      assert.ok(cues.includes("reaction-bait"), `cues were ${cues.join(", ")}`);
    },
  },
  {
    name: "typing in a compose box produces an overlay (textarea on reddit.com)",
    async run({ session, fixtureUrl }) {
      const page = await session.openPage(fixtureUrl("www.reddit.com", "/submit"));
      await page.focus("#post-body");
      await page.keyboard.type("Follow us for more! Smash that like button!!!");
      const gauge = await waitFor(() => page.evaluate(() => {
        const host = document.querySelector("rapport-overlay");
        return host ? { inEditor: !!document.querySelector("#post-body rapport-overlay"), present: true } : null;
      }), { what: "the overlay host" });
      assert.equal(gauge.inEditor, false);
      const value = await page.$eval("#post-body", (e) => e.value);
      assert.equal(value, "Follow us for more! Smash that like button!!!");
    },
  },
];
