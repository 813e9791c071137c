// The crisis page: the tally and the replies as they arrive, through one server-sent event stream. What arrived is
// kept, so that a switch of language draws it again.
import { api } from "./api.js";
import { bdi, fill, number, say, time } from "./i18n.js";

let texts = null;
let events = null;
let lastTally = null;
let replies = [];

export function relabel(t) {
  texts = t;
  if (lastTally) tally(lastTally);
  showReplies();
}

/** Opens a crisis's page and its event stream. */
export async function openCrisis(id, t) {
  texts = t;
  closeEvents();
  const r = await api("GET", "/api/v1/crises/" + id);
  if (r.status !== 200) return;
  const c = await r.json();
  const page = document.getElementById("crisis-page");
  page.dataset.crisis = id;
  say(document.getElementById("crisis-page-title"), () => bdi(c.title));
  lastTally = null;
  replies = [];
  showReplies();
  const live = document.getElementById("live");
  events = new EventSource("/api/v1/crises/" + id + "/events");
  events.addEventListener("tally", (e) => tally(JSON.parse(e.data)));
  events.addEventListener("reply", (e) => {
    replies.unshift(JSON.parse(e.data));
    showReplies();
  });
  events.onopen = () => say(live, (x) => x.live);
  events.onerror = () => say(live, (x) => x.reconnecting);
  page.focus();
}

/** Whether a crisis's event stream is open. */
export function open() {
  return events !== null;
}

export function closeEvents() {
  if (events) events.close();
  events = null;
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
  document.getElementById("replies").replaceChildren(...replies.map((r) => {
    const li = document.createElement("li");
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
