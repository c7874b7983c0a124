#!/usr/bin/env bash
# Installs the Debian packages that building and running tgsession, tgsession-testdc and the
# library need, and nothing more (the test toolchain is scripts/setup-test.sh, which calls this
# with its own packages as arguments). Idempotent: packages already present are not touched.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libssl-dev zlib1g-dev libsodium-dev libsqlite3-dev libsqlitecpp-dev
  libcli11-dev libspdlog-dev libasio-dev nlohmann-json3-dev libqrencode-dev libpq-dev
  "$@"
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
