#!/usr/bin/env bash
# Batch-prediction cost per model on the simulated 9 x 90 calibration and session: ours in-process,
# scikit-learn's pipeline, and ours through the running service over HTTP, all in one run.
# Needs Debian's scikit-learn: apt-get install -y python3-sklearn python3-pandas
# Usage: tests/Benchmarks/prediction-vs-sklearn.sh [repeats]   (prints markdown tables)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-5}"
golden=tests/goldens/prediction.json
dotnet build -c Release tests/Benchmarks >/dev/null
bench=tests/Benchmarks/bin/Release/net10.0

ours="$(dotnet "$bench/Benchmarks.dll" prediction "$golden" "$repeats")"
theirs="$(/usr/bin/python3 tests/goldens/generate_prediction.py --time "$repeats")"

# The service on its embedded default, with its own database and rate limiting off (one client sends every batch).
data="$(mktemp -d)"
port=5077
(cd "$bench" && exec dotnet Api.dll --Urls="http://127.0.0.1:$port" --Storage:Sqlite:DataSource="$data/gaze.db" \
    --RateLimiting:Enabled=false --Orleans:SiloPort=11177 --Orleans:GatewayPort=30077 --Management:Urls=http://127.0.0.1:5078 --Logging:LogLevel:Default=Warning) >"$data/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/session/health" >/dev/null && break; sleep 0.5; done
http="$(dotnet "$bench/Benchmarks.dll" http-prediction "http://127.0.0.1:$port" "$golden" "$repeats")"

/usr/bin/python3 - "$ours" "$theirs" "$http" "$repeats" <<'PY'
import json, sys
ours, theirs, http = (json.loads(a) for a in sys.argv[1:4])
repeats = sys.argv[4]
models = list(dict.fromkeys(key.split("|")[0] for key in ours))

def rate(ms, n=10000):
    return f"{n / (ms / 1000):,.0f}"

print("One 10,000-sample batch, samples per second (higher is better):\n")
print("| Model | first: ours | first: scikit-learn | ratio | cached: ours | cached: scikit-learn | ratio | first: HTTP | cached: HTTP |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for m in models:
    o, t, h = ours[f"{m}|10000"], theirs[f"{m}|10000"], http[f"{m}|10000"]
    print(f"| {m} | {rate(o['first_ms'])} | {rate(t['first_ms'])} | {t['first_ms'] / o['first_ms']:.1f}x | "
          f"{rate(o['cached_ms'])} | {rate(t['cached_ms'])} | {t['cached_ms'] / o['cached_ms']:.1f}x | {rate(h['first_ms'])} | {rate(h['cached_ms'])} |")
print("\nOne 300-sample batch, latency in ms (lower is better):\n")
print("| Model | first: ours | first: scikit-learn | ours / scikit-learn | cached: ours | cached: scikit-learn | ours / scikit-learn | first: HTTP | cached: HTTP |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for m in models:
    o, t, h = ours[f"{m}|300"], theirs[f"{m}|300"], http[f"{m}|300"]
    print(f"| {m} | {o['first_ms']:.2f} | {t['first_ms']:.2f} | {o['first_ms'] / t['first_ms']:.2f} | "
          f"{o['cached_ms']:.2f} | {t['cached_ms']:.2f} | {o['cached_ms'] / t['cached_ms']:.2f} | {h['first_ms']:.2f} | {h['cached_ms']:.2f} |")
print(f"\nMedians of {repeats} timed runs each after a warm-up of 30 runs or 2 s (ours, in-process and HTTP); scikit-learn median of {repeats} runs.")
PY
