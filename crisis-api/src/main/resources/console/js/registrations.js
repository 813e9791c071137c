// Registrations, for a consular officer (its jurisdiction) and the crisis cell: search by part of a name or a whole
// number, a record's view and the edit of its contact details with the version check (If-Match: someone else's
// change in between is refused, never overwritten), and a CSV import with a progress bar and the report of the rows
// that were not taken as they are.
import { api, csrfToken } from "./api.js";
import { bdi, fill, isolated, joined, number, say } from "./i18n.js";
import { fieldError, refusal } from "./reasons.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let texts = null;
let office = null;        // the signed-in officer's consulate (null for the crisis cell)
let current = null;       // the registration being edited: {view, etag}
let problems = [];        // the rows of the last import that were not taken as they are

// What the form edits; the rest of the record is sent back as it was read.
const FIELDS = ["phone", "email", "address", "preferredLanguage"];

export function start(session, t) {
  texts = t;
  office = session ? session.consulateId || null : null;
  document.getElementById("registration").hidden = true;
}

export function relabel(t) {
  texts = t;
  showProblems();
  showPreview();
  showMapping();
}

/** Forgets the last results and the record open: the next user of this browser does not see them. */
export function forget() {
  current = null;
  problems = [];
  previewed = null;
  unmapped = null;
  showPreview();
  showMapping();
  document.getElementById("registration-q").value = "";
  document.getElementById("registration-rows").replaceChildren();
  document.getElementById("registration").hidden = true;
  say(document.getElementById("registration-search-status"), null);
  showProblems();
}

async function search(event) {
  event.preventDefault();
  const q = document.getElementById("registration-q").value.trim();
  // A name or a number travels in the body, never in a URL.
  const r = await (q ? api("POST", "/api/v1/registrations/lookup", { q, limit: 50 })
    : api("GET", "/api/v1/registrations?limit=50")).catch(() => null);
  const status = document.getElementById("registration-search-status");
  if (!r) {
    say(status, (t) => t.failed);
    return;
  }
  if (r.status !== 200) {
    const e = await r.json().catch(() => null);
    say(status, () => refusal(e));
    return;
  }
  const page = await r.json();
  say(status, (t) => fill(t.found, { 0: page.total }));
  document.getElementById("registration-rows").replaceChildren(...page.items.map((x) => {
    const tr = document.createElement("tr");
    const open = document.createElement("button");
    open.type = "button";
    open.dataset.test = "registration-open";
    open.append(bdi(x.givenNameLatin + " " + x.familyNameLatin));
    open.addEventListener("click", () => show(x.id));
    const arabic = document.createElement("td");
    arabic.lang = "ar";
    arabic.dir = "rtl";
    arabic.textContent = [x.givenNameArabic, x.familyNameArabic].filter((n) => n).join(" ");
    const phone = document.createElement("td");
    phone.append(bdi(x.phone));
    const where = document.createElement("td");
    where.append(bdi(x.countryOfResidence), " — ", bdi(x.consulateId));
    const cell = document.createElement("td");
    cell.append(open);
    tr.append(cell, arabic, phone, where);
    return tr;
  }));
}

async function show(id) {
  const r = await api("GET", "/api/v1/registrations/" + id).catch(() => null);
  if (!r || r.status !== 200) return;
  current = { view: await r.json(), etag: r.headers.get("ETag") };
  const v = current.view;
  document.getElementById("registration").hidden = false;
  say(document.getElementById("registration-name"), () => bdi(v.givenNameLatin + " " + v.familyNameLatin));
  showVersion();
  for (const f of FIELDS) document.getElementById("edit-" + f).value = v[f] || "";
  say(document.getElementById("registration-result"), null);
  document.getElementById("edit-phone").focus();
}

