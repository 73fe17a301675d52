# Shell functions shared by the scripts under tests/ that start the service on loopback ports.
# Source it from the repository root: source tests/lib/service.sh

# A free loopback port: bind port 0 and read what the kernel chose.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# start_embedded FOLDER DB LOG [VAR=value ...] [-- --Setting=value ...]
# Starts the embedded service (co-hosted silo, SQLite in the file DB) from the build output FOLDER
# in the background, with the runtime variables and settings given, every listener on its own free
# loopback port, its output in LOG. Sets $port (the API's) and $pid (the service's own process,
# which the caller stops).
start_embedded() {
  local folder="$1" db="$2" log="$3"
  shift 3
  local variables=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do variables+=("$1"); shift; done
  [[ "${1:-}" == "--" ]] && shift
  port="$(free_port)"
  (cd "$folder" && exec env ${variables[@]+"${variables[@]}"} dotnet Api.dll --Urls="http://127.0.0.1:$port" \
    --Management:Urls="http://127.0.0.1:$(free_port)" --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" \
    --Storage:Sqlite:DataSource="$db" "$@") >"$log" 2>&1 &
  pid=$!
}

# wait_healthy BASE_URL [seconds, default 60]: returns once GET BASE_URL/api/session/health
# answers; fails (naming the URL) when it has not within the time.
wait_healthy() {
  local deadline=$((SECONDS + ${2:-60}))
  until curl -sf "$1/api/session/health" >/dev/null; do
    if ((SECONDS >= deadline)); then echo "not healthy: $1" >&2; return 1; fi
    sleep 0.05
  done
}
