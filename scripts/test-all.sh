#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: packages, build, tests, sanitizer tests,
# formatting. This is the command .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

bash scripts/setup-test.sh

echo "== format check" >&2
bash scripts/check-format.sh

echo "== build (RelWithDebInfo, -Werror)" >&2
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"

echo "== tests" >&2
ctest --preset default -j "$jobs"

echo "== build (ASan + UBSan)" >&2
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"

echo "== tests under ASan + UBSan (unit, e2e)" >&2
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan -j "$jobs" -LE 'interop|load|bench'
