// Runs last in each browser: no request from any page or extension context
// during the whole run went anywhere but the fixture server under its hosts
// or the extension's own files. Drafts never leave the browser.
import assert from "node:assert/strict";

const LOCAL_SCHEMES = ["chrome-extension:", "moz-extension:", "data:", "blob:", "about:"];

export default [
  {
    name: "no request left the browser during the run (pages, content scripts, extension pages, service worker)",
    async run({ session, server }) {
      assert.ok(session.requests.length > 20, `the recorder saw the run's requests (${session.requests.length})`);
      const outside = session.requests.filter(({ url }) => {
        const u = new URL(url);
        if (LOCAL_SCHEMES.includes(u.protocol)) return false;
        return !(u.protocol === "https:" && server.hosts.includes(u.hostname) && (u.port === "" || u.port === "443"));
      });
      assert.deepEqual(outside, [], "requests to anywhere but the fixture server");
      const fromExtension = session.requests.filter(({ context, navigation }) => !navigation && /^(chrome|moz)-extension:/.test(context));
      assert.deepEqual(fromExtension.filter(({ url }) => !/^(chrome|moz)-extension:|^data:|^blob:/.test(url)), [], "an extension context fetched a web URL");
    },
  },
];
