#!/usr/bin/env bash
# Cluster measurements on one machine (docs/benchmarks.md, "Cluster on Redis"):
#   1. the cluster tests (exact admissions through 2 API nodes, silo SIGKILL, Redis restart), with
#      their measured lines;
#   2. rate-limit decisions per second through 2 API nodes (client role) of 2 silos on
#      redis-server, for one hot key and for 10,000 distinct keys, against one embedded node
#      (co-hosted silo, SQLite) measured in the same run, with wrk.
# Needs: the .NET SDK, and Debian's redis-server and wrk (apt-get install -y redis-server wrk).
# Every process runs on free loopback ports and is stopped by its id on exit.
# Usage: tests/cluster/run.sh [seconds per load run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
work="$(mktemp -d)"
pids=()
cleanup() {
  # Newest first: API nodes and silos stop before the Redis they write to.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/lib/service.sh
wait_line() { # file, text
  for _ in $(seq 1 120); do grep -q "$2" "$1" && return 0; sleep 0.5; done
  echo "no '$2' in $1" >&2; return 1
}

dotnet build -c Release Orleans.sln -v q -nologo >/dev/null

echo "## Cluster tests (Release)"
dotnet test tests/EndToEnd.Tests -c Release --no-build --filter "FullyQualifiedName~Gaze.Tests.Cluster" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "^ (garnet|redis-server):|^Test Run|Total tests:|^ +(Passed|Failed|Skipped):" || true

echo
echo "## Decisions per second (wrk, 1 thread, 32 connections per node, ${duration} s)"
redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --appendonly yes --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done

# Repeated denials answered at once: this measures decisions, not the delay that slows down abusers.
limits=(--RateLimiting:FailurePolicy=closed --RateLimiting:DecisionTimeout=00:00:05 --RateLimiting:RepeatDenialDelay=00:00:00)
cluster=(--Orleans:ClusteringProvider=redis --Storage:Provider=redis "--ConnectionStrings:Redis=127.0.0.1:$redis_port"
  --Orleans:ClusterId=bench --Orleans:ServiceId=bench-$$ "${limits[@]}")
for i in 1 2; do
  (cd Silo/bin/Release/net10.0 && exec dotnet Silo.dll "${cluster[@]}" --Management:Urls="http://127.0.0.1:$(free_port)" --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)") >"$work/silo$i.log" 2>&1 &
  pids+=($!)
done
wait_line "$work/silo1.log" "Application started"
wait_line "$work/silo2.log" "Application started"
api=()
for i in 1 2; do
  port="$(free_port)"
  (cd Api/bin/Release/net10.0 && exec dotnet Api.dll "${cluster[@]}" --Management:Urls="http://127.0.0.1:$(free_port)" --Orleans:Role=client --Urls="http://127.0.0.1:$port") >"$work/api$i.log" 2>&1 &
  pids+=($!)
  api+=("http://127.0.0.1:$port")
done
start_embedded Api/bin/Release/net10.0 "$work/embedded.db" "$work/embedded.log" -- "${limits[@]}"
pids+=("$pid")
embedded="http://127.0.0.1:$port"
for url in "${api[@]}" "$embedded"; do wait_healthy "$url"; done

# One key: every request from the same forwarded address. Many keys: 10,000 addresses in turn.
cat >"$work/hot.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["X-Forwarded-For"] = "10.9.9.9"
LUA
cat >"$work/many.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  local k = n % 10000
  local ip = "10." .. math.floor(k / 65536) % 256 .. "." .. math.floor(k / 256) % 256 .. "." .. k % 256
  return wrk.format("POST", "/api/session/calib_validation", { ["X-Forwarded-For"] = ip }, nil)
end
LUA

rate() { wrk -t1 -c32 -d"${duration}s" -s "$1" "$2/api/session/calib_validation" | awk '/Requests\/sec/ {print $2}'; }
for scenario in hot many; do
  rate "$work/$scenario.lua" "$embedded" >/dev/null # warm-up: JIT and activations
  one="$(rate "$work/$scenario.lua" "$embedded")"
  rate "$work/$scenario.lua" "${api[0]}" >/dev/null
  a="$(mktemp)"; b="$(mktemp)"
  rate "$work/$scenario.lua" "${api[0]}" >"$a" & first=$!
  rate "$work/$scenario.lua" "${api[1]}" >"$b" & second=$!
  wait "$first" "$second"
  two="$(python3 -c "print(round($(cat "$a") + $(cat "$b")))")"
  echo "$scenario key(s): embedded node $one/s, 2 API nodes + 2 silos on redis-server $two/s (ratio $(python3 -c "print(round($two / $one, 2))"))"
  rm -f "$a" "$b"
done
