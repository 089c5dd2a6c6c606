#!/usr/bin/env bash
# Builds Lockstep's container image as an OCI image layout tarball, without a container engine and
# without pulling a base image (this build environment reaches no container registry).
#
#   LOCKSTEP_RUNTIME_JDK=<JDK home or empty> src/main/image/build-image.sh <project dir> <output tar> <image tag>
#
# The image holds three layers:
#   1. runtime: the Java runtime of the release archive (src/main/dist/runtime.sh: jlink'ed from the
#      JDK that src/main/dist/runtime-jdk.sh picks; built once when both profiles run) at /opt/java,
#      the shared libraries it and bash need copied from the build host (found with ldd), bash,
#      dirname and find for the `lockstep` launcher, CA certificates, and /etc/passwd + /etc/group
#      with user lockstep (10001), and /workspace, the working directory;
#   2. the application's dependencies (target/quarkus-app/lib);
#   3. the application (the rest of target/quarkus-app) and the `lockstep` launcher under /app.
# The result is an OCI layout (oci-layout, index.json, blobs/) plus a docker-save manifest.json, so
# `skopeo copy oci-archive:...`, `podman load` and `docker load` all accept it. Layers are built
# reproducibly (sorted names, fixed mtime and owners, gzip -n).
#
# It must run on the architecture it builds for (linux/amd64 or arm64), since it copies host libraries.
set -euo pipefail

project="$(cd "$1" && pwd)"
out="$2"
tag="${3:-latest}"
app="$project/target/quarkus-app"
build_jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
java_home="$("$project/src/main/dist/runtime-jdk.sh" "${LOCKSTEP_RUNTIME_JDK:-${LOCKSTEP_IMAGE_JDK:-}}" "$build_jdk")"
uid=10001

[ -f "$app/quarkus-run.jar" ] || { echo "build-image: $app/quarkus-run.jar missing; run the package phase first" >&2; exit 1; }
arch="$("$project/src/main/dist/arch.sh")"

work="$project/target/image-build"
rm -rf "$work"
mkdir -p "$work"/{runtime,deps,app,oci/blobs/sha256}

