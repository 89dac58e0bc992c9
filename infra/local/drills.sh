#!/usr/bin/env sh
# The fault drills of issues 7 and 20 (kill -9 an instance, Redis outage, PostgreSQL outage with the intake
# journal, PostgreSQL and Redis down together, the database restored), each beside a no-fault control, on a
# cluster of its own; prints a Markdown summary and exits non-zero when a goal is missed.
#   infra/local/drills.sh [--only=kill,redis,postgres,both,restore] [--units=300] [--screens=200]
cd "$(dirname "$0")/../../server" && exec npx tsx --conditions=lianfang-src bench/drills/index.ts "$@"
