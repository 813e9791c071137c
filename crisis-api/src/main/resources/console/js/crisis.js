// The crisis cell's screens: the map (countries, density of registered nationals as H3 hexagons, active crises'
// zones, assembly points and consulates), drawing a zone (polygon, circle or country) with the people inside counted
// live, the messages with their encoding, segments, SMS and expected sending time, the activation after a
// confirmation that says who will receive what, and the crisis page whose tally and replies arrive by server-sent
// events. Every figure comes from the API with the signed-in user's rights; nothing is computed or filtered here.
/* global L, h3 */
import { api } from "./api.js";
import { number } from "./i18n.js";

const LANGUAGES = ["fr", "ar", "en", "es", "zgh"];
let texts = null;
let map = null;
const layers = {};
const outlines = {};       // each country's base-map layer, by ISO code: to show a picked country
let zone = null;          // the zone being drawn, as the search API takes it: {circle} | {zone} | {country}
let drawing = null;       // "polygon" | "circle" | null
let vertices = [];
let centre = null;
let countsTimer = null;
let countsAbort = null;
let draft = null;         // the crisis created from the form, waiting for its activation
let events = null;

let tiles = null;          // the configured tile server's URL template, if any

export async function start(session, t) {
  texts = t;
  tiles = session ? session.mapTiles : null;
  const section = document.getElementById("crisis-cell");
  closeEvents();
  if (!session || session.role !== "CRISIS_CELL") {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  document.getElementById("crisis-page").hidden = true;
  if (!map) await initMap();
  fillCountries();
  loadCrises();
}

export function relabel(t) {
  texts = t;
  if (zone) scheduleCounts();
}


async function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 2 }).setView([30, 5], 3);
  // Leaflet measures its container once; the page's layout changes it (the panel, the window, the language).
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, crossOrigin: true }).addTo(map);
  }
  const r = await api("GET", "/api/v1/geo/countries");
  if (r.status === 200) {
    L.geoJSON(await r.json(), { interactive: false,
      style: { color: "#6b6b6b", weight: 0.6, fillColor: "#efece3", fillOpacity: tiles ? 0 : 1 },
      onEachFeature: (f, layer) => { outlines[f.properties.iso2] = layer; } }).addTo(map);
  }
  for (const name of ["density", "crises", "places", "draft"]) layers[name] = L.layerGroup().addTo(map);
  // Whether the map is still moving, and its zoom once it stops: for whoever must click on a settled map.
  map.on("movestart", () => { map.getContainer().dataset.moving = "true"; });
  map.on("moveend", () => {
    map.getContainer().dataset.moving = "false";
    map.getContainer().dataset.zoom = map.getZoom();
    map.getContainer().dataset.centre = map.getCenter().lat.toFixed(4) + "," + map.getCenter().lng.toFixed(4);
    refreshDensity();
    refreshPlaces();
  });
  map.on("click", onClick);
  map.on("mousemove", onMove);
  map.on("dblclick", (e) => { if (drawing === "polygon") { L.DomEvent.stop(e); finishPolygon(); } });
  refreshDensity();
  refreshPlaces();
}

/** The H3 resolution the density layer uses at a zoom: hexagons a few dozen pixels wide. */
function resolutionFor(zoom) {
  return Math.max(1, Math.min(8, Math.round(zoom * 0.75) - 1));
}

