// Values the content scripts and the e2e tests share. A classic script that
// only defines a frozen global, so the tests evaluate this very file (node:vm)
// instead of keeping copies that drift.
(() => {
  if (globalThis.RapportConstants) return;
  globalThis.RapportConstants = Object.freeze({
    // The styles that decide where a textarea's text lies: the overlay's
    // mirror copies them so that it is laid out like the field.
    FIELD_STYLE_PROPS: Object.freeze(["boxSizing", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
      "borderBottomWidth", "borderLeftWidth", "borderTopStyle", "borderRightStyle", "borderBottomStyle", "borderLeftStyle", "fontFamily",
      "fontSize", "fontWeight", "fontStyle", "fontVariant", "fontStretch", "fontKerning", "letterSpacing", "lineHeight", "textTransform",
      "textIndent", "wordSpacing", "tabSize", "textAlign", "direction", "wordBreak", "overflowWrap"]),
    // Long drafts (issue 16, DESIGN.md "Long drafts"). Past liveWholeChars
    // UTF-16 code units, a draft is checked live only within partChars of
    // the caret, and whole once the user pauses for pauseMs; it is drawn
    // with boxes, whose changes cost the page nothing (a change of the
    // page's highlights makes Chromium repaint the whole document). Past
    // nearFromChars, only the hints near what the composer shows are drawn,
    // and a pass reads the layout after the frame has been painted, when
    // reading it costs nothing.
    LONG_DRAFT: Object.freeze({ liveWholeChars: 100000, partChars: 4000, pauseMs: 800, nearFromChars: 10000 }),
    // The underline colours of fame and connection marks, per theme of the
    // composer's text (highlights.css paints the same ones).
    MARK_COLOURS: Object.freeze({
      light: Object.freeze({ fame: "#c2410c", connection: "#1d4ed8" }),
      dark: Object.freeze({ fame: "#fb923c", connection: "#7dd3fc" }),
    }),
  });
})();
