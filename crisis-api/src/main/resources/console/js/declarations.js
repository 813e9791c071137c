// The consulate's queue of citizens' own declarations (issue 34): oldest first, each with what it says and the records
// it may duplicate (the registry's duplicate rules, or only the same phone), to confirm, to merge into a confirmed
// record that already holds the person, or to refuse with a reason the citizen receives by SMS. What the list holds
// is what the API gives this user: an officer sees their consulate's, and a match outside their jurisdiction only
// as such, without its id.
import { api } from "./api.js";
import { may, screen } from "./screens.js";
import { bdi, dateTime, day, fill, joined, nodes, number, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { countryName } from "./zones.js";

let texts = null;
let allowed = false;
let queue = null;      // the page of declarations as last listed
let refusing = null;   // the declaration whose refusal is being written

export function start(session, t) {
  texts = t;
  queue = null;
  allowed = may(session, screen("declarations"));
  document.getElementById("declarations-list").replaceChildren();
}

export function enter() {
  if (allowed) refresh();
}

export function relabel(t) {
  texts = t;
  if (queue) draw();
}

async function refresh() {
  const r = await api("GET", "/api/v1/registrations/pending?limit=100").catch(() => null);
  if (!r || r.status !== 200) {
    say(document.getElementById("declarations-status"), (t) => t.failed);
    return;
  }
  queue = await r.json();
  draw();
}

function draw() {
  document.getElementById("declarations-list").replaceChildren(...queue.items.map(item));
  document.getElementById("declarations-empty").hidden = queue.items.length > 0;
  document.getElementById("declarations-count").textContent = number(queue.total);
}

/** A term and what it says, as a pair of a description list. */
function pair(term, ...what) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.append(...nodes(what));
  return [dt, dd];
}

function fullName(r) {
  const latin = r.givenNameLatin + " " + r.familyNameLatin;
  const arabic = [r.givenNameArabic, r.familyNameArabic].filter(Boolean).join(" ");
  return arabic ? [bdi(latin), " — ", bdi(arabic)] : [bdi(latin)];
}

/** A phone number, left to right inside a right-to-left line (the + before the digits). */
function phone(digits) {
  const el = bdi(digits);
  el.dir = "ltr";
  return el;
}

function stay(r) {
  const parts = [texts.residenceTypes[r.residenceType] || bdi(r.residenceType)];
  if (r.stayPurpose) parts.push(texts.stayPurposes[r.stayPurpose] || bdi(r.stayPurpose));
  if (r.arrivalDate && r.departureDate) {
    parts.push(fill(texts.stayDates, { 0: day(r.arrivalDate), 1: day(r.departureDate) }));
  }
  return joined([bdi(countryName(r.countryOfResidence)), ...parts]);
}

function household(r) {
  const people = r.household.length
    ? fill(texts.withPeople, { 0: number(r.household.length) }) : texts.alone;
  return joined([people, ...r.vulnerabilities.map((v) => texts.vulnerabilities[v] || bdi(v))]);
}

function item(p) {
  const r = p.registration;
  const li = document.createElement("li");
  li.dataset.declaration = r.id;
  const article = document.createElement("article");
  article.setAttribute("aria-labelledby", "declaration-" + r.id);
  const h3 = document.createElement("h3");
  h3.id = "declaration-" + r.id;
  h3.append(...fullName(r));
  const dl = document.createElement("dl");
  dl.append(...pair(texts.born, day(r.dateOfBirth)), ...pair(texts.phone, phone(r.phone)),
    ...pair(texts.stay, stay(r)), ...pair(texts.householdOf, household(r)),
    ...pair(texts.declaredAt, dateTime(r.createdAt)));
  const h4 = document.createElement("h4");
  h4.textContent = texts.possibleDuplicates;
  article.append(h3, dl, h4, duplicates(p));
  const actions = document.createElement("p");
  actions.className = "actions";
  actions.append(button(texts.confirmDeclaration, "confirm-" + r.id,
    () => act("POST", "/api/v1/registrations/pending/" + r.id + "/confirm", null, (t) => t.declarationConfirmed)));
  actions.append(" ", button(texts.refuseDeclaration, "refuse-" + r.id, () => askReason(r)));
  article.append(actions);
  li.append(article);
  return li;
}

function duplicates(p) {
  if (!p.possibleDuplicates.length) {
    const none = document.createElement("p");
    none.textContent = texts.noDuplicates;
    return none;
  }
  const ul = document.createElement("ul");
  ul.append(...p.possibleDuplicates.map((d) => {
    const li = document.createElement("li");
    const rule = texts.duplicateRules[d.rule] || bdi(d.rule);
    if (!d.id) {
      li.append(...nodes(fill(texts.duplicateElsewhere, { 0: rule })));
      return li;
    }
    li.dataset.duplicate = d.id;
    li.append(...nodes(fill(texts.duplicateOf, { 0: rule, 1: bdi(d.id.slice(0, 8)),
      2: texts.confirmations[d.confirmation] || bdi(d.confirmation) })));
    if (d.confirmation === "CONFIRMED") {
      // The consulate's record is kept; the declaration folds into it.
      li.append(" ", button(texts.mergeInto, "merge-" + p.registration.id + "-" + d.id,
        () => act("POST", "/api/v1/registrations/" + d.id + "/merge", { duplicateId: p.registration.id },
          (t) => t.declarationMerged)));
    }
    return li;
  }));
  return ul;
}

function button(text, test, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.dataset.test = test;
  b.addEventListener("click", onClick);
  return b;
}

async function act(method, path, body, done) {
  const status = document.getElementById("declarations-status");
  const r = await api(method, path, body).catch(() => null);
  if (!r) {
    say(status, (t) => t.failed);
  } else if (r.status === 200) {
    say(status, done);
  } else {
    const e = await r.json().catch(() => null);
    say(status, () => refusal(e));
  }
  await refresh();
}

function askReason(r) {
  refusing = r;
  document.getElementById("refuse-who").replaceChildren(...fullName(r));
  document.getElementById("refuse-reason").value = "";
  document.getElementById("refuse-dialog").showModal();
}

document.getElementById("refuse-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  document.getElementById("refuse-dialog").close();
  await act("POST", "/api/v1/registrations/pending/" + refusing.id + "/refuse",
    { reason: document.getElementById("refuse-reason").value }, (t) => t.declarationRefused);
});
document.getElementById("refuse-cancel").addEventListener("click",
  () => document.getElementById("refuse-dialog").close());