async function refreshDensity() {
  const b = map.getBounds();
  const west = Math.max(-180, b.getWest());
  const east = Math.min(180, b.getEast());
  const bbox = [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map((x) => x.toFixed(4));
  const r = await api("GET", "/api/v1/geo/density?bbox=" + bbox.join(",") + "&resolution="
    + resolutionFor(map.getZoom()));
  if (r.status !== 200) return;
  const cells = await r.json();
  const most = cells.reduce((m, c) => Math.max(m, c.count), 1);
  layers.density.clearLayers();
  for (const c of cells) {
    const ring = h3.cellToBoundary(c.cell);
    const hex = L.polygon(ring, { stroke: false, fillColor: "#c2410c", interactive: true,
      fillOpacity: 0.15 + 0.6 * Math.sqrt(c.count / most), className: "density-cell" });
    hex.bindTooltip(() => number(c.count) + " " + texts.registered);
    layers.density.addLayer(hex);
  }
  document.getElementById("density-legend").textContent = texts.densityLegend
    .replace("{0}", number(cells.reduce((s, c) => s + c.count, 0)));
}

async function refreshPlaces() {
  const c = map.getCenter().wrap();
  layers.places.clearLayers();
  for (const kind of ["ASSEMBLY_POINT", "CONSULATE"]) {
    const r = await api("GET", "/api/v1/places/nearest?latitude=" + c.lat.toFixed(4) + "&longitude="
      + c.lng.toFixed(4) + "&kind=" + kind + "&k=100&radiusKm=2000");
    if (r.status !== 200) continue;
    for (const n of await r.json()) {
      const m = L.circleMarker([n.place.latitude, n.place.longitude], { radius: 6, weight: 2,
        color: kind === "CONSULATE" ? "#1d4ed8" : "#15803d", fillOpacity: 0.9 });
      m.bindTooltip(texts.placeKinds[kind] + " — " + n.place.name);
      layers.places.addLayer(m);
    }
  }
}

async function loadCrises() {
  const r = await api("GET", "/api/v1/crises?status=ACTIVE&limit=50");
  if (r.status !== 200) return;
  const page = await r.json();
  layers.crises.clearLayers();
  const list = document.getElementById("active-crises");
  list.replaceChildren(...page.items.map((c) => {
    for (const z of c.zones) drawZone(layers.crises, z, "#b91c1c");
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = c.title;
    b.addEventListener("click", () => openCrisis(c.id));
    li.append(b);
    return li;
  }));
  document.getElementById("no-active-crisis").hidden = page.items.length > 0;
}

/** The bounds of a country's largest part (France's mainland, not with French Guiana and Réunion). */
function mainPart(geometry) {
  let best = null;
  let most = -1;
  for (const polygon of geometry.coordinates) {
    const b = L.latLngBounds(polygon[0].map(([lng, lat]) => [lat, lng]));
    const area = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
    if (area > most) {
      most = area;
      best = b;
    }
  }
  return best;
}

function drawZone(layer, z, color) {
  if (z.circle) {
    layer.addLayer(L.circle([z.circle.latitude, z.circle.longitude], { radius: z.circle.radiusKm * 1000, color }));
  } else if (z.geometry) {
    layer.addLayer(L.geoJSON(z.geometry, { style: { color, weight: 2 } }));
  } else if (z.country && outlines[z.country]) {
    layer.addLayer(L.geoJSON(outlines[z.country].feature, { style: { color, weight: 2, fillOpacity: 0.1 } }));
  }
}

// Drawing. A polygon: a click per corner, a double click (or "finish") to close it. A circle: a click at the centre,
// then the pointer sets the radius until the second click; the radius field changes it too.
function setMode(mode) {
  drawing = mode;
  vertices = [];
  centre = null;
  for (const b of document.querySelectorAll("[data-draw]")) b.setAttribute("aria-pressed", String(b.dataset.draw === mode));
  document.getElementById("draw-hint").textContent = mode ? texts.drawHints[mode] : "";
  document.getElementById("finish-polygon").hidden = mode !== "polygon";
  if (mode) map.doubleClickZoom.disable(); else map.doubleClickZoom.enable();
}

function onClick(e) {
  if (drawing === "polygon") {
    vertices.push(e.latlng);
    showDraft();
    if (vertices.length >= 3) setZone({ zone: polygonOf(vertices) });
  } else if (drawing === "circle") {
    if (!centre) {
      centre = e.latlng.wrap();
      setRadius(Number(document.getElementById("radius-km").value) || 10);
    } else {
      setRadius(map.distance(centre, e.latlng) / 1000);
      setMode(null);
    }
  }
}

function onMove(e) {
  if (drawing === "circle" && centre) setRadius(map.distance(centre, e.latlng) / 1000, true);
}

function setRadius(km, moving) {
  const radius = Math.max(0.1, Math.min(2000, Math.round(km * 10) / 10));
  document.getElementById("radius-km").value = radius;
  layers.draft.clearLayers();
  layers.draft.addLayer(L.circle(centre, { radius: radius * 1000, color: "#7c3aed" }));
  setZone({ circle: { latitude: round(centre.lat), longitude: round(centre.lng), radiusKm: radius } }, moving);
}

function round(x) {
  return Math.round(x * 1e5) / 1e5;
}

function polygonOf(points) {
  const ring = points.map((p) => [round(p.lng), round(p.lat)]);
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}

function showDraft() {
  layers.draft.clearLayers();
  if (vertices.length) layers.draft.addLayer(L.polygon(vertices, { color: "#7c3aed" }));
}

function finishPolygon() {
  if (vertices.length >= 3) setZone({ zone: polygonOf(vertices) });
  setMode(null);
}

function clearZone() {
  setMode(null);
  layers.draft.clearLayers();
  document.getElementById("country").value = "";
  zone = null;
  document.getElementById("zone-counts").hidden = true;
  document.getElementById("declare").hidden = true;
}

function setZone(z, moving) {
  zone = z;
  // The zone as the search API was asked, for whoever reads the page (and its tests).
  document.getElementById("zone-counts").dataset.zone = JSON.stringify(z);
  document.getElementById("declare").hidden = false;
  scheduleCounts(moving ? 400 : 150);
}

function scheduleCounts(delay) {
  clearTimeout(countsTimer);
  countsTimer = setTimeout(counts, delay || 150);
}

/** The people inside the zone being drawn, by language and vulnerability: the search API, counts only. */
async function counts() {
  if (!zone) return;
  if (countsAbort) countsAbort.abort();
  countsAbort = new AbortController();
  const status = document.getElementById("zone-status");
  status.textContent = texts.counting;
  document.getElementById("zone-counts").hidden = false;
  let r;
  try {
    r = await api("POST", "/api/v1/registrations/search", { ...zone, limit: 0 }, countsAbort.signal);
  } catch (e) {
    if (e.name !== "AbortError") status.textContent = texts.failed;
    return;
  }
  const body = await r.json();
  if (r.status !== 200) {
    status.textContent = (body.errors || []).map((x) => x.field + ": " + x.reason).join("; ") || texts.failed;
    return;
  }
  status.textContent = "";
  document.getElementById("zone-total").textContent = number(body.total);
  fillCounts("zone-languages", body.byLanguage, (k) => texts.languages[k] || k);
  fillCounts("zone-vulnerabilities", body.byVulnerability, (k) => texts.vulnerabilities[k] || k);
  document.getElementById("zone-warnings").textContent = (body.warnings || []).join(" ");
  spokenCounts = body.byLanguage;
  showMessageFields(Object.keys(body.byLanguage));
  measure();
}

function fillCounts(id, counts, label) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  document.getElementById(id).replaceChildren(...entries.map(([k, n]) => {
    const li = document.createElement("li");
    li.dataset.key = k;
    li.textContent = label(k) + " : " + number(n);
    return li;
  }));
}

