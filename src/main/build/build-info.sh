#!/usr/bin/env bash
# Writes dev/lockstep/build-info.properties: the version, the Git commit and the build date that
# `lockstep version` prints. Run by every Maven build (generate-resources). Outside a Git checkout,
# or without git, the commit says so instead of failing the build. SOURCE_DATE_EPOCH, when set,
# fixes the date (reproducible builds).
#
#   src/main/build/build-info.sh <project dir> <output dir> <version>
set -euo pipefail
project="$1" out="$2/dev/lockstep" version="$3"
commit="none (built outside Git)"
if command -v git >/dev/null 2>&1 && id="$(git -C "$project" rev-parse --short=12 HEAD 2>/dev/null)"; then
  commit="$id"
  if [ -n "$(git -C "$project" status --porcelain --untracked-files=no 2>/dev/null | head -1)" ]; then
    commit="$id (modified)"
  fi
fi
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
else
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
fi
mkdir -p "$out"
printf 'version=%s\ncommit=%s\ndate=%s\n' "$version" "$commit" "$date" > "$out/build-info.properties.tmp"
mv "$out/build-info.properties.tmp" "$out/build-info.properties"
