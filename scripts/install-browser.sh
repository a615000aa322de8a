#!/bin/sh
# Install Debian's Chromium for the browser tests when /usr/bin/chromium is missing.
# Playwright's own browser download is not used: every test launches /usr/bin/chromium.
set -eu
CHROMIUM="${STORYLINE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: $CHROMIUM is missing and apt-get is not available; install Chromium by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
test -x "$CHROMIUM"
