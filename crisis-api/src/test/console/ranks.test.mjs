// A seat's reasons in the reader's language (js/ranks.js), from the plan's parts.
import { test } from "node:test";
import assert from "node:assert/strict";

// What ranks.js needs of a page: the language, and elements for names (isolated, as <bdi>).
globalThis.document = { documentElement: { lang: "fr" }, createElement: (tag) => ({ tag, textContent: "" }) };
const { TEXTS } = await import("../../main/resources/console/js/i18n.js");
const { explain } = await import("../../main/resources/console/js/ranks.js");

const said = (parts) => parts.map((p) => (typeof p === "string" ? p : "⁨" + p.textContent + "⁩")).join("");
const WHY = { tier: 1, tiers: 6, criteria: [{ criterion: "STRETCHER", member: "Amina El Idrissi" },
  { criterion: "UNACCOMPANIED_MINOR", member: "Yanis" }], exposureKm: 2.5, exposureCounts: true,
requestedAt: "2026-12-06T21:15:00Z" };

test("in French: the tier, each criterion and for whom, the distance, the request", () => {
  document.documentElement.lang = "fr";
  const s = said(explain(TEXTS.fr, WHY));
  assert.match(s, /^niveau 1 sur 6 ; civière \(⁨Amina El Idrissi⁩\), mineur non accompagné \(⁨Yanis⁩\) ; à 2,5 km du centre de la zone ; demande du /);
});

test("in Arabic: Arabic words and digits, the Arabic semicolon and comma, names isolated", () => {
  document.documentElement.lang = "ar";
  const s = said(explain(TEXTS.ar, WHY));
  assert.ok(s.startsWith("المستوى ١ من ٦؛ نقالة (⁨Amina El Idrissi⁩)، قاصر غير مصحوب (⁨Yanis⁩)؛ على بعد ٢٫٥ كم"), s);
  const outsideNames = s.replace(/⁨[^⁩]*⁩/g, "");
  assert.ok(!/[A-Za-z0-9]/.test(outsideNames), "Latin letters or Western digits in " + outsideNames);
});

test("no criterion, no location, and a crisis without a centre: each said as such", () => {
  document.documentElement.lang = "en";
  const none = { ...WHY, tier: 6, criteria: [], exposureKm: null };
  assert.match(said(explain(TEXTS.en, none)), /^tier 6 of 6; no priority criterion; location unknown: after the located households; asked on /);
  assert.ok(!said(explain(TEXTS.en, { ...none, exposureCounts: false })).includes("location"));
});
