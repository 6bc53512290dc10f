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
    // The underline colours of fame and connection marks, per theme of the
    // composer's text (highlights.css paints the same ones).
    MARK_COLOURS: Object.freeze({
      light: Object.freeze({ fame: "#c2410c", connection: "#1d4ed8" }),
      dark: Object.freeze({ fame: "#fb923c", connection: "#7dd3fc" }),
    }),
  });
})();
