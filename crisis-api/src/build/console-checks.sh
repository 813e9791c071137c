#!/usr/bin/env bash
# The console's front-end checks, run by `mvn test` (crisis-api's test phase): ESLint over its modules and tests, then
# the pure modules' unit tests with Node's own test runner (src/test/console/*.test.mjs). ESLint 10.15.0, @eslint/js
# 10.0.1 and globals 17.14.0 come from the npm registry once, into crisis-api/node_modules (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="$PWD"
command -v node >/dev/null || { echo "node is needed for the console's checks (apt-get install npm)" >&2; exit 1; }
if [ ! -x "$tools/node_modules/.bin/eslint" ]; then
  npm install --silent --no-audit --no-fund --no-save --prefix "$tools" eslint@10.15.0 @eslint/js@10.0.1 \
    globals@17.14.0 >/dev/null
fi
node_modules/.bin/eslint --max-warnings 0 src/main/resources/console src/main/resources/citizen src/test/console
echo "console: ESLint found nothing to say"
node --experimental-detect-module --test src/test/console/*.test.mjs
