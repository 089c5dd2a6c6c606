#!/usr/bin/env bash
# Start-up and `lockstep validate` wall time, in one run so the ratios hold on a shared machine:
#   1. hyperfine: a bare `java -version` of the archive's bundled runtime (the floor), the release
#      archive's `lockstep validate sample-repo` and `lockstep --version`, and the same through the
#      checkout's launcher (./lockstep) with the system JDK;
#   2. /usr/bin/time: median wall and peak RSS of `validate` over generated repositories of 10, 100
#      and 1,000 clusters (500 channels each), through the archive and through the launcher.
# The archive is unpacked from target/lockstep-*-linux-*.tar.gz into bench/out (built with
# ./mvnw -Pdist package -DskipTests when missing), so it runs from another folder than it was built
# in, as users run it. Bounded: RUNS runs of each case (default 10 for hyperfine, 5 for the rest).
# Usage: bench/validate.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-10}
work=bench/out/validate; mkdir -p "$work"
tarball="$(ls target/lockstep-*-linux-*.tar.gz 2>/dev/null | head -1 || true)"
if [ -z "$tarball" ]; then
  ./mvnw -B -q -Pdist package -DskipTests -Dfuzz.skip=true
  tarball="$(ls target/lockstep-*-linux-*.tar.gz | head -1)"
fi
rm -rf "$work/archive"; mkdir -p "$work/archive"
tar -xzf "$tarball" -C "$work/archive"
home="$(ls -d "$PWD/$work"/archive/lockstep-*)"
./lockstep --version >/dev/null   # builds the checkout once if needed
sync   # no writeback of the unpacked archive during the start-up figures

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); archive runtime: $("$home/lib/runtime/bin/java" -version 2>&1 | head -1); launcher: $(java -version 2>&1 | head -1)"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" \
  -n "java -version (bundled runtime)" "$home/lib/runtime/bin/java -version" \
  -n "archive: lockstep validate sample-repo" "$home/bin/lockstep validate sample-repo" \
  -n "archive: lockstep --version" "$home/bin/lockstep --version" \
  -n "launcher: ./lockstep validate sample-repo" "./lockstep validate sample-repo" \
  -n "launcher: ./lockstep --version" "./lockstep --version" >/dev/null
python3 - "$work/hyperfine.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
print("%-44s %9s %9s %9s" % ("command", "median", "mean", "x floor"))
for r in results:
    print("%-44s %7.3f s %7.3f s %8.1fx" % (r["command"], r["median"], r["mean"], r["median"] / floor))
PY

measure() { # label, command...: prints "label median_wall_s median_rss_mb exit"
  local label=$1; shift
  local walls=() rss=() rc=0
  for ((r = 0; r < 5; r++)); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || rc=$?
    read -r w m < "$work/time.txt"
    walls+=("$w"); rss+=("$m")
  done
  local mw mr
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
  printf '%-40s %8s s %7s MB   exit %s\n' "$label" "$mw" "$mr" "$rc"
}
# generated after the start-up figures: writing 6,000 files leaves disk writeback running for a
# while, which added 50 ms to every start-up measured right after it
for n in 10 100 1000; do bench/gen-repo.sh "$work/repo-$n" "$n" 500; done
sync
for n in 10 100 1000; do
  files=$(find "$work/repo-$n" -type f | wc -l)
  measure "archive: $n clusters ($files files)" "$home/bin/lockstep" validate "$work/repo-$n"
  measure "launcher: $n clusters ($files files)" ./lockstep validate "$work/repo-$n"
done
