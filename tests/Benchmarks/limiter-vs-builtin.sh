#!/usr/bin/env bash
# The limiter's hot path measured as a new user would, with wrk on 127.0.0.1, one server after the
# other in one run: the service on its embedded default (Release, co-hosted silo, SQLite in a
# temporary folder, default settings), optionally the same at a baseline commit, a minimal ASP.NET
# Core app with the framework's AddRateLimiter on the same policies (tests/Benchmarks/Limiter), and
# flask-limiter under gunicorn with 2 workers (skipped without Debian's python3-flask-limiter and
# gunicorn). Paths: (a) GET health, (b) one client hammering calib_validation (mostly 429), (c)
# 10,000 distinct clients (X-Forwarded-For) on calib_validation, measured again once 30,000 other
# new clients have run 15 s longer (the start-up over); each also as server CPU per request. Then, for the service: 20
# legitimate clients sending cached batch predictions within their limits, without and with one
# client hammering both ML routes with 64 connections (also with RateLimiting:RepeatDenialDelay=0,
# to show what holding repeated denials back does). Servers take turns in rounds, so that a busy
# machine affects all alike; medians are reported. Every server is stopped by its id.
# Usage: tests/Benchmarks/limiter-vs-builtin.sh [seconds per run, default 10] [rounds, default 3] [baseline commit]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
rounds="${2:-3}"
baseline="${3:-}"
work="$(mktemp -d)"
pid=""
abuser=""
cleanup() {
  [[ -n "$abuser" ]] && kill "$abuser" 2>/dev/null || true
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -n "$baseline" ]] && git worktree remove --force "$work/baseline" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source tests/lib/service.sh

dotnet build -c Release tests/Benchmarks -v q -nologo >/dev/null
bench=tests/Benchmarks/bin/Release/net10.0
if [[ -n "$baseline" ]]; then
  git worktree add -f -q "$work/baseline" "$baseline"
  (cd "$work/baseline" && dotnet build -c Release Api -v q -nologo >/dev/null)
fi

# A calibration form with every field valid but no samples: an admitted request ends in a 400.
python3 tests/operations/empty_calibration_form.py "$work/form.txt"
export FORM="$work/form.txt"   # read by the wrk script of path (c)
many_clients=tests/Benchmarks/Limiter/many-clients.lua
cat > "$work/hammer.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local f = io.open("$work/form.txt", "r"); wrk.body = f:read("*a"); f:close()
LUA
cat > "$work/abuse.lua" <<LUA
local f = io.open("$work/form.txt", "r"); local form = f:read("*a"); f:close()
local n = 0
request = function()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("POST", "/api/session/calib_validation", {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = "203.0.113.66"}, form)
  end
  return wrk.format("POST", "/api/session/batch_predict", {["Content-Type"] = "application/json", ["X-Forwarded-For"] = "203.0.113.66"}, "{}")
end
LUA

start_service() { start_embedded "$1/Api/bin/Release/net10.0" "$work/$2-$round.db" "$work/$2.log" -- ${3:-}; } # folder name [extra settings]
start_builtin() { port="$(free_port)"; dotnet "$bench/Benchmarks.dll" limiter-app "http://127.0.0.1:$port" >"$work/builtin.log" 2>&1 & pid=$!; }
start_flask() {
  port="$(free_port)"
  (cd tests/Benchmarks/Limiter && exec /usr/bin/gunicorn -w 2 -b "127.0.0.1:$port" --log-level warning flask_limiter_app:app) >"$work/flask.log" 2>&1 &
  pid=$!
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# CPU time (clock ticks) of the server and its worker processes: per request it is steadier than
# requests/s on a small machine shared with wrk.
cpu_ticks() {
  local total=0 p ticks
  for p in "$pid" $(pgrep -P "$pid" || true); do
    # Fields after the command name, which may hold spaces; a worker that just exited counts 0.
    ticks="$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}' || true)"
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
measure() { # system path wrk-args...
  local system="$1" path="$2"; shift 2
  local before out; before="$(cpu_ticks)"
  out="$(wrk -t2 -c32 -d"${seconds}s" --latency "$@")"
  local cpu_us=$(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / $(awk '/requests in/ {print $1}' <<<"$out") ))
  echo "$system $path $round $(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '/^    Latency/ {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out") $cpu_us" >>"$work/results"
}

wrk_paths() { # system
  local base="http://127.0.0.1:$port"
  wrk -t2 -c32 -d3s "$base/api/session/health" >/dev/null
  measure "$1" health "$base/api/session/health"
  wrk -t2 -c32 -d3s -s "$work/hammer.lua" "$base/api/session/calib_validation" >/dev/null
  measure "$1" hammer -s "$work/hammer.lua" "$base/api/session/calib_validation"
  CLIENT_PREFIX=10.1. wrk -t2 -c32 -d3s -s "$many_clients" "$base/api/session/calib_validation" >/dev/null
  CLIENT_PREFIX=10.2. measure "$1" many -s "$many_clients" "$base/api/session/calib_validation"
  # (c) again once the server has run 15 s longer on 30,000 other new clients: what is left when
  # the start-up (JIT tier-up above all) is over.
  for prefix in 10.3. 10.4. 10.5.; do CLIENT_PREFIX=$prefix wrk -t2 -c32 -d5s -s "$many_clients" "$base/api/session/calib_validation" >/dev/null; done
  CLIENT_PREFIX=10.6. measure "$1" steady -s "$many_clients" "$base/api/session/calib_validation"
}

