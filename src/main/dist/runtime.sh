#!/usr/bin/env bash
# Builds the Java runtime that the release archive (-Pdist) and the container image (-Pimage) carry:
# a jlink image of a JDK with only the modules Lockstep needs, and the JDK's default class-data
# archive for it. Both profiles call this script; the second call reuses the first one's output.
#
#   src/main/dist/runtime.sh <jdk home> <output dir>
#
# The modules: what jdeps reports for the CLI's class path (java.base, java.compiler, java.desktop
# for java.beans, java.management, java.naming, java.net.http for the Proxy client, java.rmi,
# java.security.jgss, java.sql, jdk.unsupported) and for the Quarkus service (java.instrument,
# java.logging, java.prefs, java.scripting, java.security.sasl, java.transaction.xa, java.xml,
# jdk.jfr, jdk.management, jdk.net, jdk.zipfs), plus what only reflection or the security
# providers reach: jdk.crypto.ec (TLS and SSH keys), jdk.crypto.cryptoki, java.xml.crypto,
# jdk.naming.dns, jdk.security.auth.
set -euo pipefail
jdk="$(cd "$1" && pwd)"
out="$2"
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,\
java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
stamp="$jdk $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$jdk/release") $modules"
if [ -x "$out/bin/java" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
args=()
if [ -d "$jdk/jmods" ]; then
  args+=(--module-path "$jdk/jmods")
elif [ "$feature" -lt 24 ]; then
  # JDK 24+ can link from its own run-time image (JEP 493); older ones need the jmods
  echo "runtime: $jdk has no jmods folder (Debian: apt-get install openjdk-$feature-jmods)" >&2
  exit 1
fi
if [ "$feature" -ge 21 ]; then compress=zip-6; else compress=2; fi
rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$jdk/bin/jlink" "${args[@]}" --add-modules "$modules" --strip-debug --no-header-files \
  --no-man-pages --compress="$compress" --generate-cds-archive --output "$out" >/dev/null
# Debian's JDK links its security files to /etc; the runtime gets real copies.
for f in "$jdk"/lib/security/*; do
  name="$(basename "$f")"
  rm -f "$out/lib/security/$name"
  cp -L "$f" "$out/lib/security/$name"
done
# A headless program: drop the AWT, sound and font libraries (and with them X11, ALSA, freetype).
# java.desktop stays for java.beans, which libraries reflect on.
rm -f "$out"/lib/lib{awt_xawt,awt_headless,splashscreen,jawt,jsound,fontmanager,lcms,javajpeg,mlib_image,awt}.so
printf '%s' "$stamp" > "$out.stamp"
