// The console's shell: sign-in with the session API (cookie + CSRF token), the language switch, sign-out.
import { api, setCsrf } from "./api.js";
import { apply, bdi, fill, say } from "./i18n.js";
import * as cases from "./cases.js";
import * as crisis from "./crisis.js";
import * as queue from "./queue.js";
import * as gate from "./gate.js";
import * as registrations from "./registrations.js";
import * as simulator from "./simulator.js";

let language = localStorage.getItem("language") || "fr";
let texts = apply(language);
/** What the console keeps on this device of whoever used it: gone at sign-out and when another user signs in. */
async function forget() {
  await gate.forget();
  registrations.forget();
}

async function show(session) {
  setCsrf(session ? session.csrfToken : null);
  const last = JSON.parse(localStorage.getItem("last-user") || "null");
  if (session && last && last.username !== session.username) await forget();
  if (session && !session.offline) {
    localStorage.setItem("last-user", JSON.stringify({ username: session.username, role: session.role }));
  }
  simulator.start(session, texts);
  cases.start(session, texts);
  crisis.start(session, texts);
  queue.start(session, texts);
  gate.start(session, texts);
  registrations.start(session, texts);
  document.getElementById("sign-in").hidden = !!session;
  document.getElementById("home").hidden = !session;
  if (session) {
    say(document.getElementById("who"), () => bdi(session.username));
    document.getElementById("role").dataset.role = session.role;
    say(document.getElementById("role"), (t) => t.roles[session.role] || bdi(session.role));
  }
}

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
    crisis.relabel(texts);
    queue.relabel(texts);
    gate.relabel(texts);
    registrations.relabel(texts);
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
