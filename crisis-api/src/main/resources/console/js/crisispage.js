// The crisis page: the tally and the replies as they arrive, through one server-sent event stream. It never misses a
// reply: the stream starts with the newest replies already received, and each time it opens (the page opened, or the
// connection back after a cut) the page also reads the replies API, so what came while it was closed or cut off is
// shown; replies are kept by id, so one read twice shows once. A reply that is no keyword (free text) is marked for a
// human to read. What arrived is kept, so that a switch of language draws it again. The crisis's messages are listed,
// and while it is active a follow-up is written here, with the same preview and confirmation as the first message.
import { api } from "./api.js";
import { bdi, dateTime, fill, number, say, time } from "./i18n.js";
import { costs } from "./preview.js";
import { refusal } from "./reasons.js";
import { href } from "./screens.js";
import { words } from "./zones.js";

let texts = null;
let events = null;
let lastTally = null;
let replies = new Map();   // reply id -> reply, for the crisis shown
let crisisId = null;
let opening = null;        // the latest reading of a crisis's page, before its stream opens (a newer one wins)
let shownCrisis = null;    // the crisis as last read, for its state and its messages
let followUp = null;       // the follow-up being confirmed: {texts, preview}
/** The languages a follow-up is written in here (the crisis's fallback covers the others). */
const LANGUAGES = ["fr", "ar", "en"];
let retry = null;
/** The most replies the page reads back when its stream opens: the API's page size. */
const CATCH_UP = 200;

export function start(session, t) {
  texts = t;
}

export function relabel(t) {
  texts = t;
  if (shownCrisis) showState(shownCrisis);
  if (followUp && document.getElementById("follow-up-confirm").open) confirmation(followUp.preview);
  if (lastTally) tally(lastTally);
  showReplies();
}

/** The crisis page of a crisis (its address, #/crisis/<id>), its event stream opened unless it is open already. */
export function enter(id) {
  // Open, being read, or about to be opened again: one stream per page, never two.
  if (crisisId === id && (open() || opening || retry)) return;
  openCrisis(id);
}

/** Away from the crisis page: its event stream closed. */
export function leave() {
  closeEvents();
}

/** Opens a crisis's page and its event stream. */
async function openCrisis(id) {
  closeEvents();
  // Another crisis: nothing of the one before stays (a follow-up written for it is not sent to this one).
  if (!shownCrisis || shownCrisis.id !== id) clearCrisis();
  crisisId = id;
  const reading = {};
  opening = reading;
  const r = await api("GET", "/api/v1/crises/" + id).catch(() => null);
  // Left meanwhile (another screen, signed out, or opened again): no stream but the newest reading's.
  if (opening !== reading) return;
  opening = null;
  if (!r || r.status !== 200 || crisisId !== id) return;
  const c = await r.json();
  const page = document.getElementById("crisis-page");
  say(document.getElementById("crisis-page-title"), () => bdi(c.title));
  say(document.getElementById("close-crisis-result"), null);
  showState(c);
  lastTally = null;
  replies = new Map();
  showReplies();
  listen(id);
  page.focus();
}

/**
 * Where the crisis stands (draft, active since, closed since), and what can be done with it: while it is active, a
 * follow-up and closing; while it is a draft, a message added, the crisis sent, or the draft discarded (closed without
 * ever being active: kept in the history, as every change of a crisis is).
 */
