#!/usr/bin/env python3
"""Writes one API schema per layer (OUT/<layer>.tl) from the git history of public client
repositories, to derive lib/tl/schema/history/layer_history.tl from (see extract.py).

Sources, each a git directory (e.g. from a `git clone --mirror`):
  --tdlib DIR     github.com/tdlib/td: td/generate/scheme/telegram_api.tl, its layer read from
                  td/telegram/Version.h (MTPROTO_LAYER) at the same commit;
  --tdesktop DIR  github.com/telegramdesktop/tdesktop: the api.tl of the day (it moved three
                  times), its layer from the `// LAYER N` trailer.
For each layer the last commit still at that layer wins (a layer's schema is sometimes fixed
after its first release); tdlib is preferred, tdesktop fills the layers tdlib skipped.
Usage: snapshots.py --tdlib DIR --tdesktop DIR --from 133 --to 228 OUT
"""
import argparse
import os
import re
import subprocess


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True,
                          capture_output=True).stdout.decode("utf-8", "replace")


def commits(repo, paths):
    out = git(repo, "log", "--format=%H", "--", *paths)
    return out.split()


def tdlib_snapshots(repo, lo, hi):
    found = {}
    for c in commits(repo, ["td/generate/scheme/telegram_api.tl", "td/telegram/Version.h"]):
        try:
            version = git(repo, "show", f"{c}:td/telegram/Version.h")
        except subprocess.CalledProcessError:
            continue
        m = re.search(r"MTPROTO_LAYER\s*=\s*(\d+)", version)
        if not m:
            continue
        layer = int(m.group(1))
        if lo <= layer <= hi and layer not in found:  # newest first: the last one wins
            found[layer] = (c, git(repo, "show", f"{c}:td/generate/scheme/telegram_api.tl"))
    return found


TDESKTOP_PATHS = ["Telegram/SourceFiles/mtproto/scheme/api.tl", "Telegram/Resources/tl/api.tl",
                  "Telegram/SourceFiles/mtproto/scheme.tl", "Telegram/Resources/scheme.tl"]


def tdesktop_snapshots(repo, lo, hi):
    found = {}
    for c in commits(repo, TDESKTOP_PATHS):
        for p in TDESKTOP_PATHS:
            try:
                text = git(repo, "show", f"{c}:{p}")
            except subprocess.CalledProcessError:
                continue
            m = re.findall(r"//\s*LAYER\s+(\d+)", text)
            if not m:
                continue
            layer = int(m[-1])
            if lo <= layer <= hi and layer not in found:
                found[layer] = (c, text)
            break
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tdlib")
    ap.add_argument("--tdesktop")
    ap.add_argument("--from", dest="lo", type=int, default=133)
    ap.add_argument("--to", dest="hi", type=int, default=228)
    ap.add_argument("out")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    sources = []
    if a.tdlib:
        sources.append(("tdlib", tdlib_snapshots(a.tdlib, a.lo, a.hi)))
    if a.tdesktop:
        sources.append(("tdesktop", tdesktop_snapshots(a.tdesktop, a.lo, a.hi)))
    for layer in range(a.lo, a.hi + 1):
        for name, snaps in sources:
            if layer in snaps:
                commit, text = snaps[layer]
                with open(os.path.join(a.out, f"{layer}.tl"), "w") as f:
                    f.write(f"// source: {name} {commit}\n{text}")
                print(layer, name, commit[:12])
                break
        else:
            print(layer, "missing")


if __name__ == "__main__":
    main()