let spokenCounts = {};     // registrations inside the zone by language, as last counted
let segmentsTimer = null;

/** Under each message field: how it travels (encoding, characters, segments) and the segments for its speakers. */
async function measure() {
  const texts_ = {};
  for (const l of LANGUAGES) {
    const v = document.getElementById("message-" + l).value;
    if (v) texts_[l] = v;
  }
  for (const l of LANGUAGES) document.getElementById("measure-" + l).textContent = "";
  if (!Object.keys(texts_).length) return;
  const r = await api("POST", "/api/v1/crises/segments", { texts: texts_ });
  if (r.status !== 200) return;
  const counts = await r.json();
  for (const [l, c] of Object.entries(counts)) {
    const people = spokenCounts[l] || 0;
    document.getElementById("measure-" + l).textContent = texts.measure
      .replace("{encoding}", c.encoding === "GSM7" ? "GSM-7" : "UCS-2").replace("{characters}", number(c.units))
      .replace("{segments}", number(c.segments)).replace("{registrations}", number(people))
      .replace("{total}", number(c.segments * people));
  }
}

/** A text field per language spoken inside the zone (French, Arabic and English always). */
function showMessageFields(spoken) {
  const wanted = new Set(["fr", "ar", "en", ...spoken]);
  for (const l of LANGUAGES) {
    document.getElementById("message-" + l).closest("div").hidden = !wanted.has(l);
  }
}

