#!/usr/bin/env bash
# Installs every Debian package tgsession builds, tests and benchmarks with, then the pinned npm
# packages the interop tests use. Idempotent: packages already present are not touched.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libssl-dev zlib1g-dev libsodium-dev libsqlite3-dev libsqlitecpp-dev
  libcli11-dev libspdlog-dev libasio-dev nlohmann-json3-dev libqrencode-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev clang-format
  sqlite3 python3 python3-telethon nodejs npm time
)

missing=()
for p in "${packages[@]}"; do
  # npm may already come with a non-Debian nodejs build; don't fight it.
  [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/tests/interop/node/package.json" ] && [ ! -d "$here/tests/interop/node/node_modules/telegram" ]; then
  echo "setup: npm ci in tests/interop/node" >&2
  (cd "$here/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
