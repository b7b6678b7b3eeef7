#!/usr/bin/env bash
# Publishes BeFree.Web as an installation would, starts it in Production on a free loopback port
# (SQLite in a temporary folder, a made-up Live Twilio account that is never called) and checks
# that every script and stylesheet the sign-in page links to is served.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
# Outside the project folder: a publish inside it breaks the next build (BLAZOR106).
dotnet publish BeFree.Web -c Release -o "$work/app" -v q -nologo >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" AllowedHosts=127.0.0.1 \
  ConnectionStrings__BeFree="Data Source=$work/befree.db" \
  Twilio__Mode=Live Twilio__AccountSid="AC$(printf '0%.0s' {1..32})" Twilio__AuthToken=published-check Twilio__From=233733 \
  exec ./BeFree.Web >"$work/app.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.5; done
curl -fs -o /dev/null "$base/healthz" || { cat "$work/app.log"; echo "published: the app did not become healthy"; exit 1; }
assets="$(curl -fs "$base/Account/Login" | grep -oE '(src|href)="[^"]+\.(js|css)"' | sed -E 's/^(src|href)="//; s/"$//' | grep -v '://' || true)"
echo "$assets" | grep -q '_framework/blazor.web' || { echo "published: the sign-in page links no blazor.web.js"; exit 1; }
echo "$assets" | grep -qE '_content/MudBlazor/.*\.css$' || { echo "published: the sign-in page links no MudBlazor stylesheet"; exit 1; }
echo "$assets" | grep -qE '_content/MudBlazor/.*\.js$' || { echo "published: the sign-in page links no MudBlazor script"; exit 1; }
failed=0
for asset in $assets; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$base/${asset#/}")"
  [ "$code" = 200 ] || { echo "published: $asset answered $code"; failed=1; }
done
[ "$failed" -eq 0 ] && echo "published: Production serves all $(echo "$assets" | wc -w) linked scripts and stylesheets"
exit "$failed"
