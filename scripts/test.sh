#!/usr/bin/env bash
# Runs every BeFree test: unit, integration (real SQLite) and browser (Playwright + Debian's Chromium).
# Installs Chromium from Debian's packages if it is missing; never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

dotnet tool restore >/dev/null
dotnet build BeFree.sln -c Debug -warnaserror 2>&1 | tail -n 3
log="$(mktemp)"
status=0
dotnet test BeFree.Tests -c Debug --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line for readers and CI: "N passed, N failed".
count() { grep -E "^ +$1: +[0-9]+$" "$log" | tail -n 1 | grep -Eo '[0-9]+' || echo 0; }
# CI shows only the end of the output, so repeat each failure (name, message, top of the stack) last.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "---- failed tests ----"
  awk '/^ +Failed [A-Za-z]/ { on = 1; n = 0 }
       /^ +(Passed|Skipped) [A-Za-z]/ { on = 0 }
       on && n < 40 { print; n++ }' "$log"
  echo "----------------------"
fi
if grep -qE '^Total tests: +[0-9]+' "$log"; then
  echo "tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
fi
rm -f "$log"
exit "$status"
