#!/usr/bin/env bash
# Release-channel hosting benchmark: wrk against Lockstep's channel endpoint and against nginx
# serving the same channel files, same wrk settings, both on loopback, plain HTTP and HTTPS.
# Prints req/s and p99 latency for both and the Lockstep/nginx throughput ratio.
#
#   bench/channels.sh            # needs: java 17, wrk, nginx, openssl, curl; builds target/quarkus-app if missing
#   DURATION=10 THREADS=2 CONNECTIONS="8 32" bench/channels.sh
#
# Two concurrency levels by default: 8 connections (a loaded server whose queue stays short: the
# latency figure) and 32 (saturation: wrk and the server fight for the same cores, and both
# servers' p99 is mostly run-queue wait). LS_JAVA_OPTS adds JVM options for Lockstep; SCHEMES picks
# http and/or https.
# Bounded: a first warm-up of 2 x WARMUP seconds per server and scheme, then per level warm-ups of
# WARMUP seconds (3x for HTTPS) and 4 runs of DURATION seconds (default about 5.5 min in all).
# Everything listens on 127.0.0.1 only and is stopped (by process id) on exit.
set -euo pipefail

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8 32}
# Ports: override when taken.
LS_HTTP=${LS_HTTP:-18180}
LS_HTTPS=${LS_HTTPS:-18543}
LS_MANAGEMENT=${LS_MANAGEMENT:-18900}
NG_HTTP=${NG_HTTP:-18181}
NG_HTTPS=${NG_HTTPS:-18544}
CHANNEL=stable/rolling

cd "$(dirname "$0")/.."
for tool in java wrk nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "channels.sh: $tool is required (apt-get install wrk nginx openssl curl)" >&2; exit 2; }
done
NGINX=$(command -v nginx)
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -o -q package -DskipTests
fi

WORK=$(mktemp -d /tmp/lockstep-channels-bench.XXXXXX)
LS_PID=""
cleanup() {
  [ -n "$LS_PID" ] && kill "$LS_PID" 2>/dev/null || true
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

# The same files for both servers: the layout `lockstep export-channels --out DIR` writes.
mkdir -p "$WORK/channels/$CHANNEL" "$WORK/nginx/tmp"
chmod 755 "$WORK"  # nginx workers run as an unprivileged user when started by root
printf 'v17.2.1' > "$WORK/channels/$CHANNEL/version"
printf 'no' > "$WORK/channels/$CHANNEL/critical"
chmod -R a+rX "$WORK/channels"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" -subj /CN=localhost \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null

cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NG_HTTP;
    listen 127.0.0.1:$NG_HTTPS ssl http2;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    location /channels/ {
      alias $WORK/channels/;
      default_type text/plain;
      add_header Cache-Control "max-age=60";
    }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"

java -Xmx256m ${LS_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$LS_HTTP" -Dquarkus.http.ssl-port="$LS_HTTPS" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$LS_MANAGEMENT" \
  -Dquarkus.tls.key-store.pem.0.cert="$WORK/tls.crt" -Dquarkus.tls.key-store.pem.0.key="$WORK/tls.key" \
  -Dlockstep.channels.preload-dir="$WORK/channels" -Dlockstep-serve.loop=false -Dquarkus.log.level=WARN '-Dquarkus.log.category."dev.lockstep.server.TlsEngine".level=INFO' \
  -jar target/quarkus-app/quarkus-run.jar > "$WORK/lockstep.log" 2>&1 &
LS_PID=$!
# the HTTP and HTTPS listeners come up one after the other: wait for both
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$LS_HTTP/channels/$CHANNEL/version" \
    && curl -ksf -o /dev/null "https://127.0.0.1:$LS_HTTPS/channels/$CHANNEL/version" && break
  sleep 1
done
for url in "http://127.0.0.1:$LS_HTTP" "https://127.0.0.1:$LS_HTTPS" "http://127.0.0.1:$NG_HTTP" "https://127.0.0.1:$NG_HTTPS"; do
  body=$(curl -ksSf "$url/channels/$CHANNEL/version") || { echo "channels.sh: $url does not answer" >&2; cat "$WORK/lockstep.log" >&2; exit 3; }
  [ "$body" = "v17.2.1" ] || { echo "channels.sh: $url answered '$body'" >&2; exit 3; }
done

# wrk prints "99%  1.23ms"; report milliseconds.
p99_ms() { awk '$1=="99%" { v=$2; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 } printf "%.2f", v }'; }
rps() { awk '$1=="Requests/sec:" { printf "%.0f", $2 }'; }
run() {
  # $1 connections, $2 URL. The JVM needs longer than nginx to reach steady state over TLS.
  local warm=$WARMUP
  case "$2" in https://*) warm=$((WARMUP * 3)) ;; esac
  wrk -t"$THREADS" -c"$1" -d"${warm}s" "$2" >/dev/null
  wrk -t"$THREADS" -c"$1" -d"${DURATION}s" --latency "$2" > "$WORK/wrk.out"
  echo "$(rps < "$WORK/wrk.out") $(p99_ms < "$WORK/wrk.out")"
}

echo "wrk -t$THREADS -d${DURATION}s (after a ${WARMUP}s warm-up, $((WARMUP * 3))s for HTTPS), GET /channels/$CHANNEL/version, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at start"
grep -o 'HTTPS listener uses the .* TLS engine' "$WORK/lockstep.log" || true
printf '| scheme | connections | Lockstep req/s | Lockstep p99 ms | nginx req/s | nginx p99 ms | ratio |\n|---|---|---|---|---|---|---|\n'
# A service runs for days: bring both servers to steady state (the JVM's JIT) on both schemes
# before the first measured run.
for url in "http://127.0.0.1:$LS_HTTP" "https://127.0.0.1:$LS_HTTPS" "http://127.0.0.1:$NG_HTTP" "https://127.0.0.1:$NG_HTTPS"; do
  wrk -t"$THREADS" -c32 -d"$((WARMUP * 2))s" "$url/channels/$CHANNEL/version" >/dev/null
done
for conns in $CONNECTIONS; do
  for scheme in ${SCHEMES:-http https}; do
    if [ "$scheme" = http ]; then lp=$LS_HTTP; np=$NG_HTTP; else lp=$LS_HTTPS; np=$NG_HTTPS; fi
    read -r l_rps l_p99 < <(run "$conns" "$scheme://127.0.0.1:$lp/channels/$CHANNEL/version")
    read -r n_rps n_p99 < <(run "$conns" "$scheme://127.0.0.1:$np/channels/$CHANNEL/version")
    ratio=$(awk -v a="$l_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$scheme" "$conns" "$l_rps" "$l_p99" "$n_rps" "$n_p99" "$ratio"
  done
done