legit() { # system
  local base="http://127.0.0.1:$port" legit_seconds=$((seconds * 3))
  echo "$1 quiet $round $(dotnet "$bench/Benchmarks.dll" legit-latency "$base" tests/goldens/prediction.json "$legit_seconds" 20 2000 192.0.2.)" >>"$work/legit"
  wrk -t1 -c64 -d"$((legit_seconds + 15))s" -s "$work/abuse.lua" "$base" >"$work/abuse.txt" &
  abuser=$!
  sleep 2
  echo "$1 abused $round $(dotnet "$bench/Benchmarks.dll" legit-latency "$base" tests/goldens/prediction.json "$legit_seconds" 20 2000 198.51.100.)" >>"$work/legit"
  kill "$abuser" 2>/dev/null || true; wait "$abuser" 2>/dev/null || true; abuser=""
}

has_flask=false
if /usr/bin/python3 -c 'import flask_limiter' 2>/dev/null && command -v gunicorn >/dev/null; then has_flask=true
else echo "flask-limiter skipped: apt-get install -y python3-flask-limiter gunicorn" >&2; fi
for round in $(seq 1 "$rounds"); do
  start_service . ours; wait_healthy "http://127.0.0.1:$port"; wrk_paths ours; legit ours; stop
  start_service . ours-no-delay --RateLimiting:RepeatDenialDelay=00:00:00; wait_healthy "http://127.0.0.1:$port"; wrk_paths ours-no-delay; legit ours-no-delay; stop
  if [[ -n "$baseline" ]]; then start_service "$work/baseline" baseline; wait_healthy "http://127.0.0.1:$port"; wrk_paths baseline; legit baseline; stop; fi
  start_builtin; wait_healthy "http://127.0.0.1:$port"; wrk_paths builtin; stop
  if $has_flask; then start_flask; wait_healthy "http://127.0.0.1:$port"; wrk_paths flask-limiter; stop; fi
done

python3 - "$work/results" "$work/legit" "$rounds" <<'PY'
import json, sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    system, path, _, rps, avg, p99, cpu_us = line.split()
    runs[(system, path)].append((float(rps), avg, p99, int(cpu_us)))
systems = list(dict.fromkeys(system for system, _ in runs))

def median_run(values):
    # The round with the median rate, so its latencies belong to that rate.
    return sorted(values)[len(values) // 2]

titles = {"health": "(a) GET health", "hammer": "(b) one client hammering calib_validation", "many": "(c) 10,000 clients on calib_validation",
          "steady": "(c) again after 15 s more of other new clients"}
print(f"Medians of {sys.argv[3]} rounds (req/s, the average and p99 latency and the server's CPU µs per request of the median round).\n")
print("| path | " + " | ".join(systems) + " | " + " | ".join(f"{s} / builtin" for s in systems if s != "builtin") + " |")
print("|---|" + "---:|" * (2 * len(systems) - 1))
for path, title in titles.items():
    base = median_run(runs[("builtin", path)])[0]
    cells, ratios = [], []
    for s in systems:
        rps, avg, p99, cpu_us = median_run(runs[(s, path)])
        cells.append(f"{rps:,.0f} req/s, avg {avg}, p99 {p99}, {cpu_us} µs CPU")
        if s != "builtin":
            ratios.append(f"{rps / base:.2f}")
    print(f"| {title} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
print()
legit = collections.defaultdict(list)
for line in open(sys.argv[2]):
    system, phase, _, payload = line.split(" ", 3)
    legit[(system, phase)].append(json.loads(payload))
print("| service | legitimate batch latency | requests | p50 ms | p99 ms | statuses | p99 / without abuser |")
print("|---|---|---:|---:|---:|---|---:|")
for system in dict.fromkeys(s for s, _ in legit):
    quiet_p99 = statistics.median(r["p99_ms"] for r in legit[(system, "quiet")])
    for phase, label in (("quiet", "without abuser"), ("abused", "one client hammering both ML routes, 64 connections")):
        results = legit[(system, phase)]
        p50 = statistics.median(r["p50_ms"] for r in results)
        p99 = statistics.median(r["p99_ms"] for r in results)
        statuses = collections.Counter()
        for r in results:
            statuses.update(r["statuses"])
        print(f"| {system} | {label} | {sum(r['requests'] for r in results)} | {p50:.2f} | {p99:.2f} | {dict(statuses)} | {p99 / quiet_p99:.2f} |")
PY
