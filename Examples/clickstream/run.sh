#!/usr/bin/env bash
# The clickstream example end to end: start the queries, feed the clicks, watch the errors.
# Run it from anywhere:  SLUICE=.build/debug/sluice bash Examples/clickstream/run.sh
set -euo pipefail
cd "$(dirname "$0")"
SLUICE=${SLUICE:-sluice}
export SLUICE_DATA=${SLUICE_DATA:-$(mktemp -d)/data}

# 1. `sluice run` owns the data directory and keeps the file's persistent queries running.
$SLUICE run ../../Queries/clickstream/clickstream.sql > /dev/null &
owner=$!
trap 'kill -TERM $owner 2>/dev/null; wait $owner 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -S "$SLUICE_DATA/sluice.sock" ] && break; sleep 0.1; done

# 2. From another "terminal", the clicks go in: the command is forwarded to the owner.
$SLUICE produce clickstream --key-field userid --key-format int < clicks.jsonl > /dev/null

# 3. Wait until both queries have written their output (24 enriched clicks, 5 of them failed),
#    then list the failures and the requests curl made.
$SLUICE print CLICKS_ENRICHED --from-beginning --follow --limit 24 > /dev/null
$SLUICE print CLICK_ERRORS --from-beginning --follow --limit 5 > /dev/null
$SLUICE exec "SELECT * FROM click_errors;"
$SLUICE exec "SELECT userid, method, path, status FROM clicks_enriched WHERE browser = 'CURL';"
