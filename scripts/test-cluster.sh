#!/usr/bin/env bash
# The cluster tests: two BeFree servers on one PostgreSQL and one Redis behind nginx (deploy/nginx's
# files), a fake Twilio, and Chromium. This script installs Debian's redis-server and nginx if missing,
# starts a private PostgreSQL (scripts/test-postgres.sh) and a private Redis on free loopback ports,
# checks that deploy/nginx's TLS site parses, and runs the tests marked Category=Cluster
# (BeFree.Tests/Cluster), which start the app servers and nginx themselves. Needs a Debug build
# (scripts/test.sh builds first). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -x /usr/bin/redis-server ] || [ ! -x /usr/sbin/nginx ]; then
  echo "Installing redis-server and nginx (Debian packages) for the cluster tests..."
  $SUDO apt-get update -qq
  # RUNLEVEL=1: install only; no system service starts.
  RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server nginx >/dev/null
fi

work="$(mktemp -d /tmp/befree-test-cluster-XXXXXX)"
pg_dir="/tmp/befree-test-cluster-postgres-$$"
redis_pid=""
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  ./scripts/test-postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The deployable site (TLS termination) parses, with a throwaway certificate in place of the real one.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=befree.test >/dev/null 2>&1
sed -e "s#/etc/nginx/snippets#$PWD/deploy/nginx/snippets#" -e "s#/etc/ssl/befree/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/ssl/befree/privkey.pem#$work/key.pem#" deploy/nginx/befree.conf >"$work/site.conf"
printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n  include %s/site.conf;\n}\n' "$work" "$work" >"$work/nginx.conf"
nginx -q -t -p "$work" -c "$work/nginx.conf"

BEFREE_CLUSTER_POSTGRES="$(./scripts/test-postgres.sh start "$pg_dir")"
export BEFREE_CLUSTER_POSTGRES

redis_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 50); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$redis_port" ping >/dev/null || { cat "$work/redis.log"; exit 1; }
export BEFREE_CLUSTER_REDIS="127.0.0.1:$redis_port"

# `--filter X` as the first arguments narrows the cluster tests further.
filter="Category=Cluster"
if [ "${1:-}" = "--filter" ]; then filter="$filter&($2)"; shift 2; fi
status=0
dotnet test BeFree.Tests -c Debug --no-build --filter "$filter" "$@" || status=1
echo "cluster stage: $(( $(date +%s) - started )) s"
exit "$status"
