#!/usr/bin/env bash
# Debian packages the end-to-end test needs: chromium (driven by playwright-core) and the
# headers code-server's native modules compile against. Run as root.
set -euo pipefail
PKGS=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3 ripgrep fonts-dejavu-core)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
