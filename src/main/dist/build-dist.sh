#!/usr/bin/env bash
# Builds the release archive target/lockstep-<version>-linux-<arch>.tar.gz (./mvnw -Pdist package):
#
#   lockstep-<version>/bin/lockstep          the launcher (src/main/dist/lockstep)
#   lockstep-<version>/lib/runtime/          jlink'ed Java runtime (src/main/dist/runtime.sh)
#   lockstep-<version>/lib/app/              `serve`: target/quarkus-app as Quarkus lays it out
#   lockstep-<version>/lib/cli.classpath     the CLI's jars inside lib/app (cli-classpath.awk)
#   lockstep-<version>/lib/*.jvmargs         JVM options of the CLI and of serve
#   lockstep-<version>/lib/cli-logging.properties  the CLI's java.util.logging set-up
#   lockstep-<version>/lib/cli.jsa           the CLI's class-data archive (runtime 24 or later)
#   lockstep-<version>/lib/aot/serve.aot     serve's AOT cache (runtime 24 or later)
#   lockstep-<version>/policies/             the recommended CEL policy pack
#
#   LOCKSTEP_RUNTIME_JDK=<JDK home or empty> \
#   src/main/dist/build-dist.sh <project dir> <version> <dependency tree file> <build JDK home>
#
# The runtime is linked from the JDK that runtime-jdk.sh picks; the bytecode stays Java 17 either
# way. Only a JDK 24+ runtime gets the class-data archive and the AOT cache: a JDK 17 archive names
# the absolute path of every jar and the JVM refuses it once the archive is unpacked anywhere else
# ("shared class paths mismatch"), while JDK 25's move with their jars.
set -euo pipefail
project="$(cd "$1" && pwd)"
version="$2"
tree="$3"
target="$project/target"
app="$target/quarkus-app"
here="$project/src/main/dist"

[ -f "$app/quarkus-run.jar" ] || { echo "build-dist: $app/quarkus-run.jar missing; run the package phase first" >&2; exit 1; }
[ -f "$tree" ] || { echo "build-dist: dependency tree $tree missing" >&2; exit 1; }
arch="$("$here/arch.sh")"
name="lockstep-$version"
dist="$target/dist/$name"
out="$target/$name-linux-$arch.tar.gz"

