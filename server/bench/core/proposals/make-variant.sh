#!/bin/sh
# Builds a patched copy of server/src for measuring a proposal against the
# current code in the same bench run, without touching the working tree:
#   sh bench/core/proposals/make-variant.sh both 01-ingest-without-helmet.patch 02-last-fix-on-slow-timer.patch
#   npx tsx --conditions=lianfang-src bench/core/ingest-throughput.ts --variants=lianfang,both=bench/core/.proto/both/src
# (run from server/; .proto/ is scratch, not typechecked, safe to delete)
set -e
name=$1; shift
here=$(dirname "$0")
out="$here/../.proto/$name"
rm -rf "$out" && mkdir -p "$out" && cp -r "$here/../../../src" "$out/src"
for p in "$@"; do patch -s -d "$out" -p1 < "$here/$p"; done
echo "$out/src"
