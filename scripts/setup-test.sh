#!/usr/bin/env bash
# Installs everything the test suite needs on top of what building needs: GoogleTest and
# benchmark, clang (libFuzzer, sanitizers) and clang-format, the third-party clients the interop
# tests run (Telethon from Debian, GramJS, mtcute and @mtcute/convert pinned in npm), and the tools the
# install tests drive (dpkg-dev for cpack, man-db, bash-completion), python3-cryptography for the
# independent tdata implementation, and Telegram Desktop 4.6.5 with Xvfb for the `desktop` test
# (about 250 MB). Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

test_packages=(
  git libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev clang-format
  sqlite3 python3 python3-telethon nodejs npm time postgresql python3-psycopg2
  dpkg-dev man-db bash-completion
  dante-server microsocks tinyproxy
  python3-cryptography
  telegram-desktop xvfb xauth
)
bash "$here/scripts/setup-debian.sh" "${test_packages[@]}"

if [ -f "$here/tests/interop/node/package.json" ] && [ ! -d "$here/tests/interop/node/node_modules/telegram" ]; then
  echo "setup: npm ci in tests/interop/node" >&2
  (cd "$here/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
