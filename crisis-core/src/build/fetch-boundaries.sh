#!/usr/bin/env bash
# Fetches the country boundaries used for whole-country zones, at build time, from the npm registry:
#   world-atlas 2.0.2 (ISC licence): Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON;
#   i18n-iso-countries 7.14.0 (MIT licence): ISO 3166-1 alpha-2 / alpha-3 / numeric codes.
# Usage: fetch-boundaries.sh OUTPUT_DIR. Does nothing when the files are already there.
set -euo pipefail
out="$1/crisis/core/geo/boundaries"
[ -s "$out/countries-50m.json" ] && [ -s "$out/codes.json" ] && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch the country boundaries (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 >/dev/null )
mkdir -p "$out"
tar -xzf "$work/world-atlas-2.0.2.tgz" -C "$work" package/countries-50m.json
mv "$work/package/countries-50m.json" "$out/"
tar -xzf "$work/i18n-iso-countries-7.14.0.tgz" -C "$work" package/codes.json
mv "$work/package/codes.json" "$out/"
