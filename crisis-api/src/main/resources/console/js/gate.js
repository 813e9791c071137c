// The gate page, for a consular laptop or phone at an assembly point: the leg's passenger list kept in the browser
// (IndexedDB), check-in and boarding by boarding code (typed or scanned), passport or name, working without a
// connection. Every operation gets its id on the device and waits in an IndexedDB queue until the gate API has
// answered it: sending a batch again after a lost answer is harmless (the API answers it as replayed), and the page
// shows what is still pending. The service worker (sw.js) keeps the page itself loadable offline.
import { api, setCsrf } from "./api.js";
import { may, screen } from "./screens.js";
import { bdi, dateTime, digits, fill, isolated, joined, say } from "./i18n.js";
import { refusal, sentences } from "./reasons.js";

let texts = null;
let leg = null;           // the leg chosen: {id, label, details}
let passengers = [];      // as the API last listed them, with the local state of queued operations
let timer = null;
let syncing = false;
let author = null;        // who is signed in: operations are queued in their name and sent only by them

let listed = false;        // the legs can be listed: the gate is this session's, and it opened online

export async function start(session, t) {
  texts = t;
  author = session ? session.username : null;
  listed = false;
  if (timer) clearInterval(timer);
  timer = null;
  if (!may(session, screen("gate"))) return;
  network(!session.offline && navigator.onLine);
  const saved = JSON.parse(localStorage.getItem("gate-leg") || "null");
  if (saved && session.offline) {
    // Without a connection the legs cannot be listed: the one chosen before stays.
    const o = document.createElement("option");
    o.value = saved.id;
    o.textContent = saved.details && saved.details.reference ? legLabel(saved.details) : saved.label;
    if (saved.details) o.dataset.details = JSON.stringify(saved.details);
    document.getElementById("gate-leg").append(o);
    document.getElementById("gate-leg").value = saved.id;
  }
  if (saved) await choose(saved, false);
  listed = !session.offline;
  if (listed) await fillLegs();
  timer = setInterval(sync, 10000);
  await showPending();
}

export function relabel(t) {
  texts = t;
  for (const o of document.getElementById("gate-leg").options) {
    if (o.dataset.details) o.textContent = legLabel(JSON.parse(o.dataset.details));
  }
  if (leg) showLeg();
  render();
  showPending();
}

/** A leg as its option reads: reference, carrier and departure, each isolated (an option holds no element). */
function legLabel(d) {
  return [isolated(d.reference), isolated(d.carrier), isolated(dateTime(d.departsAt))].join(" — ");
}

/** The leg chosen, on screen: its reference, carrier and departure, each isolated; where to and from where. */
function showLeg() {
  const d = leg.details;
  say(document.getElementById("gate-leg-name"), () => (d && d.reference
    ? joined([bdi(d.reference), bdi(d.carrier), bdi(dateTime(d.departsAt))], " — ") : bdi(leg.label)));
  say(document.getElementById("gate-details"), (t) => (d ? fill(t.legDetails, { 0: bdi(d.destination), 1: d.seats,
    2: joined(d.points.map((p) => [bdi(p.name), p.opens ? " (" + digits(p.opens.slice(0, 5) + "–"
      + (p.closes || "").slice(0, 5)) + ")" : ""]), t.comma) }) : ""));
}

