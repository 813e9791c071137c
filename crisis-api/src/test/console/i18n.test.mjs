// The console's languages (js/i18n.js and js/texts/*.js): the same texts in each, the digits and separators of each.
import { test } from "node:test";
import assert from "node:assert/strict";

// i18n.js reads the page's language from the document: a stand-in with only that.
globalThis.document = { documentElement: { lang: "fr" } };
const { TEXTS, digits, fill, isolated, number } = await import("../../main/resources/console/js/i18n.js");

function keys(o, prefix = "") {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, prefix + k + ".")
    : [prefix + k])).sort();
}

test("French, Arabic and English have the same texts", () => {
  assert.deepEqual(keys(TEXTS.ar), keys(TEXTS.fr));
  assert.deepEqual(keys(TEXTS.en), keys(TEXTS.fr));
});

test("each template names the same fields in every language", () => {
  const fields = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
  for (const k of keys(TEXTS.fr)) {
    const get = (t) => k.split(".").reduce((o, p) => o[p], t);
    assert.equal(fields(get(TEXTS.ar)), fields(get(TEXTS.fr)), "ar " + k);
    assert.equal(fields(get(TEXTS.en)), fields(get(TEXTS.fr)), "en " + k);
  }
});

test("Arabic never sets parts apart with a middle dot, which reads as a zero", () => {
  for (const k of keys(TEXTS.ar)) {
    const v = k.split(".").reduce((o, p) => o[p], TEXTS.ar);
    assert.ok(!String(v).includes("·"), k + ": " + v);
  }
  assert.equal(TEXTS.ar.separator.trim(), "،");
});

test("numbers take the language's digits: Arabic-Indic in Arabic, Western in French", () => {
  document.documentElement.lang = "ar";
  assert.equal(number(1234), "١٬٢٣٤");
  assert.equal(digits("08:30"), "٠٨:٣٠");
  document.documentElement.lang = "fr";
  assert.equal(number(1234).replace(/\s/g, " "), "1 234");
  assert.equal(digits("08:30"), "08:30");
});

test("a template is filled with numbers in the language's digits and data as given", () => {
  document.documentElement.lang = "ar";
  assert.deepEqual(fill("{0} من {1}", { 0: 3, 1: "AT 202" }), ["٣", " من ", "AT 202"]);
  document.documentElement.lang = "fr";
  assert.deepEqual(fill("{a} et {b}", { a: 2 }), ["2", " et "]);
});

test("data inside a sentence is wrapped in first-strong isolates", () => {
  assert.equal(isolated("AT 202"), "\u2068AT 202\u2069");
});
