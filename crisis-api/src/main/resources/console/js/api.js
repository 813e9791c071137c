// Calls to the API from the console: the session cookie, and the CSRF token on every change.
let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

/** The CSRF token of the session, for a request made without {@link api} (an upload with its progress). */
export function csrfToken() {
  return csrf;
}

/** A call to the API; {@code signal} (optional) lets a newer call abort this one; {@code more}: more headers. */
export async function api(method, path, body, signal, more) {
  // X-Requested-With: a 401 then comes without the Basic challenge, so the browser shows no password dialog.
  const headers = { "Accept": "application/json", "X-Requested-With": "console" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  Object.assign(headers, more || {});
  return fetch(path, { method, headers, credentials: "same-origin", signal,
    body: body === undefined ? undefined : JSON.stringify(body) });
}
