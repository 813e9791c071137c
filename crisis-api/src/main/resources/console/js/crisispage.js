// The crisis page: the tally and the replies as they arrive, through one server-sent event stream. It never misses a
// reply: the stream starts with the newest replies already received, and each time it opens (the page opened, or the
// connection back after a cut) the page also reads the replies API, so what came while it was closed or cut off is
// shown; replies are kept by id, so one read twice shows once. A reply that is no keyword (free text) is marked for a
// human to read. What arrived is kept, so that a switch of language draws it again.
import { api } from "./api.js";
import { bdi, dateTime, fill, number, say, time } from "./i18n.js";
import { refusal } from "./reasons.js";

let texts = null;
let events = null;
let lastTally = null;
let replies = new Map();   // reply id -> reply, for the crisis shown
let crisisId = null;
let retry = null;
/** The most replies the page reads back when its stream opens: the API's page size. */
const CATCH_UP = 200;

export function relabel(t) {
  texts = t;
  if (lastTally) tally(lastTally);
  showReplies();
}

/** Opens a crisis's page and its event stream. */
export async function openCrisis(id, t) {
  texts = t;
  closeEvents();
  crisisId = id;
  const r = await api("GET", "/api/v1/crises/" + id);
  // Left meanwhile (another screen, or signed out): no stream for a page not shown.
  if (r.status !== 200 || crisisId !== id) return;
  const c = await r.json();
  const page = document.getElementById("crisis-page");
  page.dataset.crisis = id;
  say(document.getElementById("crisis-page-title"), () => bdi(c.title));
  say(document.getElementById("close-crisis-result"), null);
  showState(c);
  lastTally = null;
  replies = new Map();
  showReplies();
  listen(id);
  page.focus();
}

/** Where the crisis stands (draft, active since, closed since), and the closing form while it is active. */
function showState(c) {
  const since = c.status === "CLOSED" ? c.closedAt : c.status === "ACTIVE" ? c.activatedAt : c.createdAt;
  say(document.getElementById("crisis-state"), (x) => fill(x.crisisStateSince, {
    0: x["crisisState" + c.status] || bdi(c.status), 1: dateTime(since) }));
  const form = document.getElementById("close-crisis");
  form.hidden = c.status !== "ACTIVE";
  form.onsubmit = (e) => {
    e.preventDefault();
    say(document.getElementById("close-crisis-what"), (x) => fill(x.closeCrisisWhat, { 0: bdi(c.title) }));
    document.getElementById("close-crisis-confirm").showModal();
  };
  document.getElementById("close-crisis-no").onclick = () => document.getElementById("close-crisis-confirm").close();
  document.getElementById("close-crisis-yes").onclick = () => closeCrisis(c);
}

/** Closes the crisis after the confirmation: nobody is alerted for it any more. */
async function closeCrisis(c) {
  document.getElementById("close-crisis-confirm").close();
  const reason = document.getElementById("close-crisis-reason").value.trim();
  const result = document.getElementById("close-crisis-result");
  const r = await api("POST", "/api/v1/crises/" + c.id + "/close", reason ? { reason } : {}).catch(() => null);
  if (r && r.status === 200) {
    document.getElementById("close-crisis-reason").value = "";
    showState(await r.json());
    say(result, (x) => x.crisisClosed);
  } else {
    const body = r ? await r.json().catch(() => null) : null;
    say(result, () => (r ? refusal(body) : texts.failed));
  }
}

/** The crisis's event stream; opened again if the server ended it (a restart, a full instance), until the page goes. */
function listen(id) {
  const live = document.getElementById("live");
  events = new EventSource("/api/v1/crises/" + id + "/events");
  events.addEventListener("tally", (e) => tally(JSON.parse(e.data)));
  events.addEventListener("reply", (e) => keep([JSON.parse(e.data)]));
  events.onopen = () => {
    say(live, (x) => x.live);
    catchUp(id);
  };
  events.onerror = () => {
    say(live, (x) => x.reconnecting);
    // The browser tries again by itself after a network error; not after the server refused or ended the stream.
    if (events && events.readyState === EventSource.CLOSED) {
      events = null;
      retry = setTimeout(() => { if (crisisId === id) listen(id); }, 5000);
    }
  };
}

