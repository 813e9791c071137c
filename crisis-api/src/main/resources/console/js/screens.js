// The console's screens, the one place that says which role sees what: each screen has its own address
// (#/name or #/name/id), the page sections it shows, the roles that may open it, and whether it needs the server (a
// screen without "offline" is not offered when the console opened without a connection). The API still decides what
// each user may read and change; a screen left out of the menu is only the console not offering what would be refused.
// Nothing here touches the page: app.js shows the sections, and the unit tests (test/console) run it in Node.

export const ROLES = ["CRISIS_CELL", "CONSULAR_OFFICER", "CASEWORKER", "ADMIN"];

/** In the menu's order. {@code detail}: the sections shown when the address names one item (#/cases/<id>). */
export const SCREENS = [
  { name: "map", text: "navMap", roles: ["CRISIS_CELL"], sections: ["crisis-cell"] },
  { name: "crises", text: "navCrises", roles: ["CRISIS_CELL"], sections: ["crises"] },
  { name: "crisis", text: "navCrisis", roles: ["CRISIS_CELL"], sections: ["crisis-page"], menu: false,
    needsId: true },
  { name: "zones", text: "navZones", roles: ["CRISIS_CELL"], sections: ["crisis-cell"], menu: false, needsId: true },
  { name: "evacuation", text: "navEvacuation", roles: ["CRISIS_CELL"], sections: ["evacuation"], menu: false,
    needsId: true },
  { name: "countries", text: "navCountries", roles: ["CRISIS_CELL"], sections: ["countries"], detail: ["countries",
    "country-page"], idPattern: /^[A-Z]{2}$/ },
  { name: "simulator", text: "navSimulator", roles: ["CRISIS_CELL"], sections: ["simulator"] },
  { name: "queue", text: "navQueue", roles: ["CONSULAR_OFFICER", "CRISIS_CELL"], sections: ["queue"] },
  { name: "registrations", text: "navRegistrations", roles: ["CONSULAR_OFFICER", "CRISIS_CELL"],
    sections: ["registrations"] },
  { name: "declarations", text: "navDeclarations", roles: ["CONSULAR_OFFICER", "CRISIS_CELL"],
    sections: ["declarations"] },
  { name: "gate", text: "navGate", roles: ["CONSULAR_OFFICER", "CRISIS_CELL"], sections: ["gate"], offline: true },
  { name: "remains", text: "navRemains", roles: ["CONSULAR_OFFICER", "CRISIS_CELL"], sections: ["remains"],
    detail: ["remains-case"] },
  { name: "cases", text: "navCases", roles: ["CASEWORKER"], sections: ["cases"], detail: ["case"] },
  { name: "partners", text: "navPartners", roles: ["CRISIS_CELL", "CASEWORKER"], sections: ["partners"] },
  { name: "account", text: "navAccount", roles: ROLES, sections: ["home"], offline: true },
];

/** Every section a screen can show: all of them are hidden but the current screen's. */
export const SECTIONS = [...new Set(SCREENS.flatMap((s) => [...s.sections, ...(s.detail || [])]))];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The screen of this name, or undefined. */
export function screen(name) {
  return SCREENS.find((s) => s.name === name);
}

/**
 * Whether a session may open a screen: its role, a connection unless the screen works without one, and the server
 * running it ({@code session.unavailable}: a set of screen names, such as the simulator outside the embedded default).
 */
export function may(session, s) {
  return !!session && !!s && s.roles.includes(session.role) && (!session.offline || !!s.offline)
    && !(session.unavailable && session.unavailable.has(s.name));
}

/** The screens of a session's menu, in order. */
export function menu(session) {
  return SCREENS.filter((s) => s.menu !== false && may(session, s));
}

/** Where a session lands when the address names nothing it may open: its first screen. */
export function home(session) {
  const m = menu(session);
  return m.length ? { screen: m[0].name, id: null } : { screen: "account", id: null };
}

/** An address's route: {screen, id}; null when it is not one (a missing or foreign screen, an id that is not one). */
export function parse(hash) {
  const m = /^#\/([a-z-]+)(?:\/([^/?#]+))?\/?$/.exec(hash || "");
  if (!m) return null;
  const s = screen(m[1]);
  if (!s) return null;
  const id = m[2] === undefined ? null : decodeURIComponent(m[2]);
  // An item's id: a UUID, or what the screen's items are known by (a country's ISO code).
  if (id !== null && !(s.idPattern || UUID).test(id)) return null;
  if (s.needsId && id === null) return null;
  return { screen: s.name, id };
}

/** The address of a screen, or of one item on it. */
export function href(name, id) {
  return "#/" + name + (id ? "/" + encodeURIComponent(id) : "");
}

/**
 * What a session is shown for an address: the route itself when it may open it, else its home screen (a link to a
 * screen of another role, or one that needs the server while offline). {@code redirected} says the address changes.
 */
export function resolve(session, hash) {
  const r = parse(hash);
  if (r && may(session, screen(r.screen))) return { ...r, redirected: false };
  return { ...home(session), redirected: true };
}

/** The sections to show for a route (the others are hidden). */
export function sectionsOf(route) {
  const s = screen(route.screen);
  return route.id && s.detail ? s.detail : s.sections;
}
