// A departure's local time in its point's time zone, as the instant the API keeps (js/when.js).
import { test } from "node:test";
import assert from "node:assert/strict";

const { instantOf, knownZone } = await import("../../main/resources/console/js/when.js");

test("local times in winter, summer and without daylight saving", () => {
  assert.equal(instantOf("2026-12-07T14:30", "Europe/Paris"), "2026-12-07T13:30:00Z");
  assert.equal(instantOf("2026-07-07T14:30", "Europe/Paris"), "2026-07-07T12:30:00Z");
  assert.equal(instantOf("2026-12-07T14:30", "Africa/Tripoli"), "2026-12-07T12:30:00Z");
  assert.equal(instantOf("2026-12-07T02:00", "Asia/Kolkata"), "2026-12-06T20:30:00Z");
});

test("across the day a clock changes (Paris, 29 March 2026, 02:00 becomes 03:00)", () => {
  assert.equal(instantOf("2026-03-29T01:30", "Europe/Paris"), "2026-03-29T00:30:00Z");
  assert.equal(instantOf("2026-03-29T04:00", "Europe/Paris"), "2026-03-29T02:00:00Z");
});

test("not a time, or not a zone: nothing", () => {
  assert.equal(instantOf("07/12/2026 14:30", "Europe/Paris"), null);
  assert.equal(instantOf("2026-12-07T14:30", "Mars/Olympus"), null);
  assert.equal(knownZone("Mars/Olympus"), false);
  assert.equal(knownZone("Africa/Casablanca"), true);
});