// IndexedDB: "lists" holds each leg's last passenger list, "ops" the operations not yet answered by the server.
function db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("crisis-gate", 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore("lists", { keyPath: "legId" });
      open.result.createObjectStore("ops", { keyPath: "id" }).createIndex("leg", "legId");
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function store(name, mode, work) {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(name, mode);
    const request = work(tx.objectStore(name));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

async function pendingOps() {
  if (!leg) return [];
  // Another user's operations (queued on this device before a sign-out) wait for them: never sent in this name.
  const all = await store("ops", "readonly", (s) => s.index("leg").getAll(leg.id));
  return all.filter((o) => o.author === author).sort((a, b) => a.seq - b.seq);
}

/** The gate shown: its legs listed again (one added, departed or cancelled since the page opened). */
export function enter() {
  if (listed) fillLegs();
}

let filling = null;        // the legs being listed: a second call waits for it instead of listing twice

function fillLegs() {
  if (!filling) filling = listLegs().finally(() => { filling = null; });
  return filling;
}

/**
 * The legs of the active crises in the list, changed in place: an option still there stays the same element (a user
 * choosing one while the list is read again keeps their choice), a new leg is added, one gone is removed.
 */
async function listLegs() {
  const select = document.getElementById("gate-leg");
  const r = await api("GET", "/api/v1/crises?status=ACTIVE&limit=50").catch(() => null);
  if (!r || r.status !== 200) return;
  const found = [];
  // Every crisis's legs asked at once, read in the crises' order.
  const answers = await Promise.all((await r.json()).items.map((c) => api("GET", "/api/v1/crises/" + c.id
    + "/evacuation/legs").then((l) => (l.status === 200 ? l.json() : [])).catch(() => [])));
  for (const legs of answers) {
    for (const x of legs) {
      if (x.state === "CANCELLED" || x.state === "ARRIVED") continue;
      found.push({ id: x.id, details: { seats: x.seats, state: x.state, destination: x.destinationCity,
        reference: x.reference, carrier: x.carrier, departsAt: x.departsAt,
        points: x.points.map((p) => ({ name: p.name, opens: p.opens, closes: p.closes })) } });
    }
  }
  const ids = new Set(found.map((f) => f.id));
  for (const o of [...select.options]) {
    if (o.value && !ids.has(o.value) && !(leg && leg.id === o.value)) o.remove();
  }
  for (const f of found) {
    let o = [...select.options].find((x) => x.value === f.id);
    if (!o) {
      o = document.createElement("option");
      o.value = f.id;
      select.append(o);
    }
    const details = JSON.stringify(f.details);
    if (o.dataset.details !== details) {
      o.dataset.details = details;
      o.textContent = legLabel(f.details);
    }
  }
  if (leg) select.value = leg.id;
}

/**
 * Forgets what this device keeps of the user who signs out, or of the previous user when another signs in: the
 * passenger lists (names, documents, codes) and the leg chosen. Queued operations stay, bound to their author.
 */
export async function forget() {
  leg = null;
  passengers = [];
  localStorage.removeItem("gate-leg");
  await store("lists", "readwrite", (s) => s.clear()).catch(() => {});
  const first = document.createElement("option");
  first.value = "";
  first.textContent = "—";
  document.getElementById("gate-leg").replaceChildren(first);
  document.getElementById("gate-query").value = "";
  document.getElementById("gate-results").replaceChildren();
  document.getElementById("manifests").hidden = true;
  document.getElementById("gate-leg-ops").hidden = true;
  say(document.getElementById("gate-leg-name"), null);
  say(document.getElementById("gate-details"), null);
  say(document.getElementById("gate-result"), null);
}

async function choose(chosen, reload) {
  leg = chosen;
  localStorage.setItem("gate-leg", JSON.stringify(leg));
  // The leg's assembly points, and its manifests for the carrier and the border police (downloads are audited).
  showLeg();
  document.getElementById("manifest-csv").href = "/api/v1/legs/" + leg.id + "/manifest.csv";
  document.getElementById("manifest-pdf").href = "/api/v1/legs/" + leg.id + "/manifest.pdf";
  document.getElementById("manifests").hidden = false;
  document.getElementById("gate-leg-ops").hidden = false;
  const kept = await store("lists", "readonly", (s) => s.get(chosen.id));
  if (leg !== chosen) return;
  passengers = kept ? kept.passengers : [];
  if (reload || !kept) await load();
  if (leg !== chosen) return;
  for (const o of await pendingOps()) {
    for (const p of passengers) {
      if (o.travellers.includes(p.travellerId)) p.status = "PENDING_" + o.type;
    }
  }
  render();
  await showPending();
}

/** The passenger list from the API, kept for offline use; pending operations stay shown on top of it. */
async function load() {
  // The user may sign out (forget) or choose another leg while the list is on its way: then it is dropped, never
  // kept on the device for the next user.
  const chosen = leg;
  const r = await api("GET", "/api/v1/legs/" + chosen.id + "/passengers").catch(() => null);
  if (leg !== chosen) return;
  if (!r || r.status !== 200) {
    network(false);
    return;
  }
  network(true);
  const list = await r.json();
  if (leg !== chosen) return;
  passengers = list;
  await store("lists", "readwrite", (s) => s.put({ legId: chosen.id, loadedAt: new Date().toISOString(),
    passengers: list }));
}

function network(up) {
  say(document.getElementById("gate-network"), (t) => (up ? t.online : t.offline));
}

/**
 * Text as the server compares it (TextFold), for the list kept offline: upper case without accents; Arabic without
 * vowel marks, tatweel or standalone hamza, one alef, ta marbuta as ha, alef maqsura and Persian ya as ya, Persian kaf
 * as kaf; Arabic-Indic digits as ASCII; anything else one space between words.
 */
function fold(text) {
  return (text || "").normalize("NFKD").replace(/[\p{Mn}\p{Mc}\p{Me}\u0640\u0621]/gu, "")
    .replace(/\u0671/g, "\u0627").replace(/\u0629/g, "\u0647").replace(/[\u0649\u06cc]/g, "\u064a")
    .replace(/\u06a9/g, "\u0643")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim().toUpperCase();
}

/**
 * The passengers a search finds, offline as the server would: a boarding code or a document number exactly, or part
 * of a name in either script (the name as in the document, or the registered Arabic name).
 */
function find(query) {
  const q = fold(query);
  if (!q) return [];
  return passengers.filter((p) => fold(p.household) === q || fold(p.documentNumber) === q
    || fold(p.fullName).includes(q) || fold(p.nameArabic).includes(q));
}

function render() {
  const query = document.getElementById("gate-query").value;
  const found = find(query);
  const list = document.getElementById("gate-results");
  list.replaceChildren(...found.map((p) => {
    const li = document.createElement("li");
    li.dataset.traveller = p.travellerId;
    li.dataset.test = "gate-passenger";
    const name = document.createElement("strong");
    name.append(bdi(p.fullName));
    // Name, document and boarding code are data, each isolated: in Arabic they keep their order and their own.
    li.append(...joined([name, p.documentNumber && bdi(p.documentNumber), p.household && bdi(p.household),
      texts.gateStates[p.status] || bdi(p.status)].filter((x) => x), " — "), " ");
    for (const type of ["CHECK_IN", "BOARD"]) {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.op = type;
      b.textContent = texts.gateOps[type];
      b.addEventListener("click", () => queue(type, { travellerId: p.travellerId }, [p.travellerId]));
      li.append(b);
    }
    return li;
  }));
  // A code that is not in the list kept here (taken after it was loaded) can still be sent as it is.
  const code = query.trim().toUpperCase();
  const unknown = document.getElementById("gate-unknown");
  unknown.hidden = !code || found.length > 0;
  document.getElementById("gate-unknown-text").replaceChildren(...fill(texts.gateUnknown, { 0: bdi(code) }));
  document.getElementById("gate-none").hidden = !query.trim() || found.length > 0;
}

async function queue(type, target, travellers) {
  const seq = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  const op = { id: crypto.randomUUID(), legId: leg.id, seq, type, ...target, travellers, author };
  await store("ops", "readwrite", (s) => s.put(op));
  for (const p of passengers) {
    if (travellers.includes(p.travellerId)) p.status = "PENDING_" + type;
  }
  render();
  await showPending();
  sync();
}

async function showPending() {
  const ops = await pendingOps();
  say(document.getElementById("gate-pending"), (t) => fill(t.gatePending, { 0: ops.length }));
  document.getElementById("gate-pending").dataset.count = ops.length;
}

/** Sends what is pending, oldest first, and forgets each operation the server answered. */
export async function sync() {
  if (syncing || !leg) return;
  const ops = await pendingOps();
  if (!ops.length) return;
  syncing = true;
  const result = document.getElementById("gate-result");
  try {
    // The CSRF token of the live session: the page may have been opened offline, without one.
    const s = await api("GET", "/api/v1/session").catch(() => null);
    if (!s) {
      network(false);
      return;
    }
    network(true);
    if (s.status !== 200) {
      say(result, (t) => t.gateSignInAgain);
      return;
    }
    const live = await s.json();
    if (live.username !== author) {
      // The page was opened (offline) as the last user here, but the session is someone else's.
      say(result, (t) => t.gateSignInAgain);
      return;
    }
    setCsrf(live.csrfToken);
    const body = { operations: ops.map((o) => ({ id: o.id, type: o.type, travellerId: o.travellerId,
      boardingCode: o.boardingCode })) };
    const r = await api("POST", "/api/v1/legs/" + leg.id + "/gate", body).catch(() => null);
    if (!r) {
      network(false);
      return;
    }
    if (r.status !== 200) {
      const e = await r.json().catch(() => null);
      // Refused as a whole (the leg is not this user's, a bad batch): shown as refused, never left pending. A lost
      // session or a busy server keeps them, to send again.
      if (r.status >= 400 && r.status < 500 && r.status !== 401 && r.status !== 429) {
        await store("ops", "readwrite", (st) => { for (const o of ops) st.delete(o.id); });
        await load().catch(() => {});
        render();
      }
      say(result, () => refusal(e));
      return;
    }
    const answers = await r.json();
    await store("ops", "readwrite", (st) => { for (const a of answers) st.delete(a.id); });
    // What the gate API refused, and why, in the language in use.
    const refused = answers.filter((a) => a.outcome === "REFUSED").map((a) => a.reasons || [{ reason: a.message }]);
    say(result, (t) => (refused.length ? [t.gateRefused, " ", joined(refused.map(sentences), t.semicolon)]
      : fill(t.gateSent, { 0: answers.length })));
    await load();
    render();
  } finally {
    syncing = false;
    await showPending();
  }
}

document.getElementById("gate-leg").addEventListener("change", (e) => {
  const o = e.target.selectedOptions[0];
  if (o && o.value) choose({ id: o.value, label: o.textContent, details: JSON.parse(o.dataset.details) }, true);
});
document.getElementById("gate-find").addEventListener("submit", (e) => {
  e.preventDefault();
  render();
});
document.getElementById("gate-query").addEventListener("input", render);
// The leg itself: its gate closed, its departure, its arrival (the crisis cell and the leg's gate officer; the API
// refuses anyone else, and says so). Each after a confirmation of what it does; queued like the rest, offline too.
let legOp = null;
for (const b of document.querySelectorAll("[data-leg-op]")) {
  b.addEventListener("click", () => {
    if (!leg) return;
    legOp = b.dataset.legOp;
    const type = legOp;
    const d = leg.details;
    const name = d && d.reference ? d.reference : leg.label;
    say(document.getElementById("gate-op-what"), (t) => fill(t.gateOpWhat[type], { 0: bdi(name) }));
    document.getElementById("gate-op-confirm").showModal();
  });
}
document.getElementById("gate-op-yes").addEventListener("click", () => {
  document.getElementById("gate-op-confirm").close();
  if (leg && legOp) queue(legOp, {}, []);
  legOp = null;
});
document.getElementById("gate-op-no").addEventListener("click", () => {
  legOp = null;
  document.getElementById("gate-op-confirm").close();
});
document.getElementById("gate-code-send").addEventListener("click", () => {
  const code = document.getElementById("gate-query").value.trim().toUpperCase();
  if (code) queue("CHECK_IN", { boardingCode: code }, []);
});
window.addEventListener("online", () => { network(true); sync(); });
window.addEventListener("offline", () => network(false));
