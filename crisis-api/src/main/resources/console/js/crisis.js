// The crisis cell's map (countries, density of registered nationals as H3 hexagons, active crises' zones, assembly
// points and consulates), a zone drawn (drawing.js) or picked with the people inside counted live, the messages with
// their encoding, segments, SMS and expected sending time, the activation after a confirmation that says who will
// receive what; then the crisis page (crisispage.js). Every figure comes from the API with the signed-in user's
// rights; nothing is computed or filtered here. Answers come back in any order: each kind of request remembers its
// latest, and an older answer arriving after a newer one is dropped, never drawn over it.
/* global L, h3 */
import { api } from "./api.js";
import { bdi, fill, joined, number, say } from "./i18n.js";
import { costs } from "./preview.js";
import { begin, forget, initDrawing } from "./drawing.js";
import { counts as showCounts } from "./crisispage.js";
import { fieldError, refusal } from "./reasons.js";
import { href, may, screen } from "./screens.js";
import { asInput, fromDrawn, words } from "./zones.js";

/**
 * A tooltip's content as text: Leaflet writes a string as HTML, and a place's name is whatever someone typed (an
 * <img> in it made the crisis cell's browser fetch a manifest in its name).
 */
function plain(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

const LANGUAGES = ["fr", "ar", "en", "es", "zgh"];
let texts = null;
let map = null;
const layers = {};
const outlines = {};       // each country's base-map layer, by ISO code: to show a picked country
let zone = null;          // the zone being drawn, as the search API takes it: {circle} | {zone} | {country}
let countsTimer = null;
let draft = null;         // the crisis created from the form, waiting for its activation
let tiles = null;          // the configured tile server's URL template, if any
let countries = [];       // as the API gives them, with their names in each language

// What was last shown, to draw again in another language.
let lastCounts = null;     // the search API's answer for the zone
let lastSegments = null;   // the segments API's answer for the messages
let lastPreview = null;    // the preview shown in the confirmation
let lastCells = null;      // the density layer's cells
let lastNames = null;      // the base map's names for the view: {zoom, towns}
let lastZoneChange = null; // the zone change preview shown in its confirmation
let mapReady = null;       // the map being made: the zones screen waits for it

/**
 * The crisis whose zones are being changed (#/zones/<id>): {crisis, zones}, its zones as PUT takes them, the ones
 * kept and the ones added; null on the map screen, where a zone drawn is for a new crisis.
 */
let editing = null;

/** The latest of each kind of request: a newer one aborts the older, and an answer that is not the latest is dropped. */
const latest = {};

function newest(kind) {
  if (latest[kind]) latest[kind].abort();
  const controller = new AbortController();
  latest[kind] = controller;
  return controller;
}

function stale(kind, controller) {
  return latest[kind] !== controller;
}

export async function start(session, t) {
  texts = t;
  tiles = session ? session.mapTiles : null;
  if (!may(session, screen("map"))) return;
  if (!mapReady) mapReady = initMap();
  await mapReady;
  fillCountries();
  loadCrises();
}

export function relabel(t) {
  texts = t;
  if (lastCells) showDensity(lastCells);
  showNames();
  if (lastCounts) showZoneCounts(lastCounts);
  if (lastSegments) showSegments(lastSegments);
  if (lastPreview && document.getElementById("confirm").open) confirmation(lastPreview);
  if (editing) showEditedZones();
  if (lastZoneChange && document.getElementById("zone-confirm").open) zoneConfirmation(lastZoneChange);
  nameCountries();
}

async function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 2 }).setView([30, 5], 3);
  // Leaflet measures its container once; the page's layout changes it (the panel, the window, the language).
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, crossOrigin: true }).addTo(map);
  }
  const r = await api("GET", "/api/v1/geo/countries").catch(() => null);
  if (r && r.status === 200) {
    L.geoJSON(await r.json(), { interactive: false,
      style: { color: "#6b6b6b", weight: 0.6, fillColor: "#efece3", fillOpacity: tiles ? 0 : 1 },
      onEachFeature: (f, layer) => { outlines[f.properties.iso2] = layer; } }).addTo(map);
  }
  // Names above the shapes, never in the way of a click on the map.
  map.createPane("names").style.zIndex = 450;
  map.getPane("names").style.pointerEvents = "none";
  for (const name of ["density", "crises", "places", "edited", "draft"]) layers[name] = L.layerGroup().addTo(map);
  layers.names = L.layerGroup([], { pane: "names" }).addTo(map);
  // Whether the map is still moving, and its zoom once it stops: for whoever must click on a settled map.
  map.on("movestart", () => { map.getContainer().dataset.moving = "true"; });
  map.on("moveend", () => {
    map.getContainer().dataset.moving = "false";
    map.getContainer().dataset.zoom = map.getZoom();
    map.getContainer().dataset.centre = map.getCenter().lat.toFixed(4) + "," + map.getCenter().lng.toFixed(4);
    refreshDensity();
    refreshPlaces();
    refreshNames();
  });
  initDrawing(map, layers.draft, setZone);
  refreshDensity();
  refreshPlaces();
  refreshNames();
}

