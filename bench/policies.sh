#!/usr/bin/env bash
# Policy benchmark: 100 CEL rules over a generated 1,000-cluster repository (each cluster with
# autoupdate_config, autoupdate_version and cluster.yaml). Measures what policies add to
# `lockstep validate`: loading (checking + compiling) the rules and evaluating them, in a fresh JVM
# (as CI runs it) and warm. Offline, bounded: one generated repository, a fixed number of runs.
#
# Usage: bench/policies.sh [clusters] [rules] [runs]     (defaults 1000 100 5)
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTERS=${1:-1000}
RULES=${2:-100}
RUNS=${3:-5}
OUT=bench/out/policies
REPO=$OUT/repo
POLICIES=$OUT/policies
rm -rf "$OUT"
mkdir -p "$POLICIES"

# --- repository: the same generator as bench/validate.sh (one channel, followed by every cluster) ---
bench/gen-repo.sh "$REPO" "$CLUSTERS" 1

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

# --- run -------------------------------------------------------------------------------------
./mvnw -o -q test-compile
CP_FILE=$OUT/classpath.txt
./mvnw -o -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat "$CP_FILE")"
echo "clusters=$CLUSTERS rules=$RULES runs=$RUNS ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for run in $(seq 1 "$RUNS"); do
  timeout 300 java -cp "$CP" dev.lockstep.validate.policy.PolicyBenchmark "$REPO" "$POLICIES" 5
done
