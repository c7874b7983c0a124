#!/usr/bin/env bash
# The main job in one command: install packages, build tgsession and tgsession-testdc, start a
# local test DC on free ports, log in a test account (interactive on a terminal; otherwise
# scripted with the test-DC convention: phone 9996621234 is homed on DC 2, its code is 22222),
# show `status`, and stop the DC.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)

bash scripts/setup-debian.sh

# The release preset needs nothing from the test toolchain (scripts/setup-test.sh).
echo "== build (tgsession, tgsession-testdc)" >&2
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs" --target tgsession tgsession-testdc
bin="$root/build/release"
tgsession="$bin/app/tgsession/tgsession"
testdc="$bin/app/testdc/tgsession-testdc"

work=$(mktemp -d "${TMPDIR:-/tmp}/tgsession-demo.XXXXXX")
dc_pid=""
cleanup() {
  if [ -n "$dc_pid" ] && kill -0 "$dc_pid" 2>/dev/null; then
    kill "$dc_pid" 2>/dev/null || true
    wait "$dc_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== starting tgsession-testdc in $work" >&2
"$testdc" --port 0 --write-config "$work/dc.json" >"$work/testdc.out" 2>"$work/testdc.err" &
dc_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/dc.json" ] && break
  kill -0 "$dc_pid" 2>/dev/null || { cat "$work/testdc.err" >&2; exit 69; }
  sleep 0.1
done
[ -s "$work/dc.json" ] || { echo "demo: the test DC did not start" >&2; exit 69; }

# The test DC accepts any API id/hash; real Telegram needs your own from my.telegram.org.
export TG_API_ID=${TG_API_ID:-12345}
export TG_API_HASH=${TG_API_HASH:-0123456789abcdef0123456789abcdef}
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
session="$work/demo"   # becomes demo.session
common=(--server-config "$work/dc.json")

echo "== login" >&2
if [ -t 0 ] && [ -t 2 ]; then
  echo "Test account: phone 9996621234 (DC 2), code 22222. Or type a bot token." >&2
  "$tgsession" "${common[@]}" login "$session"
else
  TGSESSION_CODE=22222 "$tgsession" "${common[@]}" login "$session" --phone 9996621234
fi

echo "== status" >&2
"$tgsession" "${common[@]}" status "$session"
"$tgsession" "${common[@]}" status --offline "$session"

echo "== done: the DC stops now (the session file is removed with the temp dir)" >&2
