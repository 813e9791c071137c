// A crisis's zones as the console shows and sends them: each one said in words (its label, and what it is: a circle
// of so many km, a country, a drawn outline), and turned back into what PUT /crises/{id}/zones takes, so that a zone
// change keeps the zones it does not touch exactly as they are. The unit tests (test/console) run it in Node.
import { bdi, fill, locale } from "./i18n.js";

/**
 * A zone said in words: {@code {kind, km?, country?, label?}} — the key of its kind in the texts and what fills it.
 * A country zone is stored with its outline and its code: it is the country.
 */
export function described(z) {
  const label = z.label || null;
  if (z.country) return { kind: "zoneCountry", country: z.country, label };
  if (z.circle) return { kind: "zoneCircle", km: z.circle.radiusKm, label };
  return { kind: "zoneDrawn", label };
}

/** A zone of a crisis as PUT /crises/{id}/zones takes it: its label and one of a country, a circle or an outline. */
export function asInput(z) {
  const input = {};
  if (z.label) input.label = z.label;
  if (z.country) input.country = z.country;
  else if (z.circle) input.circle = { latitude: z.circle.latitude, longitude: z.circle.longitude,
    radiusKm: z.circle.radiusKm };
  else input.geometry = z.geometry;
  return input;
}

/** A zone drawn on the map (as the search API takes it: {circle} | {zone} | {country}) as a crisis's zone. */
export function fromDrawn(drawn) {
  if (drawn.circle) return { circle: drawn.circle };
  if (drawn.zone) return { geometry: drawn.zone };
  return { label: drawn.country, country: drawn.country };
}

/** A country's name in the page's language (the platform's own names of regions), else its code. */
export function countryName(iso) {
  try {
    return new Intl.DisplayNames([locale()], { type: "region" }).of(iso) || iso;
  } catch (e) {
    return iso;
  }
}

/** A zone in words: its label, and a circle of so many km, a country by its name, or a drawn outline. */
export function words(texts, z) {
  const d = described(z);
  const what = d.kind === "zoneCountry" ? fill(texts.zoneCountry, { 0: bdi(countryName(d.country)) })
    : d.kind === "zoneCircle" ? fill(texts.zoneCircle, { 0: d.km }) : [texts.zoneDrawn];
  if (!d.label || d.label === d.country) return what;
  // What it is, a list of parts itself, goes into the sentence part by part.
  return fill(texts.zoneLabelled, { 0: bdi(d.label), 1: what }).flatMap((x) => (Array.isArray(x) ? x : [x]));
}