/**
 * The base map's names: the countries' (from their outlines, in the language in use) up to zoom 5, where each has
 * room, and the towns the API names for the view (capitals and the largest first, none over another). An answer for
 * a view left since is dropped.
 */
async function refreshNames() {
  const b = map.getBounds();
  const bbox = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()),
    Math.min(90, b.getNorth())].map((x) => x.toFixed(4));
  const zoom = map.getZoom();
  const request = newest("names");
  try {
    const r = await api("GET", "/api/v1/geo/places?bbox=" + bbox.join(",") + "&zoom=" + zoom, undefined,
      request.signal);
    if (r.status !== 200) return;
    const towns = await r.json();
    if (stale("names", request)) return;
    lastNames = { zoom, towns };
    showNames();
  } catch (e) {
    // Aborted by a newer view, or no connection: the names shown stay.
  }
}

function showNames() {
  if (!lastNames) return;
  layers.names.clearLayers();
  const lang = document.documentElement.lang;
  if (lastNames.zoom <= 5) {
    for (const [iso, outline] of Object.entries(outlines)) {
      const at = outline.feature.properties.label;
      const c = countries.find((x) => x.iso2 === iso);
      if (!at || !c || !map.getBounds().contains([at[1], at[0]])) continue;
      // Only where the country is wide enough on screen for its name.
      const box = outline.getBounds();
      const width = map.latLngToContainerPoint(box.getNorthEast()).x - map.latLngToContainerPoint(box.getSouthWest()).x;
      if (width < 60) continue;
      nameAt([at[1], at[0]], (lang === "ar" ? c.nameAr : lang === "en" ? c.nameEn : c.nameFr) || c.nameEn,
        "map-name country-name", lang);
    }
  }
  for (const t of lastNames.towns) {
    const arabic = lang === "ar" && t.nameAr;
    nameAt([t.latitude, t.longitude], arabic ? t.nameAr : t.name, "map-name town-name" + (t.capital ? " capital" : ""),
      arabic ? "ar" : "");
  }
}

/** A name written on the map: text, never HTML, and hidden from screen readers (the map is a picture). */
function nameAt(latLng, text, className, lang) {
  const span = document.createElement("span");
  span.textContent = text;
  span.dir = "auto";
  if (lang) span.lang = lang;
  const m = L.marker(latLng, { icon: L.divIcon({ html: span, className, iconSize: null }), interactive: false,
    keyboard: false, pane: "names" });
  layers.names.addLayer(m);
  m.getElement().setAttribute("aria-hidden", "true");
}

