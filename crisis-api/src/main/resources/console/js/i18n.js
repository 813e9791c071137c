// The console's languages: French, Arabic (right to left) and English, one file of texts each (texts/*.js).
//
// Conventions, the same on every screen:
// - A switch of language redraws everything on screen: static texts carry data-text; a text that depends on data
//   is set with say(), which keeps how to write it and writes it again in the new language; lists are drawn again
//   by their screen's relabel().
// - Numbers the console writes (counts, figures, versions, lines, dates and times) use the language's digits:
//   Arabic-Indic digits (٠١٢…) in Arabic, as the kingdom's Arabic administrative texts print them, Western digits in
//   French and English. Codes and identifiers (boarding codes, passport and phone numbers, flight references) are
//   data, copied as they are: they are typed and dialled with Western digits.
// - Data inside a sentence (names, codes, places, a crisis's title, an SMS) is isolated (<bdi>, or Unicode isolates
//   where no element can go, as in an <option>): a Latin flight number never swaps places with Arabic words or a date.
// - Parts of a line are set apart by the language's separator (texts.separator): in Arabic an Arabic comma, never a
//   middle dot, which an Arabic reader takes for a zero.
import fr from "./texts/fr.js";
import ar from "./texts/ar.js";
import en from "./texts/en.js";

export const TEXTS = { fr, ar, en };

let current = fr;
const said = new Map();   // element -> how it is written, a function of the texts

/** The texts of the language in use. */
export function texts() {
  return current;
}

/** The locale the console formats numbers and dates with (Arabic-Indic digits and the Gregorian calendar in Arabic). */
export function locale() {
  const lang = document.documentElement.lang;
  return lang === "ar" ? "ar-MA-u-nu-arab" : lang === "en" ? "en-GB" : "fr-FR";
}

/** Lays the page out in a language: every element with data-text, the direction, and what say() wrote. */
export function apply(language) {
  current = TEXTS[language] || TEXTS.fr;
  document.documentElement.lang = TEXTS[language] ? language : "fr";
  document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-text]")) {
    // A key, or a path into a group of texts ("legKinds.FLIGHT").
    el.textContent = el.dataset.text.split(".").reduce((o, k) => (o ? o[k] : undefined), current);
  }
  for (const el of document.querySelectorAll("[data-label]")) {
    el.setAttribute("aria-label", current[el.dataset.label]);
  }
  document.title = current.title;
  for (const [el, how] of said) {
    el.replaceChildren(...nodes(how(current)));
  }
  return current;
}

/**
 * Sets what an element says as a function of the texts ({@code how(texts)} gives a string, a node or a list of them),
 * so that a switch of language writes it again; {@code null} empties it.
 */
export function say(el, how) {
  if (how == null) {
    said.delete(el);
    el.replaceChildren();
    return;
  }
  said.set(el, how);
  el.replaceChildren(...nodes(how(current)));
}

/** A number as the page's language writes it. */
export function number(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

/** A date (an ISO instant or date), a date and time, a time, as the page's language writes them. */
export function date(iso) {
  return iso ? new Date(iso).toLocaleDateString(locale()) : "";
}

/** A calendar day (a birth date, "2003-05-02"), the same wherever the browser is: never read as a UTC instant. */
export function day(iso) {
  return iso ? new Date(iso + "T00:00:00Z").toLocaleDateString(locale(), { timeZone: "UTC" }) : "";
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(locale(), { dateStyle: "short", timeStyle: "short" }) : "";
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString(locale()) : "";
}

/** The Western digits of a text (an opening hour "08:30") written with the language's digits. */
export function digits(text) {
  if (document.documentElement.lang !== "ar") return text;
  return String(text).replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

/** A piece of data isolated from the text around it. */
export function bdi(text) {
  const el = document.createElement("bdi");
  el.textContent = text == null ? "" : String(text);
  return el;
}

/** A text isolated with Unicode isolates, for where no element can go (an option of a list). */
export function isolated(text) {
  return "\u2068" + text + "\u2069";
}

/**
 * A template's {name} or {0} filled: a number is written with the language's digits, a node (a <bdi>) or a string
 * goes in as it is. Gives a list of strings and nodes, for say() or append().
 */
export function fill(template, values) {
  const out = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    out.push(template.slice(last, m.index));
    const v = values[m[1]];
    out.push(typeof v === "number" ? number(v) : v == null ? "" : v);
    last = m.index + m[0].length;
  }
  out.push(template.slice(last));
  return out.filter((x) => x !== "");
}

/** Items one after the other, set apart by the language's separator (Arabic comma in Arabic). */
export function joined(items, separator) {
  const out = [];
  items.forEach((x, i) => {
    if (i) out.push(separator || current.comma);
    out.push(x);
  });
  return out;
}

/** Strings and nodes as DOM nodes, flattened. */
export function nodes(x) {
  if (x == null) return [];
  if (Array.isArray(x)) return x.flatMap(nodes);
  return [x instanceof Node ? x : document.createTextNode(String(x))];
}
