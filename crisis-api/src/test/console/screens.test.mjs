// The console's screens (js/screens.js): which role opens what, and where an address lands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCREENS, SECTIONS, home, href, may, menu, parse, resolve, screen, sectionsOf } from
  "../../main/resources/console/js/screens.js";

const ID = "01a24cd1-8e18-735b-8d7d-17310c7a1ca1";
const cell = { role: "CRISIS_CELL" };
const officer = { role: "CONSULAR_OFFICER", consulateId: "FR-PAR" };
const caseworker = { role: "CASEWORKER", region: "MA.06" };

test("each role's menu holds its screens and no other", () => {
  assert.deepEqual(menu(cell).map((s) => s.name), ["map", "crises", "countries", "simulator", "queue", "registrations",
    "declarations", "gate", "remains", "partners", "account"]);
  assert.deepEqual(menu(officer).map((s) => s.name), ["queue", "registrations", "declarations", "gate", "remains",
    "account"]);
  assert.deepEqual(menu(caseworker).map((s) => s.name), ["cases", "partners", "account"]);
  assert.deepEqual(menu({ role: "ADMIN" }).map((s) => s.name), ["account"]);
  assert.deepEqual(menu(null), []);
});

test("without a connection only the screens that work offline are offered", () => {
  assert.deepEqual(menu({ ...officer, offline: true }).map((s) => s.name), ["gate", "account"]);
  assert.equal(may({ ...cell, offline: true }, screen("map")), false);
});

test("a screen the server does not run is not offered", () => {
  const s = { ...cell, unavailable: new Set(["simulator"]) };
  assert.equal(menu(s).some((x) => x.name === "simulator"), false);
  assert.equal(resolve(s, "#/simulator").screen, "map");
});

test("an address is read back as the screen and item it names", () => {
  assert.deepEqual(parse("#/queue"), { screen: "queue", id: null });
  assert.deepEqual(parse("#/cases/" + ID), { screen: "cases", id: ID });
  assert.deepEqual(parse(href("crisis", ID)), { screen: "crisis", id: ID });
  assert.deepEqual(parse("#/gate/"), { screen: "gate", id: null });
  assert.deepEqual(parse(href("countries", "LY")), { screen: "countries", id: "LY" });
  assert.deepEqual(parse(href("evacuation", ID)), { screen: "evacuation", id: ID });
});

test("addresses that are not one land nowhere", () => {
  for (const h of ["", "#", "#/", "#/nothing", "#/crisis", "#/cases/42", "#/cases/<img src=x>", "#/queue/a/b",
    "#/cases/" + ID + "?x=1", "#/Map", "javascript:alert(1)", "#/countries/" + ID, "#/countries/ly",
    "#/countries/LBY", "#/crisis/LY", "#/evacuation"]) {
    assert.equal(parse(h), null, h);
  }
});

test("a link to another role's screen lands on the user's own first screen, said as a redirect", () => {
  assert.deepEqual(resolve(officer, "#/map"), { screen: "queue", id: null, redirected: true });
  assert.deepEqual(resolve(caseworker, "#/crisis/" + ID), { screen: "cases", id: null, redirected: true });
  assert.deepEqual(resolve(cell, "#/crisis/" + ID), { screen: "crisis", id: ID, redirected: false });
  assert.deepEqual(resolve(cell, "#/garbage"), { screen: "map", id: null, redirected: true });
  assert.deepEqual(home({ role: "ADMIN" }), { screen: "account", id: null });
});

test("one item of a screen shows its detail sections, the screen alone its list", () => {
  assert.deepEqual(sectionsOf({ screen: "cases", id: null }), ["cases"]);
  assert.deepEqual(sectionsOf({ screen: "cases", id: ID }), ["case"]);
  assert.deepEqual(sectionsOf({ screen: "crisis", id: ID }), ["crisis-page"]);
  assert.deepEqual(sectionsOf({ screen: "countries", id: "LY" }), ["countries", "country-page"]);
});

test("every section a screen shows is a section of the page, and every menu text exists in each language", async () => {
  // SECTIONS is made from a set, so its being unique says nothing; what can go wrong is a screen naming a section
  // the page does not have (route() would fail on it) or a menu text missing from a language.
  const { readFileSync } = await import("node:fs");
  const page = readFileSync(new URL("../../main/resources/console/index.html", import.meta.url), "utf8");
  const ids = new Set([...page.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]));
  for (const id of SECTIONS) assert.ok(ids.has(id), "no <section id=\"" + id + "\"> in index.html");
  for (const lang of ["fr", "ar", "en"]) {
    const texts = (await import("../../main/resources/console/js/texts/" + lang + ".js")).default;
    for (const s of SCREENS) {
      assert.ok(s.roles.length > 0, s.name);
      assert.equal(typeof texts[s.text], "string", lang + ": " + s.text);
    }
  }
});

test("no two elements of the page share an id (a second one is never found, and a section shown would be the first)", async () => {
  const { readFile } = await import("node:fs/promises");
  const html = await readFile(new URL("../../main/resources/console/index.html", import.meta.url), "utf8");
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(twice, []);
});
