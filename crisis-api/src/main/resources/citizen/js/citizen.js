// The citizen's page (issue 34): a phone proven by a code sent by SMS, then a declaration of oneself, sent with the
// code; and, for one already registered, a link by SMS that opens (once, with the phone it was sent to) a short access
// to what is held for that phone: see it, end a trip early, withdraw. No session, no storage of what is typed: the
// access lives in the page's memory only, and the link leaves the address bar as soon as the page reads it.
import { TEXTS } from "./texts.js";

const RELATIONS = ["SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDPARENT", "GRANDCHILD", "OTHER"];
const PURPOSES = ["STUDY", "TOURISM", "PILGRIMAGE", "WORK", "FAMILY_VISIT", "MEDICAL", "OTHER"];
const VULNERABILITIES = ["MEDICAL_CONDITION", "REDUCED_MOBILITY", "PREGNANCY", "ELDERLY", "UNACCOMPANIED_MINOR"];
const CONSENTS = ["CRISIS_CONTACT", "REPATRIATION", "REINTEGRATION_FOLLOW_UP", "SHARING_WITH_HOME_SERVICES"];

let language = "fr";
let countries = [];
let proof = null;     // {id, phone}: the code asked for
let members = 0;
let link = null;      // the link the address carried, until it is opened
let access = null;    // {token, phone}: an opened link's access
let held = null;      // the records held for the access's phone, as last read
let correcting = null; // {id, version}: the held record the declaration form now corrects
let adding = false;    // whether the declaration form now declares another trip or person with the access

const $ = (id) => document.getElementById(id);
const t = () => TEXTS[language];

