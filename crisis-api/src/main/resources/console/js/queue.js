// The consular officer's queue: the assistance requests of its consulate (the crisis cell: all), people with a
// vulnerability first and then the newest, to take and to close with what was done. Refreshed every few seconds while
// shown; what the list holds is what the API gives this user.
import { api } from "./api.js";
import { may, screen } from "./screens.js";
import { bdi, dateTime, fill, joined, number, say } from "./i18n.js";
import { refusal } from "./reasons.js";

let texts = null;
let timer = null;
let allowed = false;
let requests = null;      // the assistance requests as last listed
let waiting = [];         // the evacuation requests as last listed

export function start(session, t) {
  texts = t;
  leave();
  requests = null;
  allowed = may(session, screen("queue"));
}

/** The queue shown: read now, and again every few seconds until it is left. */
export function enter() {
  if (!allowed || timer) return;
  refresh();
  timer = setInterval(refresh, 10000);
}

export function leave() {
  if (timer) clearInterval(timer);
  timer = null;
}

export function relabel(t) {
  texts = t;
  if (requests) showRequests();
  showEvacuations();
}

async function refresh() {
  evacuations();
  const r = await api("GET", "/api/v1/assistance-requests?order=urgent&limit=100").catch(() => null);
  if (!r || r.status !== 200) return;
  requests = await r.json();
  showRequests();
}

function showRequests() {
  document.getElementById("queue-rows").replaceChildren(...requests.items.map(row));
  document.getElementById("queue-empty").hidden = requests.items.length > 0;
  document.getElementById("queue-count").textContent = number(requests.total);
}

// The evacuation requests of the consulate in the active crises, in the order the server gives (the core's rule:
// those still waiting for a seat first, then the households with a special need, then the newest); each with its
// crisis's title, travellers, needs, laissez-passer and seat.
async function evacuations() {
  const r = await api("GET", "/api/v1/evacuation/queue?limit=200").catch(() => null);
  if (!r || r.status !== 200) return;
  waiting = (await r.json()).items;
  showEvacuations();
}

function needs(x) {
  return x.travellers.reduce((n, t) => n + t.needs.length, 0);
}

function showEvacuations() {
  document.getElementById("evacuation-rows").replaceChildren(...waiting.map((x) => {
    const tr = document.createElement("tr");
    tr.dataset.request = x.id;
    if (needs(x)) tr.className = "urgent";
    const missing = x.travellers.filter((t) => t.laissezPasser === "REQUIRED").length;
    const cells = [bdi(x.crisisTitle), joined(x.travellers.map((t) => bdi(t.fullName))),
      joined([...new Set(x.travellers.flatMap((t) => t.needs))].map((n) => texts.specialNeeds[n] || bdi(n))),
      texts.evacuationStates[x.state] || bdi(x.state),
      x.assignment ? bdi(x.assignment.boardingCode) : "",
      missing ? fill(texts.laissezPasserMissing, { 0: missing }) : ""];
    for (const v of cells) {
      const td = document.createElement("td");
      td.append(...[v].flat());
      tr.append(td);
    }
    return tr;
  }));
  document.getElementById("evacuation-empty").hidden = waiting.length > 0;
}

function row(a) {
  const tr = document.createElement("tr");
  tr.dataset.request = a.id;
  if (a.vulnerabilities.length) tr.className = "urgent";
  const who = document.createElement("td");
  who.append(bdi(a.givenName + " " + a.familyName));
  const phone = document.createElement("td");
  phone.append(bdi(a.phone));
  const said = document.createElement("td");
  said.append(bdi(a.replyBody));
  const household = document.createElement("td");
  household.append(...joined([fill(texts.peopleCount, { 0: a.people }),
    ...a.vulnerabilities.map((v) => texts.vulnerabilities[v] || bdi(v))]).flat());
  const when = document.createElement("td");
  when.textContent = dateTime(a.createdAt);
  const action = document.createElement("td");
  if (!a.takenBy) {
    const take = document.createElement("button");
    take.type = "button";
    take.textContent = texts.take;
    take.addEventListener("click", () => change(a.id, "take"));
    action.append(take);
  } else {
    const by = document.createElement("span");
    by.append(...fill(texts.takenBy, { 0: bdi(a.takenBy) }), " ");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = texts.closeRequest;
    close.addEventListener("click", () => askOutcome(a));
    action.append(by, close);
  }
  tr.append(who, phone, said, household, when, action);
  return tr;
}

async function change(id, what, body) {
  const status = document.getElementById("queue-status");
  const r = await api("POST", "/api/v1/assistance-requests/" + id + "/" + what, body).catch(() => null);
  if (!r) {
    say(status, (t) => t.failed);
  } else if (r.status === 200) {
    say(status, (t) => (what === "take" ? t.taken : t.closed));
  } else {
    const e = await r.json().catch(() => null);
    say(status, () => refusal(e));
  }
  await refresh();
}

let closing = null;

function askOutcome(a) {
  closing = a;
  document.getElementById("outcome-who").replaceChildren(bdi(a.givenName + " " + a.familyName));
  document.getElementById("outcome").value = "";
  document.getElementById("close-dialog").showModal();
}

document.getElementById("close-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  document.getElementById("close-dialog").close();
  await change(closing.id, "close", { outcome: document.getElementById("outcome").value });
});
document.getElementById("close-cancel").addEventListener("click", () => document.getElementById("close-dialog").close());