async function save(event) {
  event.preventDefault();
  const body = { ...current.view };
  for (const k of ["id", "status", "mergedInto", "version", "createdAt", "createdBy", "updatedAt", "updatedBy",
    "confirmation"]) {
    delete body[k];
  }
  for (const f of FIELDS) {
    const value = document.getElementById("edit-" + f).value.trim();
    body[f] = value === "" ? null : value;
  }
  const r = await api("PUT", "/api/v1/registrations/" + current.view.id, body, undefined,
    { "If-Match": current.etag }).catch(() => null);
  const result = document.getElementById("registration-result");
  if (!r) {
    say(result, (t) => t.failed);
  } else if (r.status === 200) {
    current = { view: await r.json(), etag: r.headers.get("ETag") };
    showVersion();
    say(result, (t) => t.saved);
  } else if (r.status === 409 || r.status === 412) {
    say(result, (t) => t.stale);
  } else {
    const e = await r.json().catch(() => null);
    say(result, () => refusal(e));
  }
}

function showVersion() {
  const version = current.view.version;
  say(document.getElementById("registration-version"), (t) => fill(t.version, { 0: version }));
}

/** The file's media type: a workbook, or a CSV in the encoding the officer chose (a byte order mark says better). */
function typeOf(file) {
  return /\.xlsx$/i.test(file.name) ? XLSX : "text/csv; charset=" + document.getElementById("import-charset").value;
}

let previewed = null;   // the file previewed, its rows and the mapping it was read with, waiting for "import"
let unmapped = null;    // the file whose headers must be mapped first, and the preview that said so

/** The query of an import, its preview and its refused rows: the consulate's mapping the file is read with. */
function query(mapping) {
  if (!mapping) return "";
  return "mapping=" + encodeURIComponent(mapping.name)
    + (mapping.consulate ? "&consulate=" + encodeURIComponent(mapping.consulate) : "");
}

/**
 * First what importing the file would do, nothing written (the preview API): how it was read, rows taken and refused,
 * the problems by kind and the first rows; then the import, once the officer confirms. Headers the import does not
 * know are mapped first: with the consulate's mapping that names them all when it keeps one, else by the officer.
 */
async function previewFile(event) {
  event.preventDefault();
  const file = document.getElementById("import-file").files[0];
  if (!file) return;
  problems = [];
  showProblems();
  await previewWith(file, null);
}

/** @param ask true: the headers are asked for even when the consulate keeps a mapping that reads them */
async function previewWith(file, mapping, ask) {
  const status = document.getElementById("import-status");
  previewed = null;
  unmapped = null;
  showMapping();
  document.getElementById("import-preview").hidden = true;
  say(document.getElementById("import-format"), null);
  status.dataset.state = "previewing";
  say(status, (t) => t.previewing);
  let r;
  let body = null;
  try {
    r = await fetch("/api/v1/registrations/import/preview?sample=5" + (mapping ? "&" + query(mapping) : ""), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": typeOf(file), "Accept": "application/json", "X-Requested-With": "console",
        "X-CSRF-Token": csrfToken() || "" }, body: file });
    body = await r.json().catch(() => null);
  } catch (e) {
    status.dataset.state = "done";
    say(status, (t) => t.failed);
    return;
  }
  if (r.status !== 200 || !body) {
    status.dataset.state = "done";
    say(status, () => refusal(body));
    return;
  }
  if (body.unmapped && !body.unmapped.length) {
    // Every header known, but required columns missing: nothing to map, the file is refused as it is.
    status.dataset.state = "done";
    say(status, (t) => fill(t.mappingMissing, { 0: joined(body.missing.map((c) => columnName(t, c)), t.comma)
      .flat(Infinity) }));
    return;
  }
  if (body.unmapped && !mapping && !ask && body.mappings && body.mappings.length) {
    // The consulate keeps a mapping under which the file reads whole: read with it, as last time.
    await previewWith(file, { name: body.mappings[0], consulate: office ? null : chosenConsulate() });
    return;
  }
  if (body.unmapped) {
    status.dataset.state = "mapping";
    say(status, null);
    unmapped = { file, preview: body };
    await consulates();
    showMapping();
    document.getElementById("import-mapping-name").value = file.name.replace(/\.[^.]*$/, "").slice(0, 80);
    document.getElementById("import-mapping").scrollIntoView({ block: "nearest" });
    return;
  }
  say(document.getElementById("import-refused-result"), null);
  previewed = { file, preview: body, mapping };
  status.dataset.state = "previewed";
  say(status, null);
  showPreview();
  document.getElementById("import-preview").scrollIntoView({ block: "nearest" });
}

