// The console's shell: sign-in with the session API (cookie + CSRF token), the language switch, sign-out, and the
// navigation: one screen at a time, each at its own address (screens.js), so that back, forward, a reload and a link
// sent to a colleague land on the same screen; the menu offers only the screens of the user's role.
import { api, setCsrf } from "./api.js";
import { apply, bdi, fill, say } from "./i18n.js";
import { SECTIONS, href, menu, resolve, sectionsOf } from "./screens.js";
import * as cases from "./cases.js";
import * as crisisPage from "./crisispage.js";
import * as countries from "./countries.js";
import * as crises from "./crises.js";
import * as declarations from "./declarations.js";
import * as evacuation from "./evacuation.js";
import * as crisis from "./crisis.js";
import * as partners from "./partners.js";
import * as queue from "./queue.js";
import * as remains from "./remains.js";
import * as gate from "./gate.js";
import * as registrations from "./registrations.js";
import * as simulator from "./simulator.js";

let language = localStorage.getItem("language") || "fr";
let texts = apply(language);
/** What the console keeps on this device of whoever used it: gone at sign-out and when another user signs in. */
async function forget() {
  await gate.forget();
  registrations.forget();
  crisisPage.forget();
  evacuation.forget();
  countries.forget();
  remains.forget();
  partners.forget();
}

let current = null;          // the session shown, or null before sign-in
const unavailable = new Set(); // screens this server does not run (the simulator outside the embedded default)
let shown = null;            // the route shown: {screen, id}, or null

/**
 * What a screen does when it is shown and when it is left; a screen not named here is only shown and hidden. Each
 * runs once per route: showing the same route again (the menu drawn again, a screen found unavailable) runs nothing.
 */
const HOOKS = {
  crisis: { enter: (r) => crisisPage.enter(r.id), leave: () => crisisPage.leave() },
  crises: { enter: () => crises.refresh() },
  zones: { enter: (r) => crisis.editZones(r.id), leave: () => crisis.stopEditing() },
  countries: { enter: (r) => countries.enter(r) },
  partners: { enter: () => partners.enter() },
  remains: { enter: (r) => remains.enter(r) },
  evacuation: { enter: (r) => evacuation.enter(r.id), leave: () => evacuation.leave() },
  cases: { enter: (r) => (r.id ? cases.openCase(r.id) : null) },
  queue: { enter: () => queue.enter(), leave: () => queue.leave() },
  declarations: { enter: () => declarations.enter() },
  gate: { enter: () => gate.enter() },
  simulator: { enter: () => simulator.enter(), leave: () => simulator.leave() },
};

/** Leaves the route shown and enters the new one (null: none), unless it is the same. */
function change(r) {
  if (shown && r && shown.screen === r.screen && shown.id === r.id) return;
  const left = shown;
  shown = r;
  if (left && HOOKS[left.screen] && HOOKS[left.screen].leave) HOOKS[left.screen].leave(left);
  if (r && HOOKS[r.screen] && HOOKS[r.screen].enter) HOOKS[r.screen].enter(r);
}

/** Shows the screen the address names, if the session may open it; otherwise its home screen, at its address. */
function route() {
  for (const id of SECTIONS) document.getElementById(id).hidden = true;
  document.getElementById("menu").hidden = !current;
  if (!current) {
    change(null);
    return;
  }
  const session = { ...current, unavailable };
  const r = resolve(session, location.hash);
  if (r.redirected) {
    history.replaceState(null, "", href(r.screen, r.id));
  }
  for (const id of sectionsOf(r)) document.getElementById(id).hidden = false;
  for (const a of document.querySelectorAll("#menu-items a")) {
    if (a.dataset.screen === r.screen) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  change({ screen: r.screen, id: r.id });
  document.body.dataset.screen = r.screen;
}

/** The menu: the screens of the session's role, each a link to its address. */
function drawMenu() {
  const items = current ? menu({ ...current, unavailable }) : [];
  document.getElementById("menu-items").replaceChildren(...items.map((s) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = href(s.name);
    a.dataset.screen = s.name;
    a.dataset.test = "menu-" + s.name;
    a.dataset.text = s.text;
    a.textContent = texts[s.text];
    li.append(a);
    return li;
  }));
}

