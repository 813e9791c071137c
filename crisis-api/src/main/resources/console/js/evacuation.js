// A crisis's evacuation, for the crisis cell (#/evacuation/<crisis id>): the order to leave (a request for every
// household inside the zones), the departures with their assembly points shown on a map around the zones (a point is
// chosen in the list or by a click on it; a click beside them places a new one), a new departure, and the seat plan: each household's rank with its
// reasons in the reader's language, its seat or the waiting list, and who a new plan moved and why. Every figure is
// the API's; a departure's time is typed as its point's local time (when.js).
/* global L */
import { api } from "./api.js";
import { bdi, dateTime, fill, joined, locale, number, say } from "./i18n.js";
import { explain } from "./ranks.js";
import { refusal } from "./reasons.js";
import { href, may, screen } from "./screens.js";
import { instantOf, knownZone } from "./when.js";

let texts = null;
let allowed = false;
let crisis = null;         // the crisis shown
let points = [];           // assembly points around its zones, nearest first: {place, distanceKm}
let legs = [];             // its departures, as the API lists them
let plan = null;           // the last plan made here
let map = null;
let layers = null;
let loading = null;        // the crisis being read: an older reading is dropped
let newPoint = null;       // where a click on the map put the next assembly point: {lat, lng}

export function start(session, t) {
  texts = t;
  allowed = may(session, screen("evacuation"));
  if (!allowed) forget();
}

export function relabel(t) {
  texts = t;
  if (!crisis) return;
  title();
  showPoints();
  showLegs();
  if (plan) showPlan();
}

/** Shows a crisis's evacuation: the crisis, its departures and the assembly points around its zones. */
export async function enter(id) {
  if (!allowed) return;
  if (!crisis || crisis.id !== id) forget();
  const reading = {};
  loading = reading;
  const r = await api("GET", "/api/v1/crises/" + id).catch(() => null);
  if (loading !== reading) return;
  if (!r || r.status !== 200) {
    say(document.getElementById("evacuation-order-result"), (x) => (r ? refusal(null) : x.failed));
    return;
  }
  crisis = await r.json();
  title();
  document.getElementById("evacuation-back").href = href("crisis", id);
  if (!document.getElementById("leg-zone").value) {
    document.getElementById("leg-zone").value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  initMap();
  drawZones();
  await Promise.all([loadPoints(reading), loadLegs(reading)]);
}

export function leave() {
  loading = null;
}

/** Nothing of a crisis stays on the screen for the next one, or the next user. */
export function forget() {
  crisis = null;
  points = [];
  legs = [];
  plan = null;
  loading = null;
  newPoint = null;
  say(document.getElementById("point-at"), null);
  say(document.getElementById("point-result"), null);
  if (layers) Object.values(layers).forEach((l) => l.clearLayers());
  for (const id of ["evacuation-order-result", "leg-result", "plan-summary", "evacuation-title"]) {
    say(document.getElementById(id), null);
  }
  document.getElementById("leg-rows").replaceChildren();
  document.getElementById("plan-rows").replaceChildren();
  document.getElementById("plan-moved").replaceChildren();
  document.getElementById("plan-table").hidden = true;
  document.getElementById("plan-moved-title").hidden = true;
  document.getElementById("leg-point").replaceChildren();
  document.getElementById("leg-form").reset();
}

function title() {
  const c = crisis;
  say(document.getElementById("evacuation-title"), (x) => fill(x.evacuationOf, { 0: bdi(c.title) }));
}

function initMap() {
  if (map) return;
  map = L.map("legs-map", { worldCopyJump: true, minZoom: 2 }).setView([30, 5], 3);
  new ResizeObserver(() => map.invalidateSize()).observe(map.getContainer());
  layers = { zones: L.layerGroup().addTo(map), points: L.layerGroup().addTo(map), draft: L.layerGroup().addTo(map) };
  // A click beside the points places the next one (a click on a point chooses it: bubblingMouseEvents false).
  map.on("click", (e) => {
    newPoint = { lat: e.latlng.lat, lng: e.latlng.wrap().lng };
    layers.draft.clearLayers();
    layers.draft.addLayer(L.circleMarker(e.latlng, { radius: 8, color: "#7c3aed", fillOpacity: 0.6 }));
    const at = newPoint;
    say(document.getElementById("point-at"), (x) => fill(x.pointAt, { 0: round(at.lat), 1: round(at.lng) }));
  });
}

/** The crisis's zones, and the map fitted to them. */
function drawZones() {
  layers.zones.clearLayers();
  const bounds = L.latLngBounds([]);
  for (const z of crisis.zones) {
    const shape = z.circle ? L.circle([z.circle.latitude, z.circle.longitude], { radius: z.circle.radiusKm * 1000,
      color: "#b91c1c" }) : L.geoJSON(z.geometry, { style: { color: "#b91c1c", weight: 2, fillOpacity: 0.1 } });
    layers.zones.addLayer(shape);
    bounds.extend(shape.getBounds());
  }
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.5), { animate: false });
}

