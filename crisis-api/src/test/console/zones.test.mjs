// A crisis's zones in words and as a zone change sends them back (js/zones.js).
import { test } from "node:test";
import assert from "node:assert/strict";

globalThis.document = { documentElement: { lang: "fr" }, createElement: (tag) => ({ tag, textContent: "" }) };
const { TEXTS } = await import("../../main/resources/console/js/i18n.js");
const { asInput, described, fromDrawn, words } = await import("../../main/resources/console/js/zones.js");

const said = (parts) => parts.map((p) => (typeof p === "string" ? p : "⁨" + p.textContent + "⁩")).join("");

// As GET /crises/{id} gives them: a country stored with its outline, a circle, a drawn outline with its warnings.
const OUTLINE = { type: "Polygon", coordinates: [[[13.1, 32.8], [13.3, 32.8], [13.3, 33.0], [13.1, 32.8]]] };
const COUNTRY = { label: "LY", country: "LY", geometry: { type: "MultiPolygon", coordinates: [] } };
const CIRCLE = { label: "Tripoli centre", circle: { latitude: 32.8872, longitude: 13.1913, radiusKm: 12.5 } };
const DRAWN = { geometry: OUTLINE, warnings: ["zones[0]: repaired"] };

test("a zone sent back is the zone as it was given: a country by its code, not its outline of that day", () => {
  assert.deepEqual(asInput(COUNTRY), { label: "LY", country: "LY" });
  assert.deepEqual(asInput(CIRCLE), CIRCLE);
  assert.deepEqual(asInput(DRAWN), { geometry: OUTLINE });
});

test("a zone drawn on the map becomes a crisis's zone without a made-up label", () => {
  assert.deepEqual(fromDrawn({ circle: CIRCLE.circle }), { circle: CIRCLE.circle });
  assert.deepEqual(fromDrawn({ zone: OUTLINE }), { geometry: OUTLINE });
  assert.deepEqual(fromDrawn({ country: "SD" }), { label: "SD", country: "SD" });
});

test("each zone said as what it is", () => {
  assert.deepEqual(described(COUNTRY), { kind: "zoneCountry", country: "LY", label: "LY" });
  assert.deepEqual(described(CIRCLE), { kind: "zoneCircle", km: 12.5, label: "Tripoli centre" });
  assert.deepEqual(described(DRAWN), { kind: "zoneDrawn", label: null });
});

test("in words, in French and in Arabic: the label isolated, the km in the language's digits", () => {
  document.documentElement.lang = "fr";
  assert.equal(said(words(TEXTS.fr, CIRCLE)), "⁨Tripoli centre⁩ (cercle de 12,5 km)");
  assert.equal(said(words(TEXTS.fr, DRAWN)), "zone dessinée");
  // A country's label is its code: said once, by its name.
  assert.match(said(words(TEXTS.fr, COUNTRY)), /^pays : ⁨(Libye|LY)⁩$/);
  document.documentElement.lang = "ar";
  assert.equal(said(words(TEXTS.ar, CIRCLE)), "⁨Tripoli centre⁩ (دائرة نصف قطرها ١٢٫٥ كم)");
});