async function fillCountries() {
  const select = document.getElementById("country");
  if (select.options.length > 1) return;
  const r = await api("GET", "/api/v1/countries");
  if (r.status !== 200) return;
  const lang = document.documentElement.lang;
  const countries = await r.json();
  const name = (c) => (lang === "ar" ? c.nameAr : lang === "en" ? c.nameEn : c.nameFr) || c.nameEn;
  countries.sort((a, b) => name(a).localeCompare(name(b), lang));
  for (const c of countries) {
    const o = document.createElement("option");
    o.value = c.iso2;
    o.textContent = name(c);
    select.append(o);
  }
}

function draftBody() {
  const texts = {};
  for (const l of LANGUAGES) {
    const field = document.getElementById("message-" + l);
    if (!field.closest("div").hidden && field.value.trim()) texts[l] = field.value;
  }
  const z = zone.circle ? { label: "zone", circle: zone.circle } : zone.zone ? { label: "zone", geometry: zone.zone }
    : { label: zone.country, country: zone.country };
  return { title: document.getElementById("crisis-title").value, type: document.getElementById("crisis-type").value,
    severity: document.getElementById("crisis-severity").value, zones: [z], messages: [texts] };
}

/** Saves the draft and shows what it would cost: the preview API, for the confirmation. */
async function prepare(event) {
  event.preventDefault();
  const error = document.getElementById("declare-error");
  error.textContent = "";
  const r = await api("POST", "/api/v1/crises", draftBody());
  const body = await r.json();
  if (r.status !== 201) {
    error.textContent = (body.errors || []).map((x) => x.field + ": " + x.reason).join("; ") || texts.failed;
    return;
  }
  draft = body;
  const p = await api("GET", "/api/v1/crises/" + draft.id + "/preview");
  if (p.status !== 200) {
    error.textContent = texts.failed;
    return;
  }
  confirmation(await p.json());
}

function confirmation(preview) {
  const dialog = document.getElementById("confirm");
  const m = preview.messages[0];
  document.getElementById("confirm-summary").textContent = texts.confirmSummary
    .replace("{people}", number(preview.people)).replace("{registrations}", number(preview.registrations))
    .replace("{phones}", number(m.phones)).replace("{segments}", number(m.totalSegments))
    .replace("{time}", m.expectedSeconds == null ? "—" : duration(m.expectedSeconds))
    + (m.cost == null ? "" : " " + texts.costIs.replace("{0}", new Intl.NumberFormat(document.documentElement.lang
      === "ar" ? "ar-MA-u-nu-arab" : document.documentElement.lang, { style: "currency", currency: m.currency })
      .format(Number(m.cost))));
  const rows = document.getElementById("confirm-rows");
  rows.replaceChildren(...m.byLanguage.map((c) => {
    const tr = document.createElement("tr");
    const language = texts.languages[c.language] || c.language;
    const sentIn = texts.languages[c.sentIn] || c.sentIn;
    for (const v of [language, number(c.registrations), sentIn, c.encoding === "GSM7" ? "GSM-7" : "UCS-2",
      number(c.characters), number(c.segmentsPerSms), number(c.segments)]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(td);
    }
    return tr;
  }));
  document.getElementById("confirm-unlocated").hidden = !preview.withoutCoordinates;
  document.getElementById("confirm-unlocated").textContent = texts.unlocated
    .replace("{0}", number(preview.withoutCoordinates));
  dialog.showModal();
}

function duration(seconds) {
  const minutes = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return minutes ? texts.minutesSeconds.replace("{0}", number(minutes)).replace("{1}", number(s))
    : texts.seconds.replace("{0}", number(s));
}

async function activate() {
  const r = await api("POST", "/api/v1/crises/" + draft.id + "/activate");
  document.getElementById("confirm").close();
  if (r.status === 200) {
    const id = draft.id;
    draft = null;
    clearZone();
    document.getElementById("declare").reset();
    loadCrises();
    openCrisis(id);
  } else {
    document.getElementById("declare-error").textContent = texts.failed;
  }
}