/** The assembly points within 1,000 km of each zone's centre, nearest first, each once. */
async function loadPoints(reading) {
  const found = new Map();
  // Every zone's points asked at once.
  const answers = await Promise.all(crisis.zones.map((z) => {
    const c = z.circle ? { lat: z.circle.latitude, lng: z.circle.longitude }
      : L.geoJSON(z.geometry).getBounds().getCenter();
    return api("GET", "/api/v1/places/nearest?latitude=" + c.lat.toFixed(4) + "&longitude=" + c.lng.toFixed(4)
      + "&kind=ASSEMBLY_POINT&k=100&radiusKm=1000").then((r) => (r.status === 200 ? r.json() : []))
      .catch(() => []);
  }));
  for (const nearest of answers) {
    for (const n of nearest) {
      const known = found.get(n.place.id);
      if (!known || known.distanceKm > n.distanceKm) found.set(n.place.id, n);
    }
  }
  if (loading !== reading && loading !== null) return;
  points = [...found.values()].sort((a, b) => a.distanceKm - b.distanceKm);
  showPoints();
}

/** The points in the form's list and on the map; the one chosen drawn larger. */
function showPoints() {
  const select = document.getElementById("leg-point");
  const chosen = select.value;
  const none = document.createElement("option");
  none.value = "";
  none.textContent = points.length ? texts.choosePoint : texts.noPoints;
  select.replaceChildren(none, ...points.map((n) => {
    const o = document.createElement("option");
    o.value = n.place.id;
    // An option holds text only: the name isolated with Unicode isolates, the distance in the language's digits.
    o.textContent = "\u2068" + n.place.name + "\u2069 — " + fill(texts.kmFromZone,
      { 0: Math.round(n.distanceKm * 10) / 10 }).join("");
    return o;
  }));
  select.value = points.some((n) => n.place.id === chosen) ? chosen : "";
  drawPoints();
}

function drawPoints() {
  if (!layers) return;
  layers.points.clearLayers();
  const chosen = document.getElementById("leg-point").value;
  for (const n of points) {
    const on = n.place.id === chosen;
    const m = L.circleMarker([n.place.latitude, n.place.longitude], { radius: on ? 10 : 6, weight: 2,
      color: "#15803d", fillOpacity: on ? 0.9 : 0.4, bubblingMouseEvents: false });
    const name = document.createElement("span");
    name.textContent = n.place.name;
    m.bindTooltip(() => name);
    m.on("click", () => {
      document.getElementById("leg-point").value = n.place.id;
      drawPoints();
    });
    layers.points.addLayer(m);
    const el = m.getElement();
    if (el) {
      el.dataset.test = "point-marker";
      el.dataset.place = n.place.id;
    }
  }
}

async function loadLegs(reading) {
  const r = await api("GET", "/api/v1/crises/" + crisis.id + "/evacuation/legs").catch(() => null);
  if (!r || r.status !== 200 || (loading !== reading && loading !== null)) return;
  legs = await r.json();
  showLegs();
}

