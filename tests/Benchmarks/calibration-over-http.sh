#!/usr/bin/env bash
# Calibration latency per model over HTTP on the simulated 9 x 90 dataset, as a participant waits
# for it: the service on its embedded default (Release, co-hosted silo, SQLite in a temporary
# folder), optionally the same at a baseline commit, and scikit-learn in-process on the same rows
# (skipped without Debian's python3-sklearn), one after the other in one run. The calibration
# limit is raised so the repeats are admitted, and the time budget so that a slow baseline ends.
# Usage: tests/Benchmarks/calibration-over-http.sh [repeats, default 3] [baseline commit]
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
baseline="${2:-}"
work="$(mktemp -d)"
pid=""
cleanup() {
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

time_service() { # folder name -> prints the per-model medians as JSON
  start_embedded "$1/Api/bin/Release/net10.0" "$work/$2.db" "$work/$2.log" -- \
    "--RateLimiting:Endpoints:calib=100000 per minute" "--RateLimiting:DefaultLimits=100000 per hour" --Calibration:TimeBudget=00:20:00
  wait_healthy "http://127.0.0.1:$port"
  dotnet "$bench/Benchmarks.dll" http-calibration "http://127.0.0.1:$port" tests/goldens/calibration.json "$repeats"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

ours="$(time_service . ours)"
base="{}"
[[ -n "$baseline" ]] && base="$(time_service "$work/baseline" baseline)"
theirs="{}"
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then theirs="$(/usr/bin/python3 tests/goldens/generate_calibration.py --time "$repeats")"
else echo "scikit-learn skipped: apt-get install -y python3-sklearn python3-pandas" >&2; fi

/usr/bin/python3 - "$ours" "$base" "$theirs" "$repeats" "$baseline" <<'PY'
import json, sys
ours, base, theirs, repeats, baseline = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"| Model | ours over HTTP (ms) | baseline {baseline} over HTTP (ms) | scikit-learn in-process (ms) | ours / scikit-learn | ours / baseline |")
print("|---|---:|---:|---:|---:|---:|")
cell = lambda v: f"{v:,.1f}" if v is not None else "-"
for model, ms in ours.items():
    b = base.get(model)
    sk = theirs.get(model, {}).get("median_ms")
    print(f"| {model} | {cell(ms)} | {cell(b)} | {cell(sk)} | {f'{ms / sk:.2f}' if sk else '-'} | {f'{ms / b:.2f}' if b else '-'} |")
print(f"\nOurs: medians of at least {repeats} timed calibrations per model (the fast models: as many as fit in 3 s), after 10 s of every model in turn and a warm-up of 30 runs or 2 s per model. scikit-learn: median of {repeats} runs.")
PY
