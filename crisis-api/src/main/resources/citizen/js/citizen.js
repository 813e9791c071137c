// The citizen's page (issue 34): a phone proven by a code sent by SMS, then a declaration of oneself, sent with the
// code. No session, no storage of what is typed: everything stays in the page until it is sent.
import { TEXTS } from "./texts.js";

const RELATIONS = ["SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDPARENT", "GRANDCHILD", "OTHER"];
const PURPOSES = ["STUDY", "TOURISM", "PILGRIMAGE", "WORK", "FAMILY_VISIT", "MEDICAL", "OTHER"];
const VULNERABILITIES = ["MEDICAL_CONDITION", "REDUCED_MOBILITY", "PREGNANCY", "ELDERLY", "UNACCOMPANIED_MINOR"];
const CONSENTS = ["CRISIS_CONTACT", "REPATRIATION", "REINTEGRATION_FOLLOW_UP", "SHARING_WITH_HOME_SERVICES"];

let language = "fr";
let countries = [];
let proof = null;     // {id, phone}: the code asked for
let members = 0;

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
  say();
  const r = await fetch("/api/v1/citizen/countries").catch(() => null);
  if (r && r.status === 200) {
    countries = await r.json();
    say();
  }
}

start();
