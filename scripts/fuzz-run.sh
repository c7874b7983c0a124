#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, -fsanitize=fuzzer,address,undefined,
# only the fuzzers and the libraries they link) and runs each one for a bounded time on its
# in-tree corpus (tests/fuzz/corpus/<name>, read only: new inputs go to a scratch directory),
# one after another (scripts/fuzz-one.sh). Prints executions and coverage per target; exits
# non-zero if any target finds a crash, sanitizer report or leak (the reproducer is kept in
# build/fuzz/findings/). CI runs the same fuzzers through CTest instead (`ctest --preset fuzz`).
#
#   scripts/fuzz-run.sh                 # every target, TGS_FUZZ_SECONDS (default 15) each
#   scripts/fuzz-run.sh 600 tl_mt tl_api   # a longer campaign on some targets
#   TGS_FUZZ_JOBS=2 scripts/fuzz-run.sh 3600   # one libFuzzer worker per job and target
#   TGS_FUZZ_RUNS=10000000 scripts/fuzz-run.sh 0 tl_mt   # a fixed number of executions
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${TGS_FUZZ_SECONDS:-15}}
shift || true
jobs=${TGS_FUZZ_JOBS:-1}
all=(transport_server transport_client tl_api tl_mt container client_packet client_body
     server_packet server_body handshake_client session_string session_file rpc_handler
     sqlite_image rsa_public_pem tdata proxy_url proxy_handshake fake_tls)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

extra=()
((jobs > 1)) && extra+=(-jobs="$jobs" -workers="$jobs")
[ -n "${TGS_FUZZ_RUNS:-}" ] && extra+=(-runs="$TGS_FUZZ_RUNS")
failed=()
printf '%-18s %12s %10s %8s %8s\n' target executions exec/s cov ft
for t in "${targets[@]}"; do
  scripts/fuzz-one.sh "build/fuzz/fuzz/fuzz_$t" "tests/fuzz/corpus/$t" "$seconds" \
    build/fuzz/findings "${extra[@]}" || failed+=("$t")
done
((${#failed[@]} == 0)) || { echo "fuzz: findings in ${failed[*]}" >&2; exit 1; }
