// What a message costs as the confirmations say it (js/preview.js): the preview API's figures in the user's language.
import { test } from "node:test";
import assert from "node:assert/strict";

globalThis.document = { documentElement: { lang: "fr" } };
const { TEXTS } = await import("../../main/resources/console/js/i18n.js");
const { summary, unlocated } = await import("../../main/resources/console/js/preview.js");

const PREVIEW = { registrations: 1200, people: 3105, withoutCoordinates: 7 };
const COST = { phones: 1180, totalSegments: 2360, expectedSeconds: 65.2, cost: "82.60", currency: "EUR" };

test("the summary says people, SMS, segments, minutes and seconds, and the price, in French", () => {
  document.documentElement.lang = "fr";
  const said = summary(TEXTS.fr, PREVIEW, COST).join("");
  assert.match(said, /^3\u202f105 personnes \(1\u202f200 inscriptions\) recevront ce message sur 1\u202f180 téléphones/);
  assert.match(said, /2\u202f360 segments SMS en tout ; le dernier SMS partira dans 1 min 5 s environ\./);
  assert.match(said, /Coût : 82,60\u00a0€\.$/);
});

test("in Arabic, with Arabic digits, and without a price when the senders have none", () => {
  document.documentElement.lang = "ar";
  const said = summary(TEXTS.ar, PREVIEW, { ...COST, cost: null }).join("");
  assert.ok(said.includes("٣٬١٠٥"), said);
  assert.ok(said.includes("١ دقيقة و٥ ثانية"), said);
  assert.ok(!/[0-9]/.test(said), "Western digits in " + said);
  assert.ok(!said.includes(TEXTS.ar.costIs.slice(0, 5)), said);
});

test("no expected time without a sender plan, and the unlocated said only when there are some", () => {
  document.documentElement.lang = "en";
  assert.match(summary(TEXTS.en, PREVIEW, { ...COST, expectedSeconds: null, cost: null }).join(""), /in about —\.$/);
  assert.deepEqual(unlocated(TEXTS.en, { ...PREVIEW, withoutCoordinates: 0 }), []);
  assert.match(unlocated(TEXTS.en, PREVIEW).join(""), /7/);
});