/** The consulate a crisis cell's mapping is kept for (an officer's is their own). */
function chosenConsulate() {
  return document.getElementById("import-mapping-consulate").value || null;
}

/** The consulates, for the crisis cell to say whose register the file is (once). */
async function consulates() {
  const select = document.getElementById("import-mapping-consulate");
  document.getElementById("import-mapping-consulate-line").hidden = Boolean(office);
  if (office || select.options.length) return;
  const r = await api("GET", "/api/v1/consulates").catch(() => null);
  const list = r && r.ok ? await r.json().catch(() => []) : [];
  select.replaceChildren(...list.map((c) => {
    const o = document.createElement("option");
    o.value = c.id;
    o.textContent = isolated(c.name) + " (" + c.id + ")";
    return o;
  }));
}

/**
 * The headers the import does not know, each with a choice of what it is: a column of the format (the missing
 * required ones first, said so) or "do not import"; and the name the consulate keeps the mapping under.
 */
function showMapping() {
  const box = document.getElementById("import-mapping");
  if (!unmapped) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const p = unmapped.preview;
  say(document.getElementById("import-mapping-why"), (t) => [t.mappingWhy, ...(p.missing && p.missing.length
    ? [" ", ...fill(t.mappingMissing, { 0: joined(p.missing.map((c) => columnName(t, c)), t.comma).flat(Infinity) })]
    : [])]);
  const rows = document.getElementById("import-mapping-rows");
  const chosen = {};
  rows.querySelectorAll("select").forEach((s) => { chosen[s.dataset.header] = s.value; });
  const missing = new Set(p.missing || []);
  const known = Object.keys(texts.columnNames);
  const order = [...known.filter((c) => missing.has(c)), ...known.filter((c) => !missing.has(c))];
  rows.replaceChildren(...p.unmapped.map((header, i) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    const label = document.createElement("label");
    label.htmlFor = "import-mapping-" + i;
    label.append(bdi(header));
    th.append(label);
    const td = document.createElement("td");
    const select = document.createElement("select");
    select.id = "import-mapping-" + i;
    select.dataset.header = header;
    select.dataset.test = "import-mapping-column";
    const option = (value, text) => {
      const o = document.createElement("option");
      o.value = value;
      o.textContent = text;
      return o;
    };
    select.append(option("", texts.mappingChoose), option("ignore", texts.mappingIgnore),
      ...order.map((c) => option(c, missing.has(c) ? fill(texts.mappingRequired, { 0: texts.columnNames[c] }).join("")
        : texts.columnNames[c])));
    select.value = chosen[header] || "";
    td.append(select);
    tr.append(th, td);
    return tr;
  }));
}

/** A column of the format by its label in the language in use. */
function columnName(t, c) {
  const names = c.split(" or ").map((x) => t.columnNames[x] || x);
  return names.length > 1 ? names.join(" / ") : names[0];
}

/** Keeps the officer's mapping under its name for the consulate, then previews the file read with it. */
async function applyMapping() {
  if (!unmapped) return;
  const result = document.getElementById("import-mapping-result");
  const name = document.getElementById("import-mapping-name").value.trim();
  const columns = Object.create(null);
  let complete = Boolean(name);
  document.getElementById("import-mapping-rows").querySelectorAll("select").forEach((s) => {
    if (!s.value) complete = false;
    columns[s.dataset.header] = s.value;
  });
  if (!complete) {
    say(result, (t) => t.mappingUnchosen);
    return;
  }
  const consulate = office ? null : chosenConsulate();
  const r = await api("PUT", "/api/v1/registrations/import/mappings", { consulate, name, columns }).catch(() => null);
  if (!r || !r.ok) {
    const body = r ? await r.json().catch(() => null) : null;
    say(result, (t) => (body ? refusal(body) : t.failed));
    return;
  }
  say(result, null);
  const saved = await r.json();
  await previewWith(unmapped.file, { name: saved.name, consulate });
}

