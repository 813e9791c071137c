#!/usr/bin/env bash
# Fetches the font the PDF manifests embed, at build time, from the npm registry:
#   dejavu-fonts-ttf 2.37.3 (the DejaVu fonts licence, a free licence derived from Bitstream Vera's): DejaVu Sans,
#   which draws Latin, Arabic (with its joining forms) and Tifinagh.
# Usage: fetch-fonts.sh OUTPUT_DIR. Does nothing when the file is already there.
set -euo pipefail
out="$1/crisis/core/repatriation/fonts"
[ -s "$out/DejaVuSans.ttf" ] && exit 0
command -v npm >/dev/null || { echo "npm is needed to fetch the manifests' font (apt-get install npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent dejavu-fonts-ttf@2.37.3 >/dev/null )
mkdir -p "$out"
tar -xzf "$work/dejavu-fonts-ttf-2.37.3.tgz" -C "$work" package/ttf/DejaVuSans.ttf package/LICENSE
mv "$work/package/ttf/DejaVuSans.ttf" "$out/"
mv "$work/package/LICENSE" "$out/LICENSE-DejaVu"
