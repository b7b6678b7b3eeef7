#!/usr/bin/env bash
# For every provider: the migrations match the model (no pending model changes) and a deployment
# SQL script generates (idempotent for the server databases; EF cannot make one for SQLite). SQL Server cannot run here, so this is what CI can check of it; SQLite and
# PostgreSQL are also migrated for real by the tests. Expects a built solution (Debug).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for provider in Sqlite PostgreSQL SqlServer; do
  dotnet ef migrations has-pending-model-changes --no-build \
    --project "BeFree.Migrations.$provider" --startup-project BeFree.Web -- --provider "$provider" >"$out/pending.log" 2>&1 \
    || { cat "$out/pending.log"; echo "migrations: $provider has model changes without a migration (./scripts/add-migration.sh <Name>)"; exit 1; }
  # EF cannot make an idempotent script for SQLite; its full script is checked instead.
  idempotent="--idempotent"; [ "$provider" = Sqlite ] && idempotent=""
  dotnet ef migrations script $idempotent --no-build \
    --project "BeFree.Migrations.$provider" --startup-project BeFree.Web --output "$out/$provider.sql" -- --provider "$provider" >"$out/script.log" 2>&1 \
    || { cat "$out/script.log"; echo "migrations: $provider SQL script failed"; exit 1; }
  echo "migrations: $provider up to date, ${idempotent:+idempotent }script of $(wc -l <"$out/$provider.sql") lines"
done
