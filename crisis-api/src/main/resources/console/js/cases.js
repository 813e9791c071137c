// The case worker's screens: its open cases, overdue check-ins and referrals first; a case with its people, needs,
// referrals and check-ins. What the API returns is what the role and region allow: nothing is filtered here.
import { api } from "./api.js";

let texts = null;

export async function start(session, t) {
  texts = t;
  const section = document.getElementById("cases");
  document.getElementById("case").hidden = true;
  if (!session || session.role !== "CASEWORKER") {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const r = await api("GET", "/api/v1/reintegration/cases/mine?limit=50");
  const rows = r.status === 200 ? await r.json() : [];
  const body = document.getElementById("case-rows");
  body.replaceChildren(...rows.map((c) => {
    const tr = document.createElement("tr");
    if (c.overdue) tr.className = "overdue";
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = c.destinationCity;
    open.dataset.case = c.id;
    open.addEventListener("click", () => show(c.id));
    tr.append(cell(open), cell(number(c.people)), cell(number(c.openNeeds)), cell(date(c.nextDueAt)),
      cell(c.overdue ? texts.overdue : ""));
    return tr;
  }));
  document.getElementById("cases-empty").hidden = rows.length > 0;
}

export function relabel(t) {
  texts = t;
}

async function show(id) {
  const r = await api("GET", "/api/v1/reintegration/cases/" + id);
  if (r.status !== 200) return;
  const c = await r.json();
  document.getElementById("case").hidden = false;
  document.getElementById("case-place").textContent = (c.placeName || c.destinationCity) + " — " + (c.region || "");
  list("case-members", c.members.map((m) => (m.fullName || texts.person + " " + number(m.seq))));
  list("case-needs", c.needs.map((n) => texts.kinds[n.kind] + " — " + texts.statuses[n.status]));
  list("case-referrals", c.referrals.map((f) => f.partnerName + " — " + (f.answer || texts.unanswered)));
  list("case-checkins", c.checkIns.map((k) => date(k.dueAt) + " — " + texts.checkInStates[k.state]));
  document.getElementById("case").focus();
}

function list(id, items) {
  document.getElementById(id).replaceChildren(...items.map((text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
}

function cell(content) {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

function number(n) {
  return new Intl.NumberFormat(document.documentElement.lang).format(n);
}

function date(iso) {
  return iso ? new Date(iso).toLocaleDateString(document.documentElement.lang) : "";
}