function showState(c) {
  shownCrisis = c;
  showMessages(c);
  const draft = c.status === "DRAFT";
  const since = c.status === "CLOSED" ? c.closedAt : c.status === "ACTIVE" ? c.activatedAt : c.createdAt;
  say(document.getElementById("crisis-state"), (x) => fill(x.crisisStateSince, {
    0: x["crisisState" + c.status] || bdi(c.status), 1: dateTime(since) }));
  document.getElementById("follow-up").hidden = c.status === "CLOSED";
  labelled("follow-up-submit", draft ? "addToDraft" : "prepare");
  document.getElementById("activate-draft").hidden = !draft;
  document.getElementById("crisis-evacuation").hidden = c.status !== "ACTIVE";
  document.getElementById("crisis-evacuation-link").href = href("evacuation", c.id);
  showZones(c);
  const form = document.getElementById("close-crisis");
  form.hidden = c.status === "CLOSED";
  labelled("close-crisis-title", draft ? "discardDraft" : "closeCrisis");
  labelled("close-crisis-button", draft ? "discardDraft" : "closeCrisis");
  labelled("close-crisis-confirm-title", draft ? "discardDraft" : "closeCrisis");
  labelled("close-crisis-yes", draft ? "discardDraftYes" : "closeCrisisYes");
  form.onsubmit = (e) => {
    e.preventDefault();
    say(document.getElementById("close-crisis-what"), (x) => fill(draft ? x.discardDraftWhat : x.closeCrisisWhat,
      { 0: bdi(c.title) }));
    document.getElementById("close-crisis-confirm").showModal();
  };
  document.getElementById("close-crisis-no").onclick = () => document.getElementById("close-crisis-confirm").close();
  document.getElementById("close-crisis-yes").onclick = () => closeCrisis(c);
}

/** The crisis's zones in words, and while it is open the way to change them (#/zones/<crisis>). */
function showZones(c) {
  document.getElementById("crisis-zones").replaceChildren(...c.zones.map((z) => {
    const li = document.createElement("li");
    li.append(...words(texts, z));
    return li;
  }));
  document.getElementById("crisis-zones-change").hidden = c.status === "CLOSED";
  document.getElementById("crisis-zones-link").href = href("zones", c.id);
}

/** An element's text, by its key in the texts (kept on the element, so that a switch of language finds it). */
function labelled(id, key) {
  const el = document.getElementById(id);
  el.dataset.text = key;
  el.textContent = texts[key];
}

/** The crisis's messages, the first first, each with its texts in the languages it was written in. */
function showMessages(c) {
  document.getElementById("crisis-messages").replaceChildren(...c.messages.map((m) => {
    const li = document.createElement("li");
    li.dataset.seq = m.seq;
    const head = document.createElement("strong");
    head.append(...fill(texts.messageBy, { 0: m.seq, 1: dateTime(m.createdAt), 2: bdi(m.createdBy) }));
    li.append(head);
    for (const [language, text] of Object.entries(m.texts)) {
      const p = document.createElement("p");
      const label = document.createElement("span");
      label.textContent = (texts.languages[language] || language) + " : ";
      // The text as sent, isolated (an Arabic sentence with a flight number in Latin letters keeps its order).
      const body = document.createElement("bdi");
      body.lang = language;
      body.textContent = text;
      p.append(label, body);
      li.append(p);
    }
    return li;
  }));
}

/** The follow-up written, by language (the fields left empty are not sent). */
function followUpTexts() {
  const written = {};
  for (const l of LANGUAGES) {
    const v = document.getElementById("follow-up-" + l).value.trim();
    if (v) written[l] = v;
  }
  return written;
}

/**
 * A follow-up of an active crisis: what it would cost (nothing saved), for confirmation before it is sent. A message
 * of a draft is added at once: nothing is sent before the crisis is.
 */
async function prepareFollowUp(event) {
  event.preventDefault();
  const c = shownCrisis;
  const result = document.getElementById("follow-up-result");
  say(result, null);
  const written = followUpTexts();
  if (c.status === "DRAFT") {
    addMessage({ kind: "message", crisis: c.id, texts: written });
    return;
  }
  const r = await api("POST", "/api/v1/crises/" + c.id + "/messages/preview", { texts: written }).catch(() => null);
  if (!refused(r, result)) confirm({ kind: "message", crisis: c.id, texts: written, preview: await r.json() });
}

/** A draft sent: what all its messages cost, for confirmation before it is activated. */
async function prepareActivation(event) {
  event.preventDefault();
  const c = shownCrisis;
  const result = document.getElementById("follow-up-result");
  say(result, null);
  const r = await api("GET", "/api/v1/crises/" + c.id + "/preview").catch(() => null);
  if (!refused(r, result)) confirm({ kind: "activation", crisis: c.id, preview: await r.json() });
}

