// The console's service worker: keeps the page's own files (never the API's answers: the gate page keeps its data in
// IndexedDB) so that the page opens without a connection. Network first, so that a new release is used as soon as
// the server answers; the copy kept here when it does not.
const CACHE = "crisis-console-v14";
const SHELL = ["./", "index.html", "console.css", "js/app.js", "js/api.js", "js/i18n.js", "js/cases.js",
  "js/crisis.js", "js/crisispage.js", "js/drawing.js", "js/reasons.js", "js/texts/fr.js", "js/texts/ar.js",
  "js/texts/en.js", "js/queue.js", "js/gate.js", "js/registrations.js", "js/declarations.js", "js/simulator.js",
  "js/screens.js", "js/crises.js", "js/preview.js", "js/ranks.js", "js/when.js", "js/zones.js", "js/evacuation.js",
  "js/countries.js", "js/partners.js", "js/remains.js",
  "vendor/leaflet/leaflet.js",
  "vendor/leaflet/leaflet.css", "vendor/h3-js/h3-js.umd.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/console/")) {
    return;
  }
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true })));
});
