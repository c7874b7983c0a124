#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, -fsanitize=fuzzer,address,undefined,
# only the fuzzers and the libraries they link) and runs each one for a bounded time on its
# in-tree corpus (tests/fuzz/corpus/<name>, read only: new inputs go to a scratch directory).
# Prints executions and coverage per target; exits non-zero if any target finds a crash,
# sanitizer report or leak (the reproducer is kept in build/fuzz/findings/).
#
#   scripts/fuzz-run.sh                 # every target, TGS_FUZZ_SECONDS (default 15) each
#   scripts/fuzz-run.sh 600 tl_mt tl_api   # a longer campaign on some targets
#   TGS_FUZZ_JOBS=2 scripts/fuzz-run.sh 3600   # one libFuzzer worker per job and target
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${TGS_FUZZ_SECONDS:-15}}
shift || true
jobs=${TGS_FUZZ_JOBS:-1}
all=(transport_server transport_client tl_api tl_mt container client_packet client_body
     server_packet server_body handshake_client session_string session_file rpc_handler)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

findings=build/fuzz/findings
mkdir -p "$findings"
failed=()
total=0
printf '%-18s %12s %10s %8s %8s\n' target executions exec/s cov ft
for t in "${targets[@]}"; do
  scratch=$(mktemp -d)
  log=build/fuzz/$t.log
  rc=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build/fuzz/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -jobs="$jobs" -workers="$jobs" \
      -artifact_prefix="$findings/$t-" "$scratch" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  rm -rf "$scratch"
  # With -jobs the workers log to fuzz-N.log in the working directory; fold them in.
  for w in fuzz-*.log; do [ -f "$w" ] && cat "$w" >>"$log" && rm -f "$w"; done
  execs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
  rate=$(grep -h 'stat::average_exec_per_sec' "$log" | awk '{s += $2} END {print s + 0}')
  cov=$(grep -ohE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -ohE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  printf '%-18s %12s %10s %8s %8s\n' "$t" "$execs" "$rate" "${cov:--}" "${ft:--}"
  total=$((total + execs))
  if ((rc != 0)); then
    failed+=("$t")
    echo "fuzz: $t failed (exit $rc); log: $log" >&2
    grep -m 20 -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" >&2 || true
  fi
done
echo "fuzz: $total executions in total, ${seconds} s per target"
((${#failed[@]} == 0)) || { echo "fuzz: findings in ${failed[*]}" >&2; exit 1; }
