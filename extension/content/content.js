// Finds the compose box the user is typing in, sends its text to the
// background over one port, and draws the result in an overlay that lives in
// its own shadow root: the editor's DOM is never touched.
(() => {
  if (globalThis.__rapportContent) return; // injected twice (e.g. re-registration)
  globalThis.__rapportContent = true;

  const { api } = globalThis.RapportBrowser;
  const { PORT_COMPOSER, Kinds } = globalThis.RapportProtocol;

  const PLATFORM_BY_HOST = [
    [/(^|\.)x\.com$|(^|\.)twitter\.com$/, "x"],
    [/(^|\.)linkedin\.com$/, "linkedin"],
    [/(^|\.)facebook\.com$/, "facebook"],
    [/(^|\.)instagram\.com$/, "instagram"],
    [/(^|\.)threads\.(net|com)$/, "threads"],
    [/(^|\.)bsky\.app$/, "bluesky"],
    [/(^|\.)reddit\.com$/, "reddit"],
  ];
  const platform = (PLATFORM_BY_HOST.find(([re]) => re.test(location.hostname)) || [null, "generic"])[1];

  const isComposer = (el) =>
    el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);

  /** The editable root of an element inside a contenteditable. */
  const composerRoot = (el) => {
    if (el instanceof HTMLTextAreaElement) return el;
    let root = el;
    while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
    return root;
  };

  const textOf = (el) => (el instanceof HTMLTextAreaElement ? el.value : el.innerText);

  class Overlay {
    constructor() {
      this.host = document.createElement("rapport-overlay");
      this.host.style.cssText = "position:fixed;z-index:2147483647;top:0;left:0;width:0;height:0;";
      const shadow = this.host.attachShadow({ mode: "closed" });
      const style = document.createElement("style");
      style.textContent = `
        .gauge { position: fixed; font: 12px/1.3 system-ui, sans-serif; background: #16181d; color: #e8eaef;
                 border-radius: 999px; padding: 3px 10px; box-shadow: 0 2px 8px rgba(0,0,0,.25); white-space: nowrap; }
        .gauge[data-balance="broadcasting"], .gauge[data-balance="leaning-broadcast"] { background: #9a3412; }
        .gauge[data-balance="connecting"], .gauge[data-balance="leaning-connection"] { background: #0f6fb8; }`;
      this.gauge = document.createElement("div");
      this.gauge.className = "gauge";
      this.gauge.setAttribute("role", "status");
      shadow.append(style, this.gauge);
      document.documentElement.append(this.host);
    }
    show(target, analysis) {
      const r = target.getBoundingClientRect();
      const fame = analysis.hints.filter((h) => h.polarity === "fame").length;
      const conn = analysis.hints.length - fame;
      // Mirrored on the host so tests (and the page's own tools) can read the state without the closed shadow root.
      this.host.dataset.balance = analysis.balance;
      this.host.dataset.hints = String(analysis.hints.length);
      this.gauge.dataset.balance = analysis.balance;
      this.gauge.dataset.hints = String(analysis.hints.length);
      this.gauge.textContent = `${analysis.balance} · ${fame} fame · ${conn} connection`;
      this.gauge.style.left = `${Math.max(0, r.right - 220)}px`;
      this.gauge.style.top = `${Math.max(0, r.bottom + 4)}px`;
    }
  }

  let overlay = null;
  let port = null;
  let seq = 0;
  let active = null;

  function connect() {
    port = api.runtime.connect({ name: PORT_COMPOSER });
    port.onDisconnect.addListener(() => { port = null; });
    port.onMessage.addListener((msg) => {
      if (msg.kind !== Kinds.ANALYSIS || msg.seq !== seq || !active) return;
      overlay ??= new Overlay();
      overlay.show(active, msg.analysis);
    });
  }

  function send() {
    if (!active) return;
    if (!port) connect();
    seq += 1;
    port.postMessage({ kind: Kinds.ANALYZE, seq, text: textOf(active), platform });
  }

  document.addEventListener("focusin", (e) => {
    const el = e.composedPath()[0];
    if (!isComposer(el)) return;
    active = composerRoot(el);
    send();
  }, true);
  document.addEventListener("input", (e) => {
    const el = e.composedPath()[0];
    if (active && (el === active || active.contains(el))) send();
  }, true);
})();
