// The citizen page's words: the same keys in each language, nested groups included, and nothing left empty but a
// help line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TEXTS } from "../../main/resources/citizen/js/texts.js";

function keys(o, prefix = "") {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v)
    ? keys(v, prefix + k + ".") : [prefix + k])).sort();
}

test("every language of the citizen page has every key", () => {
  const fr = keys(TEXTS.fr);
  for (const language of ["ar", "en"]) {
    assert.deepEqual(keys(TEXTS[language]), fr, language);
  }
});

test("no label is empty, and each choice has a label and a help line", () => {
  for (const [language, words] of Object.entries(TEXTS)) {
    for (const [k, v] of Object.entries(words)) {
      if (typeof v === "string") assert.ok(v.length > 0, language + "." + k);
    }
    for (const group of ["vulnerability", "consent"]) {
      for (const [k, v] of Object.entries(words[group])) {
        assert.equal(v.length, 2, language + "." + group + "." + k);
        assert.ok(v[0].length > 0, language + "." + group + "." + k);
      }
    }
  }
});
