#!/usr/bin/env bash
# Policy benchmark: 100 CEL rules over a generated 1,000-cluster repository (each cluster with
# autoupdate_config, autoupdate_version and cluster.yaml). Measures what policies add to
# `lockstep validate`: loading (checking + compiling) the rules and evaluating them, in a fresh JVM
# (as CI runs it) and warm. Offline, bounded: one generated repository, a fixed number of runs.
#
# Usage: bench/policies.sh [clusters] [rules] [runs] [shared|distinct]   (defaults 1000 100 5 shared)
#
# Rules run once per distinct input, so what the clusters share matters: `shared` is the foundation
# benchmark's repository as generated (8 distinct autoupdate_config and 9 distinct
# autoupdate_version documents among 1,000 clusters); `distinct` gives every document a
# description naming its cluster, so no two documents are equal (the worst case).
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTERS=${1:-1000}
RULES=${2:-100}
RUNS=${3:-5}
MODE=${4:-shared}
OUT=bench/out/policies
REPO=$OUT/repo
POLICIES=$OUT/policies
rm -rf "$OUT"
mkdir -p "$POLICIES"

# --- repository: the same generator as bench/validate.sh (one channel, followed by every cluster) ---
bench/gen-repo.sh "$REPO" "$CLUSTERS" 1
if [ "$MODE" = distinct ]; then
  for d in "$REPO"/clusters/*/; do
    c=$(basename "$d")
    sed -i "s/^  name: autoupdate-\(config\|version\)$/  name: autoupdate-\1\n  description: cluster $c/" \
      "$d/autoupdate_config.yaml" "$d/autoupdate_version.yaml"
  done
fi

# --- 100 rules: the recommended pack plus generated rules of the usual shapes -----------------
cp policies/recommended.yaml "$POLICIES/"
{
  echo "kind: lockstep_policy"
  echo "metadata:"
  echo "  name: generated"
  echo "spec:"
  echo "  rules:"
  n=$((RULES - 7))
  for r in $(seq 1 "$n"); do
    case $((r % 5)) in
      0) kind=autoupdate_config; field=""; expr="object.spec.agents.mode != 'disabled-$r'" ;;
      1) kind=autoupdate_config; field="spec.agents.schedules.regular[*]"; expr="self.start_hour >= 0 && self.start_hour < 24 && self.name != 'group-$r'" ;;
      2) kind=autoupdate_version; field="spec.agents.target_version"; expr="semver(self).compare(semver(cluster.control_plane_version)) <= 0 || $r < 0" ;;
      3) kind=autoupdate_version; field=""; expr="isPatchBumpOf(object.spec.agents.target_version, object.spec.agents.start_version) || object.spec.agents.target_version == object.spec.agents.start_version || $r > 0" ;;
      4) kind=lockstep_cluster; field=""; expr="resources.all(x, x.kind != 'kind-$r') && cluster.channels.all(c, c in channels || true)" ;;
    esac
    echo "    - name: rule-$r"
    echo "      match: {kinds: [$kind]}"
    [ -n "$field" ] && echo "      field: \"$field\""
    echo "      expression: \"$expr\""
    echo "      message: generated rule $r"
  done
} > "$POLICIES/generated.yaml"

# --- breakdown: where the added time goes, in the JVM the launcher starts ----------------------
# (C1 only, serial GC, the launcher's class-data archive for runs with policies; the benchmark's own
# class comes from target/test-classes, appended to the launcher's class path.)
./mvnw -o -q test-compile
./lockstep --version >/dev/null   # builds target/quarkus-app if needed
./lockstep validate "$REPO" --policies "$POLICIES" >/dev/null   # makes the archive for runs with policies
APP=target/quarkus-app
JSA=$APP/lockstep-cli-cel.jsa
echo "clusters=$CLUSTERS rules=$RULES runs=$RUNS documents=$MODE ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for run in $(seq 1 "$RUNS"); do
  timeout 300 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m -XX:SharedArchiveFile="$JSA" -Xshare:auto \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$APP/app/*:$APP/lib/main/*:$APP/lib/boot/*:target/test-classes" \
    dev.lockstep.validate.policy.PolicyBenchmark "$REPO" "$POLICIES" 5
done

# --- end to end: what a CI job sees, through the launcher ----------------------------------------
# Same repository with and without --policies; median wall seconds and peak RSS of RUNS runs each.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
e2e() {
  local label=$1; shift
  : > "$OUT/e2e.txt"
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$OUT/time.txt" timeout 300 ./lockstep validate "$REPO" "$@" > "$OUT/validate.out" 2>&1 \
      || { echo "policies.sh: validate $label failed:" >&2; tail -5 "$OUT/validate.out" >&2; exit 3; }
    cat "$OUT/time.txt" >> "$OUT/e2e.txt"
  done
  echo "$label $(cut -d' ' -f1 "$OUT/e2e.txt" | median) $(cut -d' ' -f2 "$OUT/e2e.txt" | median)"
}
read -r _ base_s base_kb < <(e2e without)
read -r _ pol_s pol_kb < <(e2e with --policies "$POLICIES")
echo "end to end (median of $RUNS): lockstep validate ${base_s} s, $((base_kb / 1024)) MB;" \
  "with --policies (${RULES} rules) ${pol_s} s, $((pol_kb / 1024)) MB;" \
  "added $(awk -v a="$pol_s" -v b="$base_s" 'BEGIN { printf "%.2f", a - b }') s"
