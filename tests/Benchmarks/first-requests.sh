#!/usr/bin/env bash
# How fast a just-started node answers: the embedded service (Release, co-hosted silo, SQLite in a
# temporary folder, rate limiting off so one client may send every batch) is started, calibrated
# once on the simulated 9 x 90 rows, and then one client sends the same cached 300-sample
# batch_predict back to back (wrk -c1), second by second: the p50 of each second from the first to
# the last. Variants of the runtime's JIT settings show what start-up and tiering cost; the service
# ships with System.Runtime.TieredCompilation.CallCountingDelayMs=0 (Api.csproj, Silo.csproj).
# Every process is stopped by its id.
# Usage: tests/Benchmarks/first-requests.sh [seconds, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/lib/service.sh

dotnet build -c Release Api -v q -nologo >/dev/null
# The same service compiled ahead of time (ReadyToRun), as `dotnet publish` makes it (see README).
dotnet publish Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/ready-to-run" -v q -nologo >/dev/null

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
case = json.load(open("tests/goldens/prediction.json"))["cases"]["sim_9x90"]
names = ["left_iris_x", "left_iris_y", "right_iris_x", "right_iris_y", "point_x", "point_y"]
json.dump([dict(zip(names, row)) for row in case["fixed"]], open(f"{work}/fixed.json", "w"))
samples = [dict(zip(names[:4], row[:4]), timestamp=1750262400123 + 33 * i) for i, row in enumerate(case["session"][:300])]
body = {"k": 9, "screen_height": 1080, "screen_width": 1920, "calib_id": "first-requests", "model_name": "Linear Regression", "iris_tracking_data": samples}
json.dump(body, open(f"{work}/batch.json", "w"))
PY
cat > "$work/batch.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/batch.json", "r"); wrk.body = f:read("*a"); f:close()
LUA

# name | build | environment for the runtime
build=Api/bin/Release/net10.0
variants=(
  "service's settings (call counting without delay)|$build|"
  "runtime's default call-counting delay (100 ms)|$build|DOTNET_TC_CallCountingDelayMs=100"
  "tiered compilation off|$build|DOTNET_TieredCompilation=0"
  "ReadyToRun publish, runtime's default delay|$work/ready-to-run|DOTNET_TC_CallCountingDelayMs=100"
  "ReadyToRun publish, service's settings|$work/ready-to-run|"
)

for variant in "${variants[@]}"; do
  IFS='|' read -r name folder environment <<<"$variant"
  start_embedded "$folder" "$work/$RANDOM.db" "$work/api.log" $environment -- --RateLimiting:Enabled=false --Logging:LogLevel:Default=Warning
  started=$(date +%s.%N)   # just after the launch: the service starts in the background
  wait_healthy "http://127.0.0.1:$port"
  ready=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
  # --form-string: curl would take the JSON quotes of a -F value for its own quoting.
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/session/calib_validation" --form-string from_ruxailab=false --form-string 'file_name="first-requests"' \
    -F "fixed_circle_iris_points=<$work/fixed.json" --form-string 'calib_circle_iris_points=[]' --form-string screen_height=1080 --form-string screen_width=1920 \
    --form-string 'model="Linear Regression"' --form-string k=9
  curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$work/batch.json" "http://127.0.0.1:$port/api/session/batch_predict"
  p50s=()
  for _ in $(seq 1 "$seconds"); do
    p50s+=("$(wrk -t1 -c1 -d1s --latency -s "$work/batch.lua" "http://127.0.0.1:$port/api/session/batch_predict" | awk '$1=="50%" {print $2}')")
  done
  echo "$name|$ready|${p50s[*]}" >>"$work/results"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done

python3 - "$work/results" "$seconds" <<'PY'
import sys
def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)
seconds = int(sys.argv[2])
shown = [s for s in (1, 2, 3, 5, 10, seconds) if s <= seconds]
print("One client, the same cached 300-sample batch_predict back to back: p50 (ms) in each second after the calibration.\n")
print("| runtime settings | healthy after (s) | " + " | ".join(f"second {s}" for s in shown) + " | first / last |")
print("|---|---:|" + "---:|" * len(shown) + "---:|")
for line in open(sys.argv[1]):
    name, ready, p50s = line.strip().split("|")
    values = [ms(v) for v in p50s.split()]
    print(f"| {name} | {ready} | " + " | ".join(f"{values[s - 1]:.2f}" for s in shown) + f" | {values[0] / values[-1]:.1f} |")
PY
