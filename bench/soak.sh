#!/usr/bin/env bash
# Soak test of `lockstep serve` on loopback (issue 16): pushes every few seconds, each announced by a
# signed webhook inside a flood of forged ones, kill -9 of serve at a random moment after about one
# push in three (mid-reconcile, mid-status-push or idle) and a restart on the same data folder,
# channel load with wrk between pushes. It prints restarts survived, status commits per revision
# (expect 1), lost and duplicate applies (expect 0), channel errors (expect 0), refused signed
# deliveries (expect 0) and the RSS of the first and the last serve process.
# Real parts: a `git daemon` repository (status pushed back to it), the file target, the generic
# HMAC webhook, wrk. Bounded: SOAK_SECONDS (default 600, at most 600) of pushes, every wait capped,
# FORGED forged deliveries per push (default 30); everything it starts is stopped by pid on exit.
# Usage: SOAK_SECONDS=180 bench/soak.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$here/target/quarkus-app/quarkus-run.jar"
[ -f "$app" ] || (cd "$here" && ./mvnw -B -q package -DskipTests -Dfuzz.skip=true)
SOAK_SECONDS=${SOAK_SECONDS:-600}
[ "$SOAK_SECONDS" -le 600 ] || SOAK_SECONDS=600
PUSH_EVERY=${PUSH_EVERY:-4}
FORGED=${FORGED:-30}
KILL_ONE_IN=${KILL_ONE_IN:-3}
work="$(mktemp -d)"
pids=()
spid=""
cleanup() {
  # only processes still ours: the daemon and the serve process running now (a killed one's pid
  # may belong to someone else by then)
  [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP_LOG:-}" ] && cp "$work/serve.log" "$KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }
gitc() { git -C "$work/clone" -c user.name=soak -c user.email=soak@localhost "$@"; }

git init -q --bare -b main "$work/repos/fleet.git"
git clone -q "$work/repos/fleet.git" "$work/clone" 2>/dev/null
cp -r "$here/sample-repo/." "$work/clone/"
gitc add -A
gitc commit -q -m sample
gitc push -q origin main
gport=$(free_port)
git daemon --reuseaddr --listen=127.0.0.1 --port="$gport" --base-path="$work/repos" --export-all \
  --enable=receive-pack --pid-file="$work/daemon.pid" --detach
sleep 0.3
pids+=("$(cat "$work/daemon.pid")")
gitc remote set-url origin "git://127.0.0.1:$gport/fleet.git"

secret=soak-secret
printf '%s' "$secret" > "$work/hmac"
hport=$(free_port)
mport=$(free_port)
props=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$hport"
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport"
  -Dlockstep.data-dir="$work/data" -Dlockstep.git.url="git://127.0.0.1:$gport/fleet.git" -Dlockstep.cluster=prod
  -Dlockstep.git.interval=PT30S -Dlockstep.reconcile.jitter=PT0S -Dlockstep.webhook.hmac-secret-file="$work/hmac")
base="http://127.0.0.1:$hport"
mgmt="http://127.0.0.1:$mport"
channel="$base/channels/stable/rolling/version"

restarts=0
start_serve() {
  java -Xmx256m "${props[@]}" -jar "$app" serve >> "$work/serve.log" 2>&1 &
  spid=$!
  for _ in $(seq 1 1200); do
    curl -fs "$mgmt/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "serve did not become ready within 60 s" >&2; tail -20 "$work/serve.log" >&2; exit 1
}
rss_mb() { echo $(( $(ps -o rss= -p "$spid" | tr -d ' ') / 1024 )); }

