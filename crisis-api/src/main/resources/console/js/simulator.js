// The SMS simulator (embedded default only, crisis cell): the phones that received SMS, their messages, and a box to
// answer as the citizen. Refreshed every few seconds while shown.
import { api } from "./api.js";
import { bdi, dateTime, number, say } from "./i18n.js";
import { refusal } from "./reasons.js";
import { may, screen } from "./screens.js";

let selected = null;
let timer = null;
let last = [];            // the messages as last listed
let running = false;      // the server runs the simulator, and the session may use it
let onScreen = false;     // the simulator's screen is shown

/** Starts the simulator for the crisis cell; whether the server runs it (the embedded default only). */
export async function start(session) {
  stop();
  running = false;
  if (!may(session, screen("simulator"))) return false;
  const r = await api("GET", "/api/v1/simulator/messages?limit=200").catch(() => null);
  if (!r || r.status !== 200) return false;
  running = true;
  render(await r.json());
  poll();
  return true;
}

/** The screen shown: its messages read again every few seconds until it is left. */
export function enter() {
  onScreen = true;
  poll();
}

export function leave() {
  onScreen = false;
  stop();
}

function poll() {
  if (!running || !onScreen || timer) return;
  refresh();
  timer = setInterval(refresh, 3000);
}

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
}

export function relabel() {
  render(last);
}

async function refresh() {
  const r = await api("GET", "/api/v1/simulator/messages?limit=200").catch(() => null);
  if (r && r.status === 200) render(await r.json());
}

function render(items) {
  last = items;
  const phones = [...new Set(items.map((m) => m.to))];
  const list = document.getElementById("phones");
  list.replaceChildren(...phones.map((p) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.append(bdi(p), " (" + number(items.filter((m) => m.to === p).length) + ")");
    b.dataset.phone = p;
    b.setAttribute("aria-pressed", String(p === selected));
    b.addEventListener("click", () => { selected = p; render(items); });
    li.append(b);
    return li;
  }));
  const messages = document.getElementById("messages");
  const shown = items.filter((m) => m.to === selected);
  messages.replaceChildren(...shown.map((m) => {
    const li = document.createElement("li");
    const time = document.createElement("time");
    time.dateTime = m.at;
    time.textContent = dateTime(m.at);
    const body = document.createElement("p");
    body.append(bdi(m.body));
    li.append(time, body);
    return li;
  }));
  document.getElementById("reply-form").hidden = !selected;
  document.getElementById("reply-phone").replaceChildren(bdi(selected || ""));
}

document.getElementById("reply-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = document.getElementById("reply-body");
  const result = document.getElementById("reply-result");
  const r = await api("POST", "/api/v1/simulator/replies", { from: selected, body: body.value }).catch(() => null);
  if (!r) {
    say(result, (t) => t.failed);
  } else if (r.status === 200) {
    const received = await r.json();
    say(result, (t) => [t.replyRead, " ", received.keyword ? t.keywords[received.keyword] || bdi(received.keyword)
      : t.checkInAnswer]);
    body.value = "";
    setTimeout(refresh, 500);
  } else {
    const e = await r.json().catch(() => null);
    say(result, () => refusal(e));
  }
});
