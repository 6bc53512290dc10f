// The composers of the site fixtures of issue 13 that the "site changed"
// (85) and localised (84) specs run over, besides the older fixtures.
const FB = { adapter: "facebook", host: "www.facebook.com", path: "/feed" };
const IG = { adapter: "instagram", host: "www.instagram.com", path: "/create" };

export const CHANGED_SITE_CASES = [
  { ...FB, id: "fb-comment", name: '"Comment as" box' },
  { ...FB, id: "fb-post", name: "create-post dialog" },
  { ...IG, id: "ig-caption-field", name: "caption textarea" },
  { ...IG, id: "ig-comment", name: "comment textarea" },
];
