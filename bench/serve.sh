#!/usr/bin/env bash
# Benchmarks `lockstep serve` on loopback: time to ready, first on an empty data folder, then after a
# restart on the same (warm) one (target < 2.5 s); median push-to-applied latency over 20 pushes
# delivered by a signed webhook (target < 1 s), the cost of a no-change reconcile, and the idle RSS
# (target < 200 MB). Real parts: a `git daemon` repository, the file target, the generic HMAC webhook.
# Bounded: 20 pushes, 20 no-change runs, every wait capped; everything it starts is stopped by pid on
# exit.
# Usage: [SERVE_JAVA_OPTS=...] bench/serve.sh [launcher|archive]
#   (SERVE_JAVA_OPTS: more JVM options for the archive's serve, to compare settings)
# Wall times on a shared machine swing with its load; the CPU time to ready (all threads, from
# /proc) is the steadier figure to compare.
#   launcher (default): java -Xmx256m -jar target/quarkus-app/quarkus-run.jar (built when missing);
#   archive: bin/lockstep serve of the release archive, unpacked into a temporary folder from
#            target/lockstep-*-linux-*.tar.gz (./mvnw -Pdist package), with its own JVM options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-launcher}"
app="$here/target/quarkus-app/quarkus-run.jar"
case "$mode" in
  launcher) [ -f "$app" ] || (cd "$here" && ./mvnw -B -q package -DskipTests -Dfuzz.skip=true) ;;
  archive)
    tarball="$(ls "$here"/target/lockstep-*-linux-*.tar.gz 2>/dev/null | head -1 || true)"
    [ -n "$tarball" ] || { echo "no release archive: run ./mvnw -Pdist package -DskipTests" >&2; exit 2; } ;;
  *) echo "usage: bench/serve.sh [launcher|archive]" >&2; exit 2 ;;
esac
PUSHES=${PUSHES:-20}
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP_LOG:-}" ] && cp "$work/serve.log" "$KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# upstream: a bare repository served by git daemon, seeded with the sample repository
git init -q --bare -b main "$work/repos/fleet.git"
git -C "$work/repos/fleet.git" config daemon.receivepack true
git clone -q "$work/repos/fleet.git" "$work/clone" 2>/dev/null
cp -r "$here/sample-repo/." "$work/clone/"
git -C "$work/clone" -c user.name=bench -c user.email=bench@localhost add -A
git -C "$work/clone" -c user.name=bench -c user.email=bench@localhost commit -q -m sample
git -C "$work/clone" push -q origin main
gport=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$gport" --base-path="$work/repos" --export-all \
  --enable=receive-pack --pid-file="$work/daemon.pid" --detach
sleep 0.3
pids+=("$(cat "$work/daemon.pid")")
git -C "$work/clone" remote set-url origin "git://127.0.0.1:$gport/fleet.git"

secret=bench-secret
printf '%s' "$secret" > "$work/hmac"
printf 'bench-token' > "$work/api-token"
hport=$(free_port)
mport=$(free_port)
props=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$hport"
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport"
  -Dlockstep.data-dir="$work/data" -Dlockstep.git.url="git://127.0.0.1:$gport/fleet.git" -Dlockstep.cluster=prod
  -Dlockstep.git.interval=PT1H -Dlockstep.reconcile.jitter=PT0S -Dlockstep.webhook.hmac-secret-file="$work/hmac"
  -Dlockstep.webhook.rate-per-minute=600 -Dlockstep.api.token-file="$work/api-token")
if [ "$mode" = archive ]; then
  mkdir -p "$work/archive"
  tar -xzf "$tarball" -C "$work/archive"
  launch=("$(ls -d "$work"/archive/lockstep-*)/bin/lockstep" serve)
  export LOCKSTEP_JAVA_OPTS="${props[*]} ${SERVE_JAVA_OPTS:-}"
else
  launch=(java -Xmx256m "${props[@]}" -jar "$app" serve)
