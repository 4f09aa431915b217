#!/usr/bin/env bash
# Runs every gate in order and stops at the first that fails. This is
# the README's test command, and CI runs it after `npm ci`.
set -euo pipefail

step() { printf '\n== %s ==\n' "$1"; }

step "content"
npm run --silent content

step "format"
npx prettier --check .

step "lint"
npx eslint .

step "types"
npx tsc --noEmit -p tsconfig.json

step "unit, component, API and infrastructure tests"
npm run --silent build:lambda
npx vitest run --project unit --project component --project api \
  --project infra

step "end-to-end tests in Chromium"
bash scripts/ensure-chromium.sh
npm run --silent build:web
npx vitest run --project e2e
