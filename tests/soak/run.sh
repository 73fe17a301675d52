#!/usr/bin/env bash
# Soak and memory figures of docs/reliability.md, on one machine:
#   1. the embedded service (Release, co-hosted silo, SQLite in a temporary folder) under mixed
#      traffic from many client addresses for a while, then idle: answers by status, latencies, 5xx,
#      and the service's RSS at start, peak, end of load and after the idle time;
#   2. the GC heap and RSS per active client key, in-process (tests/Benchmarks key-memory).
# Every process runs on free loopback ports and is stopped by its id on exit.
# Usage: tests/soak/run.sh [load seconds, default 600] [client addresses, default 5000] [idle seconds, default 300] [keys, default 10000; 0 skips part 2]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
clients="${2:-5000}"
idle="${3:-300}"
keys="${4:-10000}"
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/lib/service.sh

dotnet build -c Release Orleans.sln -v q -nologo >/dev/null

start_embedded Api/bin/Release/net10.0 "$work/gaze.db" "$work/api.log" -- --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Gaze.Grains.Hosting.Memory=Information
wait_healthy "http://127.0.0.1:$port"

echo "## Soak: $seconds s of mixed traffic from $clients client addresses, then $idle s idle"
echo
dotnet tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll soak "http://127.0.0.1:$port" "$pid" "$seconds" "$clients" "$idle"
echo
echo "Errors logged by the service: $(grep -c -E '^(fail|crit):' "$work/api.log" || true)"
grep -A1 -E '^(fail|crit):' "$work/api.log" | grep -v -E '^(fail|crit):|^--' | sed 's/^ */    /' | sort | uniq -c | sort -rn | head -5 || true
echo "Memory returned by the service:"
grep -A1 "MemoryReturnService" "$work/api.log" | grep -v "MemoryReturnService\|^--" | sed 's/^ */    /' || echo "    never"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

[[ "$keys" == 0 ]] && exit 0
echo
echo "## Memory per active client key (in-process silo, $keys keys, GC heap after a full compacting collection)"
echo
echo "| Stage | GC heap | heap per key | RSS | RSS per key |"
echo "|---|---:|---:|---:|---:|"
dotnet tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll key-memory "$keys" 2>/dev/null