/** Whether a call was refused or unanswered, said in {@code result} if so. */
function refused(r, result) {
  if (r && r.status === 200) return false;
  (r ? r.json() : Promise.resolve(null)).catch(() => null).then((body) => {
    say(result, (x) => (r ? refusal(body) : x.failed));
  });
  return true;
}

function confirm(what) {
  followUp = what;
  confirmation(what.preview);
  document.getElementById("follow-up-confirm").showModal();
}

function confirmation(preview) {
  document.getElementById("follow-up-costs").replaceChildren(...costs(texts, preview));
}

/** Sends what was confirmed: the texts previewed (not what the fields hold meanwhile), or the draft activated. */
async function send() {
  document.getElementById("follow-up-confirm").close();
  const f = followUp;
  followUp = null;
  if (!f || f.crisis !== crisisId) return;
  if (f.kind === "message") {
    addMessage(f);
    return;
  }
  const result = document.getElementById("follow-up-result");
  const r = await api("POST", "/api/v1/crises/" + f.crisis + "/activate").catch(() => null);
  if (r && r.status === 200) {
    const c = await r.json();
    if (crisisId === c.id) showState(c);
    say(result, (x) => x.crisisActivated);
  } else {
    refused(r, result);
  }
}

async function addMessage(f) {
  const result = document.getElementById("follow-up-result");
  const r = await api("POST", "/api/v1/crises/" + f.crisis + "/messages", { texts: f.texts }).catch(() => null);
  if (r && r.status === 201) {
    const c = await r.json();
    document.getElementById("follow-up").reset();
    if (crisisId === c.id) showState(c);
    const seq = c.messages.length;
    say(result, (x) => fill(c.status === "DRAFT" ? x.addedToDraft : x.followUpSent, { 0: seq }));
  } else {
    refused(r, result);
  }
}

document.getElementById("follow-up").addEventListener("submit", prepareFollowUp);
document.getElementById("activate-draft").addEventListener("submit", prepareActivation);
document.getElementById("follow-up-send").addEventListener("click", send);
document.getElementById("follow-up-cancel").addEventListener("click", () => {
  followUp = null;
  document.getElementById("follow-up-confirm").close();
});

/** Closes the crisis after the confirmation: nobody is alerted for it any more. */
async function closeCrisis(c) {
  document.getElementById("close-crisis-confirm").close();
  const reason = document.getElementById("close-crisis-reason").value.trim();
  const result = document.getElementById("close-crisis-result");
  const r = await api("POST", "/api/v1/crises/" + c.id + "/close", reason ? { reason } : {}).catch(() => null);
  if (r && r.status === 200) {
    document.getElementById("close-crisis-reason").value = "";
    const closed = await r.json();
    showState(closed);
    say(result, (x) => (c.status === "DRAFT" ? x.draftDiscarded : x.crisisClosed));
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

function clearCrisis() {
  shownCrisis = null;
  followUp = null;
  document.getElementById("crisis-messages").replaceChildren();
  document.getElementById("follow-up").reset();
  document.getElementById("follow-up").hidden = true;
  document.getElementById("activate-draft").hidden = true;
  document.getElementById("crisis-evacuation").hidden = true;
  document.getElementById("crisis-zones").replaceChildren();
  document.getElementById("crisis-zones-change").hidden = true;
  say(document.getElementById("follow-up-result"), null);
}

/** Whether a crisis's event stream is open. */
function open() {
  return events !== null;
}

/** Forgets the crisis page's replies and tally: the next user of this browser does not find them in the page. */
export function forget() {
  closeEvents();
  clearCrisis();
  lastTally = null;
  replies = new Map();
  showReplies();
  say(document.getElementById("crisis-page-title"), null);
  for (const dd of document.querySelectorAll("#tally [data-figure]")) dd.textContent = "0";
}

function closeEvents() {
  opening = null;
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
  const figures = { affected: t.status.affected, alerted: t.status.alerted, unconfirmed: o.unconfirmed, delivered,
    failed, safe: o.safe,
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
