#!/usr/bin/env bash
# Times tgsession, Telethon 1.25.1 (Debian) and GramJS doing the same jobs against one local
# tgsession-testdc: user login, bot login, an online status check and a Telethon-file ->
# Telethon-string conversion. Prints mean wall time per operation, the ratio other/tgsession
# and peak RSS. Nothing is built here: build tgsession and tgsession-testdc first.
#
# usage: bench/compare_clients.sh [-n RUNS] [-t TRANSPORT] [--tools LIST] [--latency-ms MS]
#                                 [--json-out FILE]
#   build dir: $TGS_BUILD_DIR, default build/default
#   -n RUNS          timed runs per operation and tool (default 10, plus one warm-up)
#   -t TRANSPORT     full (default: Telethon's and GramJS's default), abridged, obfuscated,
#                    intermediate (GramJS has none and uses full)
#   --tools LIST     comma list, tgsession first (default tgsession,telethon,gramjs)
#   --latency-ms MS  passed to the test DC (delay per server packet; 0 = CPU + loopback only)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${TGS_BUILD_DIR:-$root/build/default}
runs=10 transport=full tools=tgsession,telethon,gramjs latency=0 json_out=
while (($#)); do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -t) transport=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    --latency-ms) latency=$2; shift 2 ;;
    --json-out) json_out=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "compare_clients: unknown argument $1" >&2; exit 2 ;;
  esac
done

tgsession=$build/app/tgsession/tgsession
testdc=$build/app/testdc/tgsession-testdc
node_dir=$root/tests/interop/node
for bin in "$tgsession" "$testdc"; do
  [ -x "$bin" ] || { echo "compare_clients: $bin not built (set TGS_BUILD_DIR?)" >&2; exit 1; }
done
case ",$tools," in *,telethon,*)
  /usr/bin/python3 -c 'import telethon' 2>/dev/null ||
    { echo "compare_clients: python3-telethon missing (scripts/setup-debian.sh)" >&2; exit 1; } ;;
esac
case ",$tools," in *,gramjs,*)
  [ -d "$node_dir/node_modules/telegram" ] ||
    { echo "compare_clients: $node_dir/node_modules/telegram missing (scripts/setup-debian.sh)" >&2; exit 1; } ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/tgs-compare.XXXXXX")
dc_pid=
cleanup() {
  if [ -n "$dc_pid" ]; then kill "$dc_pid" 2>/dev/null || true; wait "$dc_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# One test DC for every tool, on free ports; --write-config appears once it listens.
"$testdc" --port 0 --write-config "$work/config.json" --latency-ms "$latency" \
  >"$work/testdc.out" 2>"$work/testdc.err" &
dc_pid=$!
for _ in $(seq 100); do
  [ -s "$work/config.json" ] && break
  kill -0 "$dc_pid" 2>/dev/null || { cat "$work/testdc.err" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/config.json" ] || { echo "compare_clients: test DC did not start" >&2; exit 1; }

echo "tgsession $("$tgsession" --version 2>/dev/null || echo '(version unknown)') | Telethon" \
  "$(/usr/bin/python3 -c 'import telethon; print(telethon.__version__)' 2>/dev/null || echo -)" \
  "| GramJS $(node -p "require('$node_dir/node_modules/telegram/package.json').version" 2>/dev/null || echo -)" \
  "| $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

/usr/bin/python3 "$root/bench/compare_clients.py" --config "$work/config.json" \
  --tgsession "$tgsession" --node-dir "$node_dir" --runs "$runs" --transport "$transport" \
  --tools "$tools" ${json_out:+--json-out "$json_out"}
