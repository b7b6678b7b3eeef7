#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png, 1366x768, light and dark).
# Starts BeFree as ./scripts/run.sh does (Development, SQLite, simulated Twilio), but on a fresh
# database in a temporary folder and a free loopback port, with a bootstrap Admin; then
# BeFree.Screenshots seeds a small shift through the app (staff, texters, claims, replies, an
# escalation awaiting approval) and photographs the inbox, the live board and the reports page.
# Needs Debian's chromium (./scripts/test.sh installs it). Nothing here runs in the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-docs/screenshots}"
data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
app_pid=""

cleanup() {
    if [[ -n "$app_pid" ]]; then
        kill -- "-$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$data"
}
trap cleanup EXIT

dotnet build BeFree.Web -c Debug -v q -nologo
dotnet build BeFree.Screenshots -c Debug -v q -nologo

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__BeFree="Data Source=$data/befree.db"
export Bootstrap__AdminEmail="riley@befree.example"
export Bootstrap__AdminPassword="violet-harbour-lantern-57"
export Bootstrap__AdminDisplayName="Riley Admin"
# Training installs only: the bootstrap Admin may skip the authenticator (refused in Production).
export Bootstrap__RequireTwoFactor=false
export Twilio__Mode=Simulated
export Twilio__AccountSid="AC00000000000000000000000000000042"
export Twilio__AuthToken="screenshots-auth-token-0123456789"
export Twilio__From="233733"
export Reports__TimeZoneId="America/Chicago"

# Its own process group, so the app that `dotnet run` starts stops with it.
setsid dotnet run --project BeFree.Web --no-build --urls "$base" >"$data/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 120); do
    if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then cat "$data/app.log"; echo "BeFree did not start." >&2; exit 1; fi
    sleep 1
done
curl -fsS "$base/healthz" >/dev/null || { cat "$data/app.log"; echo "BeFree did not become healthy." >&2; exit 1; }

dotnet run --project BeFree.Screenshots --no-build -- \
    --base-url "$base" \
    --database "$data/befree.db" \
    --out "$out" \
    --admin-email "$Bootstrap__AdminEmail" \
    --admin-password "$Bootstrap__AdminPassword" \
    --twilio-auth-token "$Twilio__AuthToken" \
    --twilio-account-sid "$Twilio__AccountSid" \
    --short-code "$Twilio__From"
