#!/usr/bin/env bash
# Adds one EF Core migration, with the same name, for every database BeFree runs on:
#   ./scripts/add-migration.sh AddReferrals
# Edit the model in BeFree.Core first. Each provider's migrations live in its own project
# (BeFree.Migrations.Sqlite, .PostgreSQL, .SqlServer); no database server is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: $0 <MigrationName>}"
dotnet tool restore >/dev/null
dotnet build BeFree.Web -c Debug -warnaserror -v q -nologo >/dev/null
for provider in Sqlite PostgreSQL SqlServer; do
  echo "== $provider"
  dotnet ef migrations add "$name" --no-build \
    --project "BeFree.Migrations.$provider" --startup-project BeFree.Web \
    --output-dir Migrations -- --provider "$provider"
done
