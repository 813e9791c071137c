// The repatriation of remains (#/remains, a case at #/remains/<id>), for consular officers (their consulate's cases)
// and the crisis cell: the cases by state, a case opened, and a case's progress: its four documents, its transport,
// its costs and who bears them, and its state moved forward (the API refuses a step that is not ready, and says why).
// Every change carries the version read (If-Match): a change made by someone else meanwhile is refused, said, and
// the case read again, never overwritten.
import { api } from "./api.js";
import { bdi, date, fill, locale, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { href, may, screen } from "./screens.js";

const STATES = ["OPENED", "DOCUMENTS_IN_PROGRESS", "CLEARED_FOR_TRANSPORT", "IN_TRANSIT", "ARRIVED", "HANDED_OVER"];
const DOCUMENT_STATES = ["MISSING", "REQUESTED", "RECEIVED", "ISSUED"];

let texts = null;
let allowed = false;
let list = null;           // the cases of the state chosen, as the API lists them
let shown = null;          // the case open: {view, etag}
let latest = null;         // the newest reading of a case: an older answer is dropped

export function start(session, t) {
  texts = t;
  allowed = may(session, screen("remains"));
  forget();
}

export function relabel(t) {
  texts = t;
  if (list) draw();
  if (shown) showCase();
}

export function forget() {
  list = null;
  shown = null;
  document.getElementById("remains-rows").replaceChildren();
  document.getElementById("remains-documents").replaceChildren();
  document.getElementById("remains-costs").replaceChildren();
  for (const id of ["remains-result", "remains-case-result", "remains-case-name", "remains-case-facts",
    "remains-case-state"]) {
    say(document.getElementById(id), null);
  }
}

/** The list, read again each time it is shown; a case's page when the address names one. */
export async function enter(r) {
  if (!allowed) return;
  if (r.id) {
    openCase(r.id);
    return;
  }
  await load();
}

async function load() {
  const status = document.getElementById("remains-status").value;
  const r = await api("GET", "/api/v1/remains" + (status ? "?status=" + status : "")).catch(() => null);
  if (!r || r.status !== 200) return;
  list = await r.json();
  draw();
}

function draw() {
  const rows = list.map((c) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "remains-row";
    tr.dataset.case = c.id;
    const link = document.createElement("a");
    link.href = href("remains", c.id);
    link.append(bdi(c.deceasedName));
    tr.append(cell(link), cell(bdi(c.country)), cell(date(c.dateOfDeath)), cell(bdi(c.destinationCity)),
      cell(texts.remainsStates[c.status] || bdi(c.status)));
    return tr;
  });
  document.getElementById("remains-rows").replaceChildren(...rows);
  document.getElementById("remains-empty").hidden = rows.length > 0;
}

function cell(...parts) {
  const td = document.createElement("td");
  td.append(...parts);
  return td;
}

async function openCase(id) {
  const reading = {};
  latest = reading;
  const r = await api("GET", "/api/v1/remains/" + id).catch(() => null);
  if (latest !== reading || !r || r.status !== 200) return;
  shown = { view: await r.json(), etag: r.headers.get("ETag") };
  showCase();
  document.getElementById("remains-case").focus();
}

function showCase() {
  const c = shown.view;
  say(document.getElementById("remains-case-name"), () => bdi(c.deceasedName));
  say(document.getElementById("remains-case-facts"), (t) => fill(t.remainsFacts, { 0: date(c.dateOfDeath),
    1: bdi(c.placeOfDeath), 2: bdi(c.family.name), 3: bdi(c.family.relation), 4: bdi(c.family.phone),
    5: bdi(c.destinationCity) }));
  say(document.getElementById("remains-case-state"), (t) => fill(t.remainsStateIs, {
    0: t.remainsStates[c.status] || bdi(c.status) }));
  const next = STATES[STATES.indexOf(c.status) + 1];
  const button = document.getElementById("remains-next");
  button.hidden = !next;
  if (next) button.textContent = fill(texts.remainsNextTo, { 0: texts.remainsStates[next] }).join("");
  button.onclick = () => change("/status", "POST", { status: next });
  document.getElementById("remains-documents").replaceChildren(...c.documents.map(documentRow));
  const t = c.transport;
  if (t) {
    document.getElementById("transport-mode").value = t.mode;
    document.getElementById("transport-carrier").value = t.carrier;
    document.getElementById("transport-reference").value = t.reference;
  }
  document.getElementById("remains-costs").replaceChildren(...c.costs.map((x) => {
    const li = document.createElement("li");
    li.dataset.test = "remains-cost-line";
    const amount = new Intl.NumberFormat(locale(), { style: "currency", currency: x.currency }).format(Number(x.amount));
    li.append(...fill(texts.costLine, { 0: bdi(x.item), 1: amount, 2: texts.borneBy[x.borneBy] || bdi(x.borneBy) }));
    return li;
  }));
}

