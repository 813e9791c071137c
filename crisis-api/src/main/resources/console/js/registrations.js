// Registrations, for a consular officer (its jurisdiction) and the crisis cell: search by part of a name or a whole
// number, a record's view and the edit of its contact details with the version check (If-Match: someone else's
// change in between is refused, never overwritten), and a CSV import with a progress bar and the report of the rows
// that were not taken as they are.
import { api, csrfToken } from "./api.js";

let texts = null;
let current = null;       // the registration being edited: {view, etag}

// What the form edits; the rest of the record is sent back as it was read.
const FIELDS = ["phone", "email", "address", "preferredLanguage"];

export function start(session, t) {
  texts = t;
  const section = document.getElementById("registrations");
  section.hidden = !session || session.offline
    || (session.role !== "CONSULAR_OFFICER" && session.role !== "CRISIS_CELL");
  document.getElementById("registration").hidden = true;
}

export function relabel(t) {
  texts = t;
}

async function search(event) {
  event.preventDefault();
  const q = document.getElementById("registration-q").value.trim();
  // A name or a number travels in the body, never in a URL.
  const r = q ? await api("POST", "/api/v1/registrations/lookup", { q, limit: 50 })
    : await api("GET", "/api/v1/registrations?limit=50");
  const status = document.getElementById("registration-search-status");
  if (r.status !== 200) {
    status.textContent = texts.failed;
    return;
  }
  const page = await r.json();
  status.textContent = texts.found.replace("{0}", page.total);
  document.getElementById("registration-rows").replaceChildren(...page.items.map((x) => {
    const tr = document.createElement("tr");
    const open = document.createElement("button");
    open.type = "button";
    open.dataset.test = "registration-open";
    open.textContent = x.givenNameLatin + " " + x.familyNameLatin;
    open.addEventListener("click", () => show(x.id));
    const arabic = document.createElement("td");
    arabic.lang = "ar";
    arabic.dir = "rtl";
    arabic.textContent = [x.givenNameArabic, x.familyNameArabic].filter((n) => n).join(" ");
    const phone = document.createElement("td");
    phone.dir = "ltr";
    phone.textContent = x.phone;
    const where = document.createElement("td");
    where.textContent = x.countryOfResidence + " — " + x.consulateId;
    const cell = document.createElement("td");
    cell.append(open);
    tr.append(cell, arabic, phone, where);
    return tr;
  }));
}

async function show(id) {
  const r = await api("GET", "/api/v1/registrations/" + id);
  if (r.status !== 200) return;
  current = { view: await r.json(), etag: r.headers.get("ETag") };
  const v = current.view;
  document.getElementById("registration").hidden = false;
  document.getElementById("registration-name").textContent = v.givenNameLatin + " " + v.familyNameLatin;
  document.getElementById("registration-version").textContent = texts.version.replace("{0}", v.version);
  for (const f of FIELDS) document.getElementById("edit-" + f).value = v[f] || "";
  document.getElementById("registration-result").textContent = "";
  document.getElementById("edit-phone").focus();
}

async function save(event) {
  event.preventDefault();
  const body = { ...current.view };
  for (const k of ["id", "status", "mergedInto", "version", "createdAt", "createdBy", "updatedAt", "updatedBy"]) {
    delete body[k];
  }
  for (const f of FIELDS) {
    const value = document.getElementById("edit-" + f).value.trim();
    body[f] = value === "" ? null : value;
  }
  const r = await api("PUT", "/api/v1/registrations/" + current.view.id, body, undefined,
    { "If-Match": current.etag });
  const result = document.getElementById("registration-result");
  if (r.status === 200) {
    current = { view: await r.json(), etag: r.headers.get("ETag") };
    document.getElementById("registration-version").textContent = texts.version.replace("{0}", current.view.version);
    result.textContent = texts.saved;
  } else if (r.status === 409 || r.status === 412) {
    result.textContent = texts.stale;
  } else {
    const e = await r.json().catch(() => ({}));
    result.textContent = (e.errors || []).map((x) => x.field + " : " + x.reason).join(" ; ") || e.message || texts.failed;
  }
}

/**
 * Sends the file with XMLHttpRequest, which reports the upload's progress, then counts the rows of the report as the
 * server streams them (one per row of the file) against the file's own line count.
 */
function importFile(event) {
  event.preventDefault();
  const file = document.getElementById("import-file").files[0];
  if (!file) return;
  const bar = document.getElementById("import-progress");
  const status = document.getElementById("import-status");
  const problems = document.getElementById("import-problems");
  problems.replaceChildren();
  status.dataset.state = "sending";
  bar.value = 0;
  bar.hidden = false;
  file.text().then((text) => {
    const rows = Math.max(1, text.split("\n").filter((l) => l.trim()).length - 1);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/registrations/import?report=all");
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Requested-With", "console");
    xhr.setRequestHeader("X-CSRF-Token", csrfToken() || "");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        bar.value = 0.1 * e.loaded / e.total;
        status.textContent = texts.uploading;
      }
    };
    xhr.onprogress = () => {
      const done = (xhr.responseText.match(/"status":/g) || []).length;
      bar.value = 0.1 + 0.9 * Math.min(1, done / rows);
      status.textContent = texts.importedRows.replace("{0}", done).replace("{1}", rows);
    };
    xhr.onload = () => {
      status.dataset.state = "done";
      let report = null;
      try {
        report = JSON.parse(xhr.responseText);
      } catch (e) {
        report = null;
      }
      if (xhr.status !== 200 || !report || !report.summary) {
        status.textContent = (report && (report.message || (report.failure && report.failure.message))) || texts.failed;
        return;
      }
      bar.value = 1;
      const s = report.summary;
      status.textContent = texts.importSummary.replace("{created}", s.created).replace("{updated}", s.updated)
        .replace("{unchanged}", s.unchanged).replace("{duplicates}", s.duplicates).replace("{rejected}", s.rejected);
      problems.replaceChildren(...report.rows.filter((x) => x.status === "REJECTED" || x.status === "DUPLICATE")
        .map((x) => {
          const li = document.createElement("li");
          li.textContent = texts.importLine.replace("{0}", x.line) + " — " + (texts.rowStatuses[x.status] || x.status)
            + " — " + (x.errors || []).map((e) => e.field + " : " + e.reason).join(" ; ")
            + (x.rule ? " (" + x.rule + ")" : "");
          return li;
        }));
    };
    xhr.onerror = () => {
      status.dataset.state = "done";
      status.textContent = texts.failed;
    };
    xhr.send(file);
  });
}

document.getElementById("registration-search").addEventListener("submit", search);
document.getElementById("registration-form").addEventListener("submit", save);
document.getElementById("import-form").addEventListener("submit", importFile);