/** The H3 resolution the density layer uses at a zoom: hexagons a few dozen pixels wide. */
function resolutionFor(zoom) {
  return Math.max(1, Math.min(8, Math.round(zoom * 0.75) - 1));
}

/**
 * The density of the view in sight. The map's container says which view was asked last ({@code data-density-view})
 * and how many answers are still awaited ({@code data-density-pending}); the legend, which view its figures are for.
 */
async function refreshDensity() {
  const b = map.getBounds();
  const west = Math.max(-180, b.getWest());
  const east = Math.min(180, b.getEast());
  const bbox = [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map((x) => x.toFixed(4));
  const view = "bbox=" + bbox.join(",") + "&resolution=" + resolutionFor(map.getZoom());
  const container = map.getContainer();
  container.dataset.densityView = view;
  container.dataset.densityPending = Number(container.dataset.densityPending || 0) + 1;
  const request = newest("density");
  try {
    const r = await api("GET", "/api/v1/geo/density?" + view, undefined, request.signal);
    if (r.status !== 200) return;
    const cells = await r.json();
    if (stale("density", request)) return;
    lastCells = { view, cells };
    showDensity(lastCells);
  } catch (e) {
    // Aborted by a newer view, or no connection: the layer keeps what it showed.
  } finally {
    container.dataset.densityPending = Number(container.dataset.densityPending) - 1;
  }
}

function showDensity({ view, cells }) {
  const most = cells.reduce((m, c) => Math.max(m, c.count), 1);
  layers.density.clearLayers();
  for (const c of cells) {
    const ring = h3.cellToBoundary(c.cell);
    const hex = L.polygon(ring, { stroke: false, fillColor: "#c2410c", interactive: true,
      fillOpacity: 0.15 + 0.6 * Math.sqrt(c.count / most), className: "density-cell" });
    hex.bindTooltip(() => plain(number(c.count) + " " + texts.registered));
    layers.density.addLayer(hex);
  }
  const legend = document.getElementById("density-legend");
  const total = cells.reduce((s, c) => s + c.count, 0);
  say(legend, (t) => fill(t.densityLegend, { 0: total }));
  legend.dataset.view = view;
}

async function refreshPlaces() {
  const c = map.getCenter().wrap();
  const request = newest("places");
  const found = [];
  try {
    for (const kind of ["ASSEMBLY_POINT", "CONSULATE"]) {
      const r = await api("GET", "/api/v1/places/nearest?latitude=" + c.lat.toFixed(4) + "&longitude="
        + c.lng.toFixed(4) + "&kind=" + kind + "&k=100&radiusKm=2000", undefined, request.signal);
      if (r.status === 200) found.push(...(await r.json()).map((n) => ({ kind, place: n.place })));
    }
  } catch (e) {
    // Aborted by a newer view, or no connection: the places shown stay.
    return;
  }
  if (stale("places", request)) return;
  layers.places.clearLayers();
  for (const { kind, place } of found) {
    const m = L.circleMarker([place.latitude, place.longitude], { radius: 6, weight: 2,
      color: kind === "CONSULATE" ? "#1d4ed8" : "#15803d", fillOpacity: 0.9 });
    m.bindTooltip(() => plain(texts.placeKinds[kind] + " — " + place.name));
    layers.places.addLayer(m);
  }
}

async function loadCrises() {
  const r = await api("GET", "/api/v1/crises?status=ACTIVE&limit=50").catch(() => null);
  if (!r || r.status !== 200) return;
  const page = await r.json();
  layers.crises.clearLayers();
  const list = document.getElementById("active-crises");
  list.replaceChildren(...page.items.map((c) => {
    for (const z of c.zones) drawZone(layers.crises, z, "#b91c1c");
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.append(bdi(c.title));
    b.addEventListener("click", () => { location.hash = href("crisis", c.id); });
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

function clearZone() {
  forget();
  document.getElementById("country").value = "";
  zone = null;
  lastCounts = null;
  document.getElementById("zone-counts").hidden = true;
  document.getElementById("declare").hidden = true;
  document.getElementById("zone-add").hidden = true;
}

function setZone(z, moving) {
  zone = z;
  // The zone as the search API was asked, for whoever reads the page (and its tests).
  document.getElementById("zone-counts").dataset.zone = JSON.stringify(z);
  // On the zones screen a zone drawn is added to the crisis's; on the map it is for a new crisis.
  document.getElementById("declare").hidden = !!editing;
  document.getElementById("zone-add").hidden = !editing;
  clearTimeout(countsTimer);
  countsTimer = setTimeout(counts, moving ? 400 : 150);
}

/** The people inside the zone being drawn, by language and vulnerability: the search API, counts only. */
async function counts() {
  if (!zone) return;
  const request = newest("counts");
  const status = document.getElementById("zone-status");
  say(status, (t) => t.counting);
  document.getElementById("zone-counts").hidden = false;
  let r;
  let body;
  try {
    r = await api("POST", "/api/v1/registrations/search", { ...zone, limit: 0 }, request.signal);
    body = await r.json().catch(() => null);
  } catch (e) {
    if (e.name !== "AbortError") say(status, (t) => t.failed);
    return;
  }
  if (stale("counts", request)) return;
  if (r.status !== 200) {
    say(status, () => refusal(body));
    return;
  }
  say(status, null);
  lastCounts = body;
  showZoneCounts(body);
  showMessageFields(Object.keys(body.byLanguage));
  measure();
}

function showZoneCounts(body) {
  document.getElementById("zone-total").textContent = number(body.total);
  showCounts("zone-languages", body.byLanguage, (k) => texts.languages[k] || bdi(k));
  showCounts("zone-vulnerabilities", body.byVulnerability, (k) => texts.vulnerabilities[k] || bdi(k));
  // What was repaired or left out of the zone drawn (a polygon crossing itself), each with its field.
  const warnings = (body.warningReasons || []).map(fieldError);
  document.getElementById("zone-warnings").replaceChildren(...joined(warnings, " ").flat(Infinity));
}

let segmentsTimer = null;

/** Under each message field: how it travels (encoding, characters, segments) and the segments for its speakers. */
async function measure() {
  const written = {};
  for (const l of LANGUAGES) {
    const v = document.getElementById("message-" + l).value;
    if (v) written[l] = v;
  }
  const request = newest("segments");
  if (!Object.keys(written).length) {
    lastSegments = {};
    showSegments(lastSegments);
    return;
  }
  try {
    const r = await api("POST", "/api/v1/crises/segments", { texts: written }, request.signal);
    if (r.status !== 200) return;
    const answer = await r.json();
    if (stale("segments", request)) return;
    lastSegments = answer;
    showSegments(answer);
  } catch (e) {
    // Aborted by a newer text, or no connection: the figures shown stay until the next change.
  }
}

function showSegments(segments) {
  const spoken = lastCounts ? lastCounts.byLanguage : {};
  for (const l of LANGUAGES) {
    const c = segments[l];
    const out = document.getElementById("measure-" + l);
    if (!c) {
      out.replaceChildren();
      continue;
    }
    const people = spoken[l] || 0;
    out.replaceChildren(...fill(texts.measure, { encoding: bdi(c.encoding === "GSM7" ? "GSM-7" : "UCS-2"),
      characters: c.units, segments: c.segments, registrations: people, total: c.segments * people }));
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
  if (countries.length) return;
  const r = await api("GET", "/api/v1/countries").catch(() => null);
  if (!r || r.status !== 200) return;
  countries = await r.json();
  nameCountries();
}

/** The countries' list in the language in use, sorted as that language sorts; the choice made is kept. */
function nameCountries() {
  if (!countries.length) return;
  const select = document.getElementById("country");
  const chosen = select.value;
  const lang = document.documentElement.lang;
  const name = (c) => (lang === "ar" ? c.nameAr : lang === "en" ? c.nameEn : c.nameFr) || c.nameEn;
  const sorted = [...countries].sort((a, b) => name(a).localeCompare(name(b), lang));
  select.replaceChildren(select.options[0], ...sorted.map((c) => {
    const o = document.createElement("option");
    o.value = c.iso2;
    o.textContent = name(c);
    return o;
  }));
  select.value = chosen;
  showNames();
}

function draftBody() {
  const messages = {};
  for (const l of LANGUAGES) {
    const field = document.getElementById("message-" + l);
    if (!field.closest("div").hidden && field.value.trim()) messages[l] = field.value;
  }
  const z = fromDrawn(zone);
  return { title: document.getElementById("crisis-title").value, type: document.getElementById("crisis-type").value,
    severity: document.getElementById("crisis-severity").value, zones: [z], messages: [messages] };
}

/** Saves the draft and shows what it would cost: the preview API, for the confirmation. */
async function prepare(event) {
  event.preventDefault();
  const error = document.getElementById("declare-error");
  say(error, null);
  const r = await api("POST", "/api/v1/crises", draftBody()).catch(() => null);
  if (!r) {
    say(error, (t) => t.failed);
    return;
  }
  const body = await r.json().catch(() => null);
  if (r.status !== 201) {
    say(error, () => refusal(body));
    return;
  }
  draft = body;
  const p = await api("GET", "/api/v1/crises/" + draft.id + "/preview").catch(() => null);
  if (!p || p.status !== 200) {
    const e = p ? await p.json().catch(() => null) : null;
    say(error, (t) => (p ? refusal(e) : t.failed));
    return;
  }
  lastPreview = await p.json();
  confirmation(lastPreview);
  document.getElementById("confirm").showModal();
}

function confirmation(preview) {
  document.getElementById("confirm-costs").replaceChildren(...costs(texts, preview));
}

async function activate() {
  const r = await api("POST", "/api/v1/crises/" + draft.id + "/activate").catch(() => null);
  document.getElementById("confirm").close();
  if (!r) {
    say(document.getElementById("declare-error"), (t) => t.failed);
  } else if (r.status === 200) {
    const id = draft.id;
    draft = null;
    lastPreview = null;
    clearZone();
    document.getElementById("declare").reset();
    lastSegments = null;
    showSegments({});
    loadCrises();
    location.hash = href("crisis", id);
  } else {
    const body = await r.json().catch(() => null);
    say(document.getElementById("declare-error"), () => refusal(body));
  }
}

for (const b of document.querySelectorAll("[data-draw]")) {
  b.addEventListener("click", () => {
    document.getElementById("country").value = "";
    begin(b.dataset.draw);
  });
}
document.getElementById("clear-zone").addEventListener("click", clearZone);
document.getElementById("country").addEventListener("change", (e) => {
  forget();
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

/**
 * The zones screen (#/zones/<crisis>): the crisis's zones on the map and in a list, each of them can be removed, a
 * zone drawn or a country picked is added; then what the change would do (the zone preview API: who comes in and
 * gets every message so far, who leaves), confirmed before the zones are replaced.
 */
export async function editZones(id) {
  const reading = { crisis: null, zones: [] };
  editing = reading;
  clearZone();
  document.getElementById("declare").hidden = true;
  const form = document.getElementById("zone-change");
  form.hidden = false;
  document.getElementById("zone-change-back").href = href("crisis", id);
  say(document.getElementById("zone-change-error"), null);
  say(document.getElementById("zone-change-title"), null);
  document.getElementById("zone-change-list").replaceChildren();
  await mapReady;
  const r = await api("GET", "/api/v1/crises/" + id).catch(() => null);
  if (editing !== reading) return;
  if (!r || r.status !== 200) {
    const body = r ? await r.json().catch(() => null) : null;
    say(document.getElementById("zone-change-error"), (t) => (r ? refusal(body) : t.failed));
    return;
  }
  reading.crisis = await r.json();
  reading.zones = reading.crisis.zones.map(asInput);
  say(document.getElementById("zone-change-title"), (t) => fill(t.zonesOf, { 0: bdi(reading.crisis.title) }));
  showEditedZones();
  fitEdited();
}

/** The map brought to the zones the crisis would have. */
function fitEdited() {
  const bounds = layers.edited.getLayers().length ? L.featureGroup(layers.edited.getLayers()).getBounds() : null;
  if (bounds && bounds.isValid()) map.fitBounds(bounds, { maxZoom: 10 });
}

/** Leaves the zones screen: the map is the map again. */
export function stopEditing() {
  editing = null;
  lastZoneChange = null;
  document.getElementById("zone-change").hidden = true;
  if (document.getElementById("zone-confirm").open) document.getElementById("zone-confirm").close();
  if (layers.edited) layers.edited.clearLayers();
  clearZone();
}

/** The zones the crisis would have, in the list (each with its removal) and on the map. */
function showEditedZones() {
  layers.edited.clearLayers();
  for (const z of editing.zones) drawZone(layers.edited, z, "#c2410c");
  const list = document.getElementById("zone-change-list");
  list.replaceChildren(...editing.zones.map((z, i) => {
    const li = document.createElement("li");
    li.append(...words(texts, z));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.dataset.test = "zone-remove";
    remove.textContent = texts.zoneRemove;
    remove.addEventListener("click", () => {
      editing.zones.splice(i, 1);
      showEditedZones();
    });
    li.append(" ", remove);
    return li;
  }));
}

/** What the change would do, from the zone preview API, in its confirmation. */
async function prepareZoneChange(event) {
  event.preventDefault();
  const error = document.getElementById("zone-change-error");
  say(error, null);
  if (!editing || !editing.crisis) return;
  const r = await api("POST", "/api/v1/crises/" + editing.crisis.id + "/zones/preview", { zones: editing.zones })
    .catch(() => null);
  const body = r ? await r.json().catch(() => null) : null;
  if (!r || r.status !== 200) {
    say(error, (t) => (r ? refusal(body) : t.failed));
    return;
  }
  lastZoneChange = body;
  zoneConfirmation(body);
  document.getElementById("zone-confirm").showModal();
}

function zoneConfirmation(p) {
  const active = p.status === "ACTIVE";
  document.getElementById("zone-confirm-what").replaceChildren(...fill(active ? texts.zoneChangeActive
    : texts.zoneChangeDraft, { 0: p.inside, 1: p.newlyInside, 2: p.noLongerInside }));
  // Active: what the newcomers are sent now. A draft: what sending it will cost, with the new zones.
  document.getElementById("zone-confirm-costs").replaceChildren(...(active && !p.newlyInside ? []
    : costs(texts, p.sent)));
}

async function changeZones() {
  const id = editing && editing.crisis ? editing.crisis.id : null;
  document.getElementById("zone-confirm").close();
  if (!id) return;
  const r = await api("PUT", "/api/v1/crises/" + id + "/zones", { zones: editing.zones }).catch(() => null);
  if (r && r.status === 200) {
    loadCrises();
    location.hash = href("crisis", id);
    return;
  }
  const body = r ? await r.json().catch(() => null) : null;
  say(document.getElementById("zone-change-error"), (t) => (r ? refusal(body) : t.failed));
}

document.getElementById("zone-add").addEventListener("click", () => {
  if (!editing || !zone) return;
  editing.zones.push(fromDrawn(zone));
  clearZone();
  showEditedZones();
  fitEdited();
});
document.getElementById("zone-change").addEventListener("submit", prepareZoneChange);
document.getElementById("zone-confirm-yes").addEventListener("click", changeZones);
document.getElementById("zone-confirm-no").addEventListener("click", () => document.getElementById("zone-confirm")
  .close());
