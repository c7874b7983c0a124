#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: packages, build, tests, sanitizer tests,
# formatting. This is the command .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

# A failing test stage does not stop the later ones (a red normal stage would otherwise hide
# what the sanitizer and fuzz stages say); the script fails at the end, naming each stage.
failed_stages=()
run_stage() {
  local name=$1
  shift
  if ! "$@"; then
    failed_stages+=("$name")
  fi
}

bash scripts/setup-test.sh

echo "== format check" >&2
bash scripts/check-format.sh

echo "== build (RelWithDebInfo, -Werror)" >&2
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"

echo "== tests" >&2
run_stage tests ctest --preset default -j "$jobs"

echo "== build (ASan + UBSan)" >&2
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"

echo "== tests under ASan + UBSan (unit, e2e)" >&2
run_stage asan env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan -j "$jobs" -LE 'interop|load|bench'

# The libFuzzer targets need their own clang build (every library instrumented), so they are
# CTest tests of the `fuzz` preset rather than of the default build: each runs
# TGS_FUZZ_SECONDS (5) on its in-tree corpus, printing executions and coverage, and fails on
# any crash, sanitizer report or leak (reproducers in build/fuzz/findings/).
echo "== build (libFuzzer, clang-14, ASan + UBSan)" >&2
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"

echo "== libFuzzer targets, bounded runs (label fuzz)" >&2
run_stage fuzz ctest --preset fuzz -j "$jobs" -L fuzz

if ((${#failed_stages[@]})); then
  echo "== FAILED stages: ${failed_stages[*]}" >&2
  exit 1
fi
echo "== all stages passed" >&2
