// The case worker's screens: its open cases, overdue check-ins and referrals first; a case with its people, needs,
// referrals and check-ins. What the API returns is what the role and region allow: nothing is filtered here.
import { api } from "./api.js";
import { bdi, date, number, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { href, may, screen } from "./screens.js";

let texts = null;
let rows = [];            // the case worker's cases as last listed

export async function start(session, t) {
  texts = t;
  shown = null;
  if (!may(session, screen("cases"))) return;
  const r = await api("GET", "/api/v1/reintegration/cases/mine?limit=50").catch(() => null);
  rows = r && r.status === 200 ? await r.json() : [];
  showRows();
}

function showRows() {
  const body = document.getElementById("case-rows");
  body.replaceChildren(...rows.map((c) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "case-row";
    if (c.overdue) tr.className = "overdue";
    const open = document.createElement("button");
    open.type = "button";
    open.append(bdi(c.destinationCity));
    open.dataset.case = c.id;
    open.addEventListener("click", () => { location.hash = href("cases", c.id); });
    tr.append(cell(open), cell(number(c.people)), cell(number(c.openNeeds)), cell(date(c.nextDueAt)),
      cell(c.overdue ? texts.overdue : ""));
    return tr;
  }));
  document.getElementById("cases-empty").hidden = rows.length > 0;
}

export function relabel(t) {
  texts = t;
  showRows();
  if (shown) render(shown);
}

let shown = null;

/** A case's page (its address, #/cases/<id>). */
export async function openCase(id) {
  return show(id);
}

async function show(id) {
  const r = await api("GET", "/api/v1/reintegration/cases/" + id).catch(() => null);
  if (!r || r.status !== 200) return;
  render(await r.json());
  document.getElementById("case").focus();
}

/** The case's page, with what the case worker can change on it: each need's status, a new need, a check-in done. */
function render(c) {
  shown = c;
  document.getElementById("case-place").replaceChildren(bdi(c.placeName || c.destinationCity), " — ",
    bdi(c.region || ""));
  list("case-members", c.members.map((m) => (m.fullName ? bdi(m.fullName) : texts.person + " " + number(m.seq))));
  document.getElementById("case-needs").replaceChildren(...c.needs.map((n) => {
    const li = document.createElement("li");
    li.dataset.need = n.id;
    const label = document.createElement("span");
    label.textContent = texts.kinds[n.kind] + " — " + texts.statuses[n.status] + " ";
    const select = document.createElement("select");
    select.setAttribute("aria-label", texts.needStatusOf.replace("{0}", texts.kinds[n.kind]));
    for (const st of Object.keys(texts.statuses)) {
      const o = document.createElement("option");
      o.value = st;
      o.textContent = texts.statuses[st];
      o.selected = st === n.status;
      select.append(o);
    }
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = texts.update;
    b.addEventListener("click", () => change("/needs/" + n.id + "/status",
      { status: select.value, version: n.version, note: null }));
    li.append(label, select, " ", b);
    return li;
  }));
  list("case-referrals", c.referrals.map((f) => [bdi(f.partnerName), " — ", f.answer ? bdi(f.answer)
    : texts.unanswered]));
  document.getElementById("case-checkins").replaceChildren(...c.checkIns.map((k) => {
    const li = document.createElement("li");
    li.textContent = date(k.dueAt) + " — " + texts.checkInStates[k.state] + " ";
    if (k.state === "SENT" || k.state === "ANSWERED") {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = texts.markDone;
      b.addEventListener("click", () => change("/check-ins/" + k.id + "/done", { notes: null }));
      li.append(b);
    }
    return li;
  }));
  const member = document.getElementById("need-member");
  const household = document.createElement("option");
  household.value = "";
  household.textContent = texts.wholeHousehold;
  member.replaceChildren(household, ...c.members.map((m) => {
    const o = document.createElement("option");
    o.value = m.seq;
    o.textContent = m.fullName || texts.person + " " + number(m.seq);
    return o;
  }));
  const kind = document.getElementById("need-kind");
  const chosen = kind.value;
  kind.replaceChildren(...Object.keys(texts.kinds).map((k) => {
    const o = document.createElement("option");
    o.value = k;
    o.textContent = texts.kinds[k];
    return o;
  }));
  if (chosen) kind.value = chosen;
}

/** A change to the case; the answer is the case as it now is (or why not, a stale need's version among them). */
async function change(path, body) {
  const r = await api("POST", "/api/v1/reintegration/cases/" + shown.id + path, body).catch(() => null);
  const result = document.getElementById("case-result");
  if (!r) {
    say(result, (t) => t.failed);
  } else if (r.status === 200 || r.status === 201) {
    say(result, (t) => t.saved);
    render(await r.json());
  } else {
    const e = await r.json().catch(() => null);
    say(result, (t) => (r.status === 409 ? t.caseStale : refusal(e)));
    const again = await api("GET", "/api/v1/reintegration/cases/" + shown.id).catch(() => null);
    if (again && again.status === 200) render(await again.json());
  }
}

document.getElementById("need-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const seq = document.getElementById("need-member").value;
  change("/needs", { memberSeq: seq === "" ? null : Number(seq), kind: document.getElementById("need-kind").value,
    notes: document.getElementById("need-notes").value || null });
  document.getElementById("need-notes").value = "";
});

function list(id, items) {
  document.getElementById(id).replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    li.append(...[item].flat());
    return li;
  }));
}

function cell(content) {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