/** The preview: how the file was read, what would be taken and refused, the problems by kind, the first rows. */
function showPreview() {
  const box = document.getElementById("import-preview");
  if (!previewed) {
    box.hidden = true;
    return;
  }
  const p = previewed.preview;
  box.hidden = false;
  say(document.getElementById("import-preview-summary"), (t) => [...fill(t.previewSummary, { 0: p.rows, 1: p.valid,
    2: p.rejected }), ...(p.readAs ? [" ", ...fill(t.previewReadAs, { 0: p.readAs })] : []), " ",
  ...(readAs(t, p.format) || [])]);
  document.getElementById("import-preview-problems").replaceChildren(...p.problems.map((x) => {
    const li = document.createElement("li");
    li.append(...fieldError({ field: x.column, reason: x.reason, code: x.code, params: x.params }).flat(Infinity), " — ",
      ...fill(texts.previewProblemCount, { 0: x.count, 1: joined(x.lines.map((l) => number(l)), texts.comma)
        .join("") }));
    return li;
  }));
  document.getElementById("import-preview-rows").replaceChildren(...p.sample.map((x) => {
    const tr = document.createElement("tr");
    const line = document.createElement("td");
    line.textContent = number(x.line);
    const what = document.createElement("td");
    if (x.values) {
      what.append(...joined(["family_name_latin", "given_name_latin", "date_of_birth", "phone", "country_of_residence"]
        .filter((c) => x.values[c]).map((c) => bdi(x.values[c])), texts.comma));
    } else {
      what.append(...joined((x.errors || []).map(fieldError), texts.semicolon).flat(Infinity));
    }
    tr.append(line, what);
    return tr;
  }));
  document.getElementById("import-refused").hidden = p.rejected === 0;
  document.getElementById("import-remap").hidden = !previewed.mapping;
  say(document.getElementById("import-confirm"), (t) => fill(t.importConfirm, { 0: p.valid }));
  document.getElementById("import-confirm").disabled = p.valid === 0;
}

/**
 * The rows the import would refuse, as a workbook to fix in Excel and send again (the refused rows API): the file's
 * own cells, then why and the line. Downloaded under the file's name.
 */
async function downloadRefused() {
  if (!previewed) return;
  const { file, mapping } = previewed;
  const result = document.getElementById("import-refused-result");
  let r;
  try {
    r = await fetch("/api/v1/registrations/import/refused" + (mapping ? "?" + query(mapping) : ""), { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": typeOf(file), "X-Requested-With": "console", "X-CSRF-Token": csrfToken() || "" },
      body: file });
  } catch (e) {
    say(result, (t) => t.failed);
    return;
  }
  if (r.status !== 200) {
    const body = await r.json().catch(() => null);
    say(result, () => refusal(body));
    return;
  }
  const blob = await r.blob();
  const name = file.name.replace(/\.[^.]*$/, "") + "-refused.xlsx";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  say(result, (t) => fill(t.refusedDownloaded, { 0: bdi(name), 1: number(Math.round(blob.size / 1024)) }));
}

/**
 * Sends the previewed file with XMLHttpRequest, which reports the upload's progress, then counts the rows of the
 * report as the server streams them (one per row of the file) against the rows the preview counted.
 */
