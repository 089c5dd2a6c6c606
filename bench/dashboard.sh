#!/usr/bin/env bash
# Benchmarks the dashboard of `lockstep serve` on loopback: the fleet page (`GET /`) over a generated
# repository of 50 clusters and 10 channels, against `GET /api/status` of the same serve in the same
# run as the reference. Median and p99 latency with wrk (1 connection, so the median is one request's
# time, not a queue's). Target: the fleet page under 100 ms median. Also times one cluster page that
# this instance does not serve (planned on request). Real parts: a `git daemon` repository, the file
# target. Bounded: every wrk run is DURATION seconds (default 10) after a 3 s warm-up, every wait is
# capped, everything it starts is stopped by pid on exit.
# Usage: bench/dashboard.sh   (needs target/quarkus-app/quarkus-run.jar; built when missing)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$here/target/quarkus-app/quarkus-run.jar"
[ -f "$app" ] || (cd "$here" && ./mvnw -B -q package -DskipTests -Dfuzz.skip=true)
CLUSTERS=${CLUSTERS:-50}
DURATION=${DURATION:-10}
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# upstream: the generated repository in a bare repository served by git daemon
"$here/bench/gen-repo.sh" "$work/gen" "$CLUSTERS" 10 >/dev/null
git init -q --bare -b main "$work/repos/fleet.git"
git -C "$work/gen" init -q -b main
git -C "$work/gen" -c user.name=bench -c user.email=bench@localhost add -A
git -C "$work/gen" -c user.name=bench -c user.email=bench@localhost commit -q -m generated
git -C "$work/gen" push -q "$work/repos/fleet.git" main
gport=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$gport" --base-path="$work/repos" --export-all \
  --pid-file="$work/daemon.pid" --detach
sleep 0.3
pids+=("$(cat "$work/daemon.pid")")

hport=$(free_port)
mport=$(free_port)
java -Xmx256m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$hport" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
  -Dlockstep.data-dir="$work/data" -Dlockstep.git.url="git://127.0.0.1:$gport/fleet.git" \
  -Dlockstep.cluster=c0 -Dlockstep.git.interval=PT1H -Dlockstep.reconcile.jitter=PT0S \
  -jar "$app" serve >> "$work/serve.log" 2>&1 &
pids+=("$!")
base="http://127.0.0.1:$hport"
for _ in $(seq 1 1200); do
  curl -fs -o /dev/null "$base/api/status" 2>/dev/null && break
  sleep 0.05
done
curl -fs -o /dev/null "$base/api/status" || { echo "serve did not finish a reconcile in 60 s" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
rows=$(curl -fs "$base/" | grep -o '<th scope="row"><a href="/clusters/' | wc -l)
[ "$rows" -eq "$CLUSTERS" ] || { echo "the fleet page lists $rows clusters, not $CLUSTERS" >&2; exit 1; }
echo "fleet page: $rows clusters, $(curl -fs "$base/" | wc -c) bytes"

measure() { # label path: prints median and p99 of DURATION seconds with one connection
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$2")
  [ "$code" = 200 ] || { echo "$2 answers $code, not 200: not measured" >&2; exit 1; }
  wrk -t1 -c1 -d3s "$base$2" >/dev/null
  wrk -t1 -c1 -d"${DURATION}s" --latency "$base$2" > "$work/wrk.out"
  ! grep -q 'Non-2xx' "$work/wrk.out" || { echo "$2: $(grep 'Non-2xx' "$work/wrk.out")" >&2; exit 1; }
  awk -v l="$1" '/^ +50%/ {m=$2} /^ +99%/ {p=$2} /Requests\/sec/ {r=$2} END {printf "%-34s median %8s  p99 %8s  %8s req/s\n", l, m, p, r}' "$work/wrk.out"
}
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
measure "GET /api/status (reference)" /api/status
measure "GET / (fleet, $CLUSTERS clusters)" /
measure "GET /clusters/c1 (not served)" /clusters/c1
measure "GET /clusters/c0 (served)" /clusters/c0
