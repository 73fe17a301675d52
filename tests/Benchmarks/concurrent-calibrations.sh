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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

dotnet build -c Release tests/Benchmarks -v q -nologo >/dev/null
bench=tests/Benchmarks/bin/Release/net10.0
port="$(free_port)"
(cd Api/bin/Release/net10.0 && exec dotnet Api.dll --Urls="http://127.0.0.1:$port" --Management:Urls="http://127.0.0.1:$(free_port)" \
  --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" --Storage:Sqlite:DataSource="$work/gaze.db") >"$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/api/session/health" >/dev/null && break; sleep 0.2; done
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