function element(tag, attributes = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/** A labelled input with its error line; the label's text is the key's in the page's language. */
function field(id, key, attributes = {}) {
  const input = element(attributes.tag || "input", { id, name: id, "aria-describedby": id + "-error",
    ...attributes, tag: undefined });
  return element("div", { class: "field" }, [
    element("label", { for: id, "data-text": key }),
    input,
    element("p", { id: id + "-error", class: "error" }),
  ]);
}

function select(id, key, values, optionsOf) {
  const s = field(id, key, { tag: "select" });
  s.querySelector("select").dataset.options = optionsOf;
  s.querySelector("select").dataset.values = values.join(",");
  return s;
}

function choices(container, name, values, textsOf, type = "checkbox") {
  for (const v of values) {
    container.append(element("label", {}, [
      element("input", { type, name, value: v }),
      element("span", { "data-choice": textsOf + "." + v }),
    ]));
  }
}

function build() {
  $("you-fields").append(
    field("givenNameLatin", "givenNameLatin", { autocomplete: "given-name", dir: "ltr", lang: "fr" }),
    field("familyNameLatin", "familyNameLatin", { autocomplete: "family-name", dir: "ltr", lang: "fr" }),
    field("givenNameArabic", "givenNameArabic", { dir: "rtl", lang: "ar" }),
    field("familyNameArabic", "familyNameArabic", { dir: "rtl", lang: "ar" }),
    field("dateOfBirth", "dateOfBirth", { type: "date", autocomplete: "bday" }));
  const sex = element("fieldset", { id: "sex", class: "choice", "aria-describedby": "sex-error" },
    [element("legend", { "data-text": "sex" })]);
  for (const v of ["F", "M"]) {
    sex.append(element("label", {}, [element("input", { type: "radio", name: "sex", value: v }),
      element("span", { "data-text": "sex" + v })]));
  }
  sex.append(element("p", { id: "sex-error", class: "error" }));
  $("you-fields").append(sex,
    field("passportNumber", "passportNumber", { dir: "ltr", autocapitalize: "characters" }),
    field("nationalId", "nationalId", { dir: "ltr", autocapitalize: "characters" }),
    field("email", "email", { type: "email", autocomplete: "email", dir: "ltr" }),
    select("preferredLanguage", "preferredLanguage", ["AR", "FR", "EN"], "options"));
  $("where-fields").append(
    field("countryOfResidence", "countryOfResidence", { tag: "select", autocomplete: "country" }),
    field("address", "address", { autocomplete: "street-address" }));
  $("trip-fields").append(
    field("arrivalDate", "arrivalDate", { type: "date" }),
    field("departureDate", "departureDate", { type: "date" }),
    select("stayPurpose", "stayPurpose", PURPOSES, "options"));
  choices($("vulnerabilities"), "vulnerabilities", VULNERABILITIES, "vulnerability");
  const consents = $("consents");
  const error = $("consents-error");
  choices(consents, "consents", CONSENTS, "consent");
  consents.append(error);
  for (const r of document.querySelectorAll("input[name=residenceType]")) {
    r.addEventListener("change", () => {
      $("trip-fields").hidden = value("residenceType") !== "TEMPORARY";
    });
  }
  $("add-member").addEventListener("click", addMember);
}

function addMember() {
  const i = members++;
  const li = element("li", { "data-member": String(i) }, [
    field("member-" + i + "-name", "memberName", { dir: "auto" }),
    select("member-" + i + "-relation", "relation", RELATIONS, "options"),
    field("member-" + i + "-dateOfBirth", "memberBirth", { type: "date" }),
    element("button", { type: "button", "data-text": "removeMember" }),
  ]);
  li.querySelector("button").addEventListener("click", () => li.remove());
  $("household").append(li);
  say();
  li.querySelector("input").focus();
}

/** Every text of the page in the chosen language, options included, the chosen values kept. */
function say() {
  const words = t();
  document.documentElement.lang = language;
  document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  document.title = words.title;
  for (const e of document.querySelectorAll("[data-text]")) e.textContent = words[e.dataset.text];
  for (const e of document.querySelectorAll("[data-choice]")) {
    const [group, key] = e.dataset.choice.split(".");
    const [label, help] = words[group][key];
    e.replaceChildren(label, ...(help ? [element("small", {}, [help])] : []));
  }
  for (const s of document.querySelectorAll("select[data-values]")) {
    const kept = s.value;
    s.replaceChildren(element("option", { value: "" }, [words.choose]),
      ...s.dataset.values.split(",").map((v) => element("option", { value: v }, [words[s.dataset.options][v] || v])));
    s.value = kept;
  }
  const country = $("countryOfResidence");
  const keptCountry = country.value;
  const named = countries.map((c) => ({ iso2: c.iso2, name: c.names[language] || c.names.en }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
  country.replaceChildren(element("option", { value: "" }, [words.choose]),
    ...named.map((c) => element("option", { value: c.iso2 }, [c.name])));
  country.value = keptCountry;
  for (const b of document.querySelectorAll("[data-language]")) {
    b.setAttribute("aria-pressed", String(b.dataset.language === language));
  }
  if (held) drawRecords();
}

function value(name) {
  const checked = document.querySelector("input[name=" + name + "]:checked");
  if (checked) return checked.value;
  const e = $(name);
  return e && e.value.trim() !== "" ? e.value.trim() : null;
}

function checkedValues(name) {
  return [...document.querySelectorAll("input[name=" + name + "]:checked")].map((e) => e.value);
}

function declaration() {
  const temporary = value("residenceType") === "TEMPORARY";
  return {
    givenNameLatin: value("givenNameLatin"), familyNameLatin: value("familyNameLatin"),
    givenNameArabic: value("givenNameArabic"), familyNameArabic: value("familyNameArabic"),
    dateOfBirth: value("dateOfBirth"), sex: value("sex"), passportNumber: value("passportNumber"),
    nationalId: value("nationalId"), email: value("email"), preferredLanguage: value("preferredLanguage"),
    address: value("address"), countryOfResidence: value("countryOfResidence"),
    residenceType: value("residenceType"),
    arrivalDate: temporary ? value("arrivalDate") : null, departureDate: temporary ? value("departureDate") : null,
    stayPurpose: temporary ? value("stayPurpose") : null,
    household: [...document.querySelectorAll("#household li")].map((li) => {
      const i = li.dataset.member;
      return { fullName: value("member-" + i + "-name"), relation: value("member-" + i + "-relation"),
        dateOfBirth: value("member-" + i + "-dateOfBirth") };
    }),
    vulnerabilities: checkedValues("vulnerabilities"),
    consents: checkedValues("consents"),
  };
}

/** Where a field the API names is on the page: its input, or the group it belongs to. */
function place(name) {
  const member = /^household\[(\d+)\]\.?(\w*)/.exec(name);
  if (member) {
    const li = document.querySelectorAll("#household li")[Number(member[1])];
    const key = { fullName: "name", relation: "relation" }[member[2]] || "dateOfBirth";
    return li ? $("member-" + li.dataset.member + "-" + key) : null;
  }
  const base = name.replace(/^declaration\./, "").split(/[.[]/)[0];
  const aliases = { location: "countryOfResidence", latitude: "countryOfResidence", longitude: "countryOfResidence",
    locationSource: "countryOfResidence", consent: "consents", proof: "code" };
  return $(aliases[base] || base);
}

function clearErrors() {
  for (const e of document.querySelectorAll(".error")) e.textContent = "";
  for (const e of document.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

/** The API's refusals said at their fields: the words in the page's language, the rule as the server gave it. */
function showErrors(errors) {
  let first = null;
  for (const { field: name, reason } of errors || []) {
    const target = place(name) || $("form-error");
    const line = $(target.id + "-error") || $("form-error");
    if (target.tagName === "INPUT" || target.tagName === "SELECT") target.setAttribute("aria-invalid", "true");
    line.append((line.textContent ? " " : "") + t().invalid + " (", element("bdi", { lang: "en" }, [reason]), ")");
    first = first || target;
  }
  if (first) first.focus();
}

async function post(path, body) {
  return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body) });
}

async function askCode(event) {
  event.preventDefault();
  clearErrors();
  const phone = $("phone").value.trim();
  const r = await post("/api/v1/citizen/phone-proofs", { phone, language }).catch(() => null);
  if (!r) {
    $("phone-error").textContent = t().offline;
    return;
  }
  if (r.status === 202) {
    const sent = await r.json();
    proof = { id: sent.proof, phone };
    $("phone-status").textContent = t().codeSent;
    $("declaration-form").hidden = false;
    $("preferredLanguage").value = language.toUpperCase();
    $("givenNameLatin").focus();
  } else if (r.status === 429) {
    const minutes = Math.ceil(Number(r.headers.get("Retry-After") || 3600) / 60);
    $("phone-error").textContent = t().tooMany.replace("%s", String(minutes));
  } else {
    const body = await r.json().catch(() => ({}));
    showErrors(body.errors || [{ field: "phone", reason: body.message || String(r.status) }]);
  }
}

async function declare(event) {
  event.preventDefault();
  clearErrors();
  if (correcting || adding) {
    await saveWithAccess();
    return;
  }
  const r = await post("/api/v1/citizen/declarations", { proof: proof && proof.id, phone: proof && proof.phone,
    code: $("code").value.trim(), declaration: declaration() }).catch(() => null);
  if (!r) {
    $("form-error").textContent = t().offline;
    return;
  }
  if (r.status === 202) {
    $("phone-form").hidden = true;
    $("declaration-form").hidden = true;
    $("done").hidden = false;
    $("done").focus();
    return;
  }
  const body = await r.json().catch(() => ({}));
  $("form-error").textContent = t().formInvalid;
  showErrors(body.errors || [{ field: "form", reason: body.message || String(r.status) }]);
}

async function askLink(event) {
  event.preventDefault();
  clearErrors();
  $("link-status").textContent = "";
  const r = await post("/api/v1/citizen/access-links", { phone: $("link-phone").value.trim(), language })
    .catch(() => null);
  if (!r) {
    $("link-phone-error").textContent = t().offline;
  } else if (r.status === 202) {
    $("link-status").textContent = t().linkSent;
  } else if (r.status === 429) {
    const minutes = Math.ceil(Number(r.headers.get("Retry-After") || 3600) / 60);
    $("link-phone-error").textContent = t().tooMany.replace("%s", String(minutes));
  } else {
    const body = await r.json().catch(() => ({}));
    const errors = (body.errors || []).map((e) => ({ ...e, field: "link-phone" }));
    showErrors(errors.length ? errors : [{ field: "link-phone", reason: body.message || String(r.status) }]);
  }
}

async function openAccess(event) {
  event.preventDefault();
  clearErrors();
  const phone = $("access-phone").value.trim();
  const r = await post("/api/v1/citizen/access", { link, phone }).catch(() => null);
  if (!r) {
    $("access-phone-error").textContent = t().offline;
    return;
  }
  const body = await r.json().catch(() => ({}));
  if (r.status !== 200) {
    showErrors((body.errors || [{ reason: body.message || String(r.status) }])
      .map((e) => ({ ...e, field: "access-phone" })));
    return;
  }
  access = { token: body.access, phone };
  link = null;
  $("access-form").hidden = true;
  $("records").hidden = false;
  await readRecords();
  $("records").focus();
}

/** A request with the access: its token and its phone in headers, never in the address. */
async function withAccess(method, path, body) {
  return fetch(path, { method, headers: { "Content-Type": "application/json", "X-Citizen-Access": access.token,
    "X-Citizen-Phone": access.phone }, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The access is over (ended, expired): back to asking for a link. */
function ended() {
  access = null;
  held = null;
  $("records").hidden = true;
  $("records-list").replaceChildren();
  $("link-form").hidden = false;
  $("link-status").textContent = t().accessEnded;
}

async function readRecords() {
  const r = await withAccess("GET", "/api/v1/citizen/records").catch(() => null);
  if (!r) {
    $("records-status").textContent = t().offline;
    return;
  }
  if (r.status === 401) {
    ended();
    return;
  }
  held = await r.json();
  drawRecords();
}

function day(iso) {
  return iso ? new Date(iso + "T00:00:00Z").toLocaleDateString(language === "ar" ? "ar-MA" : language,
    { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }) : "";
}

function countryName(iso2) {
  const c = countries.find((x) => x.iso2 === iso2);
  return c ? c.names[language] || c.names.en : iso2;
}

function drawRecords() {
  const words = t();
  $("records-empty").hidden = held.length > 0;
  $("records-list").replaceChildren(...held.map((r) => {
    const title = element("h3", { id: "record-" + r.id }, [element("bdi", {}, [
      [r.givenNameLatin, r.familyNameLatin].join(" ")])]);
    if (r.givenNameArabic) title.append(" — ", element("bdi", { lang: "ar" }, [
      [r.givenNameArabic, r.familyNameArabic].filter(Boolean).join(" ")]));
    const where = [countryName(r.countryOfResidence)];
    if (r.residenceType === "TEMPORARY") {
      where.push(words.stayFrom.replace("%1", day(r.arrivalDate)).replace("%2", day(r.departureDate)));
    }
    const article = element("article", { "aria-labelledby": "record-" + r.id }, [title,
      element("p", {}, [r.confirmation === "CONFIRMED" ? words.confirmed : words.pending]),
      element("p", {}, [where.join(language === "ar" ? "، " : ", ")]),
      element("p", {}, [words.householdSize.replace("%s", String(r.household.length))])]);
    if (r.residenceType === "TEMPORARY") article.append(endTripForm(r));
    const correct = element("button", { type: "button", "data-correct": r.id }, [words.correct]);
    correct.addEventListener("click", () => startCorrection(r));
    article.append(element("p", {}, [correct]), withdrawPart(r));
    return element("li", { "data-record": r.id }, [article]);
  }));
}

function endTripForm(r) {
  const id = "end-" + r.id;
  const today = new Date().toISOString().slice(0, 10);
  const input = element("input", { id, type: "date", required: "", min: r.arrivalDate, max: r.departureDate,
    "aria-describedby": id + "-error" });
  input.value = today < r.departureDate ? (today > r.arrivalDate ? today : r.arrivalDate) : r.departureDate;
  const form = element("form", { class: "end-trip", novalidate: "" }, [
    element("label", { for: id }, [t().endTrip]), input, element("p", { id: id + "-error", class: "error" }),
    element("button", { type: "submit" }, [t().endTripButton])]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const res = await withAccess("POST", "/api/v1/citizen/records/" + r.id + "/end-trip",
      { departureDate: input.value || null }).catch(() => null);
    await answered(res, id, (body) => t().tripEnded.replace("%s", day(body.departureDate)));
  });
  return form;
}

function withdrawPart(r) {
  const confirm = element("p", { hidden: "" }, [t().withdrawConfirm, " "]);
  const yes = element("button", { type: "button", "data-withdraw": r.id }, [t().withdrawYes]);
  confirm.append(yes);
  const ask = element("button", { type: "button" }, [t().withdraw]);
  ask.addEventListener("click", () => {
    confirm.hidden = false;
    yes.focus();
  });
  yes.addEventListener("click", async () => {
    const res = await withAccess("POST", "/api/v1/citizen/records/" + r.id + "/withdraw").catch(() => null);
    await answered(res, "records-status", () => t().withdrawn);
  });
  return element("div", { class: "withdraw" }, [ask, confirm]);
}

/** A change's answer: said in the status line when done, at its field when refused; the records read again. */
async function answered(res, fieldId, done) {
  if (!res) {
    $("records-status").textContent = t().offline;
    return;
  }
  if (res.status === 401) {
    ended();
    return;
  }
  const body = await res.json().catch(() => ({}));
  if (res.status === 200) {
    await readRecords();
    $("records-status").textContent = done(body);
    return;
  }
  showErrors((body.errors || [{ reason: body.message || String(res.status) }]).map((e) => ({ ...e, field: fieldId })));
}

/** The declaration form, filled with a held record, to correct it (no code: the access proves the phone). */
function startCorrection(r) {
  correcting = { id: r.id, version: r.version };
  for (const k of ["givenNameLatin", "familyNameLatin", "givenNameArabic", "familyNameArabic", "dateOfBirth",
    "passportNumber", "nationalId", "email", "address", "arrivalDate", "departureDate", "countryOfResidence",
    "stayPurpose"]) {
    $(k).value = r[k] || "";
  }
  // The registry writes a language in lower case; the page's choices are its codes.
  $("preferredLanguage").value = (r.preferredLanguage || "").toUpperCase();
  for (const name of ["sex", "residenceType"]) {
    for (const e of document.querySelectorAll("input[name=" + name + "]")) e.checked = e.value === r[name];
  }
  $("trip-fields").hidden = r.residenceType !== "TEMPORARY";
  $("household").replaceChildren();
  for (const m of r.household) {
    addMember();
    const i = members - 1;
    $("member-" + i + "-name").value = m.fullName || "";
    $("member-" + i + "-relation").value = m.relation || "";
    $("member-" + i + "-dateOfBirth").value = m.dateOfBirth || "";
  }
  const purposes = r.consent ? r.consent.purposes : [];
  for (const e of document.querySelectorAll("input[name=vulnerabilities]")) {
    e.checked = r.vulnerabilities.includes(e.value);
  }
  for (const e of document.querySelectorAll("input[name=consents]")) e.checked = purposes.includes(e.value);
  showForm(true);
  $("givenNameLatin").focus();
}

/** The declaration form as a correction or another declaration with the access (or back), the records hidden. */
function showForm(withAccessToo) {
  $("records").hidden = withAccessToo;
  $("declaration-form").hidden = !withAccessToo;
  $("code-fieldset").hidden = withAccessToo;
  $("cancel-correction").hidden = !withAccessToo;
  $("declare-button").dataset.text = !withAccessToo ? "declare" : correcting ? "saveCorrection" : "saveAnother";
  say();
}

/** Another trip or person, the form emptied but for the language of the messages. */
function startAnother() {
  adding = true;
  $("declaration-form").reset();
  $("household").replaceChildren();
  $("trip-fields").hidden = true;
  $("preferredLanguage").value = language.toUpperCase();
  showForm(true);
  $("givenNameLatin").focus();
}

async function saveWithAccess() {
  const r = await (correcting ? withAccess("PUT", "/api/v1/citizen/records/" + correcting.id,
    { version: correcting.version, declaration: declaration() })
    : withAccess("POST", "/api/v1/citizen/records", { declaration: declaration() })).catch(() => null);
  if (!r) {
    $("form-error").textContent = t().offline;
    return;
  }
  const done = correcting ? t().corrected : t().anotherReceived;
  if (r.status === 401) {
    correcting = null;
    adding = false;
    showForm(false);
    $("declaration-form").hidden = true;
    ended();
    return;
  }
  const body = await r.json().catch(() => ({}));
  if (r.status === 200 || r.status === 202) {
    correcting = null;
    adding = false;
    showForm(false);
    $("declaration-form").hidden = true;
    await readRecords();
    $("records-status").textContent = done;
    $("records").focus();
    return;
  }
  $("form-error").textContent = t().formInvalid;
  showErrors(body.errors || [{ field: "form", reason: body.message || String(r.status) }]);
}

async function closeAccess() {
  if (access) await withAccess("DELETE", "/api/v1/citizen/access").catch(() => null);
  ended();
}

/**
 * A link from an SMS: read from the fragment (when the page opens, or when a tab already showing it is sent there),
 * then taken out of the address bar and its history. Whether there was one.
 */
function linkFromAddress() {
  const opened = /^#access=([0-9a-f-]{36}\.[A-Za-z0-9_-]{22})$/.exec(location.hash);
  if (!opened) return false;
  link = opened[1];
  history.replaceState(null, "", location.pathname + location.search);
  clearErrors();
  $("phone-form").hidden = true;
  $("declaration-form").hidden = true;
  $("done").hidden = true;
  $("link-form").hidden = true;
  $("records").hidden = true;
  $("access-form").hidden = false;
  $("access-phone").focus();
  return true;
}

async function start() {
  const asked = new URLSearchParams(location.search).get("lang") || (navigator.language || "fr").slice(0, 2);
  language = TEXTS[asked] ? asked : "fr";
  build();
  for (const b of document.querySelectorAll("[data-language]")) {
    b.addEventListener("click", () => {
      language = b.dataset.language;
      say();
    });
  }
  $("phone-form").addEventListener("submit", askCode);
  $("declaration-form").addEventListener("submit", declare);
  $("link-form").addEventListener("submit", askLink);
  $("access-form").addEventListener("submit", openAccess);
  $("close-access").addEventListener("click", closeAccess);
  $("declare-another").addEventListener("click", startAnother);
  $("cancel-correction").addEventListener("click", () => {
    correcting = null;
    adding = false;
    clearErrors();
    showForm(false);
    $("declaration-form").hidden = true;
    $("records").focus();
  });
  window.addEventListener("hashchange", linkFromAddress);
  const opened = linkFromAddress();
  say();
  if (opened) $("access-phone").focus();
  const r = await fetch("/api/v1/citizen/countries").catch(() => null);
  if (r && r.status === 200) {
    countries = await r.json();
    say();
  }
}

start();
