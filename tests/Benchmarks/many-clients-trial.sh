#!/usr/bin/env bash
# Path (c) of limiter-vs-builtin.sh on the service alone, to try runtime variables and settings
# quickly: one fresh embedded service (Release, SQLite in a temporary folder), 3 s of warm-up on
# other clients, then measurements of 10,000 new clients each (wrk, 2 threads, 32 connections,
# 10 s), 15 s of yet other new clients between two measurements. Prints req/s, p99 and the
# server's CPU µs per request of each measurement on one line. The server is stopped by its id.
# Usage: tests/Benchmarks/many-clients-trial.sh [measurements, default 2] [VAR=value ...] [-- --Setting=value ...]
# e.g.   tests/Benchmarks/many-clients-trial.sh 5 DOTNET_TieredPGO=0 -- --RateLimiting:RepeatDenialDelay=00:00:00
set -euo pipefail
cd "$(dirname "$0")/../.."
measurements="${1:-2}"; shift || true
variables=()
while [[ $# -gt 0 && "$1" != "--" ]]; do variables+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
work="$(mktemp -d)"
pid=""
cleanup() { if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

source tests/lib/service.sh
dotnet build -c Release Api -v q -nologo >/dev/null
python3 tests/operations/empty_calibration_form.py "$work/form.txt"
export FORM="$work/form.txt"   # read by the wrk script of path (c)
many_clients=tests/Benchmarks/Limiter/many-clients.lua

start_embedded Api/bin/Release/net10.0 "$work/trial.db" "$work/service.log" ${variables[@]+"${variables[@]}"} -- "$@"
wait_healthy "http://127.0.0.1:$port"
route="http://127.0.0.1:$port/api/session/calib_validation"
cpu_ticks() { sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'; }
load() { CLIENT_PREFIX="$1" wrk -t2 -c32 -d"$2" -s "$many_clients" "$route"; }

load 10.0. 3s >/dev/null
line=""
for m in $(seq 1 "$measurements"); do
  if ((m > 1)); then for k in 1 2 3; do load "1$m.$k." 5s >/dev/null; done; fi
  before="$(cpu_ticks)"
  out="$(CLIENT_PREFIX="10.$m." wrk -t2 -c32 -d10s --latency -s "$many_clients" "$route")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  cpu_us=$(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / requests ))
  line+="$(awk '/Requests\/sec/ {printf "%.0f req/s", $2}' <<<"$out") p99 $(awk '$1=="99%" {print $2}' <<<"$out") ${cpu_us} µs | "
done
echo "${variables[*]:-defaults} $*: $line"
