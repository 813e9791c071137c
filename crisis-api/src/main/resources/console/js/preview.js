// What sending costs, as each confirmation says it (the first message of a crisis on the map, a follow-up or a draft
// sent from the crisis page): people and registrations reached, SMS, segments, the time the senders need at their
// rates and the price when the senders have one, then a row per language spoken in the zones (the language its text
// is sent in, GSM-7 or UCS-2, characters, segments per SMS and for everyone). The figures are the preview API's.
import { bdi, fill, locale, number } from "./i18n.js";

/** The sentence above the table: who, how many SMS and segments, how long, and what it costs. */
export function summary(texts, preview, m) {
  const money = m.cost == null ? null : new Intl.NumberFormat(locale(), { style: "currency", currency: m.currency })
    .format(Number(m.cost));
  return [...fill(texts.confirmSummary, { people: preview.people, registrations: preview.registrations,
    phones: m.phones, segments: m.totalSegments, time: m.expectedSeconds == null ? "—"
      : duration(texts, m.expectedSeconds) }), ...(money == null ? [] : [" ", ...fill(texts.costIs, { 0: money })])];
}

/** A table row per language spoken in the zones. */
export function rows(texts, m) {
  return m.byLanguage.map((c) => {
    const tr = document.createElement("tr");
    for (const v of [texts.languages[c.language] || bdi(c.language), number(c.registrations),
      texts.languages[c.sentIn] || bdi(c.sentIn), bdi(c.encoding === "GSM7" ? "GSM-7" : "UCS-2"),
      number(c.characters), number(c.segmentsPerSms), number(c.segments)]) {
      const td = document.createElement("td");
      td.append(v);
      tr.append(td);
    }
    return tr;
  });
}

const COLUMNS = ["language", "registrations", "sentIn", "encoding", "characters", "segmentsPerSms", "segments"];

/** A message's costs as a table: its head, then a row per language. */
export function table(texts, m) {
  const head = document.createElement("tr");
  for (const c of COLUMNS) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = texts[c];
    head.append(th);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  const tbody = document.createElement("tbody");
  tbody.dataset.test = "cost-rows";
  tbody.append(...rows(texts, m));
  const t = document.createElement("table");
  t.append(thead, tbody);
  return t;
}

/**
 * What sending costs, every message of the preview in turn (a draft sends them all; a follow-up is one): each with
 * its number when there are several, its sentence and its table, then the people reached without a point.
 */
export function costs(texts, preview) {
  const out = [];
  for (const m of preview.messages) {
    if (preview.messages.length > 1) {
      const h = document.createElement("h4");
      h.append(...fill(texts.messageNumber, { 0: m.seq }));
      out.push(h);
    }
    const p = document.createElement("p");
    p.dataset.test = "cost-summary";
    p.append(...summary(texts, preview, m));
    out.push(p, table(texts, m));
  }
  if (preview.withoutCoordinates) {
    const p = document.createElement("p");
    p.append(...unlocated(texts, preview));
    out.push(p);
  }
  return out;
}

/** The people reached without a point (residents of a country zone who gave no location), or nothing. */
export function unlocated(texts, preview) {
  return preview.withoutCoordinates ? fill(texts.unlocated, { 0: preview.withoutCoordinates }) : [];
}

function duration(texts, seconds) {
  const minutes = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return (minutes ? fill(texts.minutesSeconds, { 0: minutes, 1: s }) : fill(texts.seconds, { 0: s })).join("");
}
