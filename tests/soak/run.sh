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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

dotnet build -c Release Orleans.sln -v q -nologo >/dev/null

port="$(free_port)"
(cd Api/bin/Release/net10.0 && exec dotnet Api.dll --Urls="http://127.0.0.1:$port" \
  --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" --Management:Urls="http://127.0.0.1:$(free_port)" \
  --Storage:Sqlite:DataSource="$work/gaze.db" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Gaze.Grains.Hosting.Memory=Information) >"$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/session/health" >/dev/null && break; sleep 0.5; done

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