start_serve
rss_start=$(rss_mb)
applied="$work/data/applied/autoupdate_config.yaml"
cfg="$work/clone/clusters/prod/autoupdate_config.yaml"
forged_refused=0; forged_other=0; signed_refused=0; lost=0; channel_errors=0; channel_requests=0
pushes=0
deadline=$(( $(date +%s) + SOAK_SECONDS ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  slot=$(now_ms)
  pushes=$((pushes + 1))
  # 1..23: the file target, like Teleport, omits a start_hour of 0, so the check below could not see it
  hour=$(( 1 + pushes % 23 ))
  sed -i "0,/start_hour: [0-9]*/s//start_hour: $hour/" "$cfg"
  gitc commit -q -am "push $pushes"
  gitc push -q origin main
  # a flood of forged deliveries around one signed one, all from loopback
  for i in $(seq 1 "$FORGED"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Signature: sha256=$(printf '%064d' "$i")" \
      -d '{"n":0}' "$base/hooks/generic" || true)
    case "$code" in 401|429) forged_refused=$((forged_refused + 1)) ;; *) forged_other=$((forged_other + 1)) ;; esac
    [ "$i" -eq $((FORGED / 2)) ] || continue
    body="{\"n\":$pushes}"
    sig="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Signature: $sig" -d "$body" "$base/hooks/generic" || true)
    [ "$code" = 202 ] || signed_refused=$((signed_refused + 1))
  done
  if [ $((RANDOM % KILL_ONE_IN)) -eq 0 ]; then
    sleep "0.$((RANDOM % 10))"   # anywhere in the run the push started: fetch, apply, status push
    kill -9 "$spid"; wait "$spid" 2>/dev/null || true
    spid=""
    start_serve
    restarts=$((restarts + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' "$channel" || true)
    channel_requests=$((channel_requests + 1))
    [ "$code" = 200 ] || channel_errors=$((channel_errors + 1))
  fi
  ok=""
  for _ in $(seq 1 300); do
    if [ "$(grep -m1 'start_hour:' "$applied" 2>/dev/null | tr -dc 0-9)" = "$hour" ]; then ok=1; break; fi
    sleep 0.1
  done
  [ -n "$ok" ] || { lost=$((lost + 1)); echo "push $pushes not applied within 30 s" >&2; }
  left=$(( PUSH_EVERY * 1000 - ($(now_ms) - slot) ))
  if [ "$left" -gt 1200 ]; then
    secs=$(( (left - 200) / 1000 ))
    out=$(wrk -t1 -c4 -d"${secs}s" "$channel" 2>&1 || true)
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    channel_requests=$((channel_requests + ${n:-0}))
    bad=$(awk '/Non-2xx/ {s+=$NF} /Socket errors/ {gsub(",", ""); s+=$4+$6+$8+$10} END {print s+0}' <<<"$out")
    channel_errors=$((channel_errors + bad))
  fi
done
sleep 2
rss_end=$(rss_mb)

# status commits per revision: the commit message names the revision ("... at main@1a2b3c4d")
git -C "$work/repos/fleet.git" log --format=%s lockstep/status | sed -n 's/.* at \(main@[0-9a-f]*\).*/\1/p' \
  | sort | uniq -c | awk '{print $1}' | sort -n | uniq -c > "$work/per-rev"
revisions=$(git -C "$work/repos/fleet.git" rev-list --count main)
# duplicate applies: a resource written twice for one revision (a restart must not write again
# what was already written). The log names the revision fetched, then each write.
dups=$(awk '/fetched main@|resumed main@/ {match($0, /main@[0-9a-f]+/); rev=substr($0, RSTART, RLENGTH)}
  /applied (create|update|delete) / {match($0, /applied [a-z]+ [a-z_]+\/[a-z-]+/); k=rev " " substr($0, RSTART, RLENGTH); if (seen[k]++) d++}
  END {print d+0}' "$work/serve.log")

echo "soak: ${SOAK_SECONDS}s, $pushes pushes every ${PUSH_EVERY}s ($revisions revisions on main), kill -9 about one push in $KILL_ONE_IN"
echo "restarts survived: $restarts"
echo "status commits per revision (count x revisions): $(awk '{printf "%s x %s; ", $2, $1}' "$work/per-rev")"
echo "lost applies: $lost, duplicate applies: $dups"
echo "signed deliveries refused: $signed_refused; forged refused (401/429): $forged_refused, forged otherwise: $forged_other"
echo "channel requests: $channel_requests, channel errors: $channel_errors"
echo "RSS of serve: ${rss_start} MB at start (first process), ${rss_end} MB at end (last process)"
