#!/usr/bin/env bash
# The zone query benchmark of BENCHMARKS.md: installs PostGIS for the machine's PostgreSQL 15 (Debian package
# postgresql-15-postgis-3) when it is missing, builds the application and runs `benchmark-geo` against the server on
# 127.0.0.1:5432. Usage, from anywhere in a clone: benchmarks/benchmark-geo.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
runs="${2:-30}"
if ! dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3
fi
mvn -q -DskipTests package
java -jar benchmarks/target/benchmarks.jar benchmark-geo config/test.yml --rows "$rows" --runs "$runs"
