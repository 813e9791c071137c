// The server's reasons in the user's language. The API answers a refusal with {error, message, errors: [{field,
// reason}]} (and the gate with a message per operation), in English sentences meant for scripts and their authors;
// those the console's screens meet are known here by their shape and said in French, Arabic or English, their
// figures in the language's digits and their data (names, codes, values) isolated. A reason not known here is shown
// as the server wrote it, marked as English: never hidden, never replaced by a count of rules.
import { bdi, fill, joined, texts } from "./i18n.js";

// [the server's sentence, the key of its translation in texts.reasons]. What a pattern captures fills {0}, {1}…:
// digits alone as a number, anything else as isolated data.
const REASONS = [
  [/^is required$/, "required"],
  [/^is required, at most (\d+) printable characters$/, "requiredAtMost"],
  [/^(?:must be )?at most (\d+) (?:printable )?characters(?:, was \d+)?$/, "atMost"],
  [/^is longer than (\d+) characters$/, "atMost"],
  [/^is at most ([\d,]+) characters$/, "atMost"],
  [/^must be at most (\d+) printable characters$/, "atMost"],
  [/^must be on one line$/, "oneLine"],
  [/^contains a control character \((U\+[0-9A-F]+)\).*$/, "controlCharacter"],
  [/^must be in international form starting with \+ and the country code, e\.g\. (\+\d+)$/, "phoneInternational"],
  [/^is not a valid number for its country code$/, "phoneInvalid"],
  [/^is not a phone number \(.+\)$/, "phoneNot"],
  [/^is too long to be a phone number$/, "phoneTooLong"],
  [/^must be a mobile number able to receive SMS \(this one is (.+)\)$/, "phoneNotMobile"],
  [/^is not an e-mail address$/, "email"],
  [/^is not valid UTF-8: bad byte at offset (\d+) \(line (\d+)\); save the file as UTF-8$/, "notUtf8"],
  [/^is not valid UTF-8: it ends in the middle of a character$/, "notUtf8End"],
  [/^is empty$/, "empty"],
  [/^has no header row$/, "noHeader"],
  [/^is larger than the limit of (\d+) bytes$/, "tooLarge"],
  [/^unknown columns (.+); the columns are: (.+)$/, "unknownColumns"],
  [/^missing columns \[(.+)\]$/, "missingColumns"],
  [/^column '(.+)' appears twice in the header$/, "columnTwice"],
  [/^cannot be read as CSV: .*$/, "notCsv"],
  [/^has (\d+) cells where the header has (\d+)$/, "cellCount"],
  [/^'(.*)' is not a date \(YYYY-MM-DD\)$/, "notDate"],
  [/^'(.*)' is not a decimal number$/, "notDecimal"],
  [/^no consulate '(.+)'$/, "noConsulate"],
  [/^the household boards together$/, "boardsTogether"],
  [/^(.+) needs a laissez-passer before boarding$/, "needsLaissezPasser"],
  [/^only the crisis cell or the leg's gate officer(?: \((.+)\))? can close its gate, or mark it departed or arrived$/,
    "gateOfficerOnly"],
  [/^(.+) is not checked in$/, "notCheckedIn"],
  [/^no household has boarding code (.+)$/, "noSuchCode"],
  [/^boarding code (.+) is for another leg$/, "codeOtherLeg"],
  [/^nobody with this (?:traveller id|document number) has a seat on this leg$/, "noSeat"],
  [/^leg (?:.+ )?is (PLANNED|BOARDING|DEPARTED|ARRIVED|CANCELLED)$/, "legState"],
  [/^assistance request \S+ is taken by (.+)$/, "takenBy"],
  [/^assistance request \S+ is closed(?: already)?$/, "requestClosed"],
  [/^give the text in at least one language.*$/, "textMissing"],
  [/^must be more than 0 and at most (\d+)$/, "radiusRange"],
  [/^(.+) near longitude (-?[\d.]+), latitude (-?[\d.]+); repaired into (\d+) areas? \(check the zone before sending\)$/,
    "repaired"],
  [/^has no area \(all its points are on one line\)(?:; left out)?$/, "noArea"],
];

// The fields a screen of the console has, by the name the API gives them, and the text of their label.
const FIELDS = { phone: "phone", email: "email", address: "address", preferredLanguage: "language", file: "file",
  title: "crisisTitle", outcome: "outcome", notes: "notes", zone: "zoneField", circle: "zoneField",
  "circle.radiusKm": "radiusKm", radiusKm: "radiusKm", country: "country", operations: "gateTitle" };

function part(value) {
  if (value == null) return null;
  return /^\d{1,3}(,?\d{3})*$/.test(value) ? Number(value.replace(/,/g, "")) : bdi(value);
}

/** One of the server's sentences in the language in use: translated when known, else as it came, marked English. */
export function reason(text) {
  const t = texts();
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(text);
    if (m && t.reasons[key]) {
      const values = {};
      m.slice(1).forEach((v, i) => { values[i] = part(v); });
      return fill(t.reasons[key], values);
    }
  }
  const raw = bdi(text);
  raw.lang = "en";
  return [raw];
}

/** A field's name as its label on screen when the console has it, else as the API named it (a CSV column). */
export function field(name) {
  const t = texts();
  return FIELDS[name] && t[FIELDS[name]] ? t[FIELDS[name]] : bdi(name);
}

/** One refusal {field, reason}: the field and why. */
export function fieldError(e) {
  return fill(texts().fieldReason, { field: field(e.field), reason: reason(e.reason) });
}

/** A message of several sentences joined by "; " (the gate's refusals of a household's travellers). */
export function sentences(text) {
  return joined(String(text).split("; ").map(reason), texts().semicolon);
}

/** An error answer of the API, in the language in use: each field and its reason, or its message. */
export function refusal(body) {
  const t = texts();
  if (body && Array.isArray(body.errors) && body.errors.length) {
    return joined(body.errors.map(fieldError), t.semicolon);
  }
  if (body && body.message) return sentences(body.message);
  return [t.failed];
}
