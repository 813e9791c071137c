#!/usr/bin/env bash
# Fetches axe-core 4.14.1 (MPL-2.0) from the npm registry for the console's accessibility checks in the browser
# tests; a test resource only, never served. Usage: fetch-axe.sh OUTPUT_DIR. Does nothing when it is already there.
set -euo pipefail
out="$1/axe"
[ -s "$out/axe.min.js" ] && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch axe-core (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent axe-core@4.14.1 >/dev/null )
mkdir -p "$out"
tar -xzf "$work/axe-core-4.14.1.tgz" -C "$work" package/axe.min.js package/LICENSE
mv "$work/package/axe.min.js" "$out/"
mv "$work/package/LICENSE" "$out/LICENSE-axe-core"
