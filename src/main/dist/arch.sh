#!/usr/bin/env bash
# Prints this machine's architecture as release archives and OCI images name it (amd64, arm64).
set -euo pipefail
case "$(uname -m)" in
  x86_64) echo amd64 ;;
  aarch64) echo arm64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
