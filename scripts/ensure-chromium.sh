#!/usr/bin/env bash
# The browser tests drive the system Chromium. Install it from Debian's
# packages when it is missing, and say clearly what to do when we can't.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi

echo "Chromium is missing; installing it from Debian's packages..."
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Cannot install Chromium here: run 'apt-get install chromium' as root," >&2
  echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
  [ -n "${CHROMIUM_PATH:-}" ] && exit 0
  exit 1
fi

if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; }; then
  echo "Installing Chromium failed. Install the 'chromium' package by hand," >&2
  echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
  exit 1
fi
