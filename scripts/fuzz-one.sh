#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time on a scratch copy of its in-tree corpus and prints
# one line: target, executions, exec/s, coverage (cov, ft). Exits non-zero on a crash, sanitizer
# report, leak or timeout; the reproducer is kept under FINDINGS_DIR and the log's first error
# lines are printed. Used by scripts/fuzz-run.sh and by the CTest tests of the `fuzz` preset.
#
#   scripts/fuzz-one.sh FUZZER_BINARY CORPUS_DIR SECONDS FINDINGS_DIR [extra libFuzzer flags]
#
# TGS_FUZZ_KEEP=DIR keeps the new inputs in DIR/<target> (created if missing) instead of a scratch
# directory, so a campaign split into several runs resumes from what the earlier runs found.
set -euo pipefail

mkdir -p "$4"
bin=$(realpath "$1") corpus=$(realpath "$2") seconds=$3 findings=$(realpath "$4")
shift 4
t=$(basename "$bin")
t=${t#fuzz_}
log="$findings/$t.log"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/logs"
new="$scratch/new"
[ -n "${TGS_FUZZ_KEEP:-}" ] && new="$(realpath -m "$TGS_FUZZ_KEEP")/$t"
mkdir -p "$new"
# Per-target flags. rpc_handler's test DC keeps its state across inputs by design (a login
# makes later calls reach further), so nearly every input ends with more allocations than frees;
# libFuzzer then reruns the input and scans the whole heap for leaks: 9 times the CPU per
# input. Its state stays reachable from the handler: a real leak still fails the run at exit
# (LSan's exit check, without naming the input).
per_target=()
case $t in
  rpc_handler) per_target+=(-detect_leaks=0) ;;
esac
rc=0
# New inputs go to the scratch directory (listed first); the checked-in corpus is only read.
# With -jobs, libFuzzer's workers write fuzz-N.log into the working directory: the scratch one.
(cd "$scratch/logs" &&
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$findings/$t-" "${per_target[@]}" "$@" "$new" "$corpus") \
  >"$log" 2>&1 || rc=$?
for w in "$scratch"/logs/fuzz-*.log; do [ -f "$w" ] && cat "$w" >>"$log"; done
execs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
rate=$(grep -h 'stat::average_exec_per_sec' "$log" | awk '{s += $2} END {print s + 0}')
cov=$(grep -ohE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
ft=$(grep -ohE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
printf '%-18s %12s %10s %8s %8s\n' "$t" "$execs" "$rate" "${cov:--}" "${ft:--}"
if ((rc != 0)); then
  echo "fuzz: $t failed (exit $rc); log: $log" >&2
  grep -m 20 -E 'ERROR|runtime error|SUMMARY|Test unit written|exception' "$log" >&2 || true
  exit 1
fi
