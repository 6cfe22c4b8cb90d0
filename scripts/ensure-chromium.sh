#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a browser a tool downloads).
# Installs it once where this machine allows, else says how; the other tests run
# either way, and the browser tests then fail saying what is missing.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (once)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium at /usr/bin/chromium: install it with 'sudo apt-get install -y chromium'; they fail until then." >&2
fi