// The crisis page: the tally and the replies as they arrive, through one event stream.
async function openCrisis(id) {
  closeEvents();
  const r = await api("GET", "/api/v1/crises/" + id);
  if (r.status !== 200) return;
  const c = await r.json();
  const page = document.getElementById("crisis-page");
  page.hidden = false;
  page.dataset.crisis = id;
  document.getElementById("crisis-page-title").textContent = c.title;
  document.getElementById("replies").replaceChildren();
  events = new EventSource("/api/v1/crises/" + id + "/events");
  events.addEventListener("tally", (e) => tally(JSON.parse(e.data)));
  events.addEventListener("reply", (e) => reply(JSON.parse(e.data)));
  events.onopen = () => { document.getElementById("live").textContent = texts.live; };
  events.onerror = () => { document.getElementById("live").textContent = texts.reconnecting; };
  page.focus();
}

function closeEvents() {
  if (events) events.close();
  events = null;
}

function tally(t) {
  // The alert pipeline could not process the crisis: said at the top of the page until new zones go through.
  const problem = document.getElementById("pipeline-problem");
  problem.hidden = !t.status.problem;
  problem.textContent = t.status.problem ? texts.pipelineProblem.replace("{0}", t.status.problem.reason) : "";
  const o = t.outreach;
  const delivered = o.smsByStatus.delivered || 0;
  const failed = Object.values(o.failuresByErrorCode).reduce((s, n) => s + n, 0);
  const figures = { affected: t.status.affected, alerted: t.status.alerted, delivered, failed, safe: o.safe,
    needsHelp: o.needsHelp, silent: Math.max(0, o.recipients - o.safe - o.needsHelp), replies: o.replies,
    assistance: o.openAssistanceRequests };
  for (const [k, v] of Object.entries(figures)) {
    document.querySelector("#tally [data-figure=" + k + "]").textContent = number(v);
  }
  fillCounts("failures", o.failuresByErrorCode, (k) => texts.errorCode.replace("{0}", k));
  fillCounts("evacuations", o.evacuationsByState, (k) => texts.evacuationStates[k] || k);
}

function reply(r) {
  const li = document.createElement("li");
  const time = document.createElement("time");
  time.dateTime = r.receivedAt;
  time.textContent = new Date(r.receivedAt).toLocaleTimeString(document.documentElement.lang);
  const keyword = document.createElement("strong");
  keyword.textContent = texts.keywords[r.keyword] || r.keyword;
  const body = document.createElement("p");
  body.dir = "auto";
  body.textContent = r.body;
  li.append(time, " ", keyword, body);
  document.getElementById("replies").prepend(li);
}

for (const b of document.querySelectorAll("[data-draw]")) {
  b.addEventListener("click", () => {
    layers.draft.clearLayers();
    document.getElementById("country").value = "";
    setMode(drawing === b.dataset.draw ? null : b.dataset.draw);
  });
}
document.getElementById("finish-polygon").addEventListener("click", finishPolygon);
document.getElementById("clear-zone").addEventListener("click", clearZone);
document.getElementById("radius-km").addEventListener("change", () => { if (centre) setRadius(
  Number(document.getElementById("radius-km").value) || 10); });
document.getElementById("country").addEventListener("change", (e) => {
  setMode(null);
  layers.draft.clearLayers();
  if (!e.target.value) {
    clearZone();
    return;
  }
  const outline = outlines[e.target.value];
  if (outline) {
    map.fitBounds(mainPart(outline.feature.geometry));
    layers.draft.addLayer(L.geoJSON(outline.feature, { style: { color: "#7c3aed", weight: 2, fillOpacity: 0.1 } }));
  }
  setZone({ country: e.target.value });
});
document.getElementById("declare").addEventListener("submit", prepare);
for (const l of LANGUAGES) {
  document.getElementById("message-" + l).addEventListener("input", () => {
    clearTimeout(segmentsTimer);
    segmentsTimer = setTimeout(measure, 300);
  });
}
document.getElementById("confirm-send").addEventListener("click", activate);
document.getElementById("confirm-cancel").addEventListener("click", () => document.getElementById("confirm").close());
