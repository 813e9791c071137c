// The crisis cell's crises: active, drafts and closed, newest first, each opening its crisis page. Read again each
// time the screen is shown, so that a crisis declared or closed meanwhile is where it now belongs.
import { api } from "./api.js";
import { bdi, dateTime, fill, number, say } from "./i18n.js";
import { href, may, screen } from "./screens.js";

let texts = null;
let allowed = false;
let status = "ACTIVE";
let shown = null;          // the API's answer for the status shown
let latest = null;         // the newest request: an older answer is dropped

export function start(session, t) {
  texts = t;
  shown = null;
  allowed = may(session, screen("crises"));
  for (const b of document.querySelectorAll("#crises-filter button")) {
    b.onclick = () => {
      status = b.dataset.status;
      refresh();
    };
  }
}

export function relabel(t) {
  texts = t;
  if (shown) draw();
}

/** Lists the crises of the status chosen (the screen shown). */
export async function refresh() {
  if (!allowed) return;
  for (const b of document.querySelectorAll("#crises-filter button")) {
    b.setAttribute("aria-pressed", String(b.dataset.status === status));
  }
  const controller = new AbortController();
  if (latest) latest.abort();
  latest = controller;
  const r = await api("GET", "/api/v1/crises?status=" + status + "&limit=100", undefined, controller.signal)
    .catch(() => null);
  if (!r || r.status !== 200 || latest !== controller) return;
  shown = await r.json();
  draw();
}

function draw() {
  const rows = shown.items.map((c) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "crisis-row";
    tr.dataset.crisis = c.id;
    const link = document.createElement("a");
    link.href = href("crisis", c.id);
    link.append(bdi(c.title));
    const when = c.status === "CLOSED" ? c.closedAt : c.status === "ACTIVE" ? c.activatedAt : c.createdAt;
    tr.append(cell(link), cell(texts["type" + c.type] || bdi(c.type)),
      cell(texts["severity" + c.severity] || bdi(c.severity)), cell(number(c.zones.length)),
      cell(number(c.messages.length)), cell(dateTime(when)));
    return tr;
  });
  document.getElementById("crisis-rows").replaceChildren(...rows);
  document.getElementById("crises-empty").hidden = rows.length > 0;
  const total = shown.total;
  const which = status;
  say(document.getElementById("crises-count"), (t) => fill(t.crisesShown, { 0: total, 1: t["crisisStatus" + which] }));
}

function cell(x) {
  const td = document.createElement("td");
  td.append(x);
  return td;
}