/** A leg's departure in its own time zone, with the zone said. */
function departure(leg) {
  let local;
  try {
    local = new Date(leg.departsAt).toLocaleString(locale(), { timeZone: leg.timeZone, dateStyle: "short",
      timeStyle: "short" });
  } catch (e) {
    local = dateTime(leg.departsAt);
  }
  return [local, " (", bdi(leg.timeZone), ")"];
}

function showLegs() {
  document.getElementById("leg-rows").replaceChildren(...legs.map((leg) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "leg-row";
    tr.dataset.leg = leg.id;
    tr.append(cell(bdi(leg.reference)), cell(texts.legKinds[leg.kind] || bdi(leg.kind)), cell(bdi(leg.carrier)),
      cell(...departure(leg)), cell(number(leg.seats)),
      cell(number(leg.stretcherPlaces), " / ", number(leg.wheelchairPlaces)), cell(bdi(leg.destinationCity)),
      cell(...joined(leg.points.map((p) => [bdi(p.name), " (", number(p.capacity), ")"]), texts.comma).flat()),
      cell(texts.legStates[leg.state] || bdi(leg.state)));
    return tr;
  }));
  document.getElementById("legs-empty").hidden = legs.length > 0;
}

function cell(...parts) {
  const td = document.createElement("td");
  td.append(...parts);
  return td;
}

/** A new departure from the form: its local time in its zone becomes an instant; the API checks the rest. */
async function addLeg(event) {
  event.preventDefault();
  const result = document.getElementById("leg-result");
  const value = (id) => document.getElementById(id).value.trim();
  const zone = value("leg-zone");
  const departsAt = knownZone(zone) ? instantOf(value("leg-departs"), zone) : null;
  if (!departsAt) {
    say(result, (x) => fill(x.fieldReason, { field: x.timeZone, reason: bdi(zone) }));
    return;
  }
  const count = (id) => (value(id) === "" ? null : Number(value(id)));
  const body = { kind: value("leg-kind"), carrier: value("leg-carrier"), reference: value("leg-reference"),
    seats: count("leg-seats"), stretcherPlaces: count("leg-stretchers"), wheelchairPlaces: count("leg-wheelchairs"),
    departsAt, reportMinutes: count("leg-report"), timeZone: zone, destinationCity: value("leg-destination"),
    points: [{ placeId: value("leg-point"), capacity: count("leg-capacity"), opens: value("leg-opens") || null,
      closes: value("leg-closes") || null }] };
  const r = await api("POST", "/api/v1/crises/" + crisis.id + "/evacuation/legs", body).catch(() => null);
  if (r && r.status === 201) {
    const leg = await r.json();
    say(result, (x) => fill(x.legAdded, { 0: bdi(leg.reference) }));
    for (const id of ["leg-carrier", "leg-reference", "leg-seats", "leg-departs", "leg-destination", "leg-capacity"]) {
      document.getElementById(id).value = "";
    }
    await loadLegs(loading);
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (x) => (r ? refusal(e) : x.failed));
  }
}

/** Four decimals of a degree: about ten metres. */
function round(x) {
  return Math.round(x * 10000) / 10000;
}

/** A new assembly point where the map was clicked, in the country whose land holds it; chosen for the next leg. */
async function addPoint(event) {
  event.preventDefault();
  const result = document.getElementById("point-result");
  if (!newPoint) {
    say(result, (x) => x.pointClickHint);
    return;
  }
  const name = document.getElementById("point-name").value.trim();
  const r = await api("POST", "/api/v1/places", { kind: "ASSEMBLY_POINT", name, latitude: round(newPoint.lat),
    longitude: round(newPoint.lng) }).catch(() => null);
  if (r && r.status === 201) {
    const place = await r.json();
    say(result, (x) => fill(x.pointAdded, { 0: bdi(place.name) }));
    newPoint = null;
    layers.draft.clearLayers();
    say(document.getElementById("point-at"), null);
    document.getElementById("point-name").value = "";
    await loadPoints(loading);
    document.getElementById("leg-point").value = place.id;
    drawPoints();
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (x) => (r ? refusal(e) : x.failed));
  }
}

