// Drawing a zone on the crisis cell's map, on Leaflet's own events.
// - A polygon: a click per corner; a double click (its second click lands on the corner its first one made), a click
//   on the first or the last corner, or "finish" closes it. A corner is never added twice.
// - A circle: a click at the centre, then the radius follows the pointer until the second click; or typed in km.
//   The radius field shows the radius of the circle that is the zone, nothing when the zone is not a circle; typing
//   in it changes that circle: what is drawn, the zone counted and the zone declared.
/* global L */
import { say } from "./i18n.js";

const NEAR = 6;             // pixels: a click this close to a corner is on that corner
const DEFAULT_RADIUS = 10;  // km, for a circle begun with an empty radius field

let map = null;
let layer = null;
let zoneChanged = null;     // called with the zone as the search API takes it, and whether the pointer is moving
let mode = null;            // "polygon" | "circle" | null
let vertices = [];
let circle = null;          // the circle drawn or being drawn: {centre, radiusKm}

function field() {
  return document.getElementById("radius-km");
}

/** Draws on {@code m} into {@code l}; {@code onZone(zone, moving)} hears of each zone drawn. */
export function initDrawing(m, l, onZone) {
  map = m;
  layer = l;
  zoneChanged = onZone;
  map.on("click", onClick);
  map.on("mousemove", onMove);
  // When the browser reports the double click itself (the polygon is closed already by its second click).
  map.on("dblclick", (e) => {
    if (mode === "polygon") {
      L.DomEvent.stop(e);
      finish();
    }
  });
  field().addEventListener("change", typed);
  document.getElementById("finish-polygon").addEventListener("click", finish);
}

/** Begins a polygon or a circle, or stops drawing when that shape was being drawn. */
export function begin(shape) {
  const was = mode;
  forget();
  setMode(was === shape ? null : shape);
}

/** Forgets the shape drawn: another kind of zone (a country) or none. */
export function forget() {
  setMode(null);
  vertices = [];
  circle = null;
  layer.clearLayers();
  field().value = "";
}

function setMode(next) {
  mode = next;
  for (const b of document.querySelectorAll("[data-draw]")) b.setAttribute("aria-pressed", String(b.dataset.draw === next));
  say(document.getElementById("draw-hint"), (t) => (next ? t.drawHints[next] : ""));
  document.getElementById("finish-polygon").hidden = next !== "polygon";
  if (next) map.doubleClickZoom.disable(); else map.doubleClickZoom.enable();
}

function onClick(e) {
  if (mode === "polygon") {
    const at = map.latLngToContainerPoint(e.latlng);
    const on = (v) => map.latLngToContainerPoint(v).distanceTo(at) <= NEAR;
    if (vertices.length && (on(vertices[vertices.length - 1]) || (vertices.length >= 3 && on(vertices[0])))) {
      finish();
      return;
    }
    vertices.push(e.latlng);
    showPolygon();
    if (vertices.length >= 3) zoneChanged({ zone: polygonOf(vertices) });
  } else if (mode === "circle") {
    if (!circle) {
      circle = { centre: e.latlng.wrap(), radiusKm: Number(field().value) || DEFAULT_RADIUS };
      setRadius(circle.radiusKm);
    } else {
      setRadius(map.distance(circle.centre, e.latlng) / 1000);
      setMode(null);
    }
  }
}

function onMove(e) {
  if (mode === "circle" && circle) setRadius(map.distance(circle.centre, e.latlng) / 1000, true);
}

/** The radius typed: the circle drawn takes it (and stops following the pointer); empty or wrong, it is shown again. */
function typed() {
  if (!circle) return;
  const km = Number(field().value);
  if (!(km > 0)) {
    field().value = circle.radiusKm;
    return;
  }
  setMode(null);
  setRadius(km);
}

function setRadius(km, moving) {
  circle.radiusKm = Math.max(0.1, Math.min(2000, Math.round(km * 10) / 10));
  field().value = circle.radiusKm;
  layer.clearLayers();
  layer.addLayer(L.circle(circle.centre, { radius: circle.radiusKm * 1000, color: "#7c3aed",
    className: "draft-zone", interactive: false }));
  zoneChanged({ circle: { latitude: round(circle.centre.lat), longitude: round(circle.centre.lng),
    radiusKm: circle.radiusKm } }, moving);
}

function finish() {
  if (vertices.length >= 3) zoneChanged({ zone: polygonOf(vertices) });
  setMode(null);
}

function showPolygon() {
  layer.clearLayers();
  if (vertices.length) layer.addLayer(L.polygon(vertices, { color: "#7c3aed", className: "draft-zone",
    interactive: false }));
}

function round(x) {
  return Math.round(x * 1e5) / 1e5;
}

function polygonOf(points) {
  const ring = points.map((p) => [round(p.lng), round(p.lat)]);
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}
