// The reintegration partners (#/partners): the institutions of each region and the kinds of need they take, which
// case workers refer needs to. The crisis cell adds them; a case worker reads its region's (the API decides which).
import { api } from "./api.js";
import { bdi, fill, joined, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { may, screen } from "./screens.js";

let texts = null;
let allowed = false;
let adds = false;          // the crisis cell: it may add partners
let regions = [];          // the regions: {code, name}
let partners = null;       // as the API last listed them

export function start(session, t) {
  texts = t;
  allowed = may(session, screen("partners"));
  adds = allowed && session.role === "CRISIS_CELL";
  partners = null;
  document.getElementById("partner-rows").replaceChildren();
  document.getElementById("partner-form").hidden = !adds;
  say(document.getElementById("partner-result"), null);
}

/** Forgets the partners listed (sign-out): the next user of this browser sees none of them. */
export function forget() {
  partners = null;
  document.getElementById("partner-rows").replaceChildren();
  say(document.getElementById("partner-result"), null);
}

export function relabel(t) {
  texts = t;
  kindBoxes();
  showRegions();
  if (partners) draw();
}

/** The screen shown: the regions (once) and the partners of the region chosen, read again. */
export async function enter() {
  if (!allowed) return;
  if (!regions.length) {
    const r = await api("GET", "/api/v1/reintegration/regions").catch(() => null);
    if (r && r.status === 200) regions = await r.json();
    showRegions();
    kindBoxes();
  }
  await load();
}

async function load() {
  const region = document.getElementById("partners-region").value;
  const r = await api("GET", "/api/v1/reintegration/partners" + (region ? "?region=" + encodeURIComponent(region)
    : "")).catch(() => null);
  if (!r || r.status !== 200) return;
  partners = await r.json();
  draw();
}

function regionName(code) {
  const found = regions.find((x) => x.code === code);
  return found ? found.name : code;
}

/** The two lists of regions (the filter, the form's), the choices kept. */
function showRegions() {
  for (const [id, first] of [["partners-region", texts.allRegions], ["partner-region", texts.chooseRegion]]) {
    const select = document.getElementById(id);
    const chosen = select.value;
    const none = document.createElement("option");
    none.value = "";
    none.textContent = first;
    select.replaceChildren(none, ...regions.map((x) => {
      const o = document.createElement("option");
      o.value = x.code;
      // A region's name as the API gives it, isolated (an option holds text only).
      o.textContent = "\u2068" + x.name + "\u2069";
      return o;
    }));
    select.value = chosen;
  }
}

/** A box per kind of need, in the language in use; what was ticked stays ticked. */
function kindBoxes() {
  const set = document.getElementById("partner-kinds");
  const ticked = new Set([...set.querySelectorAll("input:checked")].map((i) => i.value));
  const legend = set.querySelector("legend");
  set.replaceChildren(legend, ...Object.keys(texts.kinds).map((k) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = k;
    box.dataset.test = "partner-kind-" + k;
    box.checked = ticked.has(k);
    label.append(box, " ", texts.kinds[k]);
    return label;
  }));
}

function draw() {
  const rows = partners.map((p) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "partner-row";
    tr.dataset.partner = p.id;
    tr.append(cell(bdi(p.name)), cell(bdi(regionName(p.region))), cell(bdi(p.contact)),
      cell(...joined(p.kinds.map((k) => texts.kinds[k] || bdi(k)), texts.comma)));
    return tr;
  });
  document.getElementById("partner-rows").replaceChildren(...rows);
  document.getElementById("partners-empty").hidden = rows.length > 0;
}

function cell(...parts) {
  const td = document.createElement("td");
  td.append(...parts);
  return td;
}

async function add(event) {
  event.preventDefault();
  const result = document.getElementById("partner-result");
  const body = { region: document.getElementById("partner-region").value || null,
    name: document.getElementById("partner-name").value.trim(),
    contact: document.getElementById("partner-contact").value.trim(),
    kinds: [...document.querySelectorAll("#partner-kinds input:checked")].map((i) => i.value) };
  const r = await api("POST", "/api/v1/reintegration/partners", body).catch(() => null);
  if (r && r.status === 201) {
    const p = await r.json();
    say(result, (t) => fill(t.partnerAdded, { 0: bdi(p.name) }));
    document.getElementById("partner-form").reset();
    await load();
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (t) => (r ? refusal(e) : t.failed));
  }
}

document.getElementById("partners-region").addEventListener("change", load);
document.getElementById("partner-form").addEventListener("submit", add);
