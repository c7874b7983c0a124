#!/usr/bin/env bash
# MTProto 2.0 message encrypt/decrypt: tgs_bench_handshake's BM_{Encrypt,Decrypt}Message
# against Telethon 1.25.1's MTProtoState, same body sizes, run one after the other here.
# Prints CPU time per message and the ratio Telethon / tgsession.
#
# usage: bench/compare_message_crypto.sh     (build dir: $TGS_BUILD_DIR, default build/default)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${TGS_BUILD_DIR:-$root/build/default}
bench=$build/bench/tgs_bench_handshake
[ -x "$bench" ] || { echo "compare_message_crypto: $bench not built (TGS_BUILD_BENCH=ON)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tgs-msgcrypto.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bench" --benchmark_filter='Message' --benchmark_format=json --benchmark_min_time=0.5 \
  >"$work/ours.json" 2>/dev/null
/usr/bin/python3 "$root/bench/clients/telethon_message_crypto.py" 1024 65536 >"$work/telethon.json"

/usr/bin/python3 - "$work/ours.json" "$work/telethon.json" <<'EOF'
import json, sys
ours = {b['name']: b for b in json.load(open(sys.argv[1]))['benchmarks']}
theirs = json.load(open(sys.argv[2]))
def ns(b):
    scale = {'ns': 1, 'us': 1e3, 'ms': 1e6, 's': 1e9}[b['time_unit']]
    return b['cpu_time'] * scale
print('%-9s %8s %14s %14s %8s' % ('op', 'body', 'tgsession', 'Telethon', 'ratio'))
for op, bm in (('encrypt', 'BM_EncryptMessage'), ('decrypt', 'BM_DecryptMessage')):
    for size in (1024, 65536):
        a = ns(ours['%s/%d' % (bm, size)]) / 1e3
        t = theirs[op][str(size)] * 1e6
        print('%-9s %7dK %11.1f us %11.1f us %7.1fx' % (op, size // 1024, a, t, t / a))
print('CPU time per message; ratio = Telethon / tgsession. Telethon AES backend: %s.'
      % theirs['aes_backend'])
EOF