/** A document's row: its kind, its state and reference to change, and a button that saves them. */
function documentRow(d) {
  const tr = document.createElement("tr");
  tr.dataset.test = "remains-document";
  tr.dataset.kind = d.kind;
  const state = document.createElement("select");
  state.dataset.test = "document-state-" + d.kind;
  state.setAttribute("aria-label", texts.documentKinds[d.kind] + " — " + texts.state);
  state.append(...DOCUMENT_STATES.map((s) => {
    const o = document.createElement("option");
    o.value = s;
    o.textContent = texts.documentStates[s];
    return o;
  }));
  state.value = d.state;
  const reference = document.createElement("input");
  reference.dataset.test = "document-reference-" + d.kind;
  reference.setAttribute("aria-label", texts.documentKinds[d.kind] + " — " + texts.reference);
  reference.maxLength = 100;
  reference.dir = "ltr";
  reference.value = d.reference || "";
  const save = document.createElement("button");
  save.type = "button";
  save.dataset.test = "document-save-" + d.kind;
  save.textContent = texts.saveRow;
  save.addEventListener("click", () => change("/documents/" + d.kind, "PUT", { state: state.value,
    reference: reference.value.trim() || null }));
  tr.append(cell(texts.documentKinds[d.kind] || bdi(d.kind)), cell(state), cell(reference), cell(save));
  return tr;
}

/** A change to the case shown, with the version read; the answer is the case as it now is. */
async function change(path, method, body) {
  const result = document.getElementById("remains-case-result");
  const c = shown;
  const r = await api(method, "/api/v1/remains/" + c.view.id + path, body, undefined, { "If-Match": c.etag })
    .catch(() => null);
  if (r && r.status === 200) {
    shown = { view: await r.json(), etag: r.headers.get("ETag") };
    say(result, (t) => t.saved);
    showCase();
  } else if (r && (r.status === 409 || r.status === 412)) {
    say(result, (t) => t.remainsStale);
    await openCase(c.view.id);
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (t) => (r ? refusal(e) : t.failed));
  }
}

async function open(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim() || null;
  const body = { deceasedName: value("remains-name"), dateOfBirth: value("remains-birth"),
    documentNumber: value("remains-document"), dateOfDeath: value("remains-death"), placeOfDeath: value("remains-place"),
    country: (value("remains-country") || "").toUpperCase() || null, familyName: value("remains-family"),
    familyPhone: value("remains-family-phone"), familyRelation: value("remains-family-relation"),
    destinationCity: value("remains-destination") };
  const result = document.getElementById("remains-result");
  const r = await api("POST", "/api/v1/remains", body).catch(() => null);
  if (r && r.status === 201) {
    const c = await r.json();
    document.getElementById("remains-form").reset();
    say(result, (t) => t.remainsOpened);
    location.hash = href("remains", c.id);
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (t) => (r ? refusal(e) : t.failed));
  }
}

document.getElementById("remains-status").addEventListener("change", load);
document.getElementById("remains-form").addEventListener("submit", open);
document.getElementById("remains-transport").addEventListener("submit", (event) => {
  event.preventDefault();
  const departs = document.getElementById("transport-departs").value;
  change("/transport", "PUT", { mode: document.getElementById("transport-mode").value.trim(),
    carrier: document.getElementById("transport-carrier").value.trim(),
    reference: document.getElementById("transport-reference").value.trim(),
    departsAt: departs ? new Date(departs).toISOString() : null });
});
document.getElementById("remains-cost").addEventListener("submit", (event) => {
  event.preventDefault();
  change("/costs", "POST", { item: document.getElementById("cost-item").value.trim(),
    amount: document.getElementById("cost-amount").value.trim().replace(",", "."),
    currency: document.getElementById("cost-currency").value.trim().toUpperCase(),
    borneBy: document.getElementById("cost-borne").value });
  document.getElementById("cost-item").value = "";
  document.getElementById("cost-amount").value = "";
});
