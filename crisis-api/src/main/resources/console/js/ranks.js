// Why a household has its rank in the seat plan, said in the reader's language from the plan's parts (the API's
// `why`; its `reasons` say the same in English): the household's tier, the criteria that put it there and for whom,
// its distance from the danger zone's centre, and when it asked. Pure: the unit tests run it in Node.
import { bdi, dateTime, fill, joined } from "./i18n.js";

/** The parts of a rank's reasons, set apart by the language's semicolon: strings and nodes, flat. */
export function explain(texts, why) {
  const parts = [fill(texts.tierOf, { 0: why.tier, 1: why.tiers })];
  parts.push(why.criteria.length ? joined(why.criteria.map((c) => fill(texts.criterionOf, {
    0: texts.criteria[c.criterion] || bdi(c.criterion), 1: bdi(c.member) })), texts.comma) : texts.noCriterion);
  if (why.exposureCounts) {
    parts.push(why.exposureKm == null ? texts.locationUnknown : fill(texts.kmFromZone, { 0: why.exposureKm }));
  }
  parts.push(fill(texts.askedAt, { 0: dateTime(why.requestedAt) }));
  return joined(parts, texts.semicolon).flat(Infinity);
}
