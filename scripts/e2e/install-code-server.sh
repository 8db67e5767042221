#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 served to a browser) into .cache/code-server,
# for the end-to-end test only. Newer releases refuse Node 20 in their postinstall.
# Idempotent: a finished install (the marker file) is reused.
# Needs (Debian): chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config
# build-essential python3 ripgrep; scripts/e2e/apt-packages.sh installs them.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
D="$ROOT/.cache/code-server"
VERSION=4.100.3
MARKER="$D/installed-$VERSION"
if [[ -f "$MARKER" && -x "$D/node_modules/.bin/code-server" ]]; then
  echo "code-server $VERSION already in $D"
  exit 0
fi
mkdir -p "$D/tmp"
cd "$D"
[[ -f package.json ]] || echo '{ "name": "sipmig-e2e-code-server", "private": true }' > package.json
# @vscode/ripgrep's postinstall downloads rg; seed its cache with Debian's rg instead.
RG_CACHE="$D/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
RG="$(command -v rg)"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$RG")" rg
# nodedir: build native modules against the installed headers (no header download);
# yes: node-pty's postinstall runs npx node-gyp; unsafe-perm: we run as root in CI.
TMPDIR="$D/tmp" npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$VERSION"
touch "$MARKER"
echo "code-server $VERSION installed in $D"