/** Reads back the newest replies (what came while the page was closed or cut off), and keeps those not shown yet. */
async function catchUp(id) {
  const r = await api("GET", "/api/v1/crises/" + id + "/replies?limit=" + CATCH_UP).catch(() => null);
  if (!r || r.status !== 200 || crisisId !== id) return;
  keep((await r.json()).items);
}

function keep(list) {
  for (const r of list) replies.set(r.id, r);
  showReplies();
}

/** Whether a crisis's event stream is open. */
export function open() {
  return events !== null;
}

/** Forgets the crisis page's replies and tally: the next user of this browser does not find them in the page. */
export function forget() {
  closeEvents();
  lastTally = null;
  replies = new Map();
  showReplies();
  delete document.getElementById("crisis-page").dataset.crisis;
  say(document.getElementById("crisis-page-title"), null);
  for (const dd of document.querySelectorAll("#tally [data-figure]")) dd.textContent = "0";
}

export function closeEvents() {
  if (events) events.close();
  events = null;
  if (retry) clearTimeout(retry);
  retry = null;
  crisisId = null;
}

function tally(t) {
  lastTally = t;
  // The alert pipeline could not process the crisis: said at the top of the page until new zones go through.
  const problem = document.getElementById("pipeline-problem");
  const p = t.status.problem;
  problem.hidden = !p;
  say(problem, p ? (tx) => fill(tx.pipelineProblem, { 0: bdi(p.reason) }) : null);
  const o = t.outreach;
  const delivered = o.smsByStatus.delivered || 0;
  const failed = Object.values(o.failuresByErrorCode).reduce((s, n) => s + n, 0);
  const figures = { affected: t.status.affected, alerted: t.status.alerted, delivered, failed, safe: o.safe,
    needsHelp: o.needsHelp, silent: Math.max(0, o.recipients - o.safe - o.needsHelp), replies: o.replies,
    assistance: o.openAssistanceRequests };
  for (const [k, v] of Object.entries(figures)) {
    document.querySelector("#tally [data-figure=" + k + "]").textContent = number(v);
  }
  counts("failures", o.failuresByErrorCode, (k) => fill(texts.errorCode, { 0: bdi(k) }));
  counts("evacuations", o.evacuationsByState, (k) => texts.evacuationStates[k] || bdi(k));
}

/** A list of counts by key, the largest first: the key's label, then the count. */
export function counts(id, byKey, label) {
  const entries = Object.entries(byKey).sort((a, b) => b[1] - a[1]);
  document.getElementById(id).replaceChildren(...entries.map(([k, n]) => {
    const li = document.createElement("li");
    li.dataset.key = k;
    li.append(...[label(k)].flat(), " : ", number(n));
    return li;
  }));
}

function showReplies() {
  const newest = [...replies.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt
    ? -1 : 0)).slice(0, CATCH_UP);
  const unread = newest.filter((r) => r.keyword === "OTHER").length;
  const toRead = document.getElementById("replies-to-read");
  toRead.hidden = unread === 0;
  say(toRead, unread ? (x) => fill(x.repliesToRead, { 0: unread }) : null);
  document.getElementById("replies").replaceChildren(...newest.map((r) => {
    const li = document.createElement("li");
    li.dataset.reply = r.id;
    li.dataset.keyword = r.keyword;
    // Neither SAFE nor HELP nor another keyword: someone wrote in their own words, and a person must read it.
    if (r.keyword === "OTHER") li.className = "to-read";
    const when = document.createElement("time");
    when.dateTime = r.receivedAt;
    when.textContent = time(r.receivedAt);
    const keyword = document.createElement("strong");
    keyword.textContent = texts.keywords[r.keyword] || r.keyword;
    const body = document.createElement("p");
    body.append(bdi(r.body));
    li.append(when, " ", keyword, body);
    return li;
  }));
}
