#!/usr/bin/env bash
# Calibration latency per model on the simulated 9 x 90 dataset: ours, then scikit-learn, in one run.
# Needs Debian's scikit-learn: apt-get install -y python3-sklearn python3-pandas
# Usage: tests/Benchmarks/calibration-vs-sklearn.sh [repeats]   (prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-5}"
dotnet build -c Release tests/Benchmarks >/dev/null
ours="$(dotnet tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll calibration tests/goldens/calibration.json "$repeats")"
theirs="$(/usr/bin/python3 tests/goldens/generate_calibration.py --time "$repeats")"
/usr/bin/python3 - "$ours" "$theirs" "$repeats" <<'PY'
import json, sys
ours, theirs, repeats = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
print(f"| Model | ours (median ms) | scikit-learn (median ms) | ours / scikit-learn |")
print("|---|---:|---:|---:|")
for model, ms in ours.items():
    sk = theirs[model]["median_ms"]
    print(f"| {model} | {ms:.1f} | {sk:.1f} | {ms / sk:.2f} |")
print(f"\nOurs: median of at least {repeats} timed runs per model (the fast models: as many as fit in 3 s) after a warm-up of 30 runs or 2 s; scikit-learn: median of {repeats} runs.")
PY
