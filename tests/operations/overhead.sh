#!/usr/bin/env bash
# What the operations features (OpenTelemetry metrics, the Orleans Dashboard, tracing) cost the
# cheapest routes, measured with wrk on the embedded service (Release, co-hosted silo, SQLite in a
# temporary folder): GET health (no grain call) and one client hammering calib_validation (one
# grain call each, almost all 429). Variants of this checkout and of a baseline commit, started
# one after the other on free loopback ports, in rounds, so that a busy machine affects all alike
# (repeated denials answered at once, so that the hammering client measures the limiter's path);
# each process is stopped by its id.
# Usage: tests/operations/overhead.sh <baseline commit> [rounds, default 3] [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
baseline="$1"
rounds="${2:-3}"
seconds="${3:-10}"
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  git worktree remove --force "$work/baseline" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/lib/service.sh

git worktree add -f -q "$work/baseline" "$baseline"
(cd "$work/baseline" && dotnet build -c Release Api -v q -nologo >/dev/null)
dotnet build -c Release Api -v q -nologo >/dev/null

# A calibration form with every field valid but no samples: admitted requests end in a 400, and
# after the first 10 per minute (the calib limit) every request is a 429 from the limiter.
python3 tests/operations/empty_calibration_form.py "$work/form.txt"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local f = io.open("$work/form.txt", "r"); wrk.body = f:read("*a"); f:close()
LUA

# name | build folder | extra settings
variants=(
  "baseline|$work/baseline|"
  "default|.|"
  "no-dashboard|.|--Management:Dashboard=false"
  "no-dashboard,otel-off|.|--Management:Dashboard=false --OTEL_SDK_DISABLED=true"
  "tracing-on|.|--Telemetry:Tracing=true"
)

run() { # name folder extra
  local port
  start_embedded "$2/Api/bin/Release/net10.0" "$work/$1-$round.db" "$work/$1.log" -- --Logging:LogLevel:Default=Warning --RateLimiting:RepeatDenialDelay=00:00:00 $3
  wait_healthy "http://127.0.0.1:$port"
  wrk -t2 -c32 -d3s "http://127.0.0.1:$port/api/session/health" >/dev/null
  local health; health="$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port/api/session/health")"
  wrk -t2 -c32 -d3s -s "$work/post.lua" "http://127.0.0.1:$port/api/session/calib_validation" >/dev/null
  local hammer; hammer="$(wrk -t2 -c32 -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/api/session/calib_validation")"
  echo "$1 health $(awk '/Requests\/sec/ {print $2}' <<<"$health") $(awk '$1=="99%" {print $2}' <<<"$health")" >>"$work/results"
  echo "$1 hammer $(awk '/Requests\/sec/ {print $2}' <<<"$hammer") $(awk '$1=="99%" {print $2}' <<<"$hammer")" >>"$work/results"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    IFS='|' read -r name folder extra <<<"$variant"
    run "$name" "$folder" "$extra"
  done
done

python3 - "$work/results" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, path, rps, p99 = line.split()
    runs[(path, name)].append((float(rps), p99))
print("| path | variant | req/s per round | median req/s | ratio to baseline | p99 of the median round |")
print("|---|---|---|---:|---:|---:|")
for path, title in (("health", "GET health"), ("hammer", "one client on calib_validation (429s)")):
    base = statistics.median(r for r, _ in runs[(path, "baseline")])
    for (p, name), values in runs.items():
        if p != path:
            continue
        rates = [r for r, _ in values]
        median = statistics.median(rates)
        p99 = sorted(values)[len(values) // 2][1]
        print(f"| {title} | {name} | {' / '.join(f'{r:,.0f}' for r in rates)} | {median:,.0f} | {median / base:.2f} | {p99} |")
PY
