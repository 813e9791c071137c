// The server's reasons in the user's language. The API answers a refusal with {error, message, errors: [{field,
// reason, code, params}]} (and the gate with the reasons of each operation): the reason is an English sentence for
// scripts and their authors; its code and parameters (the API's catalogue, crisis.core.common.Reasons) are what the
// console translates, the numbers in the language's digits and the data (names, codes, values) isolated. A reason
// without a code, or with one this console does not know yet, is shown as the server wrote it, marked as English:
// never hidden, never replaced by a count of rules. The console reads no English sentence to find what it means.
import { bdi, fill, joined, texts } from "./i18n.js";

// The fields a screen of the console has, by the name the API gives them, and the text of their label.
const FIELDS = { phone: "phone", email: "email", address: "address", preferredLanguage: "language", file: "file",
  title: "crisisTitle", outcome: "outcome", notes: "notes", zone: "zoneField", circle: "zoneField",
  "circle.radiusKm": "radiusKm", radiusKm: "radiusKm", country: "country", operations: "gateTitle" };

function part(value) {
  if (value == null) return null;
  return typeof value === "number" ? value : bdi(value);
}

/**
 * One of the server's reasons ({reason, code, params}) in the language in use: translated by its code when known,
 * else as it came, marked English.
 */
export function reason(e) {
  const t = texts();
  if (e && e.code && t.reasons[e.code]) {
    const values = {};
    (e.params || []).forEach((v, i) => { values[i] = part(v); });
    return fill(t.reasons[e.code], values);
  }
  const raw = bdi(e ? e.reason : "");
  raw.lang = "en";
  return [raw];
}

/** A field's name as its label on screen when the console has it, else as the API named it (a CSV column). */
export function field(name) {
  const t = texts();
  return FIELDS[name] && t[FIELDS[name]] ? t[FIELDS[name]] : bdi(name);
}

/** One refusal {field, reason, code, params}: the field and why. */
export function fieldError(e) {
  // Flat: strings and nodes, ready to be appended as they are.
  return fill(texts().fieldReason, { field: field(e.field), reason: reason(e) }).flat(Infinity);
}

/** Reasons without a field (the gate's refusals of a household's travellers), one after the other. */
export function sentences(reasons) {
  return joined((reasons || []).map(reason), texts().semicolon);
}

/** An error answer of the API, in the language in use: each field and its reason, or its message. */
export function refusal(body) {
  const t = texts();
  if (body && Array.isArray(body.errors) && body.errors.length) {
    return joined(body.errors.map(fieldError), t.semicolon);
  }
  if (body && body.error && t.errorCodes[body.error]) {
    // An unexpected error's message holds the id to quote to the support: kept, as it came.
    return body.error === "internal" && body.message ? [t.errorCodes.internal, " ", ...reason({ reason: body.message })]
      : [t.errorCodes[body.error]];
  }
  if (body && body.message) return reason({ reason: body.message });
  return [t.failed];
}