# Layer 1: runtime, the same one the release archive carries.
rt="$work/runtime"
mkdir -p "$rt/opt" "$rt/bin" "$rt/usr/bin" "$rt/etc/ssl/certs" "$rt/tmp" "$rt/app" "$rt/var/lib/lockstep" "$rt/workspace"
"$project/src/main/dist/runtime.sh" "$java_home" "$project/target/runtime"
cp -a "$project/target/runtime" "$rt/opt/java"
cp -L /bin/bash "$rt/bin/bash"
ln -s bash "$rt/bin/sh"
cp -L "$(command -v dirname)" "$rt/usr/bin/dirname"
cp -L "$(command -v find)" "$rt/usr/bin/find"
cp -L "$(command -v env)" "$rt/usr/bin/env"
# netty-tcnative's BoringSSL (HTTPS) is unpacked to /tmp at run time; its libraries (librt,
# libgcc_s) must be in the image too.
tcn_arch=$(uname -m | sed 's/aarch64/aarch_64/')
tcn_jar=$(ls "$app"/lib/main/io.netty.netty-tcnative-boringssl-static-*-linux-"$tcn_arch".jar 2>/dev/null | head -1)
tcn_so="$work/libnetty_tcnative.so"
: > "$tcn_so"
if [ -n "$tcn_jar" ]; then unzip -p "$tcn_jar" "META-INF/native/libnetty_tcnative_linux_$tcn_arch.so" > "$tcn_so"; fi
# Every shared library the runtime's binaries and bash need, at the path the loader looks for it.
{ find "$rt/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) ; echo "$rt/bin/bash"; echo "$rt/usr/bin/find"; if [ -s "$tcn_so" ]; then echo "$tcn_so"; fi; } \
  | xargs -r ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u \
  | while read -r lib; do
      mkdir -p "$rt$(dirname "$lib")"
      cp -L "$lib" "$rt$lib"
    done
# glibc loads these at run time without ldd seeing them (name service, DNS).
for lib in /lib/*-linux-gnu/libnss_dns.so.2 /lib/*-linux-gnu/libnss_files.so.2 /lib/*-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && { mkdir -p "$rt$(dirname "$lib")"; cp -L "$lib" "$rt$lib"; }
done
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp -L /etc/ssl/certs/ca-certificates.crt "$rt/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/sbin/nologin\nlockstep:x:%s:%s:Lockstep:/var/lib/lockstep:/sbin/nologin\n' $uid $uid > "$rt/etc/passwd"
printf 'root:x:0:\nlockstep:x:%s:\n' $uid > "$rt/etc/group"
printf 'hosts: files dns\n' > "$rt/etc/nsswitch.conf"
chmod 1777 "$rt/tmp"
# World-writable and sticky like /tmp: the layer's files are all owned by root, and user 10001 must
# write its data here when no volume is mounted (the chart mounts an emptyDir).
chmod 1777 "$rt/var/lib/lockstep"
# The working directory of a CI step that uses the image (reports and plans land there), writable
# by user 10001 for the same reason; CI systems that mount their checkout elsewhere cd into it.
chmod 1777 "$rt/workspace"

# Layer 2: dependencies; layer 3: the application and its launcher, as the checkout lays them out.
mkdir -p "$work/deps/app/target/quarkus-app" "$work/app/app/target/quarkus-app"
cp -r "$app/lib" "$work/deps/app/target/quarkus-app/"
for f in "$app"/*; do
  [ "$(basename "$f")" = lib ] || cp -r "$f" "$work/app/app/target/quarkus-app/"
done
cp "$project/lockstep" "$work/app/app/lockstep"
chmod 0755 "$work/app/app/lockstep"

blobs="$work/oci/blobs/sha256"
# Writes one reproducible gzip layer; prints "<diff id> <digest> <size>".
layer() {
  local dir="$1" tarfile="$work/layer.tar"
  # The runtime layer keeps its ownership (root, lockstep's data folder is 10001); the others are root.
  tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      -C "$dir" -cf "$tarfile" .
  local diff; diff="$(sha256sum "$tarfile" | cut -d' ' -f1)"
  gzip -n -6 -c "$tarfile" > "$work/layer.tar.gz"
  local digest; digest="$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
  local size; size="$(stat -c %s "$work/layer.tar.gz")"
  mv "$work/layer.tar.gz" "$blobs/$digest"
  rm -f "$tarfile"
  echo "$diff $digest $size"
}
read -r rt_diff rt_digest rt_size < <(layer "$work/runtime")
read -r deps_diff deps_digest deps_size < <(layer "$work/deps")
read -r app_diff app_digest app_size < <(layer "$work/app")

version="$(grep -m1 '^JAVA_VERSION=' "$rt/opt/java/release" | cut -d'"' -f2)"
config="$work/config.json"
# /app is on PATH so a CI step can run `lockstep` by name (it holds only the launcher and target/);
# a link elsewhere would not do: the launcher finds the application beside its own path.
cat > "$config" <<JSON
{
  "architecture": "$arch",
  "os": "linux",
  "created": "1970-01-01T00:00:00Z",
  "config": {
    "User": "$uid:$uid",
    "Entrypoint": ["/app/lockstep"],
    "Cmd": ["serve"],
    "ExposedPorts": {"8080/tcp": {}, "9000/tcp": {}},
    "Env": [
      "PATH=/app:/opt/java/bin:/usr/bin:/bin",
      "JAVA_HOME=/opt/java",
      "LANG=C.UTF-8",
      "LOCKSTEP_DATA_DIR=/var/lib/lockstep"
    ],
    "WorkingDir": "/workspace",
    "Volumes": {"/var/lib/lockstep": {}, "/tmp": {}},
    "Labels": {
      "org.opencontainers.image.title": "lockstep",
      "org.opencontainers.image.description": "GitOps reconciler for Teleport Managed Updates",
      "org.opencontainers.image.version": "$tag",
      "org.opencontainers.image.base.name": "jlink runtime of OpenJDK $version with host glibc (no base image)"
    }
  },
  "rootfs": {
    "type": "layers",
    "diff_ids": ["sha256:$rt_diff", "sha256:$deps_diff", "sha256:$app_diff"]
  },
  "history": [
    {"created": "1970-01-01T00:00:00Z", "created_by": "build-image.sh: jlink runtime (OpenJDK $version), glibc, bash, CA certificates, user lockstep"},
    {"created": "1970-01-01T00:00:00Z", "created_by": "build-image.sh: target/quarkus-app/lib"},
    {"created": "1970-01-01T00:00:00Z", "created_by": "build-image.sh: target/quarkus-app and the lockstep launcher"}
  ]
}
JSON
config_digest="$(sha256sum "$config" | cut -d' ' -f1)"
config_size="$(stat -c %s "$config")"
mv "$config" "$blobs/$config_digest"

manifest="$work/manifest.json"
cat > "$manifest" <<JSON
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:$config_digest", "size": $config_size},
  "layers": [
    {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:$rt_digest", "size": $rt_size},
    {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:$deps_digest", "size": $deps_size},
    {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:$app_digest", "size": $app_size}
  ]
}
JSON
manifest_digest="$(sha256sum "$manifest" | cut -d' ' -f1)"
manifest_size="$(stat -c %s "$manifest")"
mv "$manifest" "$blobs/$manifest_digest"

printf '{"imageLayoutVersion": "1.0.0"}\n' > "$work/oci/oci-layout"
cat > "$work/oci/index.json" <<JSON
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:$manifest_digest", "size": $manifest_size,
     "platform": {"architecture": "$arch", "os": "linux"},
     "annotations": {"org.opencontainers.image.ref.name": "$tag", "io.containerd.image.name": "lockstep:$tag"}}
  ]
}
JSON
# docker load reads manifest.json (docker-save format) from the same archive.
cat > "$work/oci/manifest.json" <<JSON
[{"Config": "blobs/sha256/$config_digest", "RepoTags": ["lockstep:$tag"],
  "Layers": ["blobs/sha256/$rt_digest", "blobs/sha256/$deps_digest", "blobs/sha256/$app_digest"]}]
JSON

mkdir -p "$(dirname "$out")"
tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner -C "$work/oci" -cf "$out.tmp" .
mv "$out.tmp" "$out"
rm -rf "$work/runtime" "$work/deps" "$work/app"
echo "build-image: $out (lockstep:$tag, $arch, manifest sha256:$manifest_digest, $(du -h "$out" | cut -f1))"
