#!/usr/bin/env bash
# The training run of `serve` for its AOT cache (lib/aot/serve.aot): starts the archive's service on a
# loopback port with the embedded default (the sample repository into a fresh data folder), waits
# until it is ready (first fetch and apply done) and has served a release channel, then stops it;
# the JVM writes the cache as it exits. Bounded: 120 s to get ready, 60 s to stop.
#
#   src/main/dist/train-serve.sh <dist dir> <work dir>
set -euo pipefail
dist="$1"
work="$2"
lib="$dist/lib"
log="$work/serve.log"
mkdir -p "$work/serve" "$lib/aot"
(cd "$work/serve" && exec "$lib/runtime/bin/java" @"$lib/serve.jvmargs" -XX:AOTCacheOutput="$lib/aot/serve.aot" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port=0 -Dlockstep.data-dir="$work/serve/data" \
  -jar "$lib/app/quarkus-run.jar" serve) >"$log" 2>&1 &
pid=$!
get() { # port path -> HTTP status line of a GET on that port
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  shift
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  local status; IFS= read -r status <&3 || true
  exec 3<&- 3>&-
  printf '%s' "$status"
}
port=""
mport=""
ready=""
for _ in $(seq 1 1200); do
  kill -0 "$pid" 2>/dev/null || break
  [ -n "$port" ] || port="$(sed -n 's#.*Listening on: http://127.0.0.1:\([0-9]*\).*#\1#p' "$log" | head -1)"
  # health and metrics are on the management interface, its own port
  [ -n "$mport" ] || mport="$(sed -n 's#.*[Mm]anagement interface listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$log" | head -1)"
  if [ -n "$port" ] && [ -n "$mport" ] && [[ "$(get "$mport" /q/health/ready)" == *" 200"* ]]; then ready=1; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  kill "$pid" 2>/dev/null || true
  echo "train-serve: the service did not get ready in 120 s:" >&2; tail -30 "$log" >&2; exit 1
fi
get "$port" /channels/stable/rolling/version >/dev/null
get "$mport" /q/metrics >/dev/null
kill -TERM "$pid"
for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  kill -KILL "$pid"; echo "train-serve: the service did not stop in 60 s" >&2; exit 1
fi
wait "$pid" || true
[ -f "$lib/aot/serve.aot" ] || { echo "train-serve: no AOT cache written:" >&2; tail -30 "$log" >&2; exit 1; }