fi
base="http://127.0.0.1:$hport"
mgmt="http://127.0.0.1:$mport"
# CPU so far, all threads and split: the main thread ("java"), the JIT compilers, the rest
cpu_by_thread() {
  local hz; hz=$(getconf CLK_TCK)
  local all=0 main=0 c1=0 c2=0 t name v
  for t in /proc/"$1"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    v=$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    [ -n "$v" ] || continue
    all=$((all + v))
    case "$name" in java) main=$((main + v)) ;; "C1 CompilerThre") c1=$((c1 + v)) ;; "C2 CompilerThre") c2=$((c2 + v)) ;; esac
  done
  echo "$((all * 1000 / hz)) ms CPU (main thread $((main * 1000 / hz)), C1 $((c1 * 1000 / hz)), C2 $((c2 * 1000 / hz)))"
}
start_serve() { # label: starts serve, waits until ready, prints the time
  "${launch[@]}" >> "$work/serve.log" 2>&1 &
  spid=$!
  pids+=("$spid")
  local t_boot; t_boot=$(now_ms)
  for _ in $(seq 1 600); do
    curl -fs "$mgmt/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.05
  done
  curl -fs "$mgmt/q/health/ready" >/dev/null || { echo "serve did not become ready" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  local ready_ms=$(( $(now_ms) - t_boot ))
  # the archive's bin/lockstep execs the JVM, so $spid is the JVM either way
  echo "$mode: ready after $ready_ms ms, $(cpu_by_thread "$spid") ($1)"
}
start_serve "empty data folder: boot, mirror, first fetch, first apply"
kill "$spid"; wait "$spid" 2>/dev/null || true
start_serve "restart on the warm data folder"

applied="$work/data/applied/autoupdate_config.yaml"
cfg="$work/clone/clusters/prod/autoupdate_config.yaml"
lat=()
for i in $(seq 1 "$PUSHES"); do
  hour=$(( 8 + (i % 2) ))
  sed -i "0,/start_hour: [0-9]*/s//start_hour: $hour/" "$cfg"
  git -C "$work/clone" -c user.name=bench -c user.email=bench@localhost commit -q -am "push $i"
  git -C "$work/clone" push -q origin main
  body="{\"ref\":\"refs/heads/main\",\"n\":$i}"
  sig="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')"
  t0=$(now_ms)
  curl -fs -o /dev/null -H "X-Signature: $sig" -d "$body" "$base/hooks/generic"
  ok=""
  for _ in $(seq 1 1000); do
    if [ "$(grep -m1 'start_hour:' "$applied" 2>/dev/null | tr -dc 0-9)" = "$hour" ]; then ok=1; break; fi
    sleep 0.01
  done
  [ -n "$ok" ] || { echo "push $i not applied within 10 s" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  lat+=($(( $(now_ms) - t0 )))
  sleep 1.1   # past the webhook throttle window, so each push is a fresh delivery
done
median=$(printf '%s\n' "${lat[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:int((a[NR/2]+a[NR/2+1])/2)}')
echo "push-to-applied over $PUSHES pushes (webhook on loopback): median ${median} ms, all: ${lat[*]}"

curl -fs "$mgmt/q/metrics" | awk '/^lockstep_(reconcile_duration|git_fetch)_seconds_(sum|count)/ {print "  " $0}'

# no-change runs: ask the API 20 times, then read the reconcile timer for result=unchanged
for _ in $(seq 1 20); do
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer bench-token" "$base/api/reconcile"
  sleep 0.3
done
sleep 1
curl -fs "$mgmt/q/metrics" | awk '/^lockstep_reconcile_duration_seconds_(sum|count)\{result="unchanged"\}/ {v[$1 ~ /sum/ ? "s" : "c"]=$2}
  END { if (v["c"] > 0) printf "no-change reconcile: %.1f ms on average over %d runs (ls-remote, diff live, no write)\n", 1000*v["s"]/v["c"], v["c"] }'

sleep 10
rss=$(ps -o rss= -p "$spid" | tr -d ' ')
echo "$mode: idle RSS of serve: $(( rss / 1024 )) MB"
