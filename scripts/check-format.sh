#!/usr/bin/env bash
# Fails if any of our C++ sources differs from clang-format's output.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' | grep -v '^build/' || true)
((${#files[@]})) || exit 0
clang-format --dry-run --Werror "${files[@]}"