/** Where the user works from, as the header and the account screen say it. */
function office(session) {
  if (session.consulateId) return (t) => fill(t.officeConsulate, { 0: bdi(session.consulateId) });
  if (session.region) return (t) => fill(t.officeRegion, { 0: bdi(session.region) });
  return (t) => t.officeAll;
}

async function show(session) {
  setCsrf(session ? session.csrfToken : null);
  const last = JSON.parse(localStorage.getItem("last-user") || "null");
  if (session && last && last.username !== session.username) await forget();
  if (session && !session.offline) {
    localStorage.setItem("last-user", JSON.stringify({ username: session.username, role: session.role }));
  }
  current = session;
  unavailable.clear();
  simulator.start(session, texts).then((running) => {
    if (session && !running) {
      unavailable.add("simulator");
      drawMenu();
      route();
    }
  });
  cases.start(session, texts);
  crises.start(session, texts);
  crisis.start(session, texts);
  crisisPage.start(session, texts);
  evacuation.start(session, texts);
  countries.start(session, texts);
  partners.start(session, texts);
  remains.start(session, texts);
  queue.start(session, texts);
  gate.start(session, texts);
  registrations.start(session, texts);
  declarations.start(session, texts);
  // The screens started, the address shown (a crisis page opens its stream only now, once and for all).
  drawMenu();
  route();
  document.getElementById("sign-in").hidden = !!session;
  document.getElementById("signed-in").hidden = !session;
  if (session) {
    for (const id of ["who", "account-who"]) say(document.getElementById(id), () => bdi(session.username));
    for (const id of ["role", "account-role"]) {
      document.getElementById(id).dataset.role = session.role;
      say(document.getElementById(id), (t) => t.roles[session.role] || bdi(session.role));
    }
    const where = office(session);
    document.getElementById("office-part").hidden = !session.consulateId && !session.region;
    say(document.getElementById("office"), where);
    say(document.getElementById("account-office"), where);
  }
}

window.addEventListener("hashchange", route);

document.getElementById("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("sign-in-error");
  say(error, null);
  try {
    const r = await api("POST", "/api/v1/session", {
      username: document.getElementById("username").value,
      password: document.getElementById("password").value });
    document.getElementById("password").value = "";
    if (r.status === 200) {
      await show(await r.json());
    } else if (r.status === 429) {
      const seconds = Number(r.headers.get("Retry-After") || "60");
      say(error, (t) => fill(t.held, { 0: seconds }));
    } else {
      say(error, (t) => t.wrong);
    }
  } catch (e) {
    say(error, (t) => t.failed);
  }
});

document.getElementById("sign-out").addEventListener("click", async () => {
  await api("DELETE", "/api/v1/session").catch(() => {});
  await forget();
  localStorage.removeItem("last-user");
  show(null);
});

for (const b of document.querySelectorAll("[data-language]")) {
  b.addEventListener("click", () => {
    language = b.dataset.language;
    localStorage.setItem("language", language);
    texts = apply(language);
    simulator.relabel(texts);
    cases.relabel(texts);
    crises.relabel(texts);
    crisis.relabel(texts);
    crisisPage.relabel(texts);
    evacuation.relabel(texts);
    countries.relabel(texts);
    partners.relabel(texts);
    remains.relabel(texts);
    queue.relabel(texts);
    gate.relabel(texts);
    registrations.relabel(texts);
    declarations.relabel(texts);
  });
}

// A reload keeps the session: ask who is signed in (and the CSRF token) with the cookie. Without a connection, the
// page opens as the last user signed in here, without a token (the gate page works on what it kept, and asks for
// the token again before it sends anything).
api("GET", "/api/v1/session").then(async (r) => {
  const session = r.status === 200 ? await r.json() : null;
  if (!session) localStorage.removeItem("last-user");
  show(session);
}).catch(() => {
  const last = JSON.parse(localStorage.getItem("last-user") || "null");
  show(last ? { ...last, csrfToken: null, offline: true } : null);
});

// The page itself, kept by a service worker for use without a connection.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
