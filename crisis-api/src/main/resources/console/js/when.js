// Times of a place elsewhere: a departure typed as the local time of its assembly point, in that point's time zone,
// becomes the instant the API keeps; and an instant is written back as that zone's local time. Pure (Node's Intl).

/** The instant (ISO, UTC) of a local date and time ("2026-12-07T14:30") in an IANA time zone; null if not one. */
export function instantOf(local, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || "");
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let offset;
  try {
    offset = offsetAt(wall, zone);
  } catch (e) {
    return null;
  }
  // The zone's offset at the guessed instant; once more at the instant found (a change of offset between the two).
  let t = wall - offset;
  t = wall - offsetAt(t, zone);
  return new Date(t).toISOString().replace(".000Z", "Z");
}

/** How far ahead of UTC a zone's clocks are at an instant, in milliseconds. */
function offsetAt(t, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23",
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
    .formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Whether the browser knows a time zone by this name. */
export function knownZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch (e) {
    return false;
  }
}