function importFile() {
  if (!previewed) return;
  const { file, preview, mapping } = previewed;
  previewed = null;
  document.getElementById("import-preview").hidden = true;
  const bar = document.getElementById("import-progress");
  const status = document.getElementById("import-status");
  status.dataset.state = "sending";
  bar.value = 0;
  bar.hidden = false;
  const rows = Math.max(1, preview.rows);
  {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/registrations/import?report=all" + (mapping ? "&" + query(mapping) : ""));
    // The encoding the officer chose; a byte order mark in the file says better, and the server takes it.
    xhr.setRequestHeader("Content-Type", typeOf(file));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Requested-With", "console");
    xhr.setRequestHeader("X-CSRF-Token", csrfToken() || "");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.value = 0.1 * e.loaded / e.total;
        say(status, (t) => t.uploading);
      }
    };
    xhr.onprogress = () => {
      const done = (xhr.responseText.match(/"status":/g) || []).length;
      bar.value = 0.1 + 0.9 * Math.min(1, done / rows);
      say(status, (t) => fill(t.importedRows, { 0: done, 1: rows }));
    };
    xhr.onload = () => {
      status.dataset.state = "done";
      let report = null;
      try {
        report = JSON.parse(xhr.responseText);
      } catch (e) {
        report = null;
      }
      // Refused whole (the file's encoding, its header, its size): the API's reasons, each with its field.
      if (xhr.status !== 200 || !report || !report.summary) {
        const failure = report && report.failure;
        say(status, () => refusal(failure || report));
        return;
      }
      bar.value = 1;
      const s = report.summary;
      say(status, (t) => fill(t.importSummary, s));
      say(document.getElementById("import-format"), (t) => readAs(t, s.format));
      problems = report.rows.filter((x) => x.status === "REJECTED" || x.status === "DUPLICATE");
      showProblems();
    };
    xhr.onerror = () => {
      status.dataset.state = "done";
      say(status, (t) => t.failed);
    };
    xhr.send(file);
  }
}

/** How the server read the file: its encoding and what said so, its separator, the columns it knew by another name. */
function readAs(t, f) {
  if (!f) return null;
  const out = f.sheet ? fill(t.importSheet, { 0: bdi(f.sheet) }) : fill(t.importFormat, { 0: bdi(f.charset), 1: t.charsetFrom[f.charsetFrom] || bdi(f.charsetFrom),
    2: t.separators[f.delimiter] || bdi(f.delimiter) });
  const renamed = Object.entries(f.columns || {});
  if (renamed.length) {
    out.push(" ", ...fill(t.importColumns, { 0: joined(renamed.map(([from, to]) => fill(t.columnTakenAs, { 0: bdi(from), 1: bdi(to) })),
      t.semicolon).flat(Infinity) }));
  }
  if (f.mapping) out.push(" ", ...fill(t.mappingApplied, { 0: bdi(f.mapping) }));
  if (f.ignored && f.ignored.length) {
    out.push(" ", ...fill(t.mappingIgnored, { 0: joined(f.ignored.map((h) => bdi(h)), t.comma).flat(Infinity) }));
  }
  return out;
}

/** The rows an import did not take as they are: line, what happened and why, in the language in use. */
function showProblems() {
  document.getElementById("import-problems").replaceChildren(...problems.map((x) => {
    const li = document.createElement("li");
    li.append(...fill(texts.importLine, { 0: x.line }), " — ", texts.rowStatuses[x.status] || x.status, " — ",
      ...joined((x.errors || []).map(fieldError), texts.semicolon).flat(Infinity), ...(x.rule ? [" (", bdi(x.rule), ")"] : []));
    return li;
  }));
}

document.getElementById("registration-search").addEventListener("submit", search);
document.getElementById("registration-form").addEventListener("submit", save);
document.getElementById("import-form").addEventListener("submit", previewFile);
document.getElementById("import-confirm").addEventListener("click", importFile);
document.getElementById("import-refused").addEventListener("click", downloadRefused);
document.getElementById("import-mapping-apply").addEventListener("click", applyMapping);
// A mapping the page applied by itself may not be the one this file needs: the officer maps its headers anew.
document.getElementById("import-remap").addEventListener("click", () => {
  if (previewed) previewWith(previewed.file, null, true);
});
document.getElementById("import-cancel").addEventListener("click", () => {
  previewed = null;
  showPreview();
});
