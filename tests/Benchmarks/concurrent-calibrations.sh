#!/usr/bin/env bash
# Concurrent SVR calibrations on the embedded service with its default settings (time budget 60 s,
# default limits): 2 and then 4 started together over HTTP, each one's latency; meanwhile 20
# legitimate clients send a cached batch prediction every 2 s (limiter, grain call, prediction),
# against the same clients without calibrations running. The server is stopped by its id.
# Usage: tests/Benchmarks/concurrent-calibrations.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source tests/lib/service.sh

dotnet build -c Release tests/Benchmarks -v q -nologo >/dev/null
bench=tests/Benchmarks/bin/Release/net10.0
start_embedded Api/bin/Release/net10.0 "$work/gaze.db" "$work/service.log"
wait_healthy "http://127.0.0.1:$port"
base="http://127.0.0.1:$port"

echo "quiet: $(dotnet "$bench/Benchmarks.dll" legit-latency "$base" tests/goldens/prediction.json 30 20 2000 192.0.2.)"
for concurrent in 2 4; do
  dotnet "$bench/Benchmarks.dll" http-calibration "$base" tests/goldens/calibration.json 1 "$concurrent" "Support Vector Regressor" 2>"$work/calibrations-$concurrent.txt" >/dev/null &
  calibrations=$!
  sleep 1
  echo "$concurrent SVR calibrations: $(dotnet "$bench/Benchmarks.dll" legit-latency "$base" tests/goldens/prediction.json 30 20 2000 198.51.$concurrent.)"
  wait "$calibrations" || true
  cat "$work/calibrations-$concurrent.txt"
done
