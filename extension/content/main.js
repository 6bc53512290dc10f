// The last content script: every feature has registered with the core
// (content/core.js) by now, so the core can start on this site.
globalThis.RapportCore.boot();
