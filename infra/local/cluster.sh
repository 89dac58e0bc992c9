#!/usr/bin/env sh
# N Lianfang instances behind a load balancer on this machine, with a PostgreSQL cluster and a
# redis-server of their own (free ports, temp files; the shared 5432/6379 are never touched).
#   infra/local/cluster.sh [--instances=2] [--port=8080] [--minutes=60]
# Needs the PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and redis-server.
cd "$(dirname "$0")/../../server" && exec npx tsx --conditions=lianfang-src bench/cluster/run-cluster.ts "$@"
