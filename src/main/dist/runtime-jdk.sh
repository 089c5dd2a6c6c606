#!/usr/bin/env bash
# Prints the JDK whose runtime the release archive and the image carry.
#
#   src/main/dist/runtime-jdk.sh <chosen JDK home, may be empty> <build JDK home>
#
# A chosen one (-Dlockstep.runtime.jdk) wins. Otherwise the newest JDK 24 or later under
# /usr/lib/jvm that can link a runtime, since only those make AOT caches that survive unpacking the
# archive elsewhere (bench/README.md has the start-up figures); else the build's own JDK. The
# bytecode is Java 17 whichever runtime carries it.
set -euo pipefail
chosen="${1:-}" build="$2"
if [ -n "$chosen" ]; then echo "$chosen"; exit 0; fi
best="" best_feature=0
for home in /usr/lib/jvm/*/; do
  home="${home%/}"
  [ -x "$home/bin/jlink" ] && [ -f "$home/release" ] || continue
  feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  if [ -n "$feature" ] && [ "$feature" -ge 24 ] && [ "$feature" -gt "$best_feature" ]; then
    best="$home" best_feature="$feature"
  fi
done
echo "${best:-$build}"
