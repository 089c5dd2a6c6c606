#!/usr/bin/env bash
# Generates a GitOps repository with N clusters (cluster.yaml, autoupdate_config, autoupdate_version
# each) and C channels: bench/gen-repo.sh OUT_DIR N C. Deterministic, so runs are comparable.
set -euo pipefail
out=$1 n=$2 c=${3:-0}
rm -rf "$out"; mkdir -p "$out/clusters" "$out/channels"
for ((i = 0; i < n; i++)); do
  d="$out/clusters/c$i"; mkdir -p "$d"
  cat > "$d/cluster.yaml" <<Y
kind: lockstep_cluster
metadata:
  name: c$i
spec:
  proxy: teleport-c$i.example.com:443
  auth_version: 17.5.2
  channels: [ch/$((i % (c > 0 ? c : 1)))]
Y
  cat > "$d/autoupdate_config.yaml" <<Y
kind: autoupdate_config
version: v1
metadata:
  name: autoupdate-config
spec:
  tools:
    mode: enabled
  agents:
    mode: enabled
    strategy: halt-on-error
    schedules:
      regular:
        - name: dev
          days: [Mon, Tue, Wed, Thu]
          start_hour: $((i % 8))
        - name: staging
          days: [Mon, Tue, Wed, Thu]
          start_hour: 10
          wait_hours: 24
        - name: prod
          days: [Mon, Tue, Wed, Thu]
          start_hour: 14
          wait_hours: 24
          canary_count: 3
Y
  cat > "$d/autoupdate_version.yaml" <<Y
kind: autoupdate_version
version: v1
metadata:
  name: autoupdate-version
spec:
  tools:
    target_version: 17.5.2
  agents:
    start_version: 17.4.$((i % 9))
    target_version: 17.5.2
    schedule: regular
    mode: enabled
Y
done
[ "$n" -gt 0 ] || rm -rf "$out/clusters"
for ((j = 0; j < c; j++)); do
  mkdir -p "$out/channels/ch/$j"
  printf '17.5.2\n' > "$out/channels/ch/$j/version"
  printf 'no\n' > "$out/channels/ch/$j/critical"
done
