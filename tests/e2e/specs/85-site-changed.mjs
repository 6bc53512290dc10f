// "The site changed": for every site adapter, each of its fixtures' composers
// with the markup the adapter keys on gone (classes, roles, aria and data
// attributes, names, on the composer and every element around it, and kept
// gone when the editor writes them back), as after a redesign. The draft
// must still get hints on the right words, through the generic path (label
// "draft"), never nothing.
import { FIXTURES, SECONDARY } from "../lib/fixtures.mjs";
import { resetSettings } from "../lib/composer.mjs";
import { checkHints, openCase, typeDraft } from "../lib/sites.mjs";
import { CHANGED_SITE_CASES } from "../lib/site-cases.mjs";

/** In the page: strips what adapters match on from the composer `sel` and its ancestors, now and whenever it comes back. */
function breakSelectors(page, sel) {
  return page.evaluate((s) => {
    const target = document.querySelector(s);
    target.setAttribute("data-fixture-target", "");
    // The editor's layout stays as it was (the site's stylesheet keyed on its class), so that
    // an editor writing its class back between passes does not move the words under the marks.
    const cs = getComputedStyle(target);
    for (const p of ["white-space", "overflow-wrap", "min-height"]) target.style.setProperty(p, cs.getPropertyValue(p));
    const keyed = (name) => name === "class" || name === "role" || name === "name" || name.startsWith("aria-") ||
      (name.startsWith("data-") && !name.startsWith("data-fixture") && name !== "data-editor-ready");
    const chain = [];
    for (let el = target; el && el !== document.body; el = el.parentElement) chain.push(el);
    const strip = (el) => { for (const a of [...el.attributes]) if (keyed(a.name)) el.removeAttribute(a.name); };
    chain.forEach(strip);
    // A field's form becomes a plain box (selectors by structure key on it); rich editors' own DOM stays where it is.
    if (target instanceof HTMLTextAreaElement) {
      for (const form of chain.filter((el) => el instanceof HTMLFormElement)) {
        const box = document.createElement("div");
        form.replaceWith(box);
        box.append(...form.childNodes);
      }
    }
    // Editors that write their root's class back (ProseMirror does on every change) stay changed.
    const observer = new MutationObserver((records) => { for (const r of records) if (r.target.hasAttribute(r.attributeName) && keyed(r.attributeName)) strip(r.target); });
    for (const el of chain) observer.observe(el, { attributes: true });
    return true;
  }, sel);
}

const cases = [
  ...FIXTURES.filter((f) => !f.runtime).map((f) => ({ adapter: f.adapter, host: f.host, path: f.path, selector: f.composer, name: `main composer (${f.editor})` })),
  ...SECONDARY.filter((f) => f.editor !== "input").map((f) => ({ adapter: f.adapter, host: f.host, path: f.path, selector: f.composer, name: `${f.label} (${f.editor})` })),
  ...CHANGED_SITE_CASES,
];

export default cases.map((c) => ({
  name: `${c.adapter} ${c.name} on ${c.host}${c.path}, its markup changed: plain hints on the right words through the generic path`,
  async run({ session }) {
    await resetSettings(session);
    const page = await openCase(session, c);
    await breakSelectors(page, c.selector ?? `#${c.id}`);
    const changed = { ...c, selector: "[data-fixture-target]", id: undefined };
    await typeDraft(page, changed);
    await checkHints(page, session, changed, { label: "draft" });
    await page.close();
  },
}));
