#!/usr/bin/env bash
# Runs every BeFree test:
#   1. the whole suite (unit, bUnit, integration on SQLite, browser) — browser tests last;
#   2. the migrations of all three providers against the model, and their SQL scripts; and the
#      published app in Production serving its static files;
#   3. the integration tests again on a private PostgreSQL server this script starts and removes;
#   then the cluster tests (scripts/test-cluster.sh: two app servers, Redis, nginx).
# Installs what it needs from Debian's packages (Chromium, PostgreSQL) if missing; never downloads
# a browser or a database of its own. Extra arguments go to both `dotnet test` runs.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

dotnet tool restore >/dev/null
logs="$(mktemp -d)"
# The build's errors, if any, are what a reader needs: they are printed last, not cut by the tail.
if ! dotnet build BeFree.sln -c Debug -warnaserror > "$logs/build.log" 2>&1; then
  grep -E ": (error|warning) " "$logs/build.log" | sort -u | head -n 40
  echo "The build failed."
  rm -rf "$logs"
  exit 1
fi
tail -n 3 "$logs/build.log"

pg_dir="/tmp/befree-test-postgres-$$"
cleanup() { ./scripts/test-postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$logs"; }
trap cleanup EXIT
status=0

echo "== 1/4 all tests, SQLite"
dotnet test BeFree.Tests -c Debug --no-build --logger "console;verbosity=normal" --filter "Category!=Cluster" "$@" 2>&1 | tee "$logs/sqlite.log" || status=1

echo "== 2/4 migrations of every provider; the published app"
./scripts/check-migrations.sh || status=1
./scripts/check-published.sh || status=1

echo "== 3/4 integration tests, PostgreSQL"
if BEFREE_TEST_POSTGRES="$(./scripts/test-postgres.sh start "$pg_dir")"; then
  export BEFREE_TEST_POSTGRES
  # Browser tests run the app as a process on SQLite; bUnit tests touch no database.
  dotnet test BeFree.Tests -c Debug --no-build --logger "console;verbosity=normal" \
    --filter "FullyQualifiedName!~BeFree.Tests.Browser&FullyQualifiedName!~BeFree.Tests.Components&Database!=SqliteOnly&Category!=Cluster" "$@" \
    2>&1 | tee "$logs/postgres.log" || status=1
else
  echo "PostgreSQL could not be started for the tests."
  status=1
fi

echo "== 4/4 cluster: two app servers on PostgreSQL and Redis behind nginx (scripts/test-cluster.sh)"
./scripts/test-cluster.sh --logger "console;verbosity=normal" "$@" 2>&1 | tee "$logs/cluster.log" || status=1

# One plain closing line for readers and CI: "N passed, N failed". CI shows only the end of the
# output, so each failed test (name, message, top of the stack) is repeated last. A failed test is
# the runner's "  Failed Name [12 ms]" line; log lines such as "Failed executing DbCommand" are not.
count() { grep -E "^ +$1: +[0-9]+$" "$2" 2>/dev/null | tail -n 1 | grep -Eo '[0-9]+' || echo 0; }
failed_test='^  Failed [A-Za-z_].* \[[0-9.]+ (ms|s|m|h)\]$'
passed=0; failed=0; skipped=0; summary=""
for pass in sqlite postgres cluster; do
  log="$logs/$pass.log"
  [ -f "$log" ] || continue
  if ! grep -qE '^Total tests: +[0-9]+' "$log"; then
    echo "The $pass run ended without a test summary."
    status=1
  fi
  summary+="$pass: $(count Passed "$log") passed, $(count Failed "$log") failed, $(count Skipped "$log") skipped"$'\n'
  passed=$((passed + $(count Passed "$log"))); failed=$((failed + $(count Failed "$log"))); skipped=$((skipped + $(count Skipped "$log")))
done
for pass in sqlite postgres cluster; do
  log="$logs/$pass.log"
  [ -f "$log" ] && grep -qE "$failed_test" "$log" || continue
  echo "---- failed tests ($pass) ----"
  # Up to 25 lines of each failure: its name, the message and the top of the stack.
  awk -v re="$failed_test" '$0 ~ re { on = 1; n = 0 }
       /^  (Passed|Skipped) [A-Za-z_]/ { on = 0 }
       on && n < 25 { print; n++ }' "$log"
  echo "---- failed test names ($pass) ----"
  grep -E "$failed_test" "$log"
done
printf '%s' "$summary"
[ "$failed" -gt 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
