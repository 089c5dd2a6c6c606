#!/usr/bin/env bash
# `lockstep validate` wall time and peak RSS on generated repositories of 10, 100 and 1,000 clusters
# (500 channels each), on sample-repo, and the floor: a JVM that only prints Lockstep's version.
# Usage: bench/validate.sh [RUNS]   (default 5 runs each; the median is reported)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
work=bench/out/validate; mkdir -p "$work"
./lockstep --version >/dev/null   # builds once if needed
for n in 10 100 1000; do bench/gen-repo.sh "$work/repo-$n" "$n" 500; done

measure() { # label, command...: prints "label median_wall_s median_rss_mb exit"
  local label=$1; shift
  local walls=() rss=() rc=0
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || rc=$?
    read -r w m < "$work/time.txt"
    walls+=("$w"); rss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
  printf '%-28s %8s s %7s MB   exit %s\n' "$label" "$mw" "$mr" "$rc"
}

echo "runs per case: $runs (median); $(nproc) cores; $(java -version 2>&1 | head -1)"
measure "floor (lockstep --version)" ./lockstep --version
measure "sample-repo" ./lockstep validate sample-repo
for n in 10 100 1000; do
  files=$(find "$work/repo-$n" -type f | wc -l)
  measure "$n clusters ($files files)" ./lockstep validate "$work/repo-$n"
done
