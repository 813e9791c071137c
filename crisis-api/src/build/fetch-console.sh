#!/usr/bin/env bash
# Fetches the web console's libraries at build time from the npm registry, as their packages publish them (no
# bundler: the console is a few ES modules the browser loads as they are, and these libraries ship ready builds):
#   leaflet 1.9.4 (BSD-2-Clause): the map;
#   h3-js 4.5.0 (Apache-2.0): the H3 hexagons of the density layer.
# Usage: fetch-console.sh OUTPUT_DIR. Does nothing when the files are already there.
set -euo pipefail
out="$1/console/vendor"
[ -s "$out/leaflet/leaflet.js" ] && [ -s "$out/h3-js/h3-js.umd.js" ] && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch the console's libraries (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent leaflet@1.9.4 h3-js@4.5.0 >/dev/null )
mkdir -p "$out/leaflet" "$out/h3-js"
tar -xzf "$work/leaflet-1.9.4.tgz" -C "$work" package/dist package/LICENSE
cp -r "$work/package/dist/." "$out/leaflet/"
cp "$work/package/LICENSE" "$out/leaflet/LICENSE"
rm -rf "$work/package"
tar -xzf "$work/h3-js-4.5.0.tgz" -C "$work" package/dist package/LICENSE
cp "$work/package/dist/h3-js.umd.js" "$out/h3-js/"
cp "$work/package/LICENSE" "$out/h3-js/LICENSE"
