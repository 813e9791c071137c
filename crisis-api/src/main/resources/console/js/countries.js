// The countries and their risk levels, for the crisis cell (#/countries): the highest level first, each opening its
// page (#/countries/<ISO code>) with its level and why, a change of level with its reason, and the history of its
// changes, newest first. Every level and every change is the API's.
import { api } from "./api.js";
import { bdi, dateTime, fill, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { href, may, screen } from "./screens.js";

let texts = null;
let allowed = false;
let list = null;           // every country, as the API lists them
let shown = null;          // the country whose page is open
let history = [];          // its changes, newest first
let latest = null;         // the newest reading of a country: an older one is dropped

export function start(session, t) {
  texts = t;
  allowed = may(session, screen("countries"));
  forget();
}

export function relabel(t) {
  texts = t;
  if (list) draw();
  if (shown) showCountry();
}

/** The list, read again each time it is shown; and a country's page when the address names one. */
export async function enter(r) {
  if (!allowed) return;
  if (r.id) openCountry(r.id);
  const answer = await api("GET", "/api/v1/countries").catch(() => null);
  if (!answer || answer.status !== 200) return;
  list = await answer.json();
  draw();
}

export function forget() {
  list = null;
  shown = null;
  history = [];
  document.getElementById("country-rows").replaceChildren();
  document.getElementById("risk-history").replaceChildren();
  for (const id of ["country-name", "country-risk", "risk-result"]) say(document.getElementById(id), null);
}

/** A country's name in the language in use (English when it has none in it). */
function name(c) {
  const lang = document.documentElement.lang;
  return (lang === "ar" ? c.nameAr : lang === "en" ? c.nameEn : c.nameFr) || c.nameEn || c.iso2;
}

function draw() {
  const lang = document.documentElement.lang;
  const sorted = [...list].sort((a, b) => b.riskLevel - a.riskLevel || name(a).localeCompare(name(b), lang));
  document.getElementById("country-rows").replaceChildren(...sorted.map((c) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "country-row";
    tr.dataset.country = c.iso2;
    tr.dataset.level = c.riskLevel;
    const link = document.createElement("a");
    link.href = href("countries", c.iso2);
    link.textContent = name(c);
    tr.append(cell(link), cell(texts.riskLevels[c.riskLevel] || String(c.riskLevel)),
      cell(c.riskReason ? bdi(c.riskReason) : ""), cell(c.riskChangedAt ? dateTime(c.riskChangedAt) : ""));
    return tr;
  }));
}

function cell(x) {
  const td = document.createElement("td");
  td.append(x);
  return td;
}

async function openCountry(iso) {
  const reading = {};
  latest = reading;
  const [c, h] = await Promise.all([api("GET", "/api/v1/countries/" + iso).catch(() => null),
    api("GET", "/api/v1/countries/" + iso + "/risk").catch(() => null)]);
  if (latest !== reading || !c || c.status !== 200 || !h || h.status !== 200) return;
  shown = await c.json();
  history = (await h.json()).slice().sort((a, b) => (a.changedAt < b.changedAt ? 1 : -1));
  say(document.getElementById("risk-result"), null);
  document.getElementById("risk-level").value = String(shown.riskLevel);
  document.getElementById("risk-reason").value = "";
  showCountry();
  document.getElementById("country-page").focus();
}

function showCountry() {
  const c = shown;
  say(document.getElementById("country-name"), () => name(c));
  const level = (t) => t.riskLevels[c.riskLevel] || String(c.riskLevel);
  say(document.getElementById("country-risk"), (t) => (c.riskChangedAt ? fill(t.riskNow, { 0: level(t),
    1: dateTime(c.riskChangedAt), 2: bdi(c.riskChangedBy), 3: bdi(c.riskReason || "") }) : fill(t.riskNever, { 0: level(t) })));
  const items = history.map((x) => {
    const li = document.createElement("li");
    li.dataset.test = "risk-change";
    li.append(...fill(texts.riskChanged, { 0: dateTime(x.changedAt), 1: texts.riskLevels[x.previousLevel]
      || String(x.previousLevel), 2: texts.riskLevels[x.newLevel] || String(x.newLevel), 3: bdi(x.changedBy),
    4: bdi(x.reason || "") }));
    return li;
  });
  if (!items.length) {
    const li = document.createElement("li");
    li.textContent = texts.riskNoHistory;
    items.push(li);
  }
  document.getElementById("risk-history").replaceChildren(...items);
}

/** A new level for the country shown, with its reason; the list and the history read again. */
async function save(event) {
  event.preventDefault();
  const c = shown;
  const result = document.getElementById("risk-result");
  if (!c) return;
  const r = await api("PUT", "/api/v1/countries/" + c.iso2 + "/risk", {
    level: Number(document.getElementById("risk-level").value),
    reason: document.getElementById("risk-reason").value.trim() }).catch(() => null);
  if (r && r.status === 200) {
    await openCountry(c.iso2);
    say(result, (t) => t.riskSaved);
    const answer = await api("GET", "/api/v1/countries").catch(() => null);
    if (answer && answer.status === 200) {
      list = await answer.json();
      draw();
    }
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (t) => (r ? refusal(e) : t.failed));
  }
}

document.getElementById("risk-form").addEventListener("submit", save);
