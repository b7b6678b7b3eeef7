#!/usr/bin/env bash
# Runs BeFree locally: SQLite in BeFree.Web/App_Data, simulated Twilio, and (on first run)
# a one-time setup link in the log to create the first administrator.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project BeFree.Web --urls "${BEFREE_URLS:-http://localhost:5080}" "$@"
