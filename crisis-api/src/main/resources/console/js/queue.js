// The consular officer's queue: the assistance requests of its consulate (the crisis cell: all), people with a
// vulnerability first and then the newest, to take and to close with what was done. Refreshed every few seconds;
// what the list holds is what the API gives this user.
import { api, showFor } from "./api.js";
import { number } from "./i18n.js";

let texts = null;
let timer = null;

export async function start(session, t) {
  texts = t;
  if (timer) clearInterval(timer);
  timer = null;
  if (!showFor(session, "queue", ["CONSULAR_OFFICER", "CRISIS_CELL"])) return;
  await refresh();
  timer = setInterval(refresh, 10000);
}

export function relabel(t) {
  texts = t;
  refresh();
}


async function refresh() {
  evacuations();
  const r = await api("GET", "/api/v1/assistance-requests?order=urgent&limit=100");
  if (r.status !== 200) return;
  const page = await r.json();
  const rows = document.getElementById("queue-rows");
  rows.replaceChildren(...page.items.map(row));
  document.getElementById("queue-empty").hidden = page.items.length > 0;
  document.getElementById("queue-count").textContent = number(page.total);
}

// The evacuation requests of the consulate in the active crises: those still waiting for a seat first, then the
// households with a special need, then the newest; each with its travellers, needs, laissez-passer and seat.
const WAITING = { OPEN: 0, NO_SHOW: 1, ASSIGNED: 2, CHECKED_IN: 3, BOARDED: 4, ARRIVED: 5, CANCELLED: 6 };

async function evacuations() {
  const crises = await api("GET", "/api/v1/crises?status=ACTIVE&limit=50").catch(() => null);
  if (!crises || crises.status !== 200) return;
  const all = [];
  for (const c of (await crises.json()).items) {
    const r = await api("GET", "/api/v1/crises/" + c.id + "/evacuation/requests").catch(() => null);
    if (r && r.status === 200) {
      const body = await r.json();
      for (const x of (body.items || body)) all.push({ ...x, crisisTitle: c.title });
    }
  }
  const needs = (x) => x.travellers.reduce((n, t) => n + t.needs.length, 0);
  all.sort((a, b) => (WAITING[a.state] - WAITING[b.state]) || (needs(b) > 0) - (needs(a) > 0)
    || b.requestedAt.localeCompare(a.requestedAt));
  document.getElementById("evacuation-rows").replaceChildren(...all.map((x) => {
    const tr = document.createElement("tr");
    tr.dataset.request = x.id;
    if (needs(x)) tr.className = "urgent";
    const cells = [x.crisisTitle, x.travellers.map((t) => t.fullName).join(", "),
      [...new Set(x.travellers.flatMap((t) => t.needs))].map((n) => texts.specialNeeds[n] || n).join(", "),
      texts.evacuationStates[x.state] || x.state,
      x.assignment ? x.assignment.boardingCode : "",
      x.travellers.filter((t) => t.laissezPasser === "REQUIRED").length
        ? texts.laissezPasserMissing.replace("{0}", x.travellers.filter((t) => t.laissezPasser === "REQUIRED").length)
        : ""];
    for (const v of cells) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(td);
    }
    return tr;
  }));
  document.getElementById("evacuation-empty").hidden = all.length > 0;
}

function row(a) {
  const tr = document.createElement("tr");
  tr.dataset.request = a.id;
  if (a.vulnerabilities.length) tr.className = "urgent";
  const who = document.createElement("td");
  who.textContent = a.givenName + " " + a.familyName;
  const phone = document.createElement("td");
  phone.textContent = a.phone;
  phone.dir = "ltr";
  const said = document.createElement("td");
  said.textContent = a.replyBody;
  said.dir = "auto";
  const needs = document.createElement("td");
  needs.textContent = [texts.peopleCount.replace("{0}", number(a.people)),
    ...a.vulnerabilities.map((v) => texts.vulnerabilities[v] || v)].join(", ");
  const when = document.createElement("td");
  when.textContent = new Date(a.createdAt).toLocaleString(document.documentElement.lang);
  const action = document.createElement("td");
  if (!a.takenBy) {
    const take = document.createElement("button");
    take.type = "button";
    take.textContent = texts.take;
    take.addEventListener("click", () => change(a.id, "take"));
    action.append(take);
  } else {
    const by = document.createElement("span");
    by.textContent = texts.takenBy.replace("{0}", a.takenBy) + " ";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = texts.closeRequest;
    close.addEventListener("click", () => askOutcome(a));
    action.append(by, close);
  }
  tr.append(who, phone, said, needs, when, action);
  return tr;
}

async function change(id, what, body) {
  const status = document.getElementById("queue-status");
  const r = await api("POST", "/api/v1/assistance-requests/" + id + "/" + what, body);
  if (r.status === 200) {
    status.textContent = what === "take" ? texts.taken : texts.closed;
  } else {
    const e = await r.json().catch(() => ({}));
    status.textContent = e.message || texts.failed;
  }
  await refresh();
}

let closing = null;

function askOutcome(a) {
  closing = a;
  document.getElementById("outcome-who").textContent = a.givenName + " " + a.familyName;
  document.getElementById("outcome").value = "";
  document.getElementById("close-dialog").showModal();
}

document.getElementById("close-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  document.getElementById("close-dialog").close();
  await change(closing.id, "close", { outcome: document.getElementById("outcome").value });
});
document.getElementById("close-cancel").addEventListener("click", () => document.getElementById("close-dialog").close());
