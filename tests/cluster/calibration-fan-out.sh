#!/usr/bin/env bash
# One calibration's grid search spread over the silos of a cluster on one machine (docs/benchmarks.md,
# "Calibration over HTTP"): the same Support Vector Regressor calibration through an API node (client
# role) of 1 silo, then of 2 silo processes, on redis-server; its latency, and how many fits each silo
# ran (from each silo's gaze.calibration.fold_fits counter). Both silos share this machine's cores, so
# this shows that the fits spread, not a speed-up.
# Needs: the .NET SDK and Debian's redis-server (apt-get install -y redis-server).
# Every process runs on free loopback ports and is stopped by its id on exit.
# Usage: tests/cluster/calibration-fan-out.sh [repeats, default 2] [model, default Support Vector Regressor]
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-2}"
model="${2:-Support Vector Regressor}"
work="$(mktemp -d)"
pids=()
stop_all() {
  # Newest first: the API node and the silos stop before the Redis they write to.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT

source tests/lib/service.sh
wait_line() { # file, text
  for _ in $(seq 1 120); do grep -q "$2" "$1" && return 0; sleep 0.5; done
  echo "no '$2' in $1" >&2; return 1
}
fits() { # management url -> fold fits of the model this silo ran so far
  curl -sf "$1/metrics" | awk -v m="gaze_model=\"$model\"" '/^gaze_calibration_fold_fits/ && index($0, m) {s += $NF} END {print s + 0}'
}

dotnet build -c Release Orleans.sln -v q -nologo >/dev/null
bench=tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll

echo "| silo processes | median (ms) | longest (ms) | fits per silo |"
echo "|---:|---:|---:|---|"
for silos in 1 2; do
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no >"$work/redis$silos.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  cluster=(--Orleans:ClusteringProvider=redis --Storage:Provider=redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port"
    --Orleans:ClusterId="fan-out-$silos" --Orleans:ServiceId="fan-out-$$")
  management=()
  for i in $(seq 1 "$silos"); do
    port="$(free_port)"
    (cd Silo/bin/Release/net10.0 && exec dotnet Silo.dll "${cluster[@]}" --Management:Urls="http://127.0.0.1:$port" --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)") >"$work/silo$silos-$i.log" 2>&1 &
    pids+=($!)
    management+=("http://127.0.0.1:$port")
  done
  for i in $(seq 1 "$silos"); do wait_line "$work/silo$silos-$i.log" "Application started"; done
  api_port="$(free_port)"
  (cd Api/bin/Release/net10.0 && exec dotnet Api.dll "${cluster[@]}" --Orleans:Role=client --Management:Urls="http://127.0.0.1:$(free_port)" --Urls="http://127.0.0.1:$api_port" \
    "--RateLimiting:Endpoints:calib=100000 per minute" "--RateLimiting:DefaultLimits=100000 per hour" --Calibration:TimeBudget=00:20:00) >"$work/api$silos.log" 2>&1 &
  pids+=($!)
  wait_healthy "http://127.0.0.1:$api_port"
  # Until every silo sees the others as active, a calibration would not spread over them yet.
  sleep 5

  before=(); for url in "${management[@]}"; do before+=("$(fits "$url")"); done
  line="$(dotnet "$bench" http-calibration "http://127.0.0.1:$api_port" tests/goldens/calibration.json "$repeats" 1 "$model" 2>&1 >/dev/null | grep '^HTTP')"
  spread=()
  for i in "${!management[@]}"; do spread+=("silo $((i + 1)): $(( $(fits "${management[i]}") - before[i] ))"); done
  median="$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$line")"
  longest="$(sed -E 's/.*longest ([0-9.]+) ms.*/\1/' <<<"$line")"
  echo "| $silos | $median | $longest | $(IFS=,; echo "${spread[*]}" | sed 's/,/, /g') |"
  stop_all
done
echo
echo "$model, $repeats timed calibrations after a warm-up (30 runs or 2 s, at least one); fits counted over the warm-up and the timed runs."