/** The order to leave, after a confirmation that says what it does. */
function askOrder(event) {
  event.preventDefault();
  const c = crisis;
  say(document.getElementById("evacuation-order-what"), (x) => fill(x.evacuationOrderWhat, { 0: bdi(c.title) }));
  document.getElementById("evacuation-order-confirm").showModal();
}

async function order() {
  document.getElementById("evacuation-order-confirm").close();
  const result = document.getElementById("evacuation-order-result");
  const r = await api("POST", "/api/v1/crises/" + crisis.id + "/evacuation/order").catch(() => null);
  if (r && r.status === 200) {
    const o = await r.json();
    say(result, (x) => fill(x.evacuationOrdered, { 0: o.opened, 1: o.people, 2: o.alreadyRequested }));
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(result, (x) => (r ? refusal(e) : x.failed));
  }
}

/** Plans the seats again: each household's rank and why, its seat or the waiting list, who moved. */
async function makePlan() {
  const summary = document.getElementById("plan-summary");
  const r = await api("POST", "/api/v1/crises/" + crisis.id + "/evacuation/plan").catch(() => null);
  if (r && r.status === 200) {
    plan = await r.json();
    await loadLegs(loading);
    showPlan();
  } else {
    const e = r ? await r.json().catch(() => null) : null;
    say(summary, (x) => (r ? refusal(e) : x.failed));
  }
}

function showPlan() {
  const p = plan;
  say(document.getElementById("plan-summary"), (x) => fill(x.planDone, { 0: p.householdsSeated, 1: p.peopleSeated,
    2: p.householdsWaiting, 3: p.peopleWaiting, 4: p.notified, 5: p.optimal ? x.planOptimal : x.planNotOptimal }));
  const byLeg = new Map(legs.map((l) => [l.id, l]));
  const placeName = (leg, id) => {
    const point = leg ? leg.points.find((x) => x.placeId === id) : null;
    return point ? point.name : id;
  };
  const rows = [...p.placements].sort((a, b) => a.rank - b.rank);
  document.getElementById("plan-rows").replaceChildren(...rows.map((s) => {
    const tr = document.createElement("tr");
    tr.dataset.test = "plan-row";
    tr.dataset.request = s.requestId;
    const leg = byLeg.get(s.legId);
    const seat = s.legId ? fill(texts.seatOn, { 0: bdi(leg ? leg.reference : s.legId), 1: bdi(placeName(leg, s.placeId)),
      2: code(s.boardingCode) }) : [texts.waitlist];
    if (!s.legId) tr.className = "waiting";
    tr.append(cell(number(s.rank)), cell(...explain(texts, s.why)), cell(number(s.people)), cell(...seat));
    return tr;
  }));
  document.getElementById("plan-table").hidden = rows.length === 0;
  const rankOf = new Map(p.placements.map((s) => [s.requestId, s.rank]));
  document.getElementById("plan-moved-title").hidden = p.moved.length === 0;
  document.getElementById("plan-moved").replaceChildren(...p.moved.map((m) => {
    const li = document.createElement("li");
    li.append(...fill(texts.movedFrom, { 0: rankOf.get(m.requestId) || 0, 1: texts.moveReasons[m.reason]
      || bdi(m.reason) }));
    return li;
  }));
}

/** A boarding code, as the citizen's SMS writes it: Latin letters and digits, in order, in any language. */
function code(c) {
  const el = bdi(c);
  el.dataset.test = "boarding-code";
  el.translate = false;
  return el;
}

document.getElementById("evacuation-order").addEventListener("submit", askOrder);
document.getElementById("evacuation-order-yes").addEventListener("click", order);
document.getElementById("evacuation-order-no").addEventListener("click",
  () => document.getElementById("evacuation-order-confirm").close());
document.getElementById("leg-form").addEventListener("submit", addLeg);
document.getElementById("point-form").addEventListener("submit", addPoint);
document.getElementById("leg-point").addEventListener("change", drawPoints);
document.getElementById("plan-button").addEventListener("click", makePlan);
