#!/usr/bin/env sh
# The fault drills of issue 7 (kill -9 an instance, Redis outage, PostgreSQL outage), each on a
# cluster of its own; prints a Markdown summary and exits non-zero when a goal is missed.
#   infra/local/drills.sh [--only=kill,redis,postgres] [--units=300] [--screens=200]
cd "$(dirname "$0")/../../server" && exec npx tsx --conditions=lianfang-src bench/drills/index.ts "$@"
