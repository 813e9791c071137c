// The service worker (sw.js) keeps every file the console loads, so that the gate page opens without a connection.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const root = new URL("../../main/resources/console/", import.meta.url);

test("the service worker keeps every module of the console", () => {
  const sw = readFileSync(new URL("sw.js", root), "utf8");
  const shell = JSON.parse(sw.match(/const SHELL = (\[[^\]]*\])/)[1]);
  const modules = [
    ...readdirSync(new URL("js/", root)).filter((f) => f.endsWith(".js")).map((f) => "js/" + f),
    ...readdirSync(new URL("js/texts/", root)).filter((f) => f.endsWith(".js")).map((f) => "js/texts/" + f),
  ];
  for (const m of modules) assert.ok(shell.includes(m), m + " is not kept by the service worker");
});