rm -rf "$target/dist"
mkdir -p "$dist/bin" "$dist/lib"
jdk="$("$here/runtime-jdk.sh" "${LOCKSTEP_RUNTIME_JDK:-}" "$4")"
"$here/runtime.sh" "$jdk" "$target/runtime"
cp -a "$target/runtime" "$dist/lib/runtime"
cp -a "$app" "$dist/lib/app"
rm -f "$dist"/lib/app/*.jsa   # the checkout launcher's class-data archives
cp "$here/lockstep" "$dist/bin/lockstep"
chmod 0755 "$dist/bin/lockstep"
cp -r "$project/policies" "$dist/policies"
cp "$project/README.md" "$dist/README.md"

# The CLI's class path: our jar, then the libraries in the tree's order, as paths under lib/.
{
  echo "app/app/$(basename "$(ls "$app"/app/*.jar | head -1)")"
  awk -f "$here/cli-classpath.awk" "$tree" | while IFS=: read -r g a c; do
    line="$(awk -F: -v g="$g" -v a="$a" -v c="$c" '$1 == g && $2 == a && $3 == c {print $5; exit}' \
      "$app/quarkus-app-dependencies.txt")"
    jar="app/lib/main/$g.$a-$line${c:+-$c}.jar"
    [ -n "$line" ] && [ -f "$dist/lib/$jar" ] || { echo "build-dist: no jar in $app/lib/main for $g:$a${c:+:$c}" >&2; exit 1; }
    echo "$jar"
  done
} > "$dist/lib/cli.classpath"

feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dist/lib/runtime/release")"
# Short-lived commands: C1 only and the serial collector start fastest and use the least memory;
# the stack is for deeply nested YAML; SLF4J (JGit, fabric8) has no logger here and should say
# nothing about it.
cli_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m -XX:-UsePerfData -Dslf4j.internal.verbosity=ERROR)
# serve: a small first heap that grows to 256 MB when needed, smaller thread stacks and code cache,
# two event loops: idle RSS 191 MB instead of 251 (bench/README.md). LOCKSTEP_JAVA_OPTS overrides.
serve_opts=(-XX:+UseSerialGC -Xms32m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:-UsePerfData
  -Dquarkus.vertx.event-loops-pool-size=2)
if [ "$feature" -ge 24 ]; then
  # protobuf (CEL) and Netty use sun.misc.Unsafe and native code; say it is expected
  cli_opts+=(--sun-misc-unsafe-memory-access=allow -Xlog:aot=off -Xlog:cds=off)
  serve_opts+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xlog:aot=off -Xlog:cds=off)
  # hand the C heap that start-up and the compilers freed back to the system every 5 s (glibc
  # malloc_trim): idle RSS about 20 MB lower (bench/README.md)
  serve_opts+=(-XX:TrimNativeHeapInterval=5000)
fi
printf '%s\n' "${cli_opts[@]}" > "$dist/lib/cli.jvmargs"
# The CLI's java.util.logging configuration (bin/lockstep names it): libraries' errors only, as
# Main sets up itself when run without it.
printf '%s\n' 'handlers=java.util.logging.ConsoleHandler' '.level=SEVERE' > "$dist/lib/cli-logging.properties"
printf '%s\n' "${serve_opts[@]}" > "$dist/lib/serve.jvmargs"

# Caches record each jar's size and modification time: fix the times first (the archive keeps them).
stamp="${SOURCE_DATE_EPOCH:-$(git -C "$project" log -1 --format=%ct 2>/dev/null || date +%s)}"
find "$dist" -exec touch -h -d "@$stamp" {} +

java="$dist/lib/runtime/bin/java"
cp_abs="$(sed "s#^#$dist/lib/#" "$dist/lib/cli.classpath" | paste -sd: -)"
if [ "$feature" -ge 24 ]; then
  work="$target/dist-training"
  rm -rf "$work"; mkdir -p "$work"
  sample="$project/sample-repo"
  # The CLI: one class-data archive (static CDS) from the classes a training run of every kind of
  # command loads, CEL included. Its classes load only when used, so one archive serves every
  # command; an AOT cache would load all of its classes at start-up (bench/README.md).
  from=(--cluster prod --from 2026-01-05T00:00:00Z)
  "$java" @"$dist/lib/cli.jvmargs" -XX:DumpLoadedClassList="$work/cli.classlist" -cp "$cp_abs" \
    dev.lockstep.cli.TrainingRun validate "$sample" ";" validate "$sample" --format github \
    ";" validate "$sample" --format sarif ";" plan "$sample" "${from[@]}" \
    ";" plan "$sample" "${from[@]}" --format markdown \
    ";" diff "$sample" --cluster prod --target file --dir "$work/applied" \
    ";" export-channels "$sample" --out "$work/channels" ";" rules ";" version \
    ";" validate "$sample" --policies "$project/policies" ";" policy test "$project/policies" \
    >"$work/cli.log" 2>&1 || { cat "$work/cli.log" >&2; exit 1; }
  # picocli is Java 5 bytecode, which the dump cannot verify: such a class (and ours that implement
  # its interfaces) is left out of the archive once the dump links it, and resolving its constants
  # (@cp) or a lambda of its types (@lambda-proxy) links it. Without those lines all of picocli is
  # archived (a tenth of a `validate`'s CPU, bench/README.md).
  grep -v -e '^@cp picocli/' -e '^@cp dev/lockstep/cli/' -e '^@lambda-proxy .*picocli/' \
    "$work/cli.classlist" > "$work/cli-archivable.classlist"
  "$java" @"$dist/lib/cli.jvmargs" -Xlog:cds=warning -Xshare:dump \
    -XX:SharedClassListFile="$work/cli-archivable.classlist" \
    -XX:SharedArchiveFile="$dist/lib/cli.jsa" -cp "$cp_abs" >"$work/cli-dump.log" 2>&1 \
    || { tail -20 "$work/cli-dump.log" >&2; exit 1; }
  if grep -q 'Old class has been linked' "$work/cli-dump.log"; then
    echo "build-dist: classes left out of lib/cli.jsa:" >&2
    grep 'Old class has been linked' "$work/cli-dump.log" | head -5 >&2
    exit 1
  fi
  "$here/train-serve.sh" "$dist" "$work"
  rm -f "$dist"/lib/aot/*.aot.config
  [ -s "$dist/lib/cli.jsa" ] && [ -s "$dist/lib/aot/serve.aot" ] || { echo "build-dist: a cache is missing (see $work)" >&2; exit 1; }
fi

tar --sort=name --owner=0 --group=0 --numeric-owner -C "$target/dist" -czf "$out.tmp" "$name"
mv "$out.tmp" "$out"
echo "build-dist: $out ($(du -h "$out" | cut -f1); Java $feature runtime; $(wc -l < "$dist/lib/cli.classpath") jars on the CLI's class path)"
